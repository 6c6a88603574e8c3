import DuskArray

/// An array's metadata, from either version: shape, chunk grid, dtype, fill value, codecs,
/// chunk keys and attributes.
///
/// Version 2 metadata is mapped onto v3 concepts (codecs, chunk key encoding) when read, and
/// written back in its own spelling, so the rest of DuskZarr has one model.
public struct ZarrArrayMetadata: Sendable {
    /// 2 or 3.
    public var zarrFormat: Int
    public var shape: [Int]
    /// The chunk grid: the shape of each stored object (a shard, for sharded arrays).
    public var chunkGrid: [Int]
    public var dtype: DType
    public var fillValue: Scalar
    /// The codecs in encoding order: array-to-array, one array-to-bytes, bytes-to-bytes.
    public var codecs: [ZarrCodec]
    public var chunkKeys: ChunkKeyEncoding
    public var attributes: JSONObject
    /// v3 `dimension_names`, kept as written.
    public var dimensionNames: JSONValue?
    /// v2 `fill_value: null`: missing chunks read as zeros, and null is written back.
    public var fillValueIsNull = false

    public init(zarrFormat: Int, shape: [Int], chunkGrid: [Int], dtype: DType, fillValue: Scalar, codecs: [ZarrCodec],
                chunkKeys: ChunkKeyEncoding, attributes: JSONObject = JSONObject(), dimensionNames: JSONValue? = nil)
        throws(ZarrError) {
        self.zarrFormat = zarrFormat
        self.shape = shape
        self.chunkGrid = chunkGrid
        self.dtype = dtype
        self.fillValue = fillValue.cast(to: dtype)
        self.codecs = codecs
        self.chunkKeys = chunkKeys
        self.attributes = attributes
        self.dimensionNames = dimensionNames
        try validate()
    }

    public var ndim: Int { shape.count }

    /// The sharding codec's configuration when the array is sharded.
    public var sharding: ShardingConfiguration? {
        for codec in codecs { if case .sharding(let s) = codec { return s } }
        return nil
    }

    /// The chunks a reader decodes one at a time: the inner chunks of a sharded array, else the grid's.
    public var chunks: [Int] { sharding?.chunkShape ?? chunkGrid }

    /// The shard shape for sharded arrays.
    public var shards: [Int]? { sharding == nil ? nil : chunkGrid }

    /// v2 `order`: `F` when the chunk is stored transposed (axes reversed).
    public var order: String {
        guard ndim > 1, case .transpose(let order) = codecs.first else { return "C" }
        return order == Array((0..<ndim).reversed()) ? "F" : "C"
    }

    /// Elements and bytes, checked: user-supplied shapes must not overflow.
    public var elementCount: Int {
        shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    }

    public var nbytes: Int { elementCount * dtype.itemSize }

    /// Chunks along each dimension of the chunk grid.
    public var gridCounts: [Int] {
        zip(shape, chunkGrid).map { $1 == 0 ? 0 : ($0 + $1 - 1) / $1 }
    }

    /// The element count of one stored chunk or shard, or an error when it is too big.
    static func checkedCount(_ shape: [Int], what: String) throws(ZarrError) -> Int {
        var count = 1
        for n in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow, product <= Int(Int32.max) * 64 else {
                throw ZarrError(.invalidMetadata, "\(what) \(shape) is too big")
            }
            count = product
        }
        return count
    }

    /// Checks shapes, codec order and codec parameters against the array.
    private mutating func validate() throws(ZarrError) {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ZarrError(.invalidMetadata, "'shape' \(shape) has a negative length")
        }
        guard chunkGrid.count == shape.count else {
            throw ZarrError(.invalidMetadata, "chunk shape \(chunkGrid) and shape \(shape) have different lengths")
        }
        guard chunkGrid.allSatisfy({ $0 > 0 }) else {
            throw ZarrError(.invalidMetadata, "chunk shape \(chunkGrid) must be positive")
        }
        var total = 1
        for n in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            let (bytes, overflowBytes) = product.multipliedReportingOverflow(by: dtype.itemSize)
            guard !overflow, !overflowBytes, bytes < Int.max / 2 else {
                throw ZarrError(.invalidMetadata, "array is too big: shape \(shape)")
            }
            total = product
        }
        _ = try ZarrArrayMetadata.checkedCount(chunkGrid, what: "chunk shape")
        codecs = try CodecPipeline.validated(codecs, chunkShape: chunkGrid, dtype: dtype)
    }
}
