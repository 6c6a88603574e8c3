/// The mergeable partial of `mean`, `var` and `std`: per output element, the number of
/// values, their sum and their sum of squared deviations from their mean (`M2`).
///
/// The lazy layer computes one `Moments` per chunk (`NDArray.moments(axes:keepdims:)`),
/// merges them in a tree with `combine` (Chan, Golub and LeVeque's parallel update, stable
/// for any split), and calls `finalize(ddof:)` once at the root. Merging partials of a
/// split gives the direct result to rounding (tested to 1e-12 relative).
public struct Moments: Sendable {
    /// Values per output element (`float64`; per element because NaN-skipping moments count
    /// only the non-NaN values).
    public let count: NDArray
    /// Sum of the values per output element (`float64`).
    public let sum: NDArray
    /// Sum of squared deviations from the mean per output element (`float64`).
    public let m2: NDArray
    /// The dtype of the finalized mean and variance: `float32` for `float32` data, else `float64`.
    public let resultDType: DType
    /// Whether NaN values were left out (`nanvar`'s partials); only changes the warning text.
    public let skipsNaN: Bool

    /// Partials from arrays of equal shape (`float64`, any layout).
    public init(count: NDArray, sum: NDArray, m2: NDArray, resultDType: DType, skipsNaN: Bool = false) throws(ArrayError) {
        precondition(count.shape == sum.shape && sum.shape == m2.shape, "moment partials differ in shape")
        self.count = try count.converted(to: .float64).contiguous()
        self.sum = try sum.converted(to: .float64).contiguous()
        self.m2 = try m2.converted(to: .float64).contiguous()
        self.resultDType = resultDType
        self.skipsNaN = skipsNaN
    }

    /// The shape of each partial (the reduction's output shape, with or without kept axes).
    public var shape: [Int] { count.shape }

    /// The moments of the union of the values behind `self` and `other` (same shape).
    public func combine(_ other: Moments) throws(ArrayError) -> Moments {
        precondition(shape == other.shape, "combining moments of shapes \(shape) and \(other.shape)")
        let n = count.count
        let result = (try NDArray(uninitialized: .float64, shape: shape),
                      try NDArray(uninitialized: .float64, shape: shape),
                      try NDArray(uninitialized: .float64, shape: shape))
        let (c0, s0, m0) = (count.pointer(as: Double.self), sum.pointer(as: Double.self), m2.pointer(as: Double.self))
        let (c1, s1, m1) = (other.count.pointer(as: Double.self), other.sum.pointer(as: Double.self),
                            other.m2.pointer(as: Double.self))
        let (c, s, m) = (result.0.pointer(as: Double.self), result.1.pointer(as: Double.self),
                         result.2.pointer(as: Double.self))
        for i in 0..<n {
            let merged = MomentAccumulator.merge(MomentAccumulator(count: c0[i], sum: s0[i], m2: m0[i]),
                                                 MomentAccumulator(count: c1[i], sum: s1[i], m2: m1[i]))
            c[i] = merged.count; s[i] = merged.sum; m[i] = merged.m2
        }
        return try Moments(count: result.0, sum: result.1, m2: result.2,
                       resultDType: resultDType == other.resultDType ? resultDType : .float64,
                       skipsNaN: skipsNaN || other.skipsNaN)
    }

    /// Merges a list of partials pairwise (a balanced tree); nil for an empty list.
    public static func combine(_ parts: [Moments]) throws(ArrayError) -> Moments? {
        guard !parts.isEmpty else { return nil }
        var level = parts
        while level.count > 1 {
            var next: [Moments] = []
            for i in stride(from: 0, to: level.count, by: 2) {
                next.append(i + 1 < level.count ? try level[i].combine(level[i + 1]) : level[i])
            }
            level = next
        }
        return level[0]
    }

    /// The mean and the variance with `ddof` delta degrees of freedom (`M2 / (n - ddof)`),
    /// in `resultDType`. NaN where there are no values, where `n - ddof <= 0` with `M2 = 0`,
    /// and where the mean is not finite (as NumPy's `x - mean` gives); `inf` where
    /// `n - ddof <= 0` with `M2 > 0`, as NumPy's division does. Emits NumPy's warnings
    /// (`Degrees of freedom <= 0 for slice`, and the division's) to `Warnings.current`.
    public func finalize(ddof: Double = 0) throws(ArrayError) -> (mean: NDArray, variance: NDArray) {
        let n = count.count
        let mean = try NDArray(uninitialized: .float64, shape: shape)
        let variance = try NDArray(uninitialized: .float64, shape: shape)
        let (c, s, m) = (count.pointer(as: Double.self), sum.pointer(as: Double.self), m2.pointer(as: Double.self))
        let (meanOut, varianceOut) = (mean.pointer(as: Double.self), variance.pointer(as: Double.self))
        var noFreedom = false, zeroOverZero = false, overZero = false
        for i in 0..<n {
            let average = s[i] / c[i]
            meanOut[i] = average
            let freedom = Swift.max(c[i] - ddof, 0)
            varianceOut[i] = average.isFinite ? m[i] / freedom : .nan
            if freedom == 0 {
                noFreedom = true
                if m[i] == 0 || m[i].isNaN { zeroOverZero = true } else { overZero = true }
            }
        }
        if noFreedom {
            let divide = shape.isEmpty ? "scalar divide" : "divide"
            Warnings.current.emit(skipsNaN ? "RuntimeWarning: Degrees of freedom <= 0 for slice."
                                          : "RuntimeWarning: Degrees of freedom <= 0 for slice")
            if !skipsNaN && zeroOverZero { Warnings.current.emit("RuntimeWarning: invalid value encountered in \(divide)") }
            if !skipsNaN && overZero { Warnings.current.emit("RuntimeWarning: divide by zero encountered in \(divide)") }
        }
        return (try mean.converted(to: resultDType), try variance.converted(to: resultDType))
    }

    /// `finalize(ddof:).variance`.
    public func variance(ddof: Double = 0) throws(ArrayError) -> NDArray { try finalize(ddof: ddof).variance }

    /// The standard deviation: the square root of `variance(ddof:)`.
    public func standardDeviation(ddof: Double = 0) throws(ArrayError) -> NDArray {
        let variance = try finalize(ddof: ddof).variance
        switch variance.dtype {
        case .float32:
            let p = variance.pointer(as: Float.self)
            for i in 0..<variance.count { p[i] = p[i].squareRoot() }
        default:
            let p = variance.pointer(as: Double.self)
            for i in 0..<variance.count { p[i] = p[i].squareRoot() }
        }
        return variance
    }
}

/// Computes the moments of an array over a reduction mask.
struct MomentsKernel: MathVisitor {
    let array: NDArray
    let mask: [Bool]
    let skipNaN: Bool

    func visit<T: MathElement>(_ type: T.Type) throws(ArrayError) -> (NDArray, NDArray, NDArray) {
        let layout = ReductionLayout(shape: array.shape, strides: array.strides, reduced: mask)
        let skipping = skipNaN && T.dtype.isFloatingPoint
        let sum = try NDArray(uninitialized: .float64, shape: layout.keptShape)
        let m2 = try NDArray(uninitialized: .float64, shape: layout.keptShape)
        let (s, m) = (sum.pointer(as: Double.self), m2.pointer(as: Double.self))
        if layout.reducesInnermost {
            // One pass: L1-sized blocks, two passes over each, merged with Chan's update.
            var accumulators: [MomentAccumulator] = []
            let collect = { (a: MomentAccumulator) -> Double in accumulators.append(a); return a.count }
            let count = skipping
                ? try array.reduce(NanMomentsOp<T>.self, mask: mask, into: Double.self, collect)
                : try array.reduce(MomentsOp<T>.self, mask: mask, into: Double.self, collect)
            for (i, a) in accumulators.enumerated() { s[i] = a.sum; m[i] = a.m2 }
            return (count, sum, m2)
        }
        // Rows accumulate into outputs: NumPy's two passes, the mean first, then deviations.
        let count: NDArray
        if skipping {
            var sums: [Double] = []
            count = try array.reduce(NanDoubleSumCountOp<T>.self, mask: mask, into: Double.self) { partial in
                sums.append(partial.sum)
                return Double(partial.count)
            }
            for (i, value) in sums.enumerated() { s[i] = value }
        } else {
            let total = try array.reduce(DoubleSumOp<T>.self, mask: mask)
            s.update(from: total.pointer(as: Double.self), count: total.count)
            count = try NDArray(repeating: .float64(Double(layout.reducedCount)), shape: layout.keptShape)
        }
        let c = count.pointer(as: Double.self)
        let n = sum.count
        let deviations = UnsafeMutablePointer<Deviation>.allocate(capacity: Swift.max(n, 1))
        defer { deviations.deallocate() }
        for i in 0..<n { deviations[i] = Deviation(mean: s[i] / c[i], m2: 0) }
        layout.run(DeviationOp<T>.self, input: UnsafePointer(array.pointer(as: T.self)), into: deviations)
        for i in 0..<n { m[i] = deviations[i].m2 }
        return (count, sum, m2)
    }
}

extension NDArray {
    /// The per-chunk partial of `mean`/`var`/`std` over `axes` (nil: all): see `Moments`.
    /// With `skipNaN`, NaN values are left out (the partial of `nanmean`/`nanvar`/`nanstd`).
    ///
    /// - Complexity: one pass over the data (two over each L1-sized block).
    public func moments(axes: [Int]? = nil, keepdims: Bool = false, skipNaN: Bool = false) throws(ArrayError) -> Moments {
        let mask = try reducedAxisMask(axes)
        var (count, sum, m2) = try dtype.dispatchMath(MomentsKernel(array: self, mask: mask, skipNaN: skipNaN))
        try KernelCancellation.check()
        if keepdims {
            let kept = NDArray.reducedShape(shape, mask: mask, keepdims: true)
            (count, sum, m2) = (count.reshapedContiguous(kept), sum.reshapedContiguous(kept), m2.reshapedContiguous(kept))
        }
        return try Moments(count: count, sum: sum, m2: m2, resultDType: dtype == .float32 ? .float32 : .float64,
                       skipsNaN: skipNaN)
    }
}
