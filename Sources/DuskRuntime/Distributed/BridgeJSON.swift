import DuskZarr

/// Dusk values as JSON for the bridge: keyword arguments passed to Dask (`LocalCluster(...)`).
enum BridgeJSON {
    /// A plain value (None, bool, int, float, str, and tuples, lists and dicts of them).
    static func json(_ value: Value, for name: String) throws -> JSONValue {
        switch value {
        case .none: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .float(let d): return .double(d)
        case .str(let s): return .string(s)
        case .tuple(let items): return .array(try items.map { try json($0, for: name) })
        case .list(let list): return .array(try list.items.map { try json($0, for: name) })
        case .dict(let dict):
            var object = JSONObject()
            for entry in dict.entries {
                guard case .str(let key) = entry.key else {
                    throw DuskError(.typeError, "\(name): dictionary keys sent to Dask must be strings")
                }
                object[key] = try json(entry.value, for: name)
            }
            return .object(object)
        default:
            throw DuskError(.typeError, "\(name): a '\(value.typeName)' cannot be sent to Dask")
        }
    }

    /// Keyword arguments as a JSON object (None as null: `dashboard_address=None` turns the
    /// dashboard off, as in Dask).
    static func keywords(_ pairs: [(String, Value)]) throws -> JSONObject {
        var object = JSONObject()
        for (name, value) in pairs { object[name] = try json(value, for: name) }
        return object
    }
}

extension BridgeFailure: DuskErrorConvertible {
    /// The bridge's error as a Dusk exception of the same type name.
    var duskError: DuskError {
        let known = TypeObject.exceptionTypes.contains { $0.name == type }
        return DuskError(.named(type), known ? message : "\(type): \(message)")
    }
}
