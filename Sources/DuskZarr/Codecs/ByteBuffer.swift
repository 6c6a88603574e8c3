import DuskArray

/// Bytes in pooled memory: a chunk file's contents, or a codec's output.
///
/// Chunk-sized buffers come from `BufferPool` (memory already touched, so no page faults),
/// and a decoded buffer becomes the storage of the chunk's `NDArray` without a copy.
struct ByteBuffer: Sendable {
    let storage: Storage
    /// Where the bytes start in `storage`.
    let offset: Int
    let count: Int

    /// A new buffer of `count` uninitialized bytes; `outOfMemory` when the system refuses them.
    init(count: Int) throws(ZarrError) {
        do { self.storage = try Storage(byteCount: Swift.max(count, 1)) } catch {
            throw ZarrError(ArrayError.allocation(bytes: count, shape: [count], dtype: .uint8))
        }
        self.offset = 0
        self.count = count
    }

    init(storage: Storage, offset: Int, count: Int) {
        self.storage = storage
        self.offset = offset
        self.count = count
    }

    /// A copy of `bytes`.
    init(copying bytes: UnsafeRawBufferPointer) throws(ZarrError) {
        try self.init(count: bytes.count)
        if let base = bytes.baseAddress, bytes.count > 0 { pointer.copyMemory(from: base, byteCount: bytes.count) }
    }

    var pointer: UnsafeMutableRawPointer { storage.base + offset }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }

    /// The bytes in `range` (relative to this buffer), sharing memory.
    func slice(_ range: Range<Int>) -> ByteBuffer {
        ByteBuffer(storage: storage, offset: offset + range.lowerBound, count: range.count)
    }

    /// The first `count` bytes, sharing memory.
    func prefix(_ count: Int) -> ByteBuffer { slice(0..<count) }
}
