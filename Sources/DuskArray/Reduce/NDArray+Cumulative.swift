// cumsum and cumprod.

/// Scans a fresh C-contiguous `(outer, n, inner)` array in place along the middle axis.
private struct ScanKernel: MathVisitor {
    let array: NDArray
    let multiply: Bool
    let outer: Int
    let n: Int
    let inner: Int

    func visit<T: MathElement>(_ type: T.Type) {
        multiply ? scan(T.self, MultiplyStep.self) : scan(T.self, AddStep.self)
    }

    private func scan<T: MathElement, Step: ScanStep>(_ type: T.Type, _ step: Step.Type) {
        let x = array.pointer(as: T.self)
        // Ctrl-C every 2^20 elements or so: the scan stops, the caller throws and drops it.
        let slab = KernelCancellation.slabElements
        for o in 0..<outer {
            if o % Swift.max(1, slab / (n * inner)) == 0 && KernelCancellation.isRequested { return }
            let base = x + o * n * inner
            if inner == 1 {
                var running = base[0]
                var start = 1
                while start < n {
                    let end = Swift.min(n, start + slab)
                    for i in start..<end { running = Step.apply(running, base[i]); base[i] = running }
                    start = end
                    if start < n && KernelCancellation.isRequested { return }
                }
            } else {
                // Row by row: each row adds the previous (already scanned) row; vectorizes.
                let rowsPerCheck = Swift.max(1, slab / inner)
                for i in 1..<n {
                    if i % rowsPerCheck == 0 && KernelCancellation.isRequested { return }
                    let previous = base + (i - 1) * inner, row = base + i * inner
                    for j in 0..<inner { row[j] = Step.apply(previous[j], row[j]) }
                }
            }
        }
    }
}

/// The binary operation of a scan, as a type so the loop is specialized for it.
private protocol ScanStep {
    static func apply<T: MathElement>(_ a: T, _ b: T) -> T
}

private enum AddStep: ScanStep {
    @inline(__always) static func apply<T: MathElement>(_ a: T, _ b: T) -> T { T.add(a, b) }
}

private enum MultiplyStep: ScanStep {
    @inline(__always) static func apply<T: MathElement>(_ a: T, _ b: T) -> T { T.multiply(a, b) }
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
            result = try astype(target)
            (outer, n, inner) = (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *))
        } else {
            result = try astype(target).reshapedContiguous([count])
            (outer, n, inner) = (1, count, 1)
        }
        if n > 1 && outer * inner > 0 {
            target.dispatchMath(ScanKernel(array: result, multiply: multiply, outer: outer, n: n, inner: inner))
            try KernelCancellation.check()
        }
        return result
    }
}
