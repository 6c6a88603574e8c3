import DuskGraph

/// Runs a task graph and returns the values of its outputs, in order.
///
/// Implementations: `SynchronousScheduler` (the calling thread, deterministic order),
/// `ThreadedScheduler` (the default), `ProcessScheduler`.
public protocol Scheduler: Sendable {
    func run(_ graph: TaskGraph) throws -> [TaskValue]

    /// Runs `graph` with per-compute options (progress bar, cancellation flag).
    ///
    /// Throws `TaskFailure` for the first task that failed, `ComputeCancelled` when the
    /// options' cancellation flag was set, `InvalidTaskGraph` for a malformed graph.
    func run(_ graph: TaskGraph, options: ComputeOptions) throws -> [TaskValue]
}

extension Scheduler {
    /// Schedulers that know no options run the graph as `run(_:)` does.
    public func run(_ graph: TaskGraph, options: ComputeOptions) throws -> [TaskValue] {
        try run(graph)
    }
}
