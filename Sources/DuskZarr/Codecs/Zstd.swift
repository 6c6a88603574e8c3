import CZstd

/// Zstandard through Debian's libzstd: Zarr's `zstd` codec (v3) and compressor (v2).
enum Zstd {
    private static let contentSizeUnknown = UInt64.max
    private static let contentSizeError = UInt64.max - 1

    private static let decoders = ContextPool { ZSTD_createDCtx() }
    private static let encoders = ContextPool { ZSTD_createCCtx() }

    private static func failed(_ code: Int) -> Bool { ZSTD_isError(code) != 0 }

    private static func message(_ code: Int) -> String { String(cString: ZSTD_getErrorName(code)) }

    /// Decompresses one or more frames; `expectedSize`, when known, must be the result's size.
    static func decompress(_ input: ByteBuffer, expectedSize: Int?, limit: Int) throws(ZarrError) -> ByteBuffer {
        let declared = ZSTD_getFrameContentSize(input.pointer, input.count)
        if declared == contentSizeError {
            throw ZarrError(.corruptChunk, "not a valid zstd stream (\(input.count) bytes)")
        }
        // One frame with its size recorded (what numcodecs writes): decoded in one call.
        let frameSize = ZSTD_findFrameCompressedSize(input.pointer, input.count)
        if declared != contentSizeUnknown && !failed(frameSize) && frameSize == input.count {
            guard let size = Int(exactly: declared), size <= limit else {
                throw ZarrError(.corruptChunk, "zstd stream declares \(declared) bytes, more than the chunk can hold")
            }
            if let expectedSize, size != expectedSize {
                throw ZarrError(.corruptChunk, "zstd stream decompresses to \(size) bytes, expected \(expectedSize)")
            }
            let output = try ByteBuffer(count: size)
            let written = try decoders.withContext { context throws(ZarrError) in
                let result = ZSTD_decompressDCtx(context, output.pointer, size, input.pointer, input.count)
                if failed(result) { throw ZarrError(.corruptChunk, "zstd: \(message(result))") }
                return result
            }
            guard written == size else {
                throw ZarrError(.corruptChunk, "zstd stream decompressed to \(written) bytes, expected \(size)")
            }
            return output
        }
        return try decompressStreaming(input, expectedSize: expectedSize, limit: limit)
    }

    /// Frames without a content size (written by streaming compressors), or several frames:
    /// decoded into a buffer that grows, never past `limit`.
    private static func decompressStreaming(_ input: ByteBuffer, expectedSize: Int?, limit: Int) throws(ZarrError) -> ByteBuffer {
        try decoders.withContext { context throws(ZarrError) in
            ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
            // One byte more than expected, to tell a stream that is too long from one that fits.
        var capacity = expectedSize.map { $0 + 1 } ?? Swift.min(limit, Swift.max(input.count * 4, 1 << 16))
            var output = try ByteBuffer(count: capacity)
            var produced = 0
            var inBuffer = ZSTD_inBuffer(src: input.pointer, size: input.count, pos: 0)
            while true {
                var outBuffer = ZSTD_outBuffer(dst: output.pointer + produced, size: capacity - produced, pos: 0)
                let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                if failed(result) { throw ZarrError(.corruptChunk, "zstd: \(message(result))") }
                produced += outBuffer.pos
                if result == 0 && inBuffer.pos == inBuffer.size { break }
                if produced < capacity {
                    if inBuffer.pos == inBuffer.size {
                        throw ZarrError(.corruptChunk, "zstd stream is truncated")
                    }
                    continue
                }
                guard capacity < limit else {
                    throw ZarrError(.corruptChunk, "zstd stream decompresses to more than \(limit) bytes")
                }
                let grown = try ByteBuffer(count: Swift.min(limit, capacity * 2))
                grown.pointer.copyMemory(from: output.pointer, byteCount: produced)
                output = grown
                capacity = grown.count
            }
            if let expectedSize, produced != expectedSize {
                throw ZarrError(.corruptChunk, "zstd stream decompresses to \(produced) bytes, expected \(expectedSize)")
            }
            return output.prefix(produced)
        }
    }

    /// The first `prefix` bytes of a stream that decompresses to `size` bytes, in a buffer of
    /// `size` bytes (the rest left undefined): decoding stops once the prefix is out.
    static func decompress(_ input: ByteBuffer, prefix: Int, size: Int) throws(ZarrError) -> ByteBuffer {
        let declared = ZSTD_getFrameContentSize(input.pointer, input.count)
        if declared == contentSizeError {
            throw ZarrError(.corruptChunk, "not a valid zstd stream (\(input.count) bytes)")
        }
        if declared != contentSizeUnknown && declared != UInt64(size) {
            throw ZarrError(.corruptChunk, "zstd stream decompresses to \(declared) bytes, expected \(size)")
        }
        let output = try ByteBuffer(count: size)
        try decoders.withContext { context throws(ZarrError) in
            ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
            var inBuffer = ZSTD_inBuffer(src: input.pointer, size: input.count, pos: 0)
            var outBuffer = ZSTD_outBuffer(dst: output.pointer, size: prefix, pos: 0)
            while outBuffer.pos < prefix {
                let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                if failed(result) { throw ZarrError(.corruptChunk, "zstd: \(message(result))") }
                if outBuffer.pos < prefix && (result == 0 || inBuffer.pos == inBuffer.size) {
                    throw ZarrError(.corruptChunk, "zstd stream is truncated: it ends after \(outBuffer.pos) bytes")
                }
            }
        }
        return output
    }

    /// One zstd frame with the content size recorded (as numcodecs writes); `level` 0 is zstd's default.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, checksum: Bool) throws(ZarrError) -> ByteBuffer {
        let bound = ZSTD_compressBound(input.count)
        let output = try ByteBuffer(count: bound)
        let written = try encoders.withContext { context throws(ZarrError) in
            ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters)
            var result = ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(clamping: level))
            if !failed(result) { result = ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, checksum ? 1 : 0) }
            if !failed(result) {
                result = ZSTD_compress2(context, output.pointer, bound, input.baseAddress, input.count)
            }
            if failed(result) { throw ZarrError(.io, "zstd compression failed: \(message(result))") }
            return result
        }
        return output.prefix(written)
    }
}
