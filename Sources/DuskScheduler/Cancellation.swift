import DuskArray
import Synchronization

/// A flag a compute checks between tasks; setting it cancels the compute.
///
/// Setting is a single atomic store, so it is safe from a signal handler once the
/// flag exists. A scheduler that sees it set stops starting tasks, lets the running
/// ones finish and throws `ComputeCancelled`.
public final class CancellationFlag: Sendable {
    private let state = Atomic<Bool>(false)

    public init() {}

    /// Asks every compute watching this flag to stop.
    @inline(__always) public func request() { state.store(true, ordering: .releasing) }

    /// True once `request()` was called and until `clear()`.
    @inline(__always) public var isRequested: Bool { state.load(ordering: .acquiring) }

    /// Resets the flag so the next compute runs.
    @inline(__always) public func clear() { state.store(false, ordering: .releasing) }
}

/// The process-wide interrupt flag: Ctrl-C in the REPL.
///
/// The only such flag in Dusk: the REPL's SIGINT handler calls `Interruption.request()`,
/// every compute watches it (through `ComputeOptions.cancellation`'s default), and the
/// REPL calls `Interruption.clear()` before it evaluates the next input. Call
/// `Interruption.clear()` once before installing the signal handler: that creates the
/// flag, so the handler itself only does an atomic store. A compute never clears it
/// (an outer compute must see the interrupt too).
public enum Interruption {
    /// The flag behind this namespace; pass it where a `CancellationFlag` is expected.
    public static let flag = CancellationFlag()

    /// Asks the running compute (and any nested one) to stop, and the kernels running in it
    /// (`KernelCancellation`). Async-signal-safe.
    public static func request() {
        flag.request()
        KernelCancellation.request()
    }

    /// True when an interrupt was requested and not yet cleared.
    public static var isRequested: Bool { flag.isRequested }

    /// Forgets a past interrupt.
    public static func clear() {
        flag.clear()
        KernelCancellation.clear()
    }
}
