import DuskArray

extension ChunkKernels {
    /// The function generating one block of a creation layer, from the block's element ranges.
    static func create(_ op: CreationOp, dtype: DType, key: TaskKey, chunks: Chunks) -> TaskFunction {
        switch op {
        case .full(let value):
            return { _ in .array(NDArray(repeating: value, shape: chunks.blockShape(key.index), dtype: dtype)) }
        case .arange(let start, let step):
            return { _ in
                let range = chunks.blockRanges(key.index)[0]
                return .array(InterimKernels.arange(start: start, step: step, range: range, dtype: dtype))
            }
        case .linspace(let start, let stop, let num, let endpoint):
            return { _ in
                let range = chunks.blockRanges(key.index)[0]
                return .array(InterimKernels.linspace(start: start, stop: stop, num: num, endpoint: endpoint,
                                                      range: range, dtype: dtype))
            }
        case .eye(let k):
            // Block (r, c) of eye(N, M, k) is eye(h, w, k + r0 - c0): ones where column = row + k.
            return { _ in
                let ranges = chunks.blockRanges(key.index)
                let shape = ranges.map(\.count)
                let diagonal = k + ranges[0].lowerBound - ranges[1].lowerBound
                return .array(try run { () throws(ArrayError) in try NDArray.eye(shape[0], shape[1], k: diagonal, dtype: dtype) })
            }
        case .random(let spec):
            return { _ in .array(try random(spec, shape: chunks.blockShape(key.index), dtype: dtype, block: key.index)) }
        }
    }

    /// A block of random numbers from the stream of `(seed, block index)`: the same numbers
    /// whatever order or thread blocks are made in.
    static func random(_ spec: RandomSpec, shape: [Int], dtype: DType, block: [Int]) throws(GraphError) -> NDArray {
        var stream = RandomStream(seed: spec.seed, stream: block)
        let p = spec.parameters
        func parameter(_ index: Int, _ fallback: Double) -> Double { index < p.count ? p[index] : fallback }
        let values: NDArray
        switch spec.distribution {
        case "random", "random_sample", "rand":
            values = stream.random(shape: shape)
        case "uniform":
            values = stream.uniform(low: parameter(0, 0), high: parameter(1, 1), shape: shape)
        case "normal":
            values = stream.normal(loc: parameter(0, 0), scale: parameter(1, 1), shape: shape)
        case "standard_normal", "randn":
            values = stream.normal(shape: shape)
        case "integers", "randint":
            values = try run { () throws(ArrayError) in
                try stream.randint(low: Int64(parameter(0, 0)), high: Int64(parameter(1, 1)), shape: shape, dtype: dtype)
            }
        default:
            throw GraphError.kernelMissing("random.\(spec.distribution)")
        }
        return values.dtype == dtype ? values : values.astype(dtype)
    }
}
