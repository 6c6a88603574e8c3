extension NDArray {
    /// NumPy's `op(lhs, rhs, out=output)`: computes into an existing array, as `a += b` does.
    ///
    /// The inputs broadcast to `output`'s shape; the result dtype must cast to `output`'s
    /// under NumPy's `same_kind` rule (so `int_array += 1.5` is an error). Inputs that share
    /// memory with `output` in a different layout are copied first, so `b[1:] += b[:-1]`
    /// reads the original values, as in NumPy.
    public static func binary(_ op: BinaryOp, _ lhs: Operand, _ rhs: Operand, out output: NDArray) throws(ArrayError) {
        let (loop, result) = try op.resolve(lhs, rhs)
        guard result.canCastSameKind(to: output.dtype) else {
            throw .type("Cannot cast ufunc '\(op.numpyName)' output from dtype('\(result)') to dtype('\(output.dtype)') with casting rule 'same_kind'")
        }
        var a = try lhs.checkedScalarArray(dtype: loop)
        var b = try rhs.checkedScalarArray(dtype: loop)
        let shape = try broadcastShapes(a.shape, b.shape)
        guard (try? broadcastShapes(shape, output.shape)) == output.shape else {
            throw .value("non-broadcastable output operand with shape \(formatShape(output.shape)) doesn't match the broadcast shape \(formatShape(try broadcastShapes(shape, output.shape)))")
        }
        a = try a.separated(from: output)
        b = try b.separated(from: output)
        if output.dtype == result && writesRowsContiguously(output) {
            try finishBinary(op, loop: loop, lhs: a, rhs: b, output: output)
        } else {
            let temporary = try NDArray(uninitialized: result, shape: output.shape)
            try finishBinary(op, loop: loop, lhs: a, rhs: b, output: temporary)
            copyElements(from: temporary, to: output)
        }
    }

    /// NumPy's `op(self, out=output)`, with the same casting and overlap rules as the binary form.
    public func unary(_ op: UnaryOp, out output: NDArray) throws(ArrayError) {
        let (loop, result) = try op.resolve(dtype)
        guard result.canCastSameKind(to: output.dtype) else {
            throw .type("Cannot cast ufunc '\(op.numpyName)' output from dtype('\(result)') to dtype('\(output.dtype)') with casting rule 'same_kind'")
        }
        guard (try? NDArray.broadcastShapes(shape, output.shape)) == output.shape else {
            throw .value("non-broadcastable output operand with shape \(formatShape(output.shape)) doesn't match the broadcast shape \(formatShape(shape))")
        }
        let input = try separated(from: output).broadcast(to: output.shape)
        let target = output.dtype == result && NDArray.writesRowsContiguously(output)
            ? output : try NDArray(uninitialized: result, shape: output.shape)
        let checksFloat = loop.isFloatingPoint && op.reportsFloatingPointErrors
        if checksFloat { ElementwiseFlags.clearFloatingPointFlags() }
        var flags = loop.dispatch(UnaryDriver(op: op, input: input, output: target))
        if checksFloat { flags.formUnion(ElementwiseFlags.floatingPointFlags()) }
        if flags.contains(.interrupted) { throw .interrupted }
        Warnings.current.emit(flags, in: op.numpyName)
        if target.storage !== output.storage { NDArray.copyElements(from: target, to: output) }
    }

    /// Whether the elementwise drivers can write `output` directly: its innermost merged rows have stride 1.
    static func writesRowsContiguously(_ output: NDArray) -> Bool {
        StridedRows(shape: output.shape, strides: [output.strides]).rowStride(0) == 1 || output.count <= 1
    }

    /// This array, or a copy when it shares storage with `output` in a different layout
    /// (reading it while writing `output` would see values already overwritten).
    func separated(from output: NDArray) throws(ArrayError) -> NDArray {
        guard storage === output.storage else { return self }
        if offset == output.offset, let aligned = broadcastStrides(to: output.shape), aligned == output.strides {
            return self
        }
        return try copy()
    }
}
