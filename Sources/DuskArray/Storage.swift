/// A block of raw memory shared by an array and all of its views.
///
/// Like NumPy's data buffer: views alias it and writes through one view are seen by
/// the others. Marked `@unchecked Sendable` because, as in NumPy, concurrent writes to
/// the same elements are the caller's responsibility; the lazy layer never writes to
/// a buffer another task can read.
public final class Storage: @unchecked Sendable {
    /// 64-byte aligned, `byteCount` bytes (at least 1, so the pointer is never null); a
    /// borrowed buffer is only aligned for its elements.
    public let base: UnsafeMutableRawPointer
    public let byteCount: Int
    /// Whether the memory is someone else's (`init(borrowing:byteCount:)`): never freed here.
    public let isBorrowed: Bool

    /// Uninitialized memory for `byteCount` bytes.
    public init(byteCount: Int) throws(AllocationFailure) {
        self.base = try BufferPool.shared.allocate(byteCount: byteCount)
        self.byteCount = byteCount
        self.isBorrowed = false
    }

    /// Memory owned elsewhere, lent for as long as this storage lives (a NumPy array's buffer
    /// during one call of Dusk's kernel library). The lender keeps it alive and unchanged.
    public init(borrowing base: UnsafeMutableRawPointer, byteCount: Int) {
        self.base = base
        self.byteCount = byteCount
        self.isBorrowed = true
    }

    /// Zero-filled memory for `byteCount` bytes.
    public convenience init(zeroedByteCount byteCount: Int) throws(AllocationFailure) {
        try self.init(byteCount: byteCount)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
    }

    /// A small block for empty arrays that need no data of their own, from Swift's
    /// allocator, which cannot report failure for a block this small.
    public static let placeholder: Storage = Storage(placeholderByteCount: 64)

    private init(placeholderByteCount byteCount: Int) {
        self.byteCount = byteCount
        self.isBorrowed = false
        self.base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    }

    deinit {
        if !isBorrowed { BufferPool.shared.release(base, byteCount: byteCount) }
    }
}

extension Storage {
    /// A kernel's working buffer for `count` unsigned integers, failing as an array of
    /// that many elements would (`MemoryError`).
    static func scratch<Element: FixedWidthInteger & UnsignedInteger>(_ type: Element.Type, count: Int) throws(ArrayError) -> Storage {
        let dtype: DType = switch Element.bitWidth {
        case 8: .uint8
        case 16: .uint16
        case 32: .uint32
        default: .uint64
        }
        let bytes = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        if count < 0 || bytes.overflow { throw .tooBig }
        do { return try Storage(byteCount: bytes.partialValue) } catch {
            throw .allocation(bytes: bytes.partialValue, shape: [count], dtype: dtype)
        }
    }
}
