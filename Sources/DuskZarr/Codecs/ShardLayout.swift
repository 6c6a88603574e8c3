import DuskArray

/// The layout of one shard of a `sharding_indexed` array: inner chunks, each encoded with
/// the inner codecs, and an index of `(offset, length)` pairs (`uint64`, all ones for an
/// empty chunk) encoded with the index codecs, at the shard's end or start.
struct ShardLayout: Sendable {
    let configuration: ShardingConfiguration
    let shardShape: [Int]
    /// Inner chunks along each dimension of a shard.
    let counts: [Int]
    let inner: ChunkCodec
    let indexCodec: ChunkCodec
    let indexByteCount: Int

    init(configuration: ShardingConfiguration, shardShape: [Int], dtype: DType, fillValue: Scalar) throws(ZarrError) {
        self.configuration = configuration
        self.shardShape = shardShape
        counts = zip(shardShape, configuration.chunkShape).map { $0 / $1 }
        inner = try ChunkCodec(codecs: configuration.codecs, chunkShape: configuration.chunkShape, dtype: dtype,
                               fillValue: fillValue)
        indexCodec = try ChunkCodec(codecs: configuration.indexCodecs, chunkShape: counts + [2], dtype: .uint64,
                                    fillValue: .uint(0, .uint64))
        indexByteCount = try ShardLayout.indexByteCount(codecs: configuration.indexCodecs, chunkCount: counts.reduce(1, *))
    }

    /// The encoded index's size: 16 bytes per inner chunk plus 4 per checksum. Index codecs
    /// must have a fixed size (the index is found by its size), so compressors are refused.
    static func indexByteCount(codecs: [ZarrCodec], chunkCount: Int) throws(ZarrError) -> Int {
        var size = chunkCount * 16
        for codec in codecs {
            switch codec {
            case .bytes, .transpose: break
            case .crc32c: size += 4
            default:
                throw ZarrError(.invalidMetadata, "sharding index codec '\(codec.name)' does not have a fixed size")
            }
        }
        return size
    }

    /// Where the index lies in a shard of `shardSize` bytes.
    func indexRange(shardSize: Int) throws(ZarrError) -> Range<Int> {
        guard shardSize >= indexByteCount else {
            throw ZarrError(.corruptChunk, "shard is \(shardSize) bytes, too short for its \(indexByteCount)-byte index")
        }
        return configuration.indexAtEnd ? (shardSize - indexByteCount)..<shardSize : 0..<indexByteCount
    }

    /// Decodes the index bytes of a shard of `shardSize` bytes.
    func index(_ bytes: ByteBuffer, shardSize: Int) throws(ZarrError) -> ShardIndex {
        let decoded = try indexCodec.decode(bytes)
        let entries = try ZarrError.array { () throws(ArrayError) in try decoded.contiguous() }
        let indexRange = try indexRange(shardSize: shardSize)
        let chunkCount = counts.reduce(1, *)
        var ranges = [Range<Int>?](repeating: nil, count: chunkCount)
        let pointer = entries.pointer(as: UInt64.self)
        for chunk in 0..<chunkCount {
            let offset = pointer[2 * chunk], length = pointer[2 * chunk + 1]
            if offset == UInt64.max && length == UInt64.max { continue }
            guard let start = Int(exactly: offset), let count = Int(exactly: length),
                  start <= shardSize, count <= shardSize - start else {
                throw ZarrError(.corruptChunk, "shard index entry \(chunk) (offset \(offset), length \(length)) "
                                + "points outside the \(shardSize)-byte shard")
            }
            let range = start..<(start + count)
            guard !range.overlaps(indexRange) else {
                throw ZarrError(.corruptChunk, "shard index entry \(chunk) overlaps the index")
            }
            ranges[chunk] = range
        }
        return ShardIndex(ranges: ranges)
    }

    /// The whole shard as an array of `shardShape` (inner chunks that are absent read as the fill value).
    func decodeWhole(_ shard: ByteBuffer) throws(ZarrError) -> NDArray {
        let index = try index(shard.slice(try indexRange(shardSize: shard.count)), shardSize: shard.count)
        let result = try ZarrError.array { () throws(ArrayError) in try NDArray(repeating: inner.fillValue, shape: shardShape, dtype: inner.dtype) }
        var position = [Int](repeating: 0, count: counts.count)
        for linear in 0..<index.ranges.count {
            if let range = index.ranges[linear] {
                let chunk = try inner.decode(shard.slice(range))
                let ranges = position.indices.map { d in
                    (position[d] * inner.chunkShape[d])..<((position[d] + 1) * inner.chunkShape[d])
                }
                NDArray.copyElements(from: chunk, to: result.view(ranges))
            }
            ChunkGrid.advance(&position, counts)
        }
        return result
    }
}

/// A decoded shard index: each inner chunk's byte range in the shard (row-major), nil when empty.
struct ShardIndex: Sendable {
    let ranges: [Range<Int>?]
}
