import CLAPACKE

// numpy.linalg's cholesky (potrf), and the functions NumPy composes from others: matrix_rank
// and pinv from the SVD, matrix_power from products, cross from elementwise products,
// diagonal and trace from a strided view.

extension NDArray {
    /// `np.linalg.cholesky(a, upper=)`: L with a == L @ L.T (or U with a == U.T @ U) for each
    /// symmetric positive-definite matrix, read from that triangle; the other triangle is zero.
    public func linalgCholesky(upper: Bool = false) throws(ArrayError) -> NDArray {
        let (count, n) = try squareStack("cholesky")
        let work = try converted(to: .float64).copy()
        let base = work.pointer(as: Double.self)
        for index in 0..<count where n > 0 {
            try KernelCancellation.check()
            let a = base + index * n * n
            // The `_work` form, as NumPy's call: a NaN reaches LAPACK.
            guard LAPACKE_dpotrf_work(LAPACK_ROW_MAJOR, upper ? 85 : 76, Int32(n), a, Int32(n)) == 0 else {  // 'U' / 'L'
                throw .linAlg("Matrix is not positive definite")
            }
            for i in 0..<n { for j in 0..<n where upper ? j < i : j > i { a[i * n + j] = 0 } }
        }
        return try work.converted(to: linalgResultType(dtype))
    }

    /// `np.linalg.matrix_rank(A, tol=, rtol=)`: the number of singular values above `tol`
    /// (nil: the largest singular value times `rtol`, by default max(M, N) times the
    /// singular values' machine epsilon); a vector or scalar has rank 1 unless all zero.
    public func linalgMatrixRank(tolerance: Double? = nil, relativeTolerance: Double? = nil) throws(ArrayError) -> NDArray {
        guard ndim >= 2 else {
            let zero = try NDArray.binary(.equal, .array(self), .int(0)).all()
            return try NDArray(scalar: .int64(try zero.item().int64Value != 0 ? 0 : 1))
        }
        let values = try linalgSVD(computeUV: false).s
        let k = values.shape[values.ndim - 1]
        let single = values.dtype == .float32
        let s = try values.converted(to: .float64), sBase = s.pointer(as: Double.self)
        let epsilon = single ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let rtol = relativeTolerance ?? Double(Swift.max(shape[ndim - 2], shape[ndim - 1])) * epsilon
        let ranks = try NDArray(zeros: .int64, shape: Array(values.shape.dropLast()))
        let out = ranks.pointer(as: Int64.self)
        for index in 0..<ranks.count {
            let row = sBase + index * k
            // As NumPy, in the singular values' dtype: max(initial=0) * rtol, then S > tol.
            var limit = tolerance ?? (0..<k).reduce(0.0) { Swift.max($0, row[$1]) } * rtol
            if single { limit = Double(Float(limit)) }
            out[index] = Int64((0..<k).filter { row[$0] > limit }.count)
        }
        return ranks
    }

    /// `np.linalg.pinv(a, rcond=)`: the Moore-Penrose pseudo-inverse (..., N, M) from the SVD,
    /// singular values at most `rcond` times the largest counting as zero.
    public func linalgPseudoInverse(rcond: Double) throws(ArrayError) -> NDArray {
        let stack = try matrixStack()
        if count == 0 {
            return try NDArray(zeros: dtype, shape: stack.batch + [stack.columns, stack.rows])
        }
        // As NumPy: vt.T @ (s[..., None] * u.T), with s inverted above the cutoff, in the result dtype.
        let factors = try linalgSVD(fullMatrices: false)
        guard let u = factors.u, let vh = factors.vh else { return factors.s }
        let s = try factors.s.converted(to: .float64).copy(), sBase = s.pointer(as: Double.self)
        let k = Swift.min(stack.rows, stack.columns)
        for index in 0..<stack.count {
            let row = sBase + index * k
            var cutoff = rcond * (0..<k).reduce(-Double.infinity) { Swift.max($0, row[$1]) }
            if factors.s.dtype == .float32 { cutoff = Double(Float(cutoff)) }
            for i in 0..<k { row[i] = row[i] > cutoff ? 1 / row[i] : 0 }
        }
        let inverted = try s.converted(to: factors.s.dtype).expandingDimensions(at: [s.ndim])
        let scaled = try NDArray.binary(.multiply, .array(inverted), .array(u.swappingAxes(-1, -2)))
        return try NDArray.matmul(vh.swappingAxes(-1, -2), scaled)
    }

    /// `np.linalg.matrix_power(a, n)`: a square matrix (each of a stack) to an integer power,
    /// by repeated squaring; negative powers invert first, power 0 is the identity.
    public func linalgMatrixPower(_ exponent: Int) throws(ArrayError) -> NDArray {
        let (_, n) = try squareStack("matrix_power")
        if exponent == 0 {
            return try NDArray.eye(n, dtype: dtype).broadcast(to: shape).copy()
        }
        let base = exponent < 0 ? try linalgInverse() : self
        var remaining = exponent.magnitude
        if remaining == 1 { return base }
        if remaining == 2 { return try NDArray.matmul(base, base) }
        if remaining == 3 { return try NDArray.matmul(NDArray.matmul(base, base), base) }
        // NumPy's order: powers of two from the lowest bit, multiplied into the result.
        var square: NDArray? = nil, result: NDArray? = nil
        while remaining > 0 {
            let z = try square.map { z throws(ArrayError) in try NDArray.matmul(z, z) } ?? base
            square = z
            if remaining & 1 == 1 { result = try result.map { r throws(ArrayError) in try NDArray.matmul(r, z) } ?? z }
            remaining >>= 1
        }
        return result ?? base
    }

    /// NumPy's `diagonal(offset, axis1, axis2)`: a view of the diagonal, its axis last.
    public func diagonal(offset: Int = 0, axis1: Int = 0, axis2: Int = 1) throws(ArrayError) -> NDArray {
        guard ndim >= 2 else { throw .value("diag requires an array of at least two dimensions") }
        let first = try normalizedAxis(axis1, ndim: ndim, argument: "axis1")
        let second = try normalizedAxis(axis2, ndim: ndim, argument: "axis2")
        guard first != second else { throw .value("axis1 and axis2 cannot be the same") }
        let (rows, columns) = (shape[first], shape[second])
        // The diagonal starts at row -offset (offset < 0) or column offset, and runs to an edge.
        let row = offset >= 0 ? 0 : Int(Swift.min(offset.magnitude, UInt(rows)))
        let column = offset >= 0 ? Swift.min(offset, columns) : 0
        let length = Swift.max(0, Swift.min(rows - row, columns - column))
        let kept = (0..<ndim).filter { $0 != first && $0 != second }
        let (step, overflow) = strides[first].addingReportingOverflow(strides[second])
        if overflow { throw .tooBig }
        return NDArray(dtype: dtype, shape: kept.map { shape[$0] } + [length],
                       strides: kept.map { strides[$0] } + [step],
                       offset: length == 0 ? self.offset : self.offset + row * strides[first] + column * strides[second],
                       storage: storage)
    }

    /// `np.linalg.cross(x1, x2, axis=)`: the cross products of the 3-element vectors along
    /// `axis` of each operand, broadcast against each other, the result's vectors along `axis`.
    public static func linalgCross(_ a: NDArray, _ b: NDArray, axis: Int = -1) throws(ArrayError) -> NDArray {
        var lengths: [Int] = []
        for x in [a, b] {
            guard axis >= -x.ndim && axis < x.ndim else { throw .index("tuple index out of range") }
            lengths.append(x.shape[axis < 0 ? axis + x.ndim : axis])
        }
        guard lengths == [3, 3] else {
            throw .value("Both input arrays must be (arrays of) 3-dimensional vectors, but they are \(lengths[0]) and \(lengths[1]) dimensional instead.")
        }
        // As NumPy's cross: the vectors' axis last, components from the broadcast operands.
        let left = try a.movingAxes(from: [axis], to: [-1]), right = try b.movingAxes(from: [axis], to: [-1])
        func component(_ x: NDArray, _ i: Int) throws(ArrayError) -> Operand { .array(try x.indexed([.ellipsis, .int(i)])) }
        var parts: [NDArray] = []
        for (i, j) in [(1, 2), (2, 0), (0, 1)] {
            let first = try NDArray.binary(.multiply, component(left, i), component(right, j))
            let second = try NDArray.binary(.multiply, component(left, j), component(right, i))
            parts.append(try NDArray.binary(.subtract, .array(first), .array(second)))
        }
        let result = try NDArray.stack(parts, axis: -1)
        return try result.movingAxes(from: [-1], to: [axis])
    }
}
