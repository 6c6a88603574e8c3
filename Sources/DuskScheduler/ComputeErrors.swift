import DuskGraph

/// Thrown by `run` when the compute was cancelled (Ctrl-C or a `CancellationFlag`).
///
/// By the time it is thrown no task of the compute is running any more.
public struct ComputeCancelled: Error, Sendable, CustomStringConvertible {
    /// Tasks that had finished when the compute stopped.
    public var completedTasks: Int
    /// Tasks in the graph.
    public var totalTasks: Int

    public init(completedTasks: Int, totalTasks: Int) {
        self.completedTasks = completedTasks
        self.totalTasks = totalTasks
    }

    public var description: String {
        "computation cancelled after \(completedTasks) of \(totalTasks) tasks"
    }
}

/// Thrown before running a graph that breaks the `TaskGraph` invariants.
public struct InvalidTaskGraph: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "invalid task graph: \(message)" }
}

/// The error a scheduler reports for a task whose function threw `error`.
///
/// A `ComputeCancelled` thrown by a task (a nested compute that saw Ctrl-C) stays a
/// cancellation; anything else becomes a `TaskFailure` naming the task.
func failure(of task: Task, error: any Error) -> any Error {
    if error is ComputeCancelled { return error }
    return TaskFailure(key: task.key, origin: task.origin, underlying: error)
}
