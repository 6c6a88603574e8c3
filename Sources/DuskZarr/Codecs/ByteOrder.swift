/// In-place element fix-ups after decoding.
enum ByteOrder {
    /// Reverses the bytes of each `itemSize`-byte element (big-endian storage on a little-endian host).
    static func swap(_ bytes: UnsafeMutableRawBufferPointer, itemSize: Int) {
        let count = bytes.count / itemSize
        guard let base = bytes.baseAddress, count > 0 else { return }
        switch itemSize {
        case 2:
            let p = base.bindMemory(to: UInt16.self, capacity: count)
            for i in 0..<count { p[i] = p[i].byteSwapped }
        case 4:
            let p = base.bindMemory(to: UInt32.self, capacity: count)
            for i in 0..<count { p[i] = p[i].byteSwapped }
        case 8:
            let p = base.bindMemory(to: UInt64.self, capacity: count)
            for i in 0..<count { p[i] = p[i].byteSwapped }
        default:
            break
        }
    }

    /// Makes every byte 0 or 1, so a corrupt boolean chunk cannot hold an invalid `Bool`.
    static func normalizeBooleans(_ bytes: UnsafeMutableRawBufferPointer) {
        for i in bytes.indices where bytes[i] > 1 { bytes[i] = 1 }
    }
}
