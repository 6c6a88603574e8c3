/// A group in a Zarr store: attributes and named members (arrays and groups) below it.
public struct ZarrGroup: Sendable {
    public let store: LocalStore
    /// The group's path within the store (`""` for the root).
    public let path: String
    /// 2 or 3.
    public let zarrFormat: Int
    public let attributes: JSONObject
    public let readOnly: Bool

    /// The full path of the group's directory.
    public var location: String { store.path(path) }

    /// The path of member `name` within the store.
    public func memberPath(_ name: String) -> String { ZarrNode.key(path, name) }

    /// Opens the group at `path`; `format` restricts the version looked for.
    public static func open(_ store: LocalStore, path: String = "", format: Int? = nil,
                            readOnly: Bool) throws(ZarrError) -> ZarrGroup {
        switch try ZarrNode.probe(store, path, format: format) {
        case .group(3):
            let file = ZarrNode.key(path, "zarr.json")
            let attributes = try ZarrError.at(store.path(file)) { () throws(ZarrError) -> JSONObject in
                let fields = try MetadataFields(try ZarrNode.readJSON(store, file), "zarr.json")
                return fields.has("attributes") ? try MetadataFields(fields.object["attributes"], "'attributes'").object : JSONObject()
            }
            return ZarrGroup(store: store, path: path, zarrFormat: 3, attributes: attributes, readOnly: readOnly)
        case .group:
            let file = ZarrNode.key(path, ".zattrs")
            let attributes = try ZarrNode.readAttributes(store, file) ?? JSONObject()
            return ZarrGroup(store: store, path: path, zarrFormat: 2, attributes: attributes, readOnly: readOnly)
        case .array:
            throw ZarrError(.notFound, "is a Zarr array, not a group", path: store.path(path))
        case nil:
            throw ZarrError(.notFound, "no Zarr group here" + (store.exists(path) ? "" : " (the path does not exist)"),
                            path: store.path(path))
        }
    }

    /// Creates a group (replacing a node already at `path` when `overwrite`).
    public static func create(_ store: LocalStore, path: String = "", format: Int = 3, attributes: JSONObject = JSONObject(),
                              overwrite: Bool) throws(ZarrError) -> ZarrGroup {
        try ZarrNode.prepareForNewNode(store, path, overwrite: overwrite)
        let group = ZarrGroup(store: store, path: path, zarrFormat: format, attributes: attributes, readOnly: false)
        try group.writeMetadata()
        return group
    }

    private func writeMetadata() throws(ZarrError) {
        if zarrFormat == 3 {
            let document = JSONObject([("attributes", .object(attributes)), ("zarr_format", .int(3)),
                                       ("node_type", .string("group"))])
            try store.write(ZarrNode.key(path, "zarr.json"), text: JSONValue.object(document).prettyText)
        } else {
            try store.write(ZarrNode.key(path, ".zgroup"), text: JSONValue.object(JSONObject([("zarr_format", .int(2))])).prettyText)
            try store.write(ZarrNode.key(path, ".zattrs"), text: JSONValue.object(attributes).prettyText)
        }
    }

    /// The same group with new attributes, written to the store.
    public func settingAttributes(_ attributes: JSONObject) throws(ZarrError) -> ZarrGroup {
        guard !readOnly else { throw ZarrError(.readOnly, "store was opened in read-only mode and does not support writing", path: location) }
        let updated = ZarrGroup(store: store, path: path, zarrFormat: zarrFormat, attributes: attributes, readOnly: readOnly)
        try updated.writeMetadata()
        return updated
    }

    /// The arrays and groups directly below this group, by name.
    public func members() throws(ZarrError) -> [(name: String, kind: ZarrNodeKind)] {
        var result: [(name: String, kind: ZarrNodeKind)] = []
        for name in store.list(path) where !name.hasPrefix(".") && store.isDirectory(memberPath(name)) {
            if let kind = try ZarrNode.probe(store, memberPath(name), format: zarrFormat) { result.append((name, kind)) }
        }
        return result
    }
}
