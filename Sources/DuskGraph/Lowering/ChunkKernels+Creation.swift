import DuskArray

extension ChunkKernels {
    /// The function generating one block of a creation layer, from the block's element ranges.
    static func create(_ op: CreationOp, dtype: DType, ranges: [Range<Int>], index: [Int],
                       chunks: Chunks) -> TaskFunction {
        let shape = ranges.map(\.count)
        switch op {
        case .full(let value):
            return { _ in .array(NDArray(repeating: value, shape: shape, dtype: dtype)) }
        case .arange(let start, let step):
            let range = ranges[0]
            return { _ in .array(InterimKernels.arange(start: start, step: step, range: range, dtype: dtype)) }
        case .linspace(let start, let stop, let num, let endpoint):
            let range = ranges[0]
            return { _ in
                .array(InterimKernels.linspace(start: start, stop: stop, num: num, endpoint: endpoint,
                                               range: range, dtype: dtype))
            }
        case .eye(let k):
            // Block (r, c) of eye(N, M, k) is eye(h, w, k + r0 - c0): ones where column = row + k.
            let diagonal = k + ranges[0].lowerBound - ranges[1].lowerBound
            return { _ in
                .array(try run { () throws(ArrayError) in try NDArray.eye(shape[0], shape[1], k: diagonal, dtype: dtype) })
            }
        case .random(let spec):
            return { _ in throw GraphError.kernelMissing("random.\(spec.distribution)") }
        }
    }
}
