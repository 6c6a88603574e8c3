/// One step of a Zarr codec pipeline, with its configuration.
///
/// Version 3 metadata lists these by name (`bytes`, `zstd`, `sharding_indexed`...); version 2
/// metadata is mapped onto the same steps (`order: 'F'` is a transpose, the dtype's byte order
/// a `bytes` step, the compressor the last step), so one pipeline reads both.
public enum ZarrCodec: Sendable, Equatable {
    /// Array to array: the chunk stored with its axes permuted (`order[i]` is the stored axis `i`).
    case transpose(order: [Int])
    /// Array to bytes: elements in C order with a byte order (nil for one-byte types).
    case bytes(endian: Endian?)
    /// Array to bytes: a shard of inner chunks followed (or preceded) by their index.
    case sharding(ShardingConfiguration)
    case zstd(level: Int, checksum: Bool)
    /// DEFLATE in a gzip wrapper (v3 `gzip`, v2 `gzip`).
    case gzip(level: Int)
    /// DEFLATE in a zlib wrapper (v2 `zlib`).
    case zlib(level: Int)
    case blosc(BloscConfiguration)
    /// A CRC32C checksum appended to the bytes.
    case crc32c

    public enum Endian: String, Sendable, Equatable {
        case little, big
    }

    public enum Role: Sendable { case arrayToArray, arrayToBytes, bytesToBytes }

    public var role: Role {
        switch self {
        case .transpose: .arrayToArray
        case .bytes, .sharding: .arrayToBytes
        case .zstd, .gzip, .zlib, .blosc, .crc32c: .bytesToBytes
        }
    }

    /// The v3 name.
    public var name: String {
        switch self {
        case .transpose: "transpose"
        case .bytes: "bytes"
        case .sharding: "sharding_indexed"
        case .zstd: "zstd"
        case .gzip: "gzip"
        case .zlib: "zlib"
        case .blosc: "blosc"
        case .crc32c: "crc32c"
        }
    }

    /// The codecs Dusk reads and writes, by v3 name.
    public static let supportedNames = ["bytes", "transpose", "zstd", "gzip", "blosc", "crc32c", "sharding_indexed"]
}

/// The `sharding_indexed` codec's configuration.
public struct ShardingConfiguration: Sendable, Equatable {
    /// The inner chunks' shape (the shard's shape is the array's chunk grid).
    public var chunkShape: [Int]
    public var codecs: [ZarrCodec]
    public var indexCodecs: [ZarrCodec]
    public var indexAtEnd: Bool

    public init(chunkShape: [Int], codecs: [ZarrCodec], indexCodecs: [ZarrCodec], indexAtEnd: Bool) {
        self.chunkShape = chunkShape
        self.codecs = codecs
        self.indexCodecs = indexCodecs
        self.indexAtEnd = indexAtEnd
    }
}

/// The `blosc` codec's configuration.
public struct BloscConfiguration: Sendable, Equatable {
    /// `lz4`, `lz4hc`, `blosclz`, `zstd`, `zlib` or `snappy`.
    public var cname: String
    public var clevel: Int
    /// 0 none, 1 byte shuffle, 2 bit shuffle; -1 (v2's auto) bit shuffle for one-byte types, else byte.
    public var shuffle: Int
    /// Element size for shuffling (v3 metadata records it; v2 uses the dtype's).
    public var typesize: Int?
    public var blocksize: Int

    public init(cname: String, clevel: Int, shuffle: Int, typesize: Int?, blocksize: Int) {
        self.cname = cname
        self.clevel = clevel
        self.shuffle = shuffle
        self.typesize = typesize
        self.blocksize = blocksize
    }

    static let v3ShuffleNames = ["noshuffle", "shuffle", "bitshuffle"]
}
