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
///
/// Compiled code reaches a name through its slot (`slot(for:)`, resolved once when
/// the code is compiled), so a global access is a lock and an array read, without
/// hashing the name. Slots are never reused: deleting a name empties its slot.
public final class Globals: Sendable {
    private struct Table {
        var index: [String: Int] = [:]
        var slotNames: [String] = []
        var values: [Value?] = []
        /// Bound names in the order they were bound.
        var order: [String] = []

        mutating func slot(for name: String) -> Int {
            if let i = index[name] { return i }
            index[name] = values.count
            slotNames.append(name)
            values.append(nil)
            return values.count - 1
        }

        mutating func set(_ slot: Int, _ value: Value) {
            if values[slot] == nil { order.append(slotNames[slot]) }
            values[slot] = value
        }

        mutating func remove(_ slot: Int) -> Value? {
            guard let old = values[slot] else { return nil }
            values[slot] = nil
            let name = slotNames[slot]
            order.removeAll { $0 == name }
            return old
        }
    }

    private let table = Mutex(Table())

    public init(_ values: [String: Value] = [:]) {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { set(name, value) }
    }

    public subscript(_ name: String) -> Value? {
        table.withLock { t in t.index[name].flatMap { t.values[$0] } }
    }

    public func set(_ name: String, _ value: Value) {
        table.withLock { t in t.set(t.slot(for: name), value) }
    }

    @discardableResult
    public func remove(_ name: String) -> Value? {
        table.withLock { t in t.index[name].flatMap { t.remove($0) } }
    }

    /// Names in the order they were bound.
    public var names: [String] { table.withLock { $0.order } }

    public func removeAll() {
        table.withLock { t in
            for i in t.values.indices { t.values[i] = nil }
            t.order.removeAll()
        }
    }

    // MARK: Slots

    /// The slot of `name`, made empty if the name is new.
    func slot(for name: String) -> Int { table.withLock { $0.slot(for: name) } }

    @inline(__always)
    func value(at slot: Int) -> Value? { table.withLock { $0.values[slot] } }

    func set(at slot: Int, _ value: Value) { table.withLock { $0.set(slot, value) } }

    func remove(at slot: Int) -> Value? { table.withLock { $0.remove(slot) } }

    func name(at slot: Int) -> String { table.withLock { $0.slotNames[slot] } }
}

/// The compiled form of a `def` or `lambda`: its parameters, resolved scope and
/// compiled body. Made once when the module is compiled, shared by every function
/// object the `def` creates and by every thread that calls them.
public final class FunctionCode: Sendable {
    public let name: String
    public let parameters: Parameters
    public let docstring: String?
    public let location: SourceLocation
    let scope: Scope
    let body: CompiledBody
    /// Where each parameter is stored in a new frame.
    let parameterSlots: [NameResolution]
    /// For each free variable (in the order of the scope's free cells), the cell slot
    /// of the defining frame it is captured from.
    let closureSources: [Int]
    /// No `*args`, `**kwargs` or keyword-only parameters: positional calls bind directly.
    let onlyRegularParameters: Bool

    init(name: String, parameters: Parameters, docstring: String?, location: SourceLocation, scope: Scope,
         body: CompiledBody, closureSources: [Int]) {
        self.name = name
        self.parameters = parameters
        self.docstring = docstring
        self.location = location
        self.scope = scope
        self.body = body
        self.parameterSlots = parameters.map { scope.resolve($0.name) }
        self.closureSources = closureSources
        self.onlyRegularParameters = parameters.allSatisfy { $0.kind == .regular }
    }
}

/// A user-defined function: code, defaults evaluated at `def` time, the module
/// globals, and the captured cells. Immutable, so any thread may call it.
public final class Function: Sendable {
    public let code: FunctionCode
    /// One per parameter: the evaluated default, if any.
    public let defaults: [Value?]
    public let globals: Globals
    /// The captured cells, in the order of the code's free variables.
    let closureCells: [Cell]
    let bindParameters: [BindParameter]

    init(code: FunctionCode, defaults: [Value?], globals: Globals, closure: [Cell]) {
        self.code = code
        self.defaults = defaults
        self.globals = globals
        self.closureCells = closure
        self.bindParameters = code.parameters.enumerated().map { i, p in
            BindParameter(name: p.name, kind: Function.kind(p.kind), mayBeOmitted: defaults[i] != nil)
        }
    }

    static func kind(_ kind: Parameter.Kind) -> Signature.Kind {
        switch kind {
        case .regular: return .regular
        case .variadic: return .variadic
        case .keywordOnly: return .keywordOnly
        case .variadicKeywords: return .variadicKeywords
        }
    }

    public var name: String { code.name }
    public var doc: String? { code.docstring }

    /// The captured variables by name.
    public var closure: [String: Cell] {
        let names = code.scope.cellNames.dropFirst(code.scope.ownCellCount)
        return Dictionary(uniqueKeysWithValues: zip(names, closureCells))
    }

    /// The signature `help` and completion show, defaults in their repr.
    public var signature: Signature {
        Signature(name: code.name, parameters: code.parameters.enumerated().map { i, p in
            Signature.Parameter(name: p.name, kind: Function.kind(p.kind), defaultValue: defaults[i],
                                defaultText: defaults[i].map { $0.repr })
        })
    }
}
