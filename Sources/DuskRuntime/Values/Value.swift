import DuskSyntax

/// A Dusk value: what expressions evaluate to and variables hold.
///
/// Scalars and tuples are immutable values. Lists, dicts and sets are shared
/// references whose contents sit behind a lock, so a value can be handed to
/// several threads (delayed tasks run user functions in parallel).
/// Arrays, delayed values and other library types plug in through `.object`,
/// whose behaviour comes from the `RuntimeObject` protocol.
///
/// Integers are 64-bit (`Int` on the 64-bit platforms Dusk supports); arithmetic
/// that overflows raises an error instead of wrapping.
public enum Value: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case tuple([Value])
    case list(ListRef)
    case dict(DictRef)
    case set(SetRef)
    indirect case slice(SliceValue)
    case ellipsis
    indirect case range(RangeValue)
    /// A user-defined function or lambda (with its captured closure).
    case function(Function)
    /// A native function with a signature and documentation.
    case builtin(Builtin)
    /// A callable with its receiver: `xs.append`, `"a,b".split`.
    case boundMethod(BoundMethod)
    /// A built-in namespace (`np`, `da`, `time`, `math`...).
    case module(Namespace)
    /// A type object (`int`, `list`, `ValueError`...): callable, usable in `isinstance`.
    case type(TypeObject)
    /// A raised or constructed exception.
    case exception(ExceptionValue)
    /// A value of a library type (arrays, delayed values, iterators...).
    case object(any RuntimeObject)
}

// MARK: - Convenience

extension Value {
    public static let `true` = Value.bool(true)
    public static let `false` = Value.bool(false)

    /// A new list holding `items`.
    public static func makeList(_ items: [Value]) -> Value { .list(ListRef(items)) }

    /// A new dict from key/value pairs (later duplicates win).
    public static func makeDict(_ pairs: [(Value, Value)]) throws -> Value {
        let dict = DictRef()
        for (k, v) in pairs { try dict.set(k, v) }
        return .dict(dict)
    }

    public var isNone: Bool { if case .none = self { return true } else { return false } }

    /// The Python type name, as `type(x).__name__` shows it.
    public var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .str: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .set: return "set"
        case .slice: return "slice"
        case .ellipsis: return "ellipsis"
        case .range: return "range"
        case .function: return "function"
        case .builtin: return "builtin_function_or_method"
        case .boundMethod: return "method"
        case .module: return "module"
        case .type: return "type"
        case .exception(let e): return e.type.name
        case .object(let o): return o.typeName
        }
    }

    /// The payload of an `.object` as a concrete library type, if it is one.
    public func asObject<T: RuntimeObject>(_ type: T.Type) -> T? {
        if case .object(let o) = self { return o as? T }
        return nil
    }
}
