import DuskArray
import DuskGraph

// Added by the graph area: computing lazy graphs with a scheduler. DuskGraph cannot name
// `Scheduler` (this module depends on it), so it takes a run function; these wrappers pass one.

extension LazyArray {
    /// Lowers this array's graph, runs it on `scheduler` and returns the assembled array.
    public func compute(using scheduler: any Scheduler, options: ComputeOptions = ComputeOptions(),
                        optimizer: OptimizerOptions = OptimizerOptions()) throws -> NDArray {
        try compute(options: optimizer, run: { try scheduler.run($0, options: options) })
    }
}

extension GraphCompute {
    /// Computes several arrays and delayed values together on `scheduler` (shared parts run once).
    public static func compute(_ outputs: [GraphOutput], using scheduler: any Scheduler,
                               options: ComputeOptions = ComputeOptions(),
                               optimizer: OptimizerOptions = OptimizerOptions()) throws -> [TaskValue] {
        try compute(outputs, options: optimizer, run: { try scheduler.run($0, options: options) })
    }

    /// Computes a graph already optimized on `scheduler`.
    public static func compute(_ optimized: OptimizedGraph, using scheduler: any Scheduler,
                               options: ComputeOptions = ComputeOptions()) throws -> [TaskValue] {
        try compute(optimized, run: { try scheduler.run($0, options: options) })
    }

    /// The peak memory estimate of a plan's tasks run one at a time in the scheduler's priority order.
    public static func peakBytes(of execution: OptimizationReport.Execution) -> Int {
        execution.peakBytes(order: execution.lowered.graph.executionOrder())
    }
}

extension LazyArray {
    /// Dask's `persist` on `scheduler`: the computed array as a lazy array with the same name and chunks.
    public func persist(using scheduler: any Scheduler, options: ComputeOptions = ComputeOptions()) throws -> LazyArray {
        try persist(run: { try scheduler.run($0, options: options) })
    }
}
