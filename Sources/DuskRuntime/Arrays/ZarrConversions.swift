import DuskArray
import DuskScheduler
import DuskZarr

/// Zarr errors as the Python exceptions zarr-python raises for them.
extension ZarrError: DuskErrorConvertible {
    public var duskError: DuskError {
        switch kind {
        case .notFound: DuskError(.fileNotFoundError, description)
        case .exists: DuskError(.fileExistsError, description)
        case .unsupported: DuskError(.notImplementedError, description)
        case .indexOutOfRange: DuskError(.indexError, description)
        case .io: DuskError(.osError, description)
        case .cancelled: DuskError.interrupted()
        case .outOfMemory: DuskError(.memoryError, description)
        case .invalidMetadata, .corruptChunk, .readOnly, .invalidArgument: DuskError(.valueError, description)
        }
    }
}

/// Runs a Zarr operation, turning its typed error into a Dusk error.
@inline(__always)
func zarrCall<T>(_ body: () throws(ZarrError) -> T) throws -> T {
    do { return try body() } catch { throw error.duskError }
}

/// Conversions between Dusk values and the JSON of Zarr metadata.
enum ZarrValues {
    /// How eager reads and writes run: chunks on both cores, stopped by Ctrl-C.
    static let eagerIO = ZarrIOOptions(parallel: true, isCancelled: { Interrupt.isRequested || Interruption.isRequested })

    /// A Dusk value as JSON (attributes, codec configurations): dicts with string keys,
    /// lists, tuples, numbers, strings, booleans, None.
    static func json(_ value: Value, what: String = "attribute values") throws -> JSONValue {
        switch value {
        case .none: return .null
        case .bool(let b): return .bool(b)
        case .int(let n): return .int(Int64(n))
        case .float(let d): return .double(d)
        case .str(let s): return .string(s)
        case .tuple(let items): return .array(try items.map { try json($0, what: what) })
        case .list(let list): return .array(try list.items.map { try json($0, what: what) })
        case .dict(let dict):
            var object = JSONObject()
            for (key, item) in dict.entries {
                guard case .str(let name) = key else {
                    throw DuskError(.typeError, "\(what) must have string keys, not '\(key.typeName)'")
                }
                object[name] = try json(item, what: what)
            }
            return .object(object)
        case .object(let o):
            if let scalar = o as? NumPyScalar { return try json(ArrayConvert.pythonValue(scalar.scalar), what: what) }
            if let plain = o.plainValue { return try json(plain, what: what) }
        default: break
        }
        throw DuskError(.typeError, "\(what) must be JSON values (dict, list, str, int, float, bool, None), "
                        + "not '\(value.typeName)'")
    }

    /// JSON as a Dusk value: objects become dicts (in order), arrays lists.
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: return .none
        case .bool(let b): return .bool(b)
        case .int(let n): return .int(Int(n))
        case .uint(let n): return .float(Double(n))
        case .double(let d): return .float(d)
        case .string(let s): return .str(s)
        case .array(let items): return .makeList(items.map(value))
        case .object(let object):
            let dict = DictRef()
            for (key, item) in object.members { try? dict.set(.str(key), value(item)) }
            return .dict(dict)
        }
    }

    /// A store argument: a path (`'data/image.zarr'`, `'file://data/image.zarr'`).
    static func storePath(_ value: Value, _ name: String = "store") throws -> String {
        guard case .str(var path) = value else {
            throw DuskError(.typeError, "\(name) must be a path (a str), not '\(value.typeName)'")
        }
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        guard !path.isEmpty else { throw DuskError(.valueError, "\(name) must not be empty") }
        if path.contains("://") {
            throw DuskError(.notImplementedError, "only local paths are supported by Dusk's Zarr stores, not '\(path)'")
        }
        return path
    }

    static func string(_ value: Value, _ name: String) throws -> String {
        guard case .str(let text) = value else { throw DuskError(.typeError, "\(name) must be a str, not '\(value.typeName)'") }
        return text
    }

    /// A tuple or int of sizes (`shape=`, `chunks=`).
    static func sizes(_ value: Value, _ name: String) throws -> [Int] {
        if case .int(let n) = value { return [n] }
        return try ArrayConvert.shape(value, name)
    }
}
