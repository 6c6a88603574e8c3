import DuskSyntax
import Synchronization

/// A variable captured by a closure (or declared `nonlocal`): shared between the
/// frame that owns it and every function that captured it.
public final class Cell: Sendable {
    private let slot: Mutex<Value?>
    public init(_ value: Value? = nil) { slot = Mutex(value) }
    public var value: Value? {
        get { slot.withLock { $0 } }
    }
    public func set(_ value: Value?) { slot.withLock { $0 = value } }
}

/// A table of global variables: a module's, or the built-in layer.
public final class Globals: Sendable {
    private let table: Mutex<[String: Value]>
    private let order: Mutex<[String]>

    public init(_ values: [String: Value] = [:]) {
        table = Mutex(values)
        order = Mutex(values.keys.sorted())
    }

    public subscript(_ name: String) -> Value? {
        table.withLock { $0[name] }
    }

    public func set(_ name: String, _ value: Value) {
        let isNew = table.withLock { $0.updateValue(value, forKey: name) == nil }
        if isNew { order.withLock { $0.append(name) } }
    }

    @discardableResult
    public func remove(_ name: String) -> Value? {
        let old = table.withLock { $0.removeValue(forKey: name) }
        if old != nil { order.withLock { $0.removeAll { $0 == name } } }
        return old
    }

    /// Names in the order they were first bound.
    public var names: [String] { order.withLock { $0 } }

    public func removeAll() {
        table.withLock { $0.removeAll() }
        order.withLock { $0.removeAll() }
    }
}

/// The compiled form of a `def`, `lambda` or comprehension: its parameters, body
/// and resolved scope. Shared by every function object made from the same source.
public final class FunctionCode: Sendable {
    public enum Body: Sendable {
        case statements([Stmt])
        case expression(Expr)
    }

    public let name: String
    public let parameters: Parameters
    public let body: Body
    public let docstring: String?
    public let location: SourceLocation
    let scope: Scope

    init(name: String, parameters: Parameters, body: Body, docstring: String?, location: SourceLocation, scope: Scope) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.docstring = docstring
        self.location = location
        self.scope = scope
    }
}

/// A user-defined function: code, defaults evaluated at `def` time, the module
/// globals, and the captured cells. Immutable, so any thread may call it.
public final class Function: Sendable {
    public let code: FunctionCode
    /// One per parameter: the evaluated default, if any.
    public let defaults: [Value?]
    public let globals: Globals
    let closure: [String: Cell]
    let bindParameters: [BindParameter]

    init(code: FunctionCode, defaults: [Value?], globals: Globals, closure: [String: Cell]) {
        self.code = code
        self.defaults = defaults
        self.globals = globals
        self.closure = closure
        self.bindParameters = code.parameters.enumerated().map { i, p in
            let kind: Signature.Kind
            switch p.kind {
            case .regular: kind = .regular
            case .variadic: kind = .variadic
            case .keywordOnly: kind = .keywordOnly
            case .variadicKeywords: kind = .variadicKeywords
            }
            return BindParameter(name: p.name, kind: kind, mayBeOmitted: defaults[i] != nil)
        }
    }

    public var name: String { code.name }
    public var doc: String? { code.docstring }

    /// The signature `help` and completion show, defaults in their repr.
    public var signature: Signature {
        Signature(name: code.name, parameters: code.parameters.enumerated().map { i, p in
            let kind: Signature.Kind
            switch p.kind {
            case .regular: kind = .regular
            case .variadic: kind = .variadic
            case .keywordOnly: kind = .keywordOnly
            case .variadicKeywords: kind = .variadicKeywords
            }
            return Signature.Parameter(name: p.name, kind: kind, defaultValue: defaults[i],
                                       defaultText: defaults[i].map { $0.repr })
        })
    }
}
