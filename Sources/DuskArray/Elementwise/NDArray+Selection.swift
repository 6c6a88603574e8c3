extension NDArray {
    /// NumPy's `where(condition, x, y)`: elements of `x` where `condition` is true, else of `y`,
    /// all three broadcast together. The dtype follows NEP 50 (`where(c, int8_array, 5)` is
    /// `int8`); Python scalars are cast to it as NumPy does, wrapping if they do not fit.
    public static func `where`(_ condition: NDArray, _ x: Operand, _ y: Operand) throws(ArrayError) -> NDArray {
        let dtype = Operand.resultDType([x, y])
        let a = try wrappedArray(x, dtype: dtype), b = try wrappedArray(y, dtype: dtype)
        let shape = try broadcastShapes([condition.shape, a.shape, b.shape])
        let result = try NDArray(uninitialized: dtype, shape: shape)
        dtype.dispatch(WhereKernel(condition: try condition.converted(to: .bool).broadcast(to: shape),
                                   x: try a.broadcast(to: shape), y: try b.broadcast(to: shape), result: result))
        return result
    }

    /// NumPy's `clip(a, a_min, a_max)`: `minimum(maximum(a, a_min), a_max)`, NaN propagating;
    /// either bound may be nil. Python int bounds beyond an integer dtype's range are dropped,
    /// as NumPy 2 does.
    public func clipped(min lower: Operand?, max upper: Operand?) throws(ArrayError) -> NDArray {
        var lower = lower, upper = upper
        if dtype.isInteger, let bounds = dtype.integerBounds {
            if case .int(let value)? = lower, value <= bounds.min { lower = nil }
            if case .int(let value)? = upper, value >= 0, UInt64(value) >= bounds.max { upper = nil }
        }
        var result = Operand.array(self)
        if let lower { result = .array(try NDArray.binary(.maximum, result, lower)) }
        if let upper { result = .array(try NDArray.binary(.minimum, result, upper)) }
        if lower == nil && upper == nil { return try unary(dtype == .bool ? .absolute : .positive) }
        return result.array!
    }

    /// An operand as an array of `dtype`, scalars cast with wrapping.
    private static func wrappedArray(_ operand: Operand, dtype: DType) throws(ArrayError) -> NDArray {
        switch operand {
        case .array(let array): try array.converted(to: dtype)
        case .int(let value): try NDArray(scalar: .int(value, .int64), dtype: dtype)
        case .float(let value): try NDArray(scalar: .float(value, .float64), dtype: dtype)
        case .bool(let value): try NDArray(scalar: .bool(value), dtype: dtype)
        }
    }
}

private struct WhereKernel: ElementVisitor {
    let condition: NDArray
    let x: NDArray
    let y: NDArray
    let result: NDArray

    func visit<T: NDElement>(_ type: T.Type) {
        let rows = StridedRows(shape: result.shape, strides: [condition.strides, x.strides, y.strides, result.strides])
        let c = condition.storage.base.assumingMemoryBound(to: Bool.self)
        let a = x.storage.base.assumingMemoryBound(to: T.self)
        let b = y.storage.base.assumingMemoryBound(to: T.self)
        let out = result.storage.base.assumingMemoryBound(to: T.self)
        let length = rows.rowLength
        let sc = rows.rowStride(0), sa = rows.rowStride(1), sb = rows.rowStride(2)
        rows.forEachRow(offsets: [condition.offset, x.offset, y.offset, result.offset]) { offsets in
            let cr = c + offsets[0], ar = a + offsets[1], br = b + offsets[2], orow = out + offsets[3]
            if sc == 1 && sa == 1 && sb == 1 {
                for i in 0..<length { orow[i] = cr[i] ? ar[i] : br[i] }
            } else {
                for i in 0..<length { orow[i] = cr[i * sc] ? ar[i * sa] : br[i * sb] }
            }
        }
    }
}
