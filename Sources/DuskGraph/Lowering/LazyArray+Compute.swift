import DuskArray

/// Something that runs task graphs: a scheduler's `run`, passed as a function so this module
/// does not depend on the scheduler module (which depends on it).
public typealias GraphRunner = (TaskGraph) throws -> [TaskValue]

extension LazyArray {
    /// Lowers this array's graph (culled, ending in one assembling task), runs it with `run`,
    /// and returns the array.
    public func compute(run: GraphRunner) throws -> NDArray {
        let values = try GraphCompute.compute([.array(self)], run: run)
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
    public static func compute(_ outputs: [GraphOutput], run: GraphRunner) throws -> [TaskValue] {
        let lowered = try Lowering.lower(outputs)
        let values = try run(lowered.graph)
        return lowered.outputRanges.map { values[$0.lowerBound] }
    }
}
