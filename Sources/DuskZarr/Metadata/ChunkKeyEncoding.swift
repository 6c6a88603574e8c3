/// How a chunk's grid index becomes its key (its path below the array).
///
/// v3's `default` encoding gives `c/1/2` (or `c.1.2`; `c` for a 0-d array); the `v2` encoding,
/// and every v2 array, gives `1.2` (or `1/2`; `0` for a 0-d array).
public struct ChunkKeyEncoding: Sendable, Equatable {
    /// True for `c/...` keys (v3 `default`), false for v2-style keys.
    public var prefixed: Bool
    /// `/` or `.`.
    public var separator: Character

    public init(prefixed: Bool, separator: Character) {
        self.prefixed = prefixed
        self.separator = separator
    }

    /// The key of the chunk at grid index `index`.
    public func key(_ index: [Int]) -> String {
        if index.isEmpty { return prefixed ? "c" : "0" }
        var key = prefixed ? "c" + String(separator) : ""
        for (i, n) in index.enumerated() {
            if i > 0 { key.append(separator) }
            key += String(n)
        }
        return key
    }

    /// v3 `chunk_key_encoding` metadata.
    public static func parseV3(_ json: JSONValue) throws(ZarrError) -> ChunkKeyEncoding {
        let fields = try MetadataFields(json, "'chunk_key_encoding'")
        let name = try fields.string("name")
        guard name == "default" || name == "v2" else {
            throw ZarrError(.unsupported, "chunk key encoding '\(name)' is not supported by Dusk (it reads 'default' and 'v2')")
        }
        var separator = name == "default" ? "/" : "."
        if fields.has("configuration") {
            let configuration = try MetadataFields(fields.object["configuration"], "'chunk_key_encoding' configuration")
            separator = try configuration.string("separator", default: separator)
        }
        guard separator == "/" || separator == "." else {
            throw ZarrError(.invalidMetadata, "chunk key separator must be '/' or '.', not '\(separator)'")
        }
        return ChunkKeyEncoding(prefixed: name == "default", separator: Character(separator))
    }

    var v3JSON: JSONValue {
        .object(JSONObject([("name", .string(prefixed ? "default" : "v2")),
                            ("configuration", .object(JSONObject([("separator", .string(String(separator)))])))]))
    }
}
