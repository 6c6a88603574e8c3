import DuskArray

/// Checking a codec list against the chunks it encodes.
enum CodecPipeline {
    /// `codecs` with shorthands resolved (transpose `C`/`F`, blosc's type size), after checking
    /// the order (array-to-array, then exactly one array-to-bytes, then bytes-to-bytes) and
    /// each codec's parameters against `chunkShape` and `dtype`.
    static func validated(_ codecs: [ZarrCodec], chunkShape: [Int], dtype: DType) throws(ZarrError) -> [ZarrCodec] {
        var result: [ZarrCodec] = []
        var shape = chunkShape
        var sawArrayToBytes = false
        for codec in codecs {
            switch codec.role {
            case .arrayToArray:
                guard !sawArrayToBytes else {
                    throw ZarrError(.invalidMetadata, "codec '\(codec.name)' (array to array) must come before 'bytes'")
                }
            case .arrayToBytes:
                guard !sawArrayToBytes else {
                    throw ZarrError(.invalidMetadata, "codecs list two array-to-bytes codecs ('bytes' or 'sharding_indexed')")
                }
                sawArrayToBytes = true
            case .bytesToBytes:
                guard sawArrayToBytes else {
                    throw ZarrError(.invalidMetadata, "codec '\(codec.name)' (bytes to bytes) must come after 'bytes'")
                }
            }
            switch codec {
            case .transpose(var order):
                // Early zarr-python wrote order "C" (parsed as []) and "F" (parsed as [-1]).
                if order == [-1] { order = Array((0..<shape.count).reversed()) }
                if order.isEmpty { order = Array(0..<shape.count) }
                guard order.sorted() == Array(0..<shape.count) else {
                    throw ZarrError(.invalidMetadata, "transpose order \(order) is not a permutation of \(shape.count) axes")
                }
                shape = order.map { shape[$0] }
                result.append(.transpose(order: order))
            case .sharding(var s):
                guard s.chunkShape.count == shape.count else {
                    throw ZarrError(.invalidMetadata, "sharding chunk shape \(s.chunkShape) and shard shape \(shape) have different lengths")
                }
                guard zip(shape, s.chunkShape).allSatisfy({ $0 % $1 == 0 }) else {
                    throw ZarrError(.invalidMetadata, "shard shape \(shape) is not a multiple of the inner chunk shape \(s.chunkShape)")
                }
                s.codecs = try validated(s.codecs, chunkShape: s.chunkShape, dtype: dtype)
                let counts = zip(shape, s.chunkShape).map { $0 / $1 }
                s.indexCodecs = try validated(s.indexCodecs, chunkShape: counts + [2], dtype: .uint64)
                _ = try ShardLayout.indexByteCount(codecs: s.indexCodecs, chunkCount: counts.reduce(1, *))
                result.append(.sharding(s))
            case .blosc(var b):
                if b.typesize == nil { b.typesize = dtype.itemSize }
                result.append(.blosc(b))
            case .zstd(let level, _):
                guard (-131072...22).contains(level) else {
                    throw ZarrError(.invalidMetadata, "zstd level \(level) is out of range (-131072 to 22)")
                }
                result.append(codec)
            default:
                result.append(codec)
            }
        }
        guard sawArrayToBytes else {
            throw ZarrError(.invalidMetadata, "codecs have no array-to-bytes codec ('bytes' or 'sharding_indexed')")
        }
        return result
    }
}

/// A validated codec list bound to a chunk shape, dtype and fill value: decodes stored bytes
/// into chunks and encodes chunks into bytes.
struct ChunkCodec: Sendable {
    let chunkShape: [Int]
    let dtype: DType
    let fillValue: Scalar
    /// Axis orders, in encoding order.
    let transposes: [[Int]]
    /// `bytes` or `sharding_indexed`.
    let arrayToBytes: ZarrCodec
    let bytesCodecs: [ZarrCodec]
    /// The chunk's shape after the transposes: the layout of the stored elements.
    let encodedShape: [Int]
    /// Bytes of one chunk's elements.
    let chunkByteCount: Int

    init(codecs: [ZarrCodec], chunkShape: [Int], dtype: DType, fillValue: Scalar) throws(ZarrError) {
        self.chunkShape = chunkShape
        self.dtype = dtype
        self.fillValue = fillValue
        var transposes: [[Int]] = []
        var bytesCodecs: [ZarrCodec] = []
        var arrayToBytes = ZarrCodec.bytes(endian: .little)
        var shape = chunkShape
        for codec in codecs {
            switch codec {
            case .transpose(let order):
                transposes.append(order)
                shape = order.map { shape[$0] }
            case .bytes, .sharding: arrayToBytes = codec
            default: bytesCodecs.append(codec)
            }
        }
        self.transposes = transposes
        self.arrayToBytes = arrayToBytes
        self.bytesCodecs = bytesCodecs
        self.encodedShape = shape
        self.chunkByteCount = try ZarrArrayMetadata.checkedCount(chunkShape, what: "chunk shape") * dtype.itemSize
    }

    // MARK: - Decoding

    /// The chunk stored in `data`: an array of `chunkShape` in native byte order (possibly a
    /// transposed view; the caller copies it where it belongs).
    ///
    /// With `prefix`, only the first `prefix` bytes of the elements (in C order) need to be
    /// right: a reader of a few elements near the chunk's start stops decompressing there,
    /// when the codecs allow it (`supportsPrefix`).
    func decode(_ data: ByteBuffer, prefix: Int? = nil) throws(ZarrError) -> NDArray {
        var buffer = data
        let sizes = expectedSizes()
        let partial = prefix.flatMap { supportsPrefix && $0 < chunkByteCount ? $0 : nil }
        for (i, codec) in bytesCodecs.enumerated().reversed() {
            let limit = sizes[i] ?? chunkByteCount * 2 + (1 << 20)
            switch codec {
            case .crc32c: buffer = try CRC32C.decode(buffer)
            case .zstd:
                if i == 0, let partial {
                    buffer = try Zstd.decompress(buffer, prefix: partial, size: chunkByteCount)
                } else {
                    buffer = try Zstd.decompress(buffer, expectedSize: sizes[i], limit: limit)
                }
            case .gzip, .zlib: buffer = try Deflate.decompress(buffer, expectedSize: sizes[i], limit: limit)
            case .blosc: buffer = try Blosc.decompress(buffer, expectedSize: sizes[i], limit: limit)
            default: throw ZarrError(.invalidMetadata, "codec '\(codec.name)' cannot decode bytes")
            }
        }
        var array: NDArray
        switch arrayToBytes {
        case .sharding(let configuration):
            let layout = try ShardLayout(configuration: configuration, shardShape: encodedShape, dtype: dtype,
                                         fillValue: fillValue)
            array = try layout.decodeWhole(buffer)
        default:
            array = try elements(buffer, valid: partial ?? chunkByteCount)
        }
        for order in transposes.reversed() {
            var inverse = [Int](repeating: 0, count: order.count)
            for (i, axis) in order.enumerated() { inverse[axis] = i }
            array = try ZarrError.wrap { () throws(ArrayError) in try array.transposed(inverse) }
        }
        return array
    }

    /// Whether a prefix of the elements can be decoded alone: they are stored in order and
    /// come out of a zstd stream without a checksum. (A stream with a checksum, like gzip's
    /// and zlib's trailers, is checked only at its end: those are always decoded whole.)
    var supportsPrefix: Bool {
        guard transposes.isEmpty, case .bytes = arrayToBytes, case .zstd(_, false)? = bytesCodecs.first else { return false }
        return true
    }

    /// The size each bytes-to-bytes codec's decoding must give, where it is fixed: the
    /// elements' bytes, plus four for each checksum in between.
    private func expectedSizes() -> [Int?] {
        var sizes: [Int?] = []
        var size: Int? = arrayToBytes.isSharding ? nil : chunkByteCount
        for codec in bytesCodecs {
            sizes.append(size)
            size = codec == .crc32c ? size.map { $0 + 4 } : nil
        }
        return sizes
    }

    /// The elements in `buffer` as an array of `encodedShape`: byte order fixed, booleans
    /// normalized (in the first `valid` bytes, the only ones decoded), sharing the buffer's
    /// memory when it is aligned.
    private func elements(_ buffer: ByteBuffer, valid: Int) throws(ZarrError) -> NDArray {
        guard buffer.count == chunkByteCount else {
            throw ZarrError(.corruptChunk, "chunk holds \(buffer.count) bytes of elements, expected \(chunkByteCount) "
                            + "(\(encodedShape) \(dtype))")
        }
        var storage = buffer.storage
        var byteOffset = buffer.offset
        if byteOffset % dtype.itemSize != 0 {
            let copy = try ByteBuffer(copying: buffer.bytes)
            storage = copy.storage
            byteOffset = 0
        }
        let array = NDArray(dtype: dtype, shape: encodedShape, strides: NDArray.contiguousStrides(for: encodedShape),
                            offset: byteOffset / dtype.itemSize, storage: storage)
        let raw = UnsafeMutableRawBufferPointer(start: storage.base + byteOffset, count: valid - valid % dtype.itemSize)
        if case .bytes(.big) = arrayToBytes { ByteOrder.swap(raw, itemSize: dtype.itemSize) }
        if dtype == .bool { ByteOrder.normalizeBooleans(raw) }
        return array
    }

    // MARK: - Encoding

    /// The stored bytes of `chunk` (an array of `chunkShape`, any layout).
    func encode(_ chunk: NDArray) throws(ZarrError) -> ByteBuffer {
        var array = chunk
        for order in transposes {
            array = try ZarrError.wrap { () throws(ArrayError) in try array.transposed(order) }
        }
        if arrayToBytes.isSharding {
            throw ZarrError(.unsupported, "writing sharded arrays is not supported by Dusk yet (reading is)")
        }
        let bigEndian = arrayToBytes == .bytes(endian: .big) && dtype.itemSize > 1
        var buffer: ByteBuffer
        if array.isContiguous && !bigEndian {
            buffer = ByteBuffer(storage: array.storage, offset: array.offset * dtype.itemSize, count: chunkByteCount)
        } else {
            buffer = try ByteBuffer(count: chunkByteCount)
            let target = NDArray(dtype: dtype, shape: array.shape, strides: NDArray.contiguousStrides(for: array.shape),
                                 offset: 0, storage: buffer.storage)
            NDArray.copyElements(from: array, to: target)
            if bigEndian {
                ByteOrder.swap(UnsafeMutableRawBufferPointer(start: buffer.pointer, count: buffer.count), itemSize: dtype.itemSize)
            }
        }
        for codec in bytesCodecs {
            let input = buffer.bytes
            switch codec {
            case .crc32c: buffer = try CRC32C.encode(input)
            case .zstd(let level, let checksum): buffer = try Zstd.compress(input, level: level, checksum: checksum)
            case .gzip(let level): buffer = try Deflate.compress(input, level: level, wrapper: .gzip)
            case .zlib(let level): buffer = try Deflate.compress(input, level: level, wrapper: .zlib)
            case .blosc(let b):
                let shuffle = b.shuffle == -1 ? (dtype.itemSize == 1 ? 2 : 1) : b.shuffle
                buffer = try Blosc.compress(input, compressor: b.cname, level: b.clevel, shuffle: shuffle,
                                            typesize: b.typesize ?? dtype.itemSize, blocksize: b.blocksize)
            default: throw ZarrError(.invalidMetadata, "codec '\(codec.name)' cannot encode bytes")
            }
        }
        return buffer
    }
}

extension ZarrCodec {
    var isSharding: Bool {
        if case .sharding = self { return true }
        return false
    }
}

extension ZarrError {
    /// Runs an array operation whose failure would be a bug in the metadata checks.
    static func wrap<R>(_ body: () throws(ArrayError) -> R) throws(ZarrError) -> R {
        do { return try body() } catch { throw ZarrError(.invalidMetadata, "\(error)") }
    }
}
