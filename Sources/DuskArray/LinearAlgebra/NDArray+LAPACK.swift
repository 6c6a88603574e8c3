import CLAPACKE
import Foundation

// numpy.linalg's inv, det and solve through LAPACK (LAPACKE over Debian's OpenBLAS), on
// stacks of matrices (..., M, M). Integers and booleans are computed in float64, as NumPy
// does; float32 is computed in float64 too and rounded back to float32 (NumPy calls the
// single-precision routines, so the last bits may differ).

extension NDArray {
    /// `np.linalg.inv`: the inverse of each matrix of the stack.
    public func linalgInverse() throws(ArrayError) -> NDArray {
        let (matrices, n) = try squareStack("inv")
        // As NumPy: solve a x = I (gesv), so signed zeros and last bits agree.
        let work = try converted(to: .float64).copy()
        let inverse = try NDArray(uninitialized: .float64, shape: shape)
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        let base = work.pointer(as: Double.self), out = inverse.pointer(as: Double.self)
        for m in 0..<matrices where n > 0 {
            let b = out + m * n * n
            for i in 0..<n * n { b[i] = i % (n + 1) == 0 ? 1 : 0 }
            let size = Int32(n)
            if LAPACKE_dgesv_work(LAPACK_ROW_MAJOR, size, size, base + m * n * n, size, &pivots, b, size) > 0 {
                throw .linAlg("Singular matrix")
            }
        }
        return try inverse.converted(to: linalgResultType(dtype))
    }

    /// `np.linalg.det`: the determinant of each matrix of the stack (a scalar array for one matrix).
    public func linalgDeterminant() throws(ArrayError) -> NDArray {
        let (sign, logarithm) = try signedLogDeterminant()
        // As NumPy: the sign times the exponential of the logarithm of |det|.
        let result = try NDArray(uninitialized: .float64, shape: sign.shape)
        let out = result.pointer(as: Double.self)
        let signs = sign.pointer(as: Double.self), logarithms = logarithm.pointer(as: Double.self)
        for i in 0..<result.count { out[i] = signs[i] * Foundation.exp(logarithms[i]) }
        return try result.converted(to: linalgResultType(dtype))
    }

    /// `np.linalg.slogdet`: the sign (1, -1 or 0) and the natural logarithm of the absolute
    /// value of each matrix's determinant (-inf for a singular matrix), from U's diagonal of
    /// the LU factorization.
    public func linalgSignedLogDeterminant() throws(ArrayError) -> (sign: NDArray, logarithm: NDArray) {
        let (sign, logarithm) = try signedLogDeterminant()
        let resultType = linalgResultType(dtype)
        return (try sign.converted(to: resultType), try logarithm.converted(to: resultType))
    }

    /// `slogdet` in float64.
    private func signedLogDeterminant() throws(ArrayError) -> (sign: NDArray, logarithm: NDArray) {
        let (matrices, n) = try squareStack("det")
        let work = try converted(to: .float64).copy()
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        let signs = try NDArray(uninitialized: .float64, shape: Array(shape.dropLast(2)))
        let logarithms = try NDArray(uninitialized: .float64, shape: signs.shape)
        let base = work.pointer(as: Double.self)
        let signOut = signs.pointer(as: Double.self), logOut = logarithms.pointer(as: Double.self)
        for m in 0..<matrices {
            signOut[m] = 1
            logOut[m] = 0
            guard n > 0 else { continue }
            let a = base + m * n * n
            let size = Int32(n)
            // A singular factor (info > 0): NumPy's sign 0 and logarithm -inf.
            guard LAPACKE_dgetrf_work(LAPACK_ROW_MAJOR, size, size, a, size, &pivots) == 0 else {
                signOut[m] = 0
                logOut[m] = -.infinity
                continue
            }
            for i in 0..<n {
                let element = a[i * n + i]
                if pivots[i] != Int32(i + 1) { signOut[m] = -signOut[m] }
                if element < 0 { signOut[m] = -signOut[m] }
                logOut[m] += Foundation.log(Swift.abs(element))
            }
        }
        return (signs, logarithms)
    }

    /// `np.linalg.solve(a, b)`: `x` with `a @ x == b` for each matrix of `a`'s stack; `b` is a
    /// vector (M,) or a stack (..., M, K) with `a`'s leading dimensions.
    public static func linalgSolve(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        let (matrices, n) = try a.squareStack("solve")
        guard b.ndim > 0 else {
            throw .value("solve: Input operand 1 does not have enough dimensions (has 0, gufunc core with signature (m,m),(m,n)->(m,n) requires 2)")
        }
        let vector = b.ndim == 1
        let batch = Array(a.shape.dropLast(2))
        let columns = vector ? 1 : b.shape[b.ndim - 1]
        let rows = vector ? b.shape[0] : (b.ndim >= 2 ? b.shape[b.ndim - 2] : 0)
        if rows != n {
            throw vector
                ? .value("solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) (size \(rows) is different from \(n))")
                : .value("solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m,n)->(m,n) (size \(rows) is different from \(n))")
        }
        let outputShape = vector ? batch + [n] : batch + [n, columns]
        guard vector ? batch.isEmpty : Array(b.shape.dropLast(2)) == batch else {
            throw .value("solve: Dusk needs b to be (M,) with a 2-d a, or to have a's leading dimensions \(compactShape(batch)); got \(compactShape(b.shape))")
        }
        guard columns <= Int(Int32.max) else { throw .value("solve: the matrices are too big for LAPACK") }
        let dtype = linalgResultType(DType.promote(a.dtype, b.dtype))
        let left = try a.converted(to: .float64).copy()
        let right = try b.converted(to: .float64).copy()
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        let leftBase = left.pointer(as: Double.self), rightBase = right.pointer(as: Double.self)
        for m in 0..<matrices where n > 0 && columns > 0 {
            let size = Int32(n), count = Int32(columns)
            if LAPACKE_dgesv_work(LAPACK_ROW_MAJOR, size, count, leftBase + m * n * n, size, &pivots,
                             rightBase + m * n * columns, count) > 0 {
                throw .linAlg("Singular matrix")
            }
        }
        return try right.reshapedContiguous(outputShape).converted(to: dtype)
    }

    /// The number of matrices and their order, after NumPy's checks (at least 2-d, square,
    /// an order LAPACK's 32-bit integers hold).
    func squareStack(_ name: String) throws(ArrayError) -> (matrices: Int, order: Int) {
        guard ndim >= 2 else {
            throw .linAlg("\(ndim)-dimensional array given. Array must be at least two-dimensional")
        }
        let n = shape[ndim - 1]
        guard shape[ndim - 2] == n else { throw .linAlg("Last 2 dimensions of the array must be square") }
        guard n <= Int(Int32.max) / Swift.max(n, 1) else { throw .value("\(name): the matrices are too big for LAPACK") }
        return (shape.dropLast(2).reduce(1, *), n)
    }
}

/// NumPy's result type for linalg: float32 stays float32, every other dtype gives float64.
func linalgResultType(_ dtype: DType) -> DType { dtype == .float32 ? .float32 : .float64 }
