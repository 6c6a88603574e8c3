// argmin and argmax, and the (value, index) partials the lazy layer merges in a tree.

extension Reduction {
    /// For `argmin` and `argmax`: whether `candidate` beats `best` (strictly; NaN beats any number, as in NumPy).
    @inline(__always)
    func prefers<T: MathElement>(_ candidate: T, over best: T) -> Bool {
        if T.isNaN(best) { return false }
        if T.isNaN(candidate) { return true }
        return self == .argmin ? T.isLess(candidate, best) : T.isLess(best, candidate)
    }
}

/// The partial of `argmin`/`argmax` for one chunk, or a merge of several: per output element,
/// the best value seen and its index in the whole array (along the axis, or flat for `axis=None`).
public struct ArgPartial: Sendable {
    public let kind: Reduction
    /// The best values, in the data's dtype.
    public let values: NDArray
    /// Their global indices (`int64`, same shape as `values`).
    public let indices: NDArray

    public init(kind: Reduction, values: NDArray, indices: NDArray) throws(ArrayError) {
        precondition(kind.isArgReduction, "arg partials are for argmin and argmax")
        precondition(values.shape == indices.shape, "arg partial values and indices differ in shape")
        self.kind = kind
        self.values = try values.contiguous()
        self.indices = try indices.converted(to: .int64).contiguous()
    }

    /// The better of two partials per element; on ties (or two NaNs) the smaller index wins,
    /// so merging chunk partials in any order gives NumPy's first occurrence.
    public func combine(_ other: ArgPartial) throws(ArrayError) -> ArgPartial {
        precondition(values.shape == other.values.shape && kind == other.kind, "arg partials do not match")
        let promoted = DType.promote(values.dtype, other.values.dtype)
        return try promoted.dispatchMath(ArgCombineKernel(a: self, b: other, dtype: promoted))
    }

    /// Merges a list of partials left to right; nil for an empty list.
    public static func combine(_ parts: [ArgPartial]) throws(ArrayError) -> ArgPartial? {
        guard var result = parts.first else { return nil }
        for part in parts.dropFirst() { result = try result.combine(part) }
        return result
    }
}

private struct ArgCombineKernel: MathVisitor {
    let a: ArgPartial
    let b: ArgPartial
    let dtype: DType

    func visit<T: MathElement>(_ type: T.Type) throws(ArrayError) -> ArgPartial {
        let (va, vb) = (try a.values.converted(to: dtype), try b.values.converted(to: dtype))
        let values = try NDArray(uninitialized: dtype, shape: va.shape)
        let indices = try NDArray(uninitialized: .int64, shape: va.shape)
        let (pa, pb, pv) = (va.pointer(as: T.self), vb.pointer(as: T.self), values.pointer(as: T.self))
        let (ia, ib, iv) = (a.indices.pointer(as: Int64.self), b.indices.pointer(as: Int64.self),
                            indices.pointer(as: Int64.self))
        for i in 0..<values.count {
            let takeB = a.kind.prefers(pb[i], over: pa[i])
                || (ib[i] < ia[i] && !a.kind.prefers(pa[i], over: pb[i]))
            pv[i] = takeB ? pb[i] : pa[i]
            iv[i] = takeB ? ib[i] : ia[i]
        }
        return try ArgPartial(kind: a.kind, values: values, indices: indices)
    }
}

/// Scans a C-contiguous `(outer, n, inner)` view for the best value along the middle axis.
private struct ArgScanKernel: MathVisitor {
    let array: NDArray
    let kind: Reduction
    let outer: Int
    let n: Int
    let inner: Int

    func visit<T: MathElement>(_ type: T.Type) throws(ArrayError) -> (values: NDArray, indices: NDArray) {
        let values = try NDArray(uninitialized: T.dtype, shape: [outer * inner])
        let indices = try NDArray(uninitialized: .int64, shape: [outer * inner])
        let (x, best, index) = (array.pointer(as: T.self), values.pointer(as: T.self), indices.pointer(as: Int64.self))
        var sinceCheck = 0
        for o in 0..<outer {
            // Ctrl-C between rows of the outer axis, every 2^20 elements or so (the caller
            // checks again and throws; the partial result is never used).
            sinceCheck += n * inner
            if sinceCheck >= KernelCancellation.slabElements {
                if KernelCancellation.isRequested { break }
                sinceCheck = 0
            }
            let base = x + o * n * inner
            if inner == 1 {
                let (b, bi) = argExtremum(base, count: n, kind: kind)
                best[o] = b
                index[o] = Int64(bi)
            } else {
                // Rows against a running best row: no strided column walk.
                let rowsPerCheck = Swift.max(1, KernelCancellation.slabElements / Swift.max(1, inner))
                let bestRow = best + o * inner, indexRow = index + o * inner
                bestRow.update(from: base, count: inner)
                indexRow.update(repeating: 0, count: inner)
                for i in 1..<n {
                    if i % rowsPerCheck == 0 && KernelCancellation.isRequested { break }
                    let row = base + i * inner
                    for j in 0..<inner where kind.prefers(row[j], over: bestRow[j]) {
                        bestRow[j] = row[j]
                        indexRow[j] = Int64(i)
                    }
                }
            }
        }
        return (values, indices)
    }
}

extension NDArray {
    /// NumPy's `argmin`: the `int64` index of the first smallest value along `axis`, or in the
    /// flattened array when `axis` is nil. NaN counts as the smallest value.
    public func argmin(axis: Int? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try argPartial(.argmin, axis: axis, keepdims: keepdims).indices
    }

    /// NumPy's `argmax`: the `int64` index of the first largest value (NaN counts as largest).
    public func argmax(axis: Int? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        try argPartial(.argmax, axis: axis, keepdims: keepdims).indices
    }

    /// The per-chunk partial of `argmin`/`argmax`: best values and their indices.
    ///
    /// For a chunk of a larger array, `origin` is the chunk's position (its first element's
    /// index along each axis) and `globalShape` the whole array's shape: indices along `axis`
    /// are shifted by `origin[axis]`; with `axis` nil they are flat indices into `globalShape`.
    /// Merge partials with `ArgPartial.combine`.
    public func argPartial(_ kind: Reduction, axis: Int?, keepdims: Bool = false,
                           origin: [Int]? = nil, globalShape: [Int]? = nil) throws(ArrayError) -> ArgPartial {
        let data = try contiguous()
        let axisIndex = try axis.map { (a: Int) throws(ArrayError) -> Int in try normalizeAxis(a) }
        let (outer, n, inner): (Int, Int, Int)
        if let axisIndex {
            (outer, n, inner) = (shape[..<axisIndex].reduce(1, *), shape[axisIndex], shape[(axisIndex + 1)...].reduce(1, *))
        } else {
            (outer, n, inner) = (1, count, 1)
        }
        if n == 0 && outer * inner != 0 || count == 0 && axis == nil {
            throw ArrayError.value("attempt to get \(kind.name) of an empty sequence")
        }
        var (values, indices) = n == 0
            ? (try NDArray(uninitialized: dtype, shape: [0]), try NDArray(uninitialized: .int64, shape: [0]))
            : try dtype.dispatchMath(ArgScanKernel(array: data, kind: kind, outer: outer, n: n, inner: inner))
        try KernelCancellation.check()
        if let origin {
            let p = indices.pointer(as: Int64.self)
            if let axisIndex {
                for i in 0..<indices.count { p[i] += Int64(origin[axisIndex]) }
            } else {
                let global = globalShape ?? shape
                let localStrides = NDArray.contiguousStrides(for: shape)
                let globalStrides = NDArray.contiguousStrides(for: global)
                for i in 0..<indices.count {
                    var rest = Int(p[i]), flat = 0
                    for d in shape.indices {
                        flat += (rest / localStrides[d] + origin[d]) * globalStrides[d]
                        rest %= localStrides[d]
                    }
                    p[i] = Int64(flat)
                }
            }
        }
        var outShape: [Int]
        if let axisIndex {
            outShape = shape
            if keepdims { outShape[axisIndex] = 1 } else { outShape.remove(at: axisIndex) }
        } else {
            outShape = keepdims ? [Int](repeating: 1, count: ndim) : []
        }
        values = values.reshapedContiguous(outShape)
        indices = indices.reshapedContiguous(outShape)
        return try ArgPartial(kind: kind, values: values, indices: indices)
    }
}
