import CZlib

/// DEFLATE through Debian's zlib: Zarr's `gzip` codec and the v2 `zlib` and `gzip` compressors.
enum Deflate {
    /// The container around the DEFLATE stream.
    enum Wrapper: Sendable {
        /// RFC 1950 (Python's `zlib.compress`, numcodecs' `Zlib`).
        case zlib
        /// RFC 1952 (Python's `gzip`, numcodecs' `GZip`).
        case gzip

        var windowBits: Int32 { self == .zlib ? 15 : 15 + 16 }
    }

    /// Inflates a zlib or gzip stream (the header says which); `expectedSize`, when known,
    /// must be the result's size.
    static func decompress(_ input: ByteBuffer, expectedSize: Int?, limit: Int) throws(ZarrError) -> ByteBuffer {
        var stream = z_stream()
        // 15 + 32: detect a zlib or gzip header.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZarrError(.io, "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        // One byte more than expected, to tell a stream that is too long from one that fits.
        var capacity = expectedSize.map { $0 + 1 } ?? Swift.min(limit, Swift.max(input.count * 4, 1 << 16))
        var output = try ByteBuffer(count: capacity)
        var consumed = 0
        var produced = 0
        while true {
            let inChunk = Swift.min(input.count - consumed, Int(UInt32.max))
            let outChunk = Swift.min(capacity - produced, Int(UInt32.max))
            stream.next_in = input.pointer.advanced(by: consumed).assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(inChunk)
            stream.next_out = output.pointer.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(outChunk)
            let status = inflate(&stream, Z_NO_FLUSH)
            consumed += inChunk - Int(stream.avail_in)
            produced += outChunk - Int(stream.avail_out)
            if status == Z_STREAM_END { break }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw ZarrError(.corruptChunk, "not a valid zlib/gzip stream: \(detail)")
            }
            if produced < capacity {
                if consumed == input.count { throw ZarrError(.corruptChunk, "zlib/gzip stream is truncated") }
                continue
            }
            guard capacity < limit else {
                throw ZarrError(.corruptChunk, "zlib/gzip stream decompresses to more than \(limit) bytes")
            }
            let grown = try ByteBuffer(count: Swift.min(limit, capacity * 2))
            grown.pointer.copyMemory(from: output.pointer, byteCount: produced)
            output = grown
            capacity = grown.count
        }
        if let expectedSize, produced != expectedSize {
            throw ZarrError(.corruptChunk, "zlib/gzip stream decompresses to \(produced) bytes, expected \(expectedSize)")
        }
        return output.prefix(produced)
    }

    /// Deflates `input` at `level` (0-9) in a zlib or gzip wrapper.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, wrapper: Wrapper) throws(ZarrError) -> ByteBuffer {
        var stream = z_stream()
        guard deflateInit2_(&stream, Int32(clamping: level), Z_DEFLATED, wrapper.windowBits, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZarrError(.invalidArgument, "zlib cannot compress at level \(level) (levels are 0 to 9)")
        }
        defer { deflateEnd(&stream) }
        // deflateBound holds for one call; add room for the gzip header and trailer.
        let capacity = Int(deflateBound(&stream, uLong(input.count))) + 32
        let output = try ByteBuffer(count: capacity)
        var consumed = 0
        var produced = 0
        while true {
            let inChunk = Swift.min(input.count - consumed, Int(UInt32.max))
            let outChunk = Swift.min(capacity - produced, Int(UInt32.max))
            stream.next_in = UnsafeMutablePointer(mutating: (input.baseAddress ?? UnsafeRawPointer(output.pointer))
                .advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(inChunk)
            stream.next_out = output.pointer.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(outChunk)
            let last = consumed + inChunk == input.count
            let status = deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH)
            consumed += inChunk - Int(stream.avail_in)
            produced += outChunk - Int(stream.avail_out)
            if status == Z_STREAM_END { break }
            guard status == Z_OK || status == Z_BUF_ERROR, produced < capacity else {
                throw ZarrError(.io, "zlib compression failed (status \(status))")
            }
        }
        return output.prefix(produced)
    }
}
