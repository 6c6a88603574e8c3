import Synchronization

/// Collects NumPy-style runtime warnings from kernels, each distinct message once.
///
/// Kernels call `Warnings.current.emit(_:)`; the runtime calls `drain()` after a statement
/// (or a compute) and prints what it gets. Thread-safe: chunk kernels run on many threads.
public final class Warnings: Sendable {
    /// The process's sink: what the REPL and scripts print.
    public static let shared = Warnings()

    /// Where kernels running in this task send their warnings: `shared` unless a caller
    /// (a test, chiefly) binds its own sink, so warnings from concurrent work stay apart.
    @TaskLocal public static var current: Warnings = shared

    private struct State {
        var pending: [String] = []
        var pendingSet: Set<String> = []
    }
    private let state = Mutex(State())

    public init() {}

    /// Records a warning unless the same text is already waiting to be printed.
    public func emit(_ message: String) {
        state.withLock { state in
            if state.pendingSet.insert(message).inserted { state.pending.append(message) }
        }
    }

    /// Records every warning an operation's flags imply.
    public func emit(_ flags: ElementwiseFlags, in operation: String) {
        if flags.isEmpty { return }
        for message in flags.warnings(in: operation) { emit(message) }
    }

    /// Returns the warnings recorded since the last drain, in first-seen order, and forgets them.
    public func drain() -> [String] {
        state.withLock { state in
            defer { state = State() }
            return state.pending
        }
    }
}
