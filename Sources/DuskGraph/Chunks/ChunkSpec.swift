/// The chunks a user asks for, in any form Dask accepts, before normalization.
///
/// `chunks=1000` is `.uniform(1000)`; `chunks=(1000, -1)` is `.perDimension([.size(1000), .whole])`;
/// `chunks=((5, 5), (3, 7))` is `.perDimension([.explicit([5, 5]), .explicit([3, 7])])`;
/// `chunks='auto'` is `.auto`; `chunks='1MiB'` is `.bytes(1048576)`; `chunks={0: 5}` is `.byAxis([0: .size(5)])`.
public enum ChunkSpec: Hashable, Sendable {
    /// Dask's `'auto'`: chunks near the configured byte limit, balanced across dimensions.
    case auto
    /// One size for every dimension; -1 means the whole dimension.
    case uniform(Int)
    /// `'auto'` with this many bytes per chunk as the target (a string such as `'100 MiB'`).
    case bytes(Int)
    /// One entry per dimension.
    case perDimension([DimensionChunks])
    /// A dictionary from axis to entry; missing axes are whole (for creation) or unchanged (for `rechunk`).
    case byAxis([Int: DimensionChunks])

    /// Parses `'auto'` or a byte size such as `'128MiB'`, `'1 kB'`, `'5e6'`.
    public init(parsing text: String) throws(GraphError) {
        if text == "auto" { self = .auto } else { self = .bytes(try ByteSize.parse(text)) }
    }
}

/// One dimension's entry in a `ChunkSpec`.
public enum DimensionChunks: Hashable, Sendable {
    /// Chunks of this size along the dimension (the last may be smaller); -1 means whole.
    case size(Int)
    /// `None`: the whole dimension as one chunk.
    case whole
    /// `'auto'` for this dimension.
    case auto
    /// A byte target such as `'1MiB'`, which behaves as `'auto'` with that limit.
    case bytes(Int)
    /// Explicit chunk sizes, which must add up to the dimension's length.
    case explicit([Int])
}
