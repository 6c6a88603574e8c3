import DuskArray

/// An array in a Zarr store: its metadata, and the reading and writing of its chunks.
///
/// A value: opening reads the metadata once; `read` and `write` go to the chunk files each
/// time (nothing is cached), so several arrays over the same store see each other's writes.
public struct ZarrArray: Sendable {
    public let store: LocalStore
    /// The array's path within the store (`""` when the store is the array).
    public let path: String
    public let metadata: ZarrArrayMetadata
    /// Opened with `mode='r'`: writes are refused.
    public let readOnly: Bool
    /// Decodes the chunks readers ask for (inner chunks of a sharded array).
    let codec: ChunkCodec
    /// For sharded arrays, how a shard holds its inner chunks.
    let shardLayout: ShardLayout?

    init(store: LocalStore, path: String, metadata: ZarrArrayMetadata, readOnly: Bool) throws(ZarrError) {
        self.store = store
        self.path = path
        self.metadata = metadata
        self.readOnly = readOnly
        if let sharding = metadata.sharding {
            let layout = try ShardLayout(configuration: sharding, shardShape: metadata.chunkGrid, dtype: metadata.dtype,
                                         fillValue: metadata.fillValue)
            self.shardLayout = layout
            self.codec = layout.inner
        } else {
            self.shardLayout = nil
            self.codec = try ChunkCodec(codecs: metadata.codecs, chunkShape: metadata.chunkGrid, dtype: metadata.dtype,
                                        fillValue: metadata.fillValue)
        }
    }

    public var shape: [Int] { metadata.shape }
    public var dtype: DType { metadata.dtype }
    /// The chunks a read decodes one at a time (a sharded array's inner chunks).
    public var chunks: [Int] { metadata.chunks }
    public var ndim: Int { metadata.ndim }

    /// The full path of the array's directory.
    public var location: String { store.path(path) }

    /// The file holding the metadata (`zarr.json`, `.zarray`).
    public var metadataFile: String {
        store.path(ZarrNode.key(path, metadata.zarrFormat == 3 ? "zarr.json" : ".zarray"))
    }

    /// The key of the stored object (chunk or shard) at grid index `index`.
    func key(_ index: [Int]) -> String {
        ZarrNode.key(path, metadata.chunkKeys.key(index))
    }

    // MARK: - Opening and creating

    /// Opens the array at `path` of `store`; `format` restricts the version looked for.
    public static func open(_ store: LocalStore, path: String = "", format: Int? = nil,
                            readOnly: Bool) throws(ZarrError) -> ZarrArray {
        switch try ZarrNode.probe(store, path, format: format) {
        case .array(3):
            let file = ZarrNode.key(path, "zarr.json")
            let metadata = try ZarrError.at(store.path(file)) { () throws(ZarrError) in
                try ZarrArrayMetadata.parseV3(try ZarrNode.readJSON(store, file) ?? .null)
            }
            return try ZarrError.at(store.path(file)) { () throws(ZarrError) in
                try ZarrArray(store: store, path: path, metadata: metadata, readOnly: readOnly)
            }
        case .array:
            let file = ZarrNode.key(path, ".zarray")
            let attributes = try ZarrNode.readAttributes(store, ZarrNode.key(path, ".zattrs"))
            let metadata = try ZarrError.at(store.path(file)) { () throws(ZarrError) in
                try ZarrArrayMetadata.parseV2(try ZarrNode.readJSON(store, file) ?? .null, attributes: attributes)
            }
            return try ZarrError.at(store.path(file)) { () throws(ZarrError) in
                try ZarrArray(store: store, path: path, metadata: metadata, readOnly: readOnly)
            }
        case .group:
            throw ZarrError(.notFound, "is a Zarr group, not an array", path: store.path(path))
        case nil:
            throw ZarrError(.notFound, "no Zarr array here" + (store.exists(path) ? "" : " (the path does not exist)"),
                            path: store.path(path))
        }
    }

    /// Creates an array: writes its metadata (replacing a node already at `path` when
    /// `overwrite`, removing the old node's chunks).
    public static func create(_ store: LocalStore, path: String = "", metadata: ZarrArrayMetadata,
                              overwrite: Bool) throws(ZarrError) -> ZarrArray {
        try ZarrNode.prepareForNewNode(store, path, overwrite: overwrite)
        let array = try ZarrArray(store: store, path: path, metadata: metadata, readOnly: false)
        try array.writeMetadata()
        return array
    }

    /// Writes the metadata document(s) for the current metadata.
    func writeMetadata() throws(ZarrError) {
        if metadata.zarrFormat == 3 {
            try store.write(ZarrNode.key(path, "zarr.json"), text: metadata.v3Document.prettyText)
        } else {
            try store.write(ZarrNode.key(path, ".zarray"), text: try metadata.v2Document().prettyText)
            try store.write(ZarrNode.key(path, ".zattrs"), text: JSONValue.object(metadata.attributes).prettyText)
        }
    }

    /// The same array with new attributes, written to the store.
    public func settingAttributes(_ attributes: JSONObject) throws(ZarrError) -> ZarrArray {
        guard !readOnly else { throw ZarrError(.readOnly, "store was opened in read-only mode and does not support writing", path: location) }
        var metadata = self.metadata
        metadata.attributes = attributes
        let updated = try ZarrArray(store: store, path: path, metadata: metadata, readOnly: readOnly)
        try updated.writeMetadata()
        return updated
    }
}

extension ZarrNode {
    /// Makes room for a new node at `path`: refuses an existing node unless `overwrite`, and
    /// never deletes a directory that is not a Zarr node (a user's typo must not cost data).
    static func prepareForNewNode(_ store: LocalStore, _ path: String, overwrite: Bool) throws(ZarrError) {
        let existing = try probe(store, path)
        if existing != nil {
            guard overwrite else {
                throw ZarrError(.exists, "a Zarr \(existing.map { if case .group = $0 { "group" } else { "array" } }!) "
                                + "already exists here", path: store.path(path))
            }
            try store.deleteTree(path)
        } else if store.exists(path) {
            guard store.isDirectory(path) else {
                throw ZarrError(.exists, "a file is in the way of a new Zarr node", path: store.path(path))
            }
            let entries = store.list(path)
            guard entries.isEmpty else {
                throw ZarrError(.exists, "refusing to overwrite a directory that is not a Zarr store "
                                + "(it holds \(entries.count) entr\(entries.count == 1 ? "y" : "ies"))", path: store.path(path))
            }
        }
        try store.makeDirectory(store.path(path))
    }
}
