import DuskGraph

/// Runs a graph on a persistent pool of threads: the default scheduler.
///
/// Ready tasks start in priority order (`executionOrder()`), so branches finish before
/// new ones start; each value is dropped as soon as its last dependent has run. The
/// calling thread works too and returns once nothing of the compute is running. On a
/// task error or cancellation, queued tasks are dropped and running ones finish before
/// `run` throws. Overhead: a few microseconds per task.
public struct ThreadedScheduler: Scheduler {
    /// Threads working on a compute, the caller included.
    public let numWorkers: Int

    /// A scheduler with `numWorkers` workers (nil: one per core).
    public init(numWorkers: Int? = nil) {
        self.numWorkers = Swift.min(Swift.max(1, numWorkers ?? defaultWorkerCount()), maxWorkerCount)
    }

    public func run(_ graph: TaskGraph) throws -> [TaskValue] {
        try run(graph, options: ComputeOptions())
    }

    public func run(_ graph: TaskGraph, options: ComputeOptions) throws -> [TaskValue] {
        // A forked worker process has none of the pool's threads: run in this thread.
        if numWorkers == 1 || ProcessWorker.isWorkerProcess {
            return try SynchronousScheduler().run(graph, options: options)
        }
        let plan = try ExecutionPlan(graph)
        if graph.count == 0 { return [] }
        if options.cancellation.isRequested {
            throw ComputeCancelled(completedTasks: 0, totalTasks: graph.count)
        }
        let progress = ProgressReporter.startIfNeeded(total: graph.count, enabled: options.progress)
        defer { progress?.finish() }
        let run = GraphRun(graph: graph, plan: plan, options: options, progress: progress)
        if let error = WorkerPool.shared(workers: numWorkers).execute(run) { throw error }
        return run.outputValues()
    }
}
