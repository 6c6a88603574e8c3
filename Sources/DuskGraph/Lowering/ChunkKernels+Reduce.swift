import DuskArray

extension ChunkKernels {
    /// The per-block partial of a reduction, with reduced axes kept as length 1: an array,
    /// `Moments` (mean, var) or an `ArgPartial` (argmin, argmax) whose indices are global.
    static func reduceChunk(_ step: ReductionStep, inputChunks: Chunks, key: TaskKey) -> TaskFunction {
        let axes = step.axes
        let dtype = step.dtype
        let kind = step.kind
        let globalShape = step.inputShape
        return { values in
            let block = try array(values[0], key: key.description)
            return try run { () throws(ArrayError) -> TaskValue in
                let origin = inputChunks.blockRanges(key.index).map(\.lowerBound)
                switch kind {
                case .sum: return .array(try block.sum(axes: axes, keepdims: true, dtype: dtype))
                case .prod: return .array(try block.prod(axes: axes, keepdims: true, dtype: dtype))
                case .min: return .array(try block.amin(axes: axes, keepdims: true))
                case .max: return .array(try block.amax(axes: axes, keepdims: true))
                case .any: return .array(try block.any(axes: axes, keepdims: true))
                case .all: return .array(try block.all(axes: axes, keepdims: true))
                case .nansum: return .array(try block.nansum(axes: axes, keepdims: true, dtype: dtype))
                case .nanmin: return .array(try block.nanmin(axes: axes, keepdims: true))
                case .nanmax: return .array(try block.nanmax(axes: axes, keepdims: true))
                case .nanprod: return .array(try block.nanprod(axes: axes, keepdims: true, dtype: dtype))
                case .mean, .variance, .std, .nanmean, .nanvar, .nanstd:
                    return .object(try block.moments(axes: axes, keepdims: true, skipNaN: kind.skipsNaN))
                case .argmin, .argmax:
                    return .object(try block.argPartial(kind, axis: axes.count == 1 ? axes[0] : nil, keepdims: true,
                                                        origin: origin, globalShape: globalShape))
                }
            }
        }
    }

    /// Merges a group of partials (row-major over a grid of `counts` blocks): another partial
    /// for a combine step; for the aggregate step, the result block of `outputShape` and `dtype`.
    static func reduceGroup(_ step: ReductionStep, group: GroupDependencies, outputChunks: Chunks, dtype: DType,
                            key: TaskKey) -> TaskFunction {
        let final = step.phase == .aggregate
        let axes = step.axes
        let kind = step.kind
        let ddof = step.ddof
        let requested = step.dtype
        return { values in
            let outputShape = outputChunks.blockShape(key.index)
            if kind.usesMoments {
                let parts = try values.map { (value) throws(GraphError) -> Moments in
                    guard case .object(let part as Moments) = value else {
                        throw GraphError.unexpectedTaskValue("moments", key: key.description)
                    }
                    return part
                }
                let merged = try Moments.combine(parts)!
                guard final else { return .object(merged) }
                let result: NDArray
                switch kind {
                case .mean, .nanmean: result = try merged.finalize().mean
                case .std, .nanstd: result = try merged.standardDeviation(ddof: ddof)
                default: result = try merged.variance(ddof: ddof)
                }
                return .array(try finish(result, outputShape, dtype))
            }
            if kind.isArgReduction {
                let parts = try values.map { (value) throws(GraphError) -> ArgPartial in
                    guard case .object(let part as ArgPartial) = value else {
                        throw GraphError.unexpectedTaskValue("arg partials", key: key.description)
                    }
                    return part
                }
                let merged = try ArgPartial.combine(parts)!
                guard final else { return .object(merged) }
                return .array(try finish(merged.indices, outputShape, dtype))
            }
            let counts = group.ranges(of: key.index).map(\.count)
            let joined = try concatenateGrid(try arrays(values, key: key.description), counts: counts)
            let reduced = try run { () throws(ArrayError) -> NDArray in
                switch kind {
                case .sum, .nansum: try joined.sum(axes: axes, keepdims: true, dtype: requested)
                case .prod, .nanprod: try joined.prod(axes: axes, keepdims: true, dtype: requested)
                case .min: try joined.amin(axes: axes, keepdims: true)
                case .max: try joined.amax(axes: axes, keepdims: true)
                case .nanmin: try joined.nanmin(axes: axes, keepdims: true)
                case .nanmax: try joined.nanmax(axes: axes, keepdims: true)
                case .any: try joined.any(axes: axes, keepdims: true)
                case .all: try joined.all(axes: axes, keepdims: true)
                case .mean, .variance, .std, .nanmean, .nanvar, .nanstd, .argmin, .argmax:
                    preconditionFailure("handled above")
                }
            }
            return .array(final ? try finish(reduced, outputShape, dtype) : reduced)
        }
    }

    /// A final block: reshaped to the output block (dropping reduced axes) in the output dtype.
    static func finish(_ array: NDArray, _ shape: [Int], _ dtype: DType) throws(GraphError) -> NDArray {
        let shaped = array.shape == shape ? array : try run { () throws(ArrayError) in try array.reshaped(shape) }
        return shaped.dtype == dtype ? shaped : try run { () throws(ArrayError) in try shaped.astype(dtype) }
    }

    /// Joins arrays laid out row-major on a grid of `counts` blocks per dimension.
    static func concatenateGrid(_ arrays: [NDArray], counts: [Int]) throws(GraphError) -> NDArray {
        var level = arrays
        for dimension in stride(from: counts.count - 1, through: 0, by: -1) where counts[dimension] > 1 {
            var next: [NDArray] = []
            next.reserveCapacity(level.count / counts[dimension])
            for start in stride(from: 0, to: level.count, by: counts[dimension]) {
                let group = Array(level[start..<(start + counts[dimension])])
                next.append(try run { () throws(ArrayError) in try NDArray.concatenate(group, axis: dimension) })
            }
            level = next
        }
        return level[0]
    }

    /// The block product of a contraction, reshaped to the output block: the contracted
    /// block index stays as a length-1 axis for the sum that follows.
    static func contract(_ op: ContractionOp, outputChunks: Chunks, dtype: DType, key: TaskKey) -> TaskFunction {
        let kind = op.kind
        return { values in
            let a = try array(values[0], key: key.description)
            let b = try array(values[1], key: key.description)
            let shape = outputChunks.blockShape(key.index)
            let product = try run { () throws(ArrayError) -> NDArray in
                switch kind {
                case .matmul: try NDArray.matmul(a, b).reshaped(shape)
                case .tensordot(let left, let right):
                    try NDArray.tensordot(a, b, axes: .pairs(left, right)).reshaped(shape)
                }
            }
            return .array(product.dtype == dtype ? product : try product.astype(dtype))
        }
    }
}
