/// A JSON document as Zarr metadata holds it: objects keep their key order, integers stay
/// integers, and `NaN`/`Infinity` are numbers (Python's `json`, which writes most Zarr
/// metadata, emits them bare).
///
/// Foundation's parsers lose key order and the difference between `1` and `1.0`, and reject
/// `NaN`; zarr-python preserves all three in attributes, so Dusk reads and writes its own.
public enum JSONValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    /// A non-negative integer above `Int64.max` (a `uint64` fill value).
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value as an `Int`, when it is an integer that fits.
    public var intValue: Int? {
        switch self {
        case .int(let value): Int(exactly: value)
        case .uint(let value): Int(exactly: value)
        default: nil
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// A number as a `Double` (integers converted).
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .uint(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    public var isNull: Bool { self == .null }

    /// Compact JSON text (`{"a": 1}`), for messages.
    public var description: String { JSONWriter.text(self, indent: nil) }
}

/// A JSON object: its members in document order.
public struct JSONObject: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    public init() {}

    public init(_ members: [(String, JSONValue)]) {
        for (key, value) in members { self[key] = value }
    }

    /// A member; setting a new key appends it, setting nil removes it.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The members in order.
    public var members: [(key: String, value: JSONValue)] { keys.map { ($0, values[$0]!) } }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
}
