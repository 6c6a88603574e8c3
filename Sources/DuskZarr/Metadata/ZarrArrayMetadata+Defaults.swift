import Foundation
import DuskArray

extension ZarrArrayMetadata {
    /// The metadata zarr-python 3 writes for a new array with these arguments; nil arguments
    /// take zarr-python's defaults (chunks guessed from the shape, fill value zero, v3
    /// codecs `bytes` little-endian then `zstd` level 0, v2 compressor `zstd` level 0).
    ///
    /// - Parameters:
    ///   - compressors: the bytes-to-bytes codecs (`[]` for none).
    ///   - order: v2's `order` (`F` stores chunks transposed); v3 arrays ignore it, as zarr-python does.
    ///   - separator: the chunk key separator (v3 `default`: `/`; v2: `.`).
    public static func new(format: Int, shape: [Int], chunks: [Int]?, dtype: DType, fillValue: Scalar?,
                           compressors: [ZarrCodec]?, filters: [ZarrCodec] = [], order: String = "C",
                           separator: Character? = nil, attributes: JSONObject = JSONObject(),
                           dimensionNames: JSONValue? = nil) throws(ZarrError) -> ZarrArrayMetadata {
        guard format == 2 || format == 3 else {
            throw ZarrError(.invalidArgument, "zarr_format must be 2 or 3, not \(format)")
        }
        guard order == "C" || order == "F" else {
            throw ZarrError(.invalidArgument, "order must be 'C' or 'F', not '\(order)'")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw ZarrError(.invalidArgument, "negative dimensions are not allowed: shape \(shape)")
        }
        let chunks = chunks ?? guessChunks(shape: shape, itemSize: dtype.itemSize)
        guard chunks.count == shape.count else {
            throw ZarrError(.invalidArgument, "chunks \(chunks) and shape \(shape) have different lengths")
        }
        guard chunks.allSatisfy({ $0 > 0 }) else {
            throw ZarrError(.invalidArgument, "chunks \(chunks) must be positive")
        }
        var codecs = filters
        if format == 2 && order == "F" && shape.count > 1 {
            codecs.append(.transpose(order: Array((0..<shape.count).reversed())))
        }
        codecs.append(.bytes(endian: dtype.itemSize == 1 ? nil : .little))
        codecs += compressors ?? [.zstd(level: 0, checksum: false)]
        let keys = ChunkKeyEncoding(prefixed: format == 3, separator: separator ?? (format == 3 ? "/" : "."))
        return try ZarrArrayMetadata(zarrFormat: format, shape: shape, chunkGrid: chunks, dtype: dtype,
                                     fillValue: fillValue ?? Scalar.int64(0).cast(to: dtype), codecs: codecs,
                                     chunkKeys: keys, attributes: attributes, dimensionNames: dimensionNames)
    }

    /// zarr-python's chunk guess (after h5py's): halve the axes in turn, starting with the
    /// first, until a chunk is near a target that grows with the array (128 KiB to 64 MiB).
    public static func guessChunks(shape: [Int], itemSize: Int) -> [Int] {
        var chunks = shape.map { Double(Swift.max($0, 1)) }
        let total = chunks.reduce(Double(itemSize), *)
        var target = 256 * 1024 * pow2(log10(total / (1024 * 1024)))
        target = Swift.min(Swift.max(target, 128 * 1024), 64 * 1024 * 1024)
        var axis = 0
        while !chunks.isEmpty {
            let bytes = chunks.reduce(Double(itemSize), *)
            if (bytes < target || abs(bytes - target) / target < 0.5) && bytes < 64 * 1024 * 1024 { break }
            if chunks.reduce(1, *) == 1 { break }
            chunks[axis % chunks.count] = (chunks[axis % chunks.count] / 2).rounded(.up)
            axis += 1
        }
        return chunks.map { Int($0) }
    }

    private static func pow2(_ x: Double) -> Double { exp2(x) }
}
