// The NumPy reductions with one pass and an element-typed accumulator:
// sum, prod, min, max, any, all and their NaN-skipping forms.

/// Runs a one-pass reduction (sum, prod, min, max, any, all and their NaN-skipping forms)
/// for the array's element type.
struct SimpleReductionKernel: MathVisitor {
    let array: NDArray
    let kind: Reduction
    let mask: [Bool]

    func visit<T: MathElement>(_ type: T.Type) throws(ArrayError) -> NDArray {
        switch kind {
        case .sum: try array.reduce(SumOp<T>.self, mask: mask)
        case .prod: try array.reduce(ProdOp<T>.self, mask: mask)
        case .min: try array.reduce(MinOp<T>.self, mask: mask)
        case .max: try array.reduce(MaxOp<T>.self, mask: mask)
        case .any: try array.reduce(AnyOp<T>.self, mask: mask)
        case .all: try array.reduce(AllOp<T>.self, mask: mask)
        case .nansum: try array.reduce(NanSumOp<T>.self, mask: mask)
        case .nanmin: try array.reduce(NanMinOp<T>.self, mask: mask)
        case .nanmax: try array.reduce(NanMaxOp<T>.self, mask: mask)
        case .nanprod: try array.reduce(NanProdOp<T>.self, mask: mask)
        case .mean, .std, .variance, .argmin, .argmax, .nanmean, .nanstd, .nanvar:
            preconditionFailure("\(kind) is not a one-pass reduction")
        }
    }
}

extension NDArray {
    /// Runs a one-pass reduction over `axes` (nil: all), checking for empty reductions.
    func simpleReduction(_ kind: Reduction, axes: [Int]?, keepdims: Bool) throws(ArrayError) -> NDArray {
        let mask = try reducedAxisMask(axes)
        if !kind.hasIdentity && reducedCount(mask: mask) == 0 {
            throw ArrayError.value("zero-size array to reduction operation \(kind.ufuncName) which has no identity")
        }
        let result = try dtype.dispatchMath(SimpleReductionKernel(array: self, kind: kind, mask: mask))
        try KernelCancellation.check()
        if (kind == .nanmin || kind == .nanmax) && dtype.isFloatingPoint && result.count > 0
            && result.scalars.contains(where: { $0.doubleValue.isNaN }) {
            Warnings.current.emit("RuntimeWarning: All-NaN slice encountered")
        }
        return keepdims ? result.reshapedContiguous(NDArray.reducedShape(shape, mask: mask, keepdims: true)) : result
    }

    /// A sum or product accumulated as NumPy does with `dtype=`: integer results wrap (the
    /// wide sum is cast, which gives the same bits), other types convert the input first.
    func accumulatingReduction(_ kind: Reduction, axes: [Int]?, keepdims: Bool,
                               dtype requested: DType?) throws(ArrayError) -> NDArray {
        guard let requested, requested != dtype.sumDType else {
            return try simpleReduction(kind, axes: axes, keepdims: keepdims)
        }
        let nativeIsExact = requested.isInteger && !dtype.isFloatingPoint
        let source = nativeIsExact ? self : try converted(to: requested)
        return try source.simpleReduction(kind, axes: axes, keepdims: keepdims).converted(to: requested)
    }

    /// NumPy's `sum`: booleans and integers add in `int64` (`uint64` for unsigned), floats in
    /// their own type with pairwise summation. `axes`: nil for all axes, negative from the end.
    ///
    /// - Complexity: one pass; streams at memory speed for contiguous data.
    public func sum(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try accumulatingReduction(.sum, axes: axes, keepdims: keepdims, dtype: dtype)
    }

    /// NumPy's `prod`, with the accumulators of `sum`.
    public func prod(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try accumulatingReduction(.prod, axes: axes, keepdims: keepdims, dtype: dtype)
    }

    /// NumPy's `min` (`amin`): NaN propagates; an empty reduction is an error.
    ///
    /// Named `amin` so that it does not hide Swift's global `min` inside `NDArray` extensions.
    public func amin(axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try simpleReduction(.min, axes: axes, keepdims: keepdims)
    }

    /// NumPy's `max` (`amax`): NaN propagates; an empty reduction is an error.
    ///
    /// Named `amax` so that it does not hide Swift's global `max` inside `NDArray` extensions.
    public func amax(axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try simpleReduction(.max, axes: axes, keepdims: keepdims)
    }

    /// NumPy's `any`: a `bool` array, true where some element is nonzero (NaN is nonzero).
    public func any(axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try simpleReduction(.any, axes: axes, keepdims: keepdims)
    }

    /// NumPy's `all`: a `bool` array, true where every element is nonzero.
    public func all(axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try simpleReduction(.all, axes: axes, keepdims: keepdims)
    }

    /// NumPy's `nansum`: NaN counts as zero.
    public func nansum(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try accumulatingReduction(.nansum, axes: axes, keepdims: keepdims, dtype: dtype)
    }

    /// NumPy's `nanprod`: NaN counts as one.
    public func nanprod(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try accumulatingReduction(.nanprod, axes: axes, keepdims: keepdims, dtype: dtype)
    }

    /// NumPy's `nanmin`: NaN is skipped; NaN where every value is NaN.
    public func nanmin(axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try simpleReduction(.nanmin, axes: axes, keepdims: keepdims)
    }

    /// NumPy's `nanmax`: NaN is skipped; NaN where every value is NaN.
    public func nanmax(axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try simpleReduction(.nanmax, axes: axes, keepdims: keepdims)
    }
}
