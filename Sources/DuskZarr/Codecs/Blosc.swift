import CBlosc

/// Blosc 1 through Debian's libblosc: Zarr's `blosc` codec (v3) and compressor (v2).
///
/// Only the `_ctx` functions are used: they keep no global state, so chunks decode and
/// encode on several threads at once.
enum Blosc {
    /// The compressors Blosc 1 offers, as Zarr names them.
    static let compressorNames = ["blosclz", "lz4", "lz4hc", "snappy", "zlib", "zstd"]
    /// Blosc 1 frames hold at most this many bytes.
    static let maxBufferSize = Int(Int32.max) - 16

    /// Decompresses one Blosc frame, which records its decompressed size.
    static func decompress(_ input: ByteBuffer, expectedSize: Int?, limit: Int) throws(ZarrError) -> ByteBuffer {
        var declared = 0
        guard blosc_cbuffer_validate(input.pointer, input.count, &declared) == 0 else {
            throw ZarrError(.corruptChunk, "not a valid blosc frame (\(input.count) bytes): truncated or corrupt")
        }
        guard declared <= limit else {
            throw ZarrError(.corruptChunk, "blosc frame declares \(declared) bytes, more than the chunk can hold")
        }
        if let expectedSize, declared != expectedSize {
            throw ZarrError(.corruptChunk, "blosc frame decompresses to \(declared) bytes, expected \(expectedSize)")
        }
        let output = try ByteBuffer(count: declared)
        let written = blosc_decompress_ctx(input.pointer, output.pointer, declared, 1)
        guard written >= 0, Int(written) == declared else {
            throw ZarrError(.corruptChunk, "blosc frame is corrupt (decompression failed with \(written))")
        }
        return output
    }

    /// Compresses `input` with `compressor` (`lz4`, `zstd`...), `shuffle` 0 (none), 1 (bytes)
    /// or 2 (bits) over elements of `typesize` bytes.
    static func compress(_ input: UnsafeRawBufferPointer, compressor: String, level: Int, shuffle: Int,
                         typesize: Int, blocksize: Int) throws(ZarrError) -> ByteBuffer {
        guard input.count <= maxBufferSize else {
            throw ZarrError(.invalidArgument, "a chunk of \(input.count) bytes is too big for blosc (at most \(maxBufferSize))")
        }
        let capacity = input.count + 16
        let output = try ByteBuffer(count: capacity)
        let written = blosc_compress_ctx(Int32(clamping: level), Int32(clamping: shuffle), Swift.max(typesize, 1),
                                         input.count, input.baseAddress ?? UnsafeRawPointer(output.pointer),
                                         output.pointer, capacity, compressor, blocksize, 1)
        guard written > 0 else {
            throw ZarrError(.io, "blosc compression with '\(compressor)' failed (\(written))")
        }
        return output.prefix(Int(written))
    }
}
