import DuskGraph

/// Runs every task in the calling thread, in priority order (`executionOrder()`).
///
/// Deterministic: the same graph always runs in the same order. Each intermediate is
/// dropped as soon as its last dependent has run, so it holds as few values as the
/// order allows. For debugging and teaching (`scheduler='sync'`).
public struct SynchronousScheduler: Scheduler {
    public init() {}

    public func run(_ graph: TaskGraph) throws -> [TaskValue] {
        try run(graph, options: ComputeOptions())
    }

    public func run(_ graph: TaskGraph, options: ComputeOptions) throws -> [TaskValue] {
        let plan = try ExecutionPlan(graph)
        let progress = ProgressReporter.startIfNeeded(total: graph.count, enabled: options.progress)
        defer { progress?.finish() }

        var results = [TaskValue?](repeating: nil, count: graph.count)
        var holds = plan.holdCount
        for (completed, index) in plan.order.enumerated() {
            if options.cancellation.isRequested {
                throw ComputeCancelled(completedTasks: completed, totalTasks: graph.count)
            }
            let task = graph.tasks[index]
            let value: TaskValue
            do {
                value = try task.function(task.dependencies.map { results[$0]! })
            } catch {
                throw failure(of: task, error: error)
            }
            for dependency in task.dependencies {
                holds[dependency] -= 1
                if holds[dependency] == 0 { results[dependency] = nil }
            }
            if holds[index] > 0 { results[index] = value }
            progress?.taskCompleted()
        }
        return graph.outputs.map { results[$0]! }
    }
}
