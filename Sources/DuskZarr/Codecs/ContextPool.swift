import Synchronization

/// Reusable compression contexts (a zstd `ZSTD_DCtx`, say): creating one per chunk costs
/// allocations and, for zstd, hundreds of kilobytes of table setup.
///
/// `withContext` takes an idle context (or makes one) and returns it afterwards, so each
/// thread decoding at a time has its own and none is shared. Contexts live as long as the pool.
final class ContextPool: Sendable {
    private struct Handle: @unchecked Sendable { let pointer: OpaquePointer }

    private let idle = Mutex<[Handle]>([])
    private let make: @Sendable () -> OpaquePointer?

    init(make: @escaping @Sendable () -> OpaquePointer?) {
        self.make = make
    }

    /// Runs `body` with a context to itself; throws `ZarrError` when none can be made.
    func withContext<R>(_ body: (OpaquePointer) throws(ZarrError) -> R) throws(ZarrError) -> R {
        let handle: Handle
        if let reused = idle.withLock({ $0.popLast() }) {
            handle = reused
        } else {
            guard let made = make() else { throw ZarrError(.io, "could not allocate a compression context") }
            handle = Handle(pointer: made)
        }
        defer { idle.withLock { $0.append(handle) } }
        return try body(handle.pointer)
    }
}
