import Foundation

/// Hands out 64-byte aligned buffers and takes them back.
///
/// Today a thin wrapper over `posix_memalign`/`free`; the NDArray work makes it a real
/// pool of chunk-sized buffers (see the performance model in DESIGN.md: first-touch page
/// faults on the test machines cost far more than bandwidth).
public final class BufferPool: @unchecked Sendable {
    public static let shared = BufferPool()

    public func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        var pointer: UnsafeMutableRawPointer?
        let status = posix_memalign(&pointer, 64, Swift.max(byteCount, 1))
        guard status == 0, let pointer else {
            fatalError("out of memory allocating \(byteCount) bytes")
        }
        return pointer
    }

    public func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        free(pointer)
    }
}
