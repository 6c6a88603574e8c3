// mean, var, std and their NaN-skipping forms.

/// Divides each element of a fresh float array by a per-element or common count, the way
/// NumPy's `mean` does: in `float64`, rounded to the array's own type.
private func divideInPlace(_ array: NDArray, by counts: (Int) -> Double) {
    switch array.dtype {
    case .float32:
        let p = array.pointer(as: Float.self)
        for i in 0..<array.count { p[i] = Float(Double(p[i]) / counts(i)) }
    case .float64:
        let p = array.pointer(as: Double.self)
        for i in 0..<array.count { p[i] = p[i] / counts(i) }
    default:
        preconditionFailure("divideInPlace on \(array.dtype)")
    }
}

/// Sums as `mean` accumulates: integers and booleans in `float64`, floats in their type.
private struct MeanSumKernel: MathVisitor {
    let array: NDArray
    let mask: [Bool]
    func visit<T: MathElement>(_ type: T.Type) throws(ArrayError) -> NDArray {
        T.dtype.isFloatingPoint ? try array.reduce(SumOp<T>.self, mask: mask) : try array.reduce(DoubleSumOp<T>.self, mask: mask)
    }
}

/// The NaN-skipping sum and the count of non-NaN values, divided as `nanmean` does.
private struct NanMeanKernel: MathVisitor {
    let array: NDArray
    let mask: [Bool]
    func visit<T: MathElement>(_ type: T.Type) throws(ArrayError) -> (NDArray, Bool) {
        var sawEmptySlice = false
        let result = try array.reduce(NanSumCountOp<T>.self, mask: mask, into: T.Wide.self) { partial in
            if partial.count == 0 { sawEmptySlice = true }
            return T.Wide.numpyCast(T.Wide.toDouble(partial.sum) / Double(partial.count))
        }
        return (result, sawEmptySlice)
    }
}

extension NDArray {
    /// NumPy's `mean`: `float64` for integer and boolean data (summed in `float64`), the float
    /// type itself for floats (summed pairwise in that type). NaN for an empty reduction.
    public func mean(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        let mask = try reducedAxisMask(axes)
        let n = Double(reducedCount(mask: mask))
        let target = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .float64)
        var result: NDArray
        if target.isFloatingPoint {
            let source = (target == self.dtype || (target == .float64 && !self.dtype.isFloatingPoint))
                ? self : try converted(to: target)
            result = try source.dtype.dispatchMath(MeanSumKernel(array: source, mask: mask))
            try KernelCancellation.check()
            divideInPlace(result, by: { _ in n })
            if n == 0 {
                Warnings.current.emit("RuntimeWarning: Mean of empty slice")
                if result.count > 0 {
                    Warnings.current.emit("RuntimeWarning: invalid value encountered in \(result.ndim == 0 ? "scalar divide" : "divide")")
                }
            }
        } else {
            let total = try sum(axes: axes, dtype: target).converted(to: .float64)
            divideInPlace(total, by: { _ in n })
            result = try total.converted(to: target)
        }
        return keepdims ? result.reshapedContiguous(NDArray.reducedShape(shape, mask: mask, keepdims: true)) : result
    }

    /// NumPy's `nanmean`: the mean of the non-NaN values; NaN where there are none.
    public func nanmean(axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        guard dtype.isFloatingPoint else { return try mean(axes: axes, keepdims: keepdims) }
        let mask = try reducedAxisMask(axes)
        let (result, sawEmptySlice) = try dtype.dispatchMath(NanMeanKernel(array: self, mask: mask))
        try KernelCancellation.check()
        if sawEmptySlice { Warnings.current.emit("RuntimeWarning: Mean of empty slice") }
        return keepdims ? result.reshapedContiguous(NDArray.reducedShape(shape, mask: mask, keepdims: true)) : result
    }

    /// NumPy's `var`: mean squared deviation from the mean, divided by `n - ddof`.
    ///
    /// `float64` for integer and boolean data, the float type itself for floats (computed in
    /// `float64` from `moments`, so one pass and never less accurate than NumPy's two passes).
    public func variance(axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0,
                         dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try statisticsMoments(axes: axes, keepdims: keepdims, skipNaN: false, dtype: dtype).variance(ddof: ddof)
    }

    /// NumPy's `std`: the square root of `variance(axes:keepdims:ddof:dtype:)`.
    public func std(axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0,
                    dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try statisticsMoments(axes: axes, keepdims: keepdims, skipNaN: false, dtype: dtype).standardDeviation(ddof: ddof)
    }

    /// NumPy's `nanvar`: `variance` of the non-NaN values.
    public func nanvar(axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0) throws(ArrayError) -> NDArray {
        try statisticsMoments(axes: axes, keepdims: keepdims, skipNaN: true, dtype: nil).variance(ddof: ddof)
    }

    /// NumPy's `nanstd`: `std` of the non-NaN values.
    public func nanstd(axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0) throws(ArrayError) -> NDArray {
        try statisticsMoments(axes: axes, keepdims: keepdims, skipNaN: true, dtype: nil).standardDeviation(ddof: ddof)
    }

    private func statisticsMoments(axes: [Int]?, keepdims: Bool, skipNaN: Bool, dtype: DType?) throws(ArrayError) -> Moments {
        let moments = try self.moments(axes: axes, keepdims: keepdims, skipNaN: skipNaN)
        guard let dtype, dtype.isFloatingPoint else { return moments }
        return try Moments(count: moments.count, sum: moments.sum, m2: moments.m2, resultDType: dtype)
    }
}
