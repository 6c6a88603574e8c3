/// A native function: its signature, one-line documentation and implementation.
///
/// Built-ins are made through the registry (`Builtins.register`) or directly for
/// methods of library types. The implementation receives its arguments already
/// bound to the signature (defaults filled in) and the caller's execution context.
public final class Builtin: Sendable {
    public typealias Body = @Sendable (Args, ExecutionContext) throws -> Value

    public let name: String
    /// The namespace it was registered in (`numpy`), or nil for global built-ins and methods.
    public let module: String?
    public let signature: Signature
    public let doc: String
    let body: Body
    private let bindParameters: [BindParameter]
    /// Each parameter's default (nil: none), appended to the slots of a call that omits it.
    private let defaults: [Value?]
    /// Every parameter is positional (no `*args`, keyword-only or `**kwargs`): a call with
    /// positional arguments only binds them in order.
    private let onlyPositional: Bool
    /// How many leading parameters a positional call must give.
    private let requiredCount: Int

    /// Makes a built-in from signature text such as `"round(number, ndigits=None)"`.
    /// Malformed signature text is a programming error.
    public init(_ signatureText: String, module: String? = nil, doc: String, _ body: @escaping Body) {
        guard let signature = Signature(parsing: signatureText) else {
            preconditionFailure("malformed built-in signature: \(signatureText)")
        }
        self.name = signature.name
        self.module = module
        self.signature = signature
        self.doc = doc
        self.body = body
        self.bindParameters = signature.bindParameters
        self.defaults = signature.parameters.map(\.defaultValue)
        (self.onlyPositional, self.requiredCount) = Builtin.positionalShape(bindParameters)
    }

    public init(signature: Signature, module: String? = nil, doc: String, _ body: @escaping Body) {
        self.name = signature.name
        self.module = module
        self.signature = signature
        self.doc = doc
        self.body = body
        self.bindParameters = signature.bindParameters
        self.defaults = signature.parameters.map(\.defaultValue)
        (self.onlyPositional, self.requiredCount) = Builtin.positionalShape(bindParameters)
    }

    private static func positionalShape(_ parameters: [BindParameter]) -> (Bool, Int) {
        let positional = parameters.allSatisfy { $0.kind == .regular || $0.kind == .positionalOnly }
        return (positional, (parameters.lastIndex { !$0.mayBeOmitted } ?? -1) + 1)
    }

    /// `numpy.ones`, or the bare name.
    public var qualifiedName: String { module.map { "\($0).\(name)" } ?? name }

    /// True when a call with `count` positional arguments (and no keywords) binds them in order.
    @inline(__always)
    func acceptsPositional(_ count: Int) -> Bool {
        onlyPositional && count >= requiredCount && count <= bindParameters.count
    }

    /// Runs the body with positional arguments already in `slots` (a call that
    /// `acceptsPositional`); the defaults of the other parameters are appended.
    func invoke(positional slots: consuming ArgumentSlots, context: ExecutionContext) throws -> Value {
        if slots.count < defaults.count {
            for i in slots.count..<defaults.count { slots.append(defaults[i]) }
        }
        return try body(Args(builtin: self, slots: consume slots), context)
    }

    /// Binds `arguments` and runs the body.
    public func invoke(_ arguments: Arguments, context: ExecutionContext) throws -> Value {
        let positional = arguments.positional
        if onlyPositional, arguments.keywords.isEmpty, positional.count >= requiredCount,
           positional.count <= bindParameters.count {
            var filled = ArgumentSlots()
            for v in positional { filled.append(v) }
            for i in positional.count..<defaults.count { filled.append(defaults[i]) }
            return try body(Args(builtin: self, slots: filled), context)
        }
        let slots = try bindArguments(arguments, to: bindParameters, function: name)
        var filled = ArgumentSlots()
        for i in defaults.indices { filled.append(slots[i] ?? defaults[i]) }
        return try body(Args(builtin: self, slots: filled), context)
    }
}

/// The bound arguments a built-in's body receives, with typed accessors whose
/// errors name the function and parameter.
public struct Args {
    /// The built-in called (one reference: its name and signature are read from it only
    /// when needed, so making and dropping the arguments of a call retains one object).
    let builtin: Builtin
    let slots: ArgumentSlots

    public var function: String { builtin.name }
    public var signature: Signature { builtin.signature }

    /// The argument for parameter `i` (`None` when optional and omitted).
    public subscript(_ i: Int) -> Value { slots[i] ?? .none }

    /// The argument for the parameter named `name`.
    public subscript(_ name: String) -> Value {
        guard let i = signature.parameters.firstIndex(where: { $0.name == name }) else { return .none }
        return self[i]
    }

    /// False when an optional parameter (`name?`) was omitted.
    public func has(_ i: Int) -> Bool { slots[i] != nil }

    /// False when the argument is absent or `None`.
    public func given(_ i: Int) -> Bool { if let v = slots[i], !v.isNone { return true }; return false }

    /// The `*args` tuple.
    public var variadic: [Value] {
        guard let i = signature.parameters.firstIndex(where: { $0.kind == .variadic }),
              case .tuple(let items)? = slots[i] else { return [] }
        return items
    }

    /// Whether the signature has a `*args` parameter (a method form such as `reshape(self, *shape)`).
    public var takesVariadic: Bool { signature.parameters.contains { $0.kind == .variadic } }

    /// The `**kwargs` entries, in call order.
    public var extraKeywords: [(String, Value)] {
        guard let i = signature.parameters.firstIndex(where: { $0.kind == .variadicKeywords }),
              case .dict(let d)? = slots[i] else { return [] }
        return d.entries.map { entry in
            if case .str(let s) = entry.key { return (s, entry.value) }
            return ("", entry.value)
        }
    }

    func parameterName(_ i: Int) -> String { signature.parameters[i].name }

    private func wrongType(_ i: Int, _ expected: String) -> DuskError {
        DuskError(.typeError, "\(function)() argument '\(parameterName(i))' must be \(expected), not '\(self[i].typeName)'")
    }

    public func int(_ i: Int) throws -> Int {
        switch self[i] {
        case .int(let v): return v
        case .bool(let b): return b ? 1 : 0
        default: throw wrongType(i, "int")
        }
    }

    public func optionalInt(_ i: Int) throws -> Int? { self[i].isNone ? nil : try int(i) }

    public func double(_ i: Int) throws -> Double {
        switch self[i] {
        case .int(let v): return Double(v)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        default: throw wrongType(i, "a number")
        }
    }

    public func string(_ i: Int) throws -> String {
        if case .str(let s) = self[i] { return s }
        throw wrongType(i, "str")
    }

    /// The string argument for the parameter named `name`.
    public func string(named name: String) throws -> String {
        guard let i = signature.parameters.firstIndex(where: { $0.name == name }) else { return "" }
        return try string(i)
    }

    public func optionalString(_ i: Int) throws -> String? { self[i].isNone ? nil : try string(i) }

    /// The truth of the argument for the parameter named `name` (false when absent).
    public func bool(named name: String) throws -> Bool {
        guard let i = signature.parameters.firstIndex(where: { $0.name == name }) else { return false }
        return try bool(i)
    }

    public func bool(_ i: Int) throws -> Bool {
        switch self[i] {
        case .none: return false
        case .bool(let b): return b
        case .int(let v): return v != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .object(let o): return try o.truthiness()
        default: return true
        }
    }
}

/// The argument slots of one built-in call, in parameter order (nil: omitted). The first
/// four sit inline, so a call with few arguments allocates nothing; the rest in an array.
struct ArgumentSlots {
    private var s0, s1, s2, s3: Value?
    private var rest: [Value?] = []
    /// The number of slots filled.
    private(set) var count = 0

    init() {}

    @inline(__always)
    mutating func append(_ value: Value?) {
        switch count {
        case 0: s0 = value
        case 1: s1 = value
        case 2: s2 = value
        case 3: s3 = value
        default: rest.append(value)
        }
        count += 1
    }

    /// Slot `i`; nil when it was omitted or is past the last parameter.
    subscript(_ i: Int) -> Value? {
        switch i {
        case 0: return s0
        case 1: return s1
        case 2: return s2
        case 3: return s3
        default: return i - 4 < rest.count && i >= 4 ? rest[i - 4] : nil
        }
    }
}

/// A callable bound to its receiver: `xs.append` calls `list.append(xs, ...)`.
public final class BoundMethod: Sendable {
    public let receiver: Value
    public let function: Value
    public let name: String

    public init(receiver: Value, function: Value, name: String) {
        self.receiver = receiver
        self.function = function
        self.name = name
    }
}
