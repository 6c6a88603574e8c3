/// Attribute access: namespace members, methods of plain values (bound to their
/// receiver), library objects' attributes, and a few special names.
extension ExecutionContext {
    public func attribute(of value: Value, _ name: String) throws -> Value {
        switch value {
        case .module(let m):
            if let v = m.member(name) { return v }
            if let sub = interpreter.modules[m.name + "." + name] { return .module(sub) }
            if name == "__name__" { return .str(m.name) }
            if name == "__doc__" { return .str(m.doc) }
            throw DuskError.noAttribute(value, name, candidates: m.memberNames)
        case .object(let o):
            if let v = try o.attribute(name, context: self) { return v }
            if name == "__doc__" { return o.doc.map { .str($0) } ?? .none }
            throw DuskError.noAttribute(value, name, candidates: o.attributeNames)
        case .type(let t):
            if let m = t.methods[name] { return .builtin(t.unboundMethod(m)) }
            if name == "__name__" { return .str(t.name) }
            if name == "__doc__" { return .str(t.doc) }
            throw DuskError(.attributeError, "type object '\(t.name)' has no attribute '\(name)'"
                            + DuskError.suggestionText(for: name, among: Array(t.methods.keys)))
        default:
            break
        }
        if let special = specialAttribute(of: value, name) { return special }
        let type = TypeObject.of(value)
        if let method = type.methods[name] {
            return .boundMethod(BoundMethod(receiver: value, function: .builtin(method), name: name))
        }
        throw DuskError.noAttribute(value, name, candidates: Array(type.methods.keys) + specialAttributeNames(of: value))
    }

    public func setAttribute(of value: Value, _ name: String, _ newValue: Value) throws {
        switch value {
        case .module(let m):
            m.setMember(name, newValue)
        case .object(let o):
            if try o.setAttribute(name, to: newValue, context: self) { return }
            if (try o.attribute(name, context: self)) != nil { throw DuskError.readOnlyAttribute(value, name) }
            throw DuskError.noAttribute(value, name, candidates: o.attributeNames)
        default:
            if specialAttribute(of: value, name) != nil || TypeObject.of(value).methods[name] != nil {
                throw DuskError.readOnlyAttribute(value, name)
            }
            throw DuskError.noAttribute(value, name, candidates: [])
        }
    }

    private func specialAttribute(of value: Value, _ name: String) -> Value? {
        switch (value, name) {
        case (.exception(let e), "args"): return .tuple(e.args)
        case (.slice(let s), "start"): return s.lower
        case (.slice(let s), "stop"): return s.upper
        case (.slice(let s), "step"): return s.step
        case (.range(let r), "start"): return .int(r.start)
        case (.range(let r), "stop"): return .int(r.stop)
        case (.range(let r), "step"): return .int(r.step)
        case (.function(let f), "__name__"): return .str(f.name)
        case (.function(let f), "__doc__"): return f.doc.map { .str($0) } ?? Value.none
        case (.builtin(let b), "__name__"): return .str(b.name)
        case (.builtin(let b), "__doc__"): return .str(b.doc)
        case (.boundMethod(let m), "__name__"): return .str(m.name)
        case (.boundMethod(let m), "__self__"): return m.receiver
        case (.int(let i), "real"), (.int(let i), "numerator"): return .int(i)
        case (.int, "imag"): return .int(0)
        case (.int, "denominator"): return .int(1)
        case (.float(let d), "real"): return .float(d)
        case (.float, "imag"): return .float(0)
        default: return nil
        }
    }

    func specialAttributeNames(of value: Value) -> [String] {
        switch value {
        case .exception: return ["args"]
        case .slice, .range: return ["start", "stop", "step"]
        case .function: return ["__name__", "__doc__"]
        case .builtin: return ["__name__", "__doc__"]
        case .int: return ["real", "imag", "numerator", "denominator"]
        case .float: return ["real", "imag"]
        default: return []
        }
    }
}

/// The methods of plain values that have one name, looked up once when a call site
/// `x.name(...)` is compiled, so the call needs neither a table lookup nor a bound method.
struct PlainMethods: Sendable {
    let str, list, dict, set, tuple, int, float, range: Builtin?

    init(_ name: String) {
        str = TypeObject.strType.methods[name]
        list = TypeObject.listType.methods[name]
        dict = TypeObject.dictType.methods[name]
        set = TypeObject.setType.methods[name]
        tuple = TypeObject.tupleType.methods[name]
        int = TypeObject.intType.methods[name]
        float = TypeObject.floatType.methods[name]
        range = TypeObject.rangeType.methods[name]
    }

    /// False for names that plain values answer before their methods (`r.start`, `i.real`).
    static func mayApply(to name: String) -> Bool {
        !["start", "stop", "step", "real", "imag", "numerator", "denominator"].contains(name)
    }

    /// The method `name` of `value`'s type, for the plain types above.
    @inline(__always)
    func method(of value: Value) -> Builtin? {
        switch value {
        case .str: return str
        case .list: return list
        case .dict: return dict
        case .set: return set
        case .tuple: return tuple
        case .int: return int
        case .float: return float
        case .range: return range
        default: return nil
        }
    }
}

extension TypeObject {
    /// A method taken from its type (`str.upper`): called with its receiver first, which
    /// must be of this type, as Python's method descriptors check.
    func unboundMethod(_ method: Builtin) -> Builtin {
        Builtin(signature: method.signature, module: method.module, doc: method.doc) { [self] args, context in
            guard args.signature.parameters.first != nil, args.has(0) else {
                throw DuskError(.typeError, "unbound method \(name).\(method.name)() needs an argument")
            }
            let receiver = TypeObject.of(args[0])
            guard receiver.isSubtype(of: self) else {
                throw DuskError(.typeError, "descriptor '\(method.name)' for '\(name)' objects doesn't apply to a '\(receiver.name)' object")
            }
            return try method.body(args, context)
        }
    }
}
