/// What is stored at a path of a store: an array or a group, of either version.
public enum ZarrNodeKind: Sendable, Equatable {
    case array(format: Int)
    case group(format: Int)
}

/// Finding and reading the metadata documents of nodes.
public enum ZarrNode {
    /// The key of a node's file: `path/name`, or `name` at the root.
    static func key(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "/" + name
    }

    /// The node at `path`, looking for `zarr.json` and then v2's `.zarray` and `.zgroup`
    /// (only the given version when `format` is set); nil when there is none.
    public static func probe(_ store: LocalStore, _ path: String, format: Int? = nil) throws(ZarrError) -> ZarrNodeKind? {
        let file = key(path, "zarr.json")
        if format != 2, let document = try readJSON(store, file) {
            return try ZarrError.at(store.path(file)) { () throws(ZarrError) in
                let fields = try MetadataFields(document, "zarr.json")
                let nodeType = try fields.string("node_type")
                switch nodeType {
                case "array": return .array(format: 3)
                case "group": return .group(format: 3)
                default: throw fields.bad("node_type", "'array' or 'group'")
                }
            }
        }
        if format != 3 {
            if store.exists(key(path, ".zarray")) { return .array(format: 2) }
            if store.exists(key(path, ".zgroup")) { return .group(format: 2) }
        }
        return nil
    }

    /// A v2 `.zattrs` object, or nil when there is no such file.
    static func readAttributes(_ store: LocalStore, _ key: String) throws(ZarrError) -> JSONObject? {
        try ZarrError.at(store.path(key)) { () throws(ZarrError) in
            guard let document = try readJSON(store, key) else { return nil }
            return try MetadataFields(document, ".zattrs").object
        }
    }

    /// A JSON file's document, or nil when the file does not exist; errors name the file.
    static func readJSON(_ store: LocalStore, _ key: String) throws(ZarrError) -> JSONValue? {
        try ZarrError.at(store.path(key)) { () throws(ZarrError) in
            guard let buffer = try store.read(key) else { return nil }
            return try JSONValue.parse(Array(buffer.bytes))
        }
    }
}

extension ZarrError {
    /// Runs `body`, naming `path` in the errors that name no file.
    static func at<R>(_ path: String, _ body: () throws(ZarrError) -> R) throws(ZarrError) -> R {
        do { return try body() } catch { throw error.at(path) }
    }
}
