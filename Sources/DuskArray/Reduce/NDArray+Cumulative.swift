// cumsum and cumprod.

/// Scans a fresh C-contiguous `(outer, n, inner)` array in place along the middle axis.
private struct ScanKernel: MathVisitor {
    let array: NDArray
    let multiply: Bool
    let outer: Int
    let n: Int
    let inner: Int

    func visit<T: MathElement>(_ type: T.Type) {
        multiply ? scan(T.self, T.multiply) : scan(T.self, T.add)
    }

    @inline(__always)
    private func scan<T: MathElement>(_ type: T.Type, _ op: (T, T) -> T) {
        let x = array.pointer(as: T.self)
        for o in 0..<outer {
            let base = x + o * n * inner
            if inner == 1 {
                var running = base[0]
                for i in 1..<n { running = op(running, base[i]); base[i] = running }
            } else {
                for i in 1..<n {
                    let previous = base + (i - 1) * inner, row = base + i * inner
                    for j in 0..<inner { row[j] = op(previous[j], row[j]) }
                }
            }
        }
    }
}

extension NDArray {
    /// NumPy's `cumsum`: running sums along `axis` (the flattened array when nil), in
    /// `dtype` or the accumulator `sum` would use (`int64` for small integers and bool).
    public func cumsum(axis: Int? = nil, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try cumulative(multiply: false, axis: axis, dtype: dtype)
    }

    /// NumPy's `cumprod`: running products along `axis` (the flattened array when nil).
    public func cumprod(axis: Int? = nil, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try cumulative(multiply: true, axis: axis, dtype: dtype)
    }

    private func cumulative(multiply: Bool, axis: Int?, dtype: DType?) throws(ArrayError) -> NDArray {
        let target = dtype ?? self.dtype.sumDType
        let result: NDArray
        let (outer, n, inner): (Int, Int, Int)
        if let axis {
            let a = try normalizeAxis(axis)
            result = astype(target)
            (outer, n, inner) = (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *))
        } else {
            result = astype(target).reshapedContiguous([count])
            (outer, n, inner) = (1, count, 1)
        }
        if n > 1 && outer * inner > 0 {
            target.dispatchMath(ScanKernel(array: result, multiply: multiply, outer: outer, n: n, inner: inner))
        }
        return result
    }
}
