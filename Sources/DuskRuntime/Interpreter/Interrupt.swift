import DuskArray
import Synchronization

/// The global interrupt flag: the REPL's SIGINT handler sets it, the interpreter
/// checks it on loop back-edges, function calls and while sleeping, and raises
/// `KeyboardInterrupt`. Setting it is async-signal-safe (atomic stores). It is forwarded to
/// `KernelCancellation`, so a long matrix product or elementwise kernel stops too.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Requests that running code stop at its next check.
    public static func request() {
        flag.store(true, ordering: .relaxed)
        KernelCancellation.request()
    }

    /// Clears a pending request (the REPL does this before each cell).
    public static func reset() {
        flag.store(false, ordering: .relaxed)
        KernelCancellation.clear()
    }

    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws `KeyboardInterrupt` if an interrupt was requested (and clears the request).
    @inline(__always)
    public static func check() throws {
        if flag.load(ordering: .relaxed) {
            reset()
            throw DuskError.interrupted()
        }
    }
}
