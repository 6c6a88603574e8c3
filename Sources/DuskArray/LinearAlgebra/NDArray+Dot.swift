// dot, tensordot, inner, outer and vdot, built on matmul's kernels.

/// Which axes `tensordot` sums over.
public enum TensordotAxes: Sendable, Equatable {
    /// The last `n` axes of `a` with the first `n` of `b` (NumPy's `axes=n`; `n <= 0` sums none).
    case count(Int)
    /// `a`'s axes `first[i]` with `b`'s axes `second[i]` (NumPy's `axes=(first, second)`).
    case pairs([Int], [Int])
}

extension NDArray {
    /// NumPy's `dot`: a product for 0-d operands, the inner product of two vectors, `matmul`
    /// for matrices and for `N-D · 1-D`, and otherwise a sum over the last axis of `a` and the
    /// second-to-last of `b` (`result[i,j,k,m] = Σ a[i,j,:]·b[k,:,m]`).
    public static func dot(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        if a.ndim == 0 || b.ndim == 0 { return try binary(.multiply, a, b) }
        let bAxis = b.ndim == 1 ? 0 : b.ndim - 2
        try checkAligned(a.shape, b.shape, a.ndim - 1, bAxis, shownB: b.shape)
        if a.ndim <= 2 && b.ndim <= 2 || b.ndim == 1 { return try matmul(a, b) }
        return try tensordot(a, b, axes: .pairs([a.ndim - 1], [bAxis]))
    }

    /// NumPy's `tensordot`: sums products over the given axis pairs; the result has `a`'s other
    /// axes, then `b`'s. Both sides are seen as matrices (a view when the layout allows, a copy
    /// otherwise) and multiplied by `matmul`.
    public static func tensordot(_ a: NDArray, _ b: NDArray, axes: TensordotAxes = .count(2)) throws(ArrayError) -> NDArray {
        var axesA: [Int], axesB: [Int]
        switch axes {
        case .count(let n):
            let n = Swift.max(n, 0)
            guard n <= a.ndim && n <= b.ndim else { throw .index("tuple index out of range") }
            axesA = Array((a.ndim - n)..<a.ndim)
            axesB = Array(0..<n)
        case .pairs(let first, let second):
            guard first.count == second.count else { throw .value("shape-mismatch for sum") }
            axesA = try first.map { (axis: Int) throws(ArrayError) -> Int in try a.normalizeAxis(axis) }
            axesB = try second.map { (axis: Int) throws(ArrayError) -> Int in try b.normalizeAxis(axis) }
        }
        for (i, j) in zip(axesA, axesB) where a.shape[i] != b.shape[j] {
            throw .value("shape-mismatch for sum")
        }
        let freeA = (0..<a.ndim).filter { !axesA.contains($0) }
        let freeB = (0..<b.ndim).filter { !axesB.contains($0) }
        let summed = axesA.map { a.shape[$0] }.reduce(1, *)
        let rowsA = freeA.map { a.shape[$0] }.reduce(1, *)
        let colsB = freeB.map { b.shape[$0] }.reduce(1, *)
        let left = try a.transposed(freeA + axesA).reshaped([rowsA, summed])
        let right = try b.transposed(axesB + freeB).reshaped([summed, colsB])
        return try matmul(left, right).reshaped(freeA.map { a.shape[$0] } + freeB.map { b.shape[$0] })
    }

    /// NumPy's `inner`: sums over the last axes of both (`a·b` for vectors).
    public static func inner(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        if a.ndim == 0 || b.ndim == 0 { return try binary(.multiply, a, b) }
        var shown = b.shape
        if b.ndim >= 2 { shown.swapAt(b.ndim - 1, b.ndim - 2) }
        try checkAligned(a.shape, b.shape, a.ndim - 1, b.ndim - 1, shownB: shown, shownAxisB: b.ndim == 1 ? 0 : b.ndim - 2)
        if b.ndim == 1 { return try matmul(a, b) }
        return try tensordot(a, b, axes: .pairs([a.ndim - 1], [b.ndim - 1]))
    }

    /// NumPy's `outer`: `result[i, j] = a.ravel()[i] * b.ravel()[j]`.
    public static func outer(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        let column = try a.raveled().reshaped([a.count, 1])
        let row = try b.raveled().reshaped([1, b.count])
        return try binary(.multiply, column, row)
    }

    /// NumPy's `vdot` (real dtypes): the dot product of the flattened arrays, a 0-d array.
    public static func vdot(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        guard a.count == b.count else { throw .reshape(size: b.count, shape: [a.count]) }
        return try matmul(a.raveled(), b.raveled())
    }

    /// Throws NumPy's `shapes (2,3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)`.
    private static func checkAligned(_ a: [Int], _ b: [Int], _ axisA: Int, _ axisB: Int,
                                     shownB: [Int], shownAxisB: Int? = nil) throws(ArrayError) {
        guard a[axisA] != b[axisB] else { return }
        throw .value("shapes \(compactShape(a)) and \(compactShape(shownB)) not aligned: \(a[axisA]) (dim \(axisA)) != \(b[axisB]) (dim \(shownAxisB ?? axisB))")
    }

    /// A shape as NumPy's `dot` and `matmul` messages print it: `(2,3)`, `(4,)`.
    static func compactShape(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
    }
}
