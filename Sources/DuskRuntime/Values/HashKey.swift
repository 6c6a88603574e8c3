/// The identity of a value as a dict key or set element.
///
/// Values that compare equal have equal keys, as in Python: `1`, `1.0` and `True`
/// are one key; `-0.0` and `0` too. Mutable containers have no key (unhashable).
public enum HashKey: Hashable, Sendable {
    case none
    case int(Int)
    /// A float that is not a whole number in `Int` range, by bit pattern.
    case float(UInt64)
    case str(String)
    case tuple([HashKey])
    case ellipsis
    case range(Int, Int, Int)
    /// Functions, types, modules and library objects hash by identity.
    case identity(ObjectIdentifier)
    /// A library type's own key (for example a delayed value's token).
    case custom(String)
}

extension Value {
    /// The dict key for this value; throws `TypeError: unhashable type: 'list'` for mutable containers.
    public func hashKey() throws -> HashKey {
        switch self {
        case .none: return .none
        case .bool(let b): return .int(b ? 1 : 0)
        case .int(let i): return .int(i)
        case .float(let d):
            if d == d.rounded(), let i = Int(exactly: d) { return .int(i) }
            return .float(d.isNaN ? Double.nan.bitPattern : d.bitPattern)
        case .str(let s): return .str(s)
        case .tuple(let items): return .tuple(try items.map { try $0.hashKey() })
        case .ellipsis: return .ellipsis
        case .range(let r): return .range(r.start, r.stop, r.step)
        case .function(let f): return .identity(ObjectIdentifier(f))
        case .builtin(let b): return .identity(ObjectIdentifier(b))
        case .module(let m): return .identity(ObjectIdentifier(m))
        case .type(let t): return .custom("type:" + t.name)
        case .exception(let e): return .identity(ObjectIdentifier(e))
        case .boundMethod(let m): return .tuple([try m.receiver.hashKey(), try m.function.hashKey()])
        case .object(let o):
            if let key = try o.hashKey() { return key }
            throw DuskError.unhashable(self)
        case .list, .dict, .set, .slice:
            throw DuskError.unhashable(self)
        }
    }
}
