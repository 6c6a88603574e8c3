import DuskArray
import DuskSyntax

/// A value produced by one task and consumed by others: a chunk, or any other value
/// (a delayed function's result, a reduction's partial sums).
public enum TaskValue: @unchecked Sendable {
    case array(NDArray)
    /// An opaque value; the runtime stores interpreter values here. The payload must
    /// itself be safe to share between threads.
    case object(any Sendable)
}

/// A task's name for display and for merging identical work: `("sum-3f2a", 0, 1)`.
public struct TaskKey: Hashable, Sendable, CustomStringConvertible {
    /// The layer's name: an operation and a deterministic token, `sum-3f2a9c`.
    public var name: String
    /// The chunk's block index within the layer (empty for a single task such as a delayed call).
    public var index: [Int]

    public init(_ name: String, _ index: [Int] = []) {
        self.name = name
        self.index = index
    }

    /// Dask's spelling: `('sum-3f2a', 0, 1)`, or `'add-1f0e'` for a single task.
    public var description: String {
        index.isEmpty ? "'\(name)'" : "('\(name)', \(index.map(String.init).joined(separator: ", ")))"
    }
}

/// What a task does with the values of its dependencies, in dependency order.
public typealias TaskFunction = @Sendable ([TaskValue]) throws -> TaskValue

/// One unit of work for a scheduler.
public struct Task: Sendable {
    public var key: TaskKey
    /// Indices into `TaskGraph.tasks`; the function receives their values in this order.
    public var dependencies: [Int]
    public var function: TaskFunction
    /// Where the expression that made this task was written, for error reports.
    public var origin: SourceLocation?
    /// The same work as data, for a process that cannot call `function` (a Dask worker); nil for
    /// a task that has no such description.
    public var work: TaskWork?

    public init(key: TaskKey, dependencies: [Int], origin: SourceLocation?, work: TaskWork? = nil,
                function: @escaping TaskFunction) {
        self.key = key
        self.dependencies = dependencies
        self.origin = origin
        self.work = work
        self.function = function
    }
}

/// The flat, integer-indexed graph that schedulers run.
///
/// Invariant: tasks are in a topological order (every dependency index is smaller
/// than the task's own index). Names and keys exist for display and merging only.
public struct TaskGraph: Sendable {
    public var tasks: [Task]
    /// The tasks whose values the caller asked for, in the caller's order.
    public var outputs: [Int]

    public init(tasks: [Task], outputs: [Int]) {
        self.tasks = tasks
        self.outputs = outputs
    }

    public var count: Int { tasks.count }
}

/// Thrown by a scheduler when a task fails: which task, where its expression was
/// written, and the error it raised.
public struct TaskFailure: Error, Sendable, CustomStringConvertible {
    public var key: TaskKey
    public var origin: SourceLocation?
    public var underlying: any Error

    public init(key: TaskKey, origin: SourceLocation?, underlying: any Error) {
        self.key = key
        self.origin = origin
        self.underlying = underlying
    }

    public var description: String { "task \(key) failed: \(underlying)" }
}
