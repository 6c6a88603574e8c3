import Synchronization

/// A process-wide request that long kernels stop early: Ctrl-C reaching into a single large
/// matrix product, elementwise operation or reduction.
///
/// DuskArray knows nothing of the interpreter or the scheduler, so they set it: the
/// runtime's interrupt flag and the scheduler's `Interruption` forward `request()` and
/// `clear()` here. Kernels call `isRequested` between panels, slabs and rows (a relaxed
/// atomic load, a few nanoseconds, every millisecond or so of work), stop, and their
/// `NDArray` operation throws `ArrayError.interrupted`. Tile-level entry points
/// (`UnaryOp.apply`, `BinaryOp.apply`) never check: their callers do, between tiles.
public enum KernelCancellation {
    private static let flag = Atomic<Bool>(false)

    /// Asks running kernels to stop. Async-signal-safe (a single atomic store).
    @inline(__always) public static func request() { flag.store(true, ordering: .relaxed) }

    /// Forgets a request (the runtime does this when it has reported the interrupt).
    @inline(__always) public static func clear() { flag.store(false, ordering: .relaxed) }

    /// True once `request()` was called and until `clear()`.
    @inline(__always) public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws `ArrayError.interrupted` when a stop was requested.
    @inline(__always) public static func check() throws(ArrayError) {
        if isRequested { throw .interrupted }
    }

    /// Elements an elementwise or reduction kernel processes between two checks: a few
    /// milliseconds of work at most, a negligible fraction of it for the check.
    public static let slabElements = 1 << 20
}
