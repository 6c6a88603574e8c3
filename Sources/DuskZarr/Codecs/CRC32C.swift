import CIsal

/// CRC32C (Castagnoli), as Zarr's `crc32c` codec appends it: Intel ISA-L's `crc32_iscsi`
/// (hardware-accelerated where the CPU has it), with the standard initial value and final
/// inversion.
enum CRC32C {
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var state: UInt32 = 0xFFFF_FFFF
        var position = 0
        let base = bytes.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self)) }
        while position < bytes.count {
            let length = Swift.min(bytes.count - position, Int(Int32.max))
            state = crc32_iscsi(base! + position, Int32(length), state)
            position += length
        }
        return ~state
    }

    /// Checks and strips the 4-byte little-endian checksum at the end of `input`.
    static func decode(_ input: ByteBuffer) throws(ZarrError) -> ByteBuffer {
        guard input.count >= 4 else {
            throw ZarrError(.corruptChunk, "chunk is \(input.count) bytes, too short for its crc32c checksum")
        }
        let payload = input.prefix(input.count - 4)
        let stored = UInt32(littleEndian: input.bytes.loadUnaligned(fromByteOffset: input.count - 4, as: UInt32.self))
        let computed = checksum(payload.bytes)
        guard stored == computed else {
            throw ZarrError(.corruptChunk, "crc32c checksum mismatch (stored \(hex(stored)), computed \(hex(computed))): the chunk is corrupt")
        }
        return payload
    }

    /// `input` followed by its checksum.
    static func encode(_ input: UnsafeRawBufferPointer) throws(ZarrError) -> ByteBuffer {
        let output = try ByteBuffer(count: input.count + 4)
        if let base = input.baseAddress, input.count > 0 { output.pointer.copyMemory(from: base, byteCount: input.count) }
        output.pointer.storeBytes(of: checksum(input).littleEndian, toByteOffset: input.count, as: UInt32.self)
        return output
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
