import DuskArray

/// Something that runs task graphs: a scheduler's `run`, passed as a function so this module
/// does not depend on the scheduler module (which depends on it).
public typealias GraphRunner = (TaskGraph) throws -> [TaskValue]

extension LazyArray {
    /// Optimizes this array's graph (as `options` say), lowers it (culled, ending in one
    /// assembling task), runs it with `run`, and returns the array.
    public func compute(options: OptimizerOptions = OptimizerOptions(), run: GraphRunner) throws -> NDArray {
        let values = try GraphCompute.compute([.array(self)], options: options, run: run)
        guard case .array(let result) = values[0] else {
            throw GraphError.unexpectedTaskValue("an array", key: "finalize-" + name)
        }
        return result
    }
}

extension LazyArray {
    /// Dask's `persist`: computes the array and returns a lazy array over the result, with
    /// the same name and chunks, so later graphs start from the computed blocks.
    public func persist(run: GraphRunner) throws -> LazyArray {
        let value = try compute(run: run)
        return LazyArray(ArrayExpr(name: name, op: .fromArray(value), inputs: [], dtype: dtype, chunks: chunks,
                                   location: location))
    }
}

/// Computing several outputs together, so shared parts of their graphs run once.
public enum GraphCompute {
    /// The value of each output, in order: arrays as `.array`, delayed results as they are.
    /// The graph is optimized first, as `options` say.
    public static func compute(_ outputs: [GraphOutput], options: OptimizerOptions = OptimizerOptions(),
                               run: GraphRunner) throws -> [TaskValue] {
        try compute(try Optimizer.optimize(outputs, options: options), run: run)
    }

    /// The value of each output of a graph already optimized.
    public static func compute(_ optimized: OptimizedGraph, run: GraphRunner) throws -> [TaskValue] {
        let lowered = try Lowering.lower(optimized.outputs)
        let values = try run(lowered.graph)
        return lowered.outputRanges.map { values[$0.lowerBound] }
    }

    /// Everything `explain` shows, without running anything: each stage of the optimizer with
    /// its rewrites, sizes and byte estimates, then the lowered and culled task graph with
    /// each task's bytes.
    public static func plan(_ outputs: [GraphOutput],
                            options: OptimizerOptions = OptimizerOptions()) throws(GraphError) -> OptimizationReport {
        var options = options
        options.recordsRewrites = true
        var report = try Optimizer.optimize(outputs, options: options).report
        let lowered = try Lowering.lower(report.optimized, options: LoweringOptions(measures: true))
        let taskBytes = lowered.taskBytes
        var read = 0
        var allocated = 0
        for (index, task) in lowered.graph.tasks.enumerated() {
            if taskBytes[index].allocates { allocated = allocated.addingClamped(taskBytes[index].bytes) }
            for dependency in task.dependencies { read = read.addingClamped(taskBytes[dependency].bytes) }
        }
        let resultBytes = outputs.reduce(0) { total, output in
            if case .array(let array) = output { return total.addingClamped(array.expr.nbytes) }
            return total
        }
        let bytes = OptimizationReport.Bytes(read: read, allocated: allocated)
        let layers = Set(lowered.graph.tasks.map(\.key.name)).count
        report.stages.append(OptimizationReport.Stage(
            name: "lowered and culled", purpose: "one task per block an output needs; blocks no output reads are dropped",
            size: .init(layers: layers, tasks: lowered.graph.count), bytes: bytes,
            rewrites: [], outputs: nil))
        report.execution = OptimizationReport.Execution(lowered: lowered, taskBytes: taskBytes, bytes: bytes,
                                                        resultBytes: resultBytes)
        return report
    }
}
