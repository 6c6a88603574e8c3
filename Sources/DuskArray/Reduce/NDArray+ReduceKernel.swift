extension NDArray {
    /// Runs `Op` over the axes in `mask` into a new C-contiguous array of the kept shape,
    /// when the accumulator is itself an element type (sum, prod, min, max, any, all).
    func reduce<Op: ReductionOp>(_ op: Op.Type, mask: [Bool]) throws(ArrayError) -> NDArray where Op.Accumulator: NDElement {
        let layout = ReductionLayout(shape: shape, strides: strides, reduced: mask)
        let result = try NDArray(uninitialized: Op.Accumulator.dtype, shape: layout.keptShape)
        let out = result.pointer(as: Op.Accumulator.self)
        out.initialize(repeating: Op.identity, count: Swift.max(result.count, 0))
        layout.run(op, input: UnsafePointer(pointer(as: Op.Element.self)), into: out)
        return result
    }

    /// Runs `Op` over the axes in `mask` and hands each output element's accumulator, in C
    /// order of the kept shape, to `finish`, which writes the result element.
    func reduce<Op: ReductionOp, R: NDElement>(_ op: Op.Type, mask: [Bool], into dtype: R.Type,
                                              _ finish: (Op.Accumulator) -> R) throws(ArrayError) -> NDArray {
        let layout = ReductionLayout(shape: shape, strides: strides, reduced: mask)
        let result = try NDArray(uninitialized: R.dtype, shape: layout.keptShape)
        let count = result.count
        let accumulators = UnsafeMutablePointer<Op.Accumulator>.allocate(capacity: Swift.max(count, 1))
        defer { accumulators.deallocate() }
        accumulators.initialize(repeating: Op.identity, count: count)
        layout.run(op, input: UnsafePointer(pointer(as: Op.Element.self)), into: accumulators)
        let out = result.pointer(as: R.self)
        for i in 0..<count { out[i] = finish(accumulators[i]) }
        return result
    }

    /// Number of elements each output element of a reduction over `mask` sees.
    func reducedCount(mask: [Bool]) -> Int {
        shape.indices.reduce(1) { mask[$1] ? $0 * shape[$1] : $0 }
    }
}
