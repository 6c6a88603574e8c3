import DuskGraph

/// Runs a task graph and returns the values of its outputs, in order.
///
/// Implementations: `SynchronousScheduler` (the calling thread, deterministic order),
/// `ThreadedScheduler` (the default), `ProcessScheduler`.
public protocol Scheduler: Sendable {
    func run(_ graph: TaskGraph) throws -> [TaskValue]
}
