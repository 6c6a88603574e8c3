/// Typed access to the members of a metadata object, with errors that say which member of
/// which object is missing or wrong.
struct MetadataFields {
    let object: JSONObject
    /// What the object is, for messages: `zarr.json`, `codec 'zstd' configuration`.
    let context: String

    init(_ value: JSONValue?, _ context: String) throws(ZarrError) {
        guard let object = value?.objectValue else {
            throw ZarrError(.invalidMetadata, "\(context) must be a JSON object")
        }
        self.object = object
        self.context = context
    }

    init(object: JSONObject, _ context: String) {
        self.object = object
        self.context = context
    }

    func bad(_ key: String, _ expected: String) -> ZarrError {
        let found = object[key].map { "\($0)" } ?? "nothing"
        return ZarrError(.invalidMetadata, "'\(key)' in \(context) must be \(expected), not \(found)")
    }

    func has(_ key: String) -> Bool { object[key] != nil && object[key] != .null }

    func value(_ key: String) throws(ZarrError) -> JSONValue {
        guard let value = object[key] else { throw ZarrError(.invalidMetadata, "\(context) has no '\(key)'") }
        return value
    }

    func string(_ key: String) throws(ZarrError) -> String {
        guard let value = try value(key).stringValue else { throw bad(key, "a string") }
        return value
    }

    func string(_ key: String, default fallback: String) throws(ZarrError) -> String {
        has(key) ? try string(key) : fallback
    }

    func int(_ key: String) throws(ZarrError) -> Int {
        guard let value = try value(key).intValue else { throw bad(key, "an integer") }
        return value
    }

    func int(_ key: String, default fallback: Int) throws(ZarrError) -> Int {
        has(key) ? try int(key) : fallback
    }

    func bool(_ key: String, default fallback: Bool) throws(ZarrError) -> Bool {
        guard has(key) else { return fallback }
        guard let value = object[key]?.boolValue else { throw bad(key, "true or false") }
        return value
    }

    /// A list of integers, each at least `minimum`.
    func ints(_ key: String, minimum: Int = 0) throws(ZarrError) -> [Int] {
        guard let list = try value(key).arrayValue else { throw bad(key, "a list of integers") }
        var result: [Int] = []
        for element in list {
            guard let n = element.intValue, n >= minimum else {
                throw bad(key, minimum == 0 ? "a list of non-negative integers" : "a list of integers of at least \(minimum)")
            }
            result.append(n)
        }
        return result
    }

    func list(_ key: String) throws(ZarrError) -> [JSONValue] {
        guard let list = try value(key).arrayValue else { throw bad(key, "a list") }
        return list
    }
}
