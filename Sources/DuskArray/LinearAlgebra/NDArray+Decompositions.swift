import CLAPACKE

// numpy.linalg's decompositions through LAPACK on stacks of matrices (..., M, N): qr (geqrf +
// orgqr), svd (gesdd), eigh (syevd), lstsq (gelsd), the routines NumPy calls. As NumPy, every
// dtype is computed in float64 and the results take float32 for float32 input, float64 otherwise.
// LAPACKE's NaN check stays on for svd and eigh: a NaN makes svd fail to converge, as NumPy
// reports it, and eigh refuses it (NumPy returns what LAPACK makes of it); qr and lstsq call
// the `_work` forms, which take NaNs through as NumPy's calls do.

/// `np.linalg.qr`'s modes.
public enum QRMode: String, Sendable, CaseIterable {
    /// Q (..., M, K), R (..., K, N) with K = min(M, N).
    case reduced
    /// Q (..., M, M), R (..., M, N).
    case complete
    /// R (..., K, N) only.
    case r
    /// LAPACK's factored matrix transposed (..., N, M) and the reflectors' scales tau (..., K).
    case raw
}

/// `np.linalg.svd`'s result: `u` and `vh` are nil when only the singular values were asked.
public struct SVDFactors: Sendable {
    public let u: NDArray?
    public let s: NDArray
    public let vh: NDArray?
}

/// `np.linalg.lstsq`'s result: the solution, the residuals' squared norms (empty unless the
/// system is overdetermined and of full rank), the rank of `a` and its singular values.
public struct LeastSquaresSolution: Sendable {
    public let x: NDArray
    public let residuals: NDArray
    public let rank: Int32
    public let singularValues: NDArray
}

extension NDArray {
    /// `np.linalg.qr(a, mode)`: the arrays NumPy returns, in its order.
    public func linalgQR(mode: QRMode) throws(ArrayError) -> [NDArray] {
        let stack = try matrixStack()
        let (m, n, k) = (stack.rows, stack.columns, Swift.min(stack.rows, stack.columns))
        let work = stack.data, base = work.pointer(as: Double.self)
        let tau = try NDArray(zeros: .float64, shape: stack.batch + [k])
        let tauBase = tau.pointer(as: Double.self)
        // R has K rows, or M when a complete Q is asked of a tall matrix; Q as many columns.
        let qColumns = mode == .complete && m > n ? m : k
        let rRows = mode == .r ? k : qColumns
        let r = try NDArray(zeros: .float64, shape: stack.batch + [rRows, n])
        let q = mode == .reduced || mode == .complete ? try NDArray(zeros: .float64, shape: stack.batch + [m, qColumns]) : nil
        for index in 0..<stack.count {
            try KernelCancellation.check()
            let a = base + index * m * n, t = tauBase + index * k
            if k > 0 {
                try LAPACK.geqrf(m, n, a, t)
            }
            let rOut = r.pointer(as: Double.self) + index * rRows * n
            for i in 0..<rRows { for j in Swift.min(i, n)..<n { rOut[i * n + j] = a[i * n + j] } }
            guard let q else { continue }
            // orgqr makes Q from the reflectors stored below R's diagonal.
            let qOut = q.pointer(as: Double.self) + index * m * qColumns
            for i in 0..<m { for j in 0..<Swift.min(n, qColumns) { qOut[i * qColumns + j] = a[i * n + j] } }
            if k > 0 {
                try LAPACK.orgqr(m, qColumns, k, qOut, t)
            } else {
                for i in 0..<Swift.min(m, qColumns) { qOut[i * qColumns + i] = 1 }
            }
        }
        let resultType = linalgResultType(dtype)
        if let q { return [try q.converted(to: resultType), try r.converted(to: resultType)] }
        if mode == .r { return [try r.converted(to: resultType)] }
        let h = try work.swappingAxes(ndim - 1, ndim - 2)
        return [try h.converted(to: resultType), try tau.converted(to: resultType)]
    }

    /// `np.linalg.svd(a, full_matrices, compute_uv)`: U (..., M, M or K), S (..., K), Vh
    /// (..., N or K, N) with K = min(M, N), singular values in decreasing order.
    public func linalgSVD(fullMatrices: Bool = true, computeUV: Bool = true) throws(ArrayError) -> SVDFactors {
        let stack = try matrixStack()
        let (m, n, k) = (stack.rows, stack.columns, Swift.min(stack.rows, stack.columns))
        let uColumns = fullMatrices ? m : k, vRows = fullMatrices ? n : k
        let s = try NDArray(zeros: .float64, shape: stack.batch + [k])
        let u = computeUV ? try NDArray(zeros: .float64, shape: stack.batch + [m, uColumns]) : nil
        let vh = computeUV ? try NDArray(zeros: .float64, shape: stack.batch + [vRows, n]) : nil
        let base = stack.data.pointer(as: Double.self)
        var unused = [0.0]
        for index in 0..<stack.count {
            try KernelCancellation.check()
            let sOut = s.pointer(as: Double.self) + index * k
            if k == 0 {
                // Nothing to factor: the identity where a full U or Vh is square, as NumPy.
                if let u { for i in 0..<Swift.min(m, uColumns) { u.pointer(as: Double.self)[index * m * uColumns + i * uColumns + i] = 1 } }
                if let vh { for i in 0..<Swift.min(vRows, n) { vh.pointer(as: Double.self)[index * vRows * n + i * n + i] = 1 } }
                continue
            }
            let info = unused.withUnsafeMutableBufferPointer { dummy -> Int32 in
                let uOut = u.map { $0.pointer(as: Double.self) + index * m * uColumns } ?? dummy.baseAddress.unsafelyUnwrapped
                let vOut = vh.map { $0.pointer(as: Double.self) + index * vRows * n } ?? dummy.baseAddress.unsafelyUnwrapped
                let jobz: CChar = computeUV ? (fullMatrices ? 65 : 83) : 78  // 'A', 'S', 'N'
                return LAPACKE_dgesdd(LAPACK_ROW_MAJOR, jobz, Int32(m), Int32(n), base + index * m * n, Int32(n), sOut,
                                      uOut, Int32(computeUV ? uColumns : 1), vOut, Int32(n))
            }
            guard info == 0 else { throw .linAlg("SVD did not converge") }
        }
        let resultType = linalgResultType(dtype)
        return SVDFactors(u: try u?.converted(to: resultType), s: try s.converted(to: resultType),
                          vh: try vh?.converted(to: resultType))
    }

    /// `np.linalg.eigh(a, UPLO)`: the eigenvalues in increasing order (..., M) and, when
    /// `vectors`, the eigenvectors as columns (..., M, M), reading one triangle of each
    /// symmetric matrix (`lower`: NumPy's `UPLO='L'`).
    public func linalgEigh(lower: Bool = true, vectors: Bool = true) throws(ArrayError) -> (values: NDArray, vectors: NDArray?) {
        let (count, n) = try squareStack("eigh")
        let work = try converted(to: .float64).copy()
        let values = try NDArray(zeros: .float64, shape: Array(shape.dropLast(1)))
        let base = work.pointer(as: Double.self), out = values.pointer(as: Double.self)
        for index in 0..<count where n > 0 {
            try KernelCancellation.check()
            let info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, vectors ? 86 : 78, lower ? 76 : 85, Int32(n),  // 'V'/'N', 'L'/'U'
                                      base + index * n * n, Int32(n), out + index * n)
            guard info == 0 else { throw .linAlg("Eigenvalues did not converge") }
        }
        let resultType = linalgResultType(dtype)
        return (try values.converted(to: resultType), vectors ? try work.converted(to: resultType) : nil)
    }

    /// `np.linalg.lstsq(a, b, rcond)`: the least-squares solution of `a @ x = b` for a 2-d `a`
    /// (M, N) and `b` (M,) or (M, K), through the SVD; singular values below `rcond` times the
    /// largest count as zero (`rcond` nil: machine epsilon times max(M, N), as NumPy).
    public static func linalgLeastSquares(_ a: NDArray, _ b: NDArray, rcond: Double? = nil) throws(ArrayError) -> LeastSquaresSolution {
        let vector = b.ndim == 1
        for dimensions in [a.ndim, vector ? 2 : b.ndim] where dimensions != 2 {
            throw .linAlg("\(dimensions)-dimensional array given. Array must be two-dimensional")
        }
        let (m, n) = (a.shape[0], a.shape[1])
        guard b.shape[0] == m else { throw .linAlg("Incompatible dimensions") }
        let columns = vector ? 1 : b.shape[1]
        let rows = Swift.max(m, n), k = Swift.min(m, n)
        for (first, second) in [(m, n), (rows, columns)] {
            let (size, overflow) = first.multipliedReportingOverflow(by: second)
            if overflow || size > Int(Int32.max) { throw .value("lstsq: the matrices are too big for LAPACK") }
        }
        let resultType = linalgResultType(DType.promote(a.dtype, b.dtype))
        let left = try a.converted(to: .float64).copy()
        // gelsd overwrites b (max(M, N) rows) with x in its first N rows.
        let right = try NDArray(zeros: .float64, shape: [rows, columns])
        let source = try b.converted(to: .float64).contiguous(), sourceBase = source.pointer(as: Double.self)
        let rightBase = right.pointer(as: Double.self)
        for i in 0..<m * columns { rightBase[i] = sourceBase[i] }
        let singular = try NDArray(zeros: .float64, shape: [k])
        var rank: Int32 = 0
        if k > 0 && columns > 0 {
            // A NaN or infinity in a makes LAPACK's scaling fail (NumPy's error); in b it
            // reaches the solution, as in NumPy.
            let leftBase = left.pointer(as: Double.self)
            guard (0..<m * n).allSatisfy({ leftBase[$0].isFinite }) else {
                throw .linAlg("SVD did not converge in Linear Least Squares")
            }
            try LAPACK.gelsd(m, n, columns, leftBase, rightBase, singular.pointer(as: Double.self),
                             rcond ?? Double.ulpOfOne * Double(rows), &rank)
        } else if k > 0 {
            // No right-hand side: the rank and singular values still come from a's SVD.
            let values = try a.linalgSVD(computeUV: false).s.converted(to: .float64)
            let threshold = (rcond ?? Double.ulpOfOne * Double(rows)) * values.pointer(as: Double.self)[0]
            for i in 0..<k { singular.pointer(as: Double.self)[i] = values.pointer(as: Double.self)[i] }
            rank = Int32((0..<k).filter { values.pointer(as: Double.self)[$0] > threshold }.count)
        }
        if k == 0 { for i in 0..<n * columns { rightBase[i] = 0 } }
        // The residuals: the squared norms of what is left of b below x, when a has full column rank.
        var residuals = try NDArray(zeros: .float64, shape: [0])
        if m > n && rank == Int32(n) {
            residuals = try NDArray(zeros: .float64, shape: [columns])
            let out = residuals.pointer(as: Double.self)
            let tail = k == 0 ? sourceBase : rightBase
            for i in n..<m { for j in 0..<columns { out[j] += tail[i * columns + j] * tail[i * columns + j] } }
        }
        let solution = try NDArray(uninitialized: .float64, shape: vector ? [n] : [n, columns])
        solution.pointer(as: Double.self).update(from: rightBase, count: n * columns)
        return LeastSquaresSolution(x: try solution.converted(to: resultType), residuals: try residuals.converted(to: resultType),
                                    rank: rank, singularValues: try singular.converted(to: resultType))
    }

    /// The stack's matrices as one float64 C-contiguous copy, after NumPy's check (at least
    /// 2-d) and LAPACK's (32-bit sizes).
    func matrixStack() throws(ArrayError) -> MatrixStack {
        guard ndim >= 2 else {
            throw .linAlg("\(ndim)-dimensional array given. Array must be at least two-dimensional")
        }
        let (m, n) = (shape[ndim - 2], shape[ndim - 1])
        guard m <= Int(Int32.max) / Swift.max(n, 1) else { throw .value("the matrices are too big for LAPACK") }
        let batch = Array(shape.dropLast(2))
        return MatrixStack(batch: batch, count: batch.reduce(1, *), rows: m, columns: n,
                           data: try converted(to: .float64).copy())
    }
}

/// A stack of M x N float64 matrices, one after another in `data`.
struct MatrixStack {
    let batch: [Int]
    let count: Int
    let rows: Int
    let columns: Int
    let data: NDArray
}

/// The LAPACK calls that need a workspace query (`_work` forms: no NaN check, as NumPy's calls).
enum LAPACK {
    /// QR factorization in place: R above the diagonal of `a` (M x N), reflectors below.
    static func geqrf(_ m: Int, _ n: Int, _ a: UnsafeMutablePointer<Double>, _ tau: UnsafeMutablePointer<Double>) throws(ArrayError) {
        var size = 0.0
        var info = LAPACKE_dgeqrf_work(LAPACK_ROW_MAJOR, Int32(m), Int32(n), a, Int32(n), tau, &size, -1)
        if info == 0 {
            var work = [Double](repeating: 0, count: Swift.max(1, Int(size)))
            info = LAPACKE_dgeqrf_work(LAPACK_ROW_MAJOR, Int32(m), Int32(n), a, Int32(n), tau, &work, Int32(work.count))
        }
        guard info == 0 else { throw .linAlg("Incorrect argument found while performing LAPACK routine") }
    }

    /// The minimum-norm least-squares solution through the SVD (a is M x N, b max(M, N) x K).
    static func gelsd(_ m: Int, _ n: Int, _ columns: Int, _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>,
                      _ s: UnsafeMutablePointer<Double>, _ rcond: Double, _ rank: inout Int32) throws(ArrayError) {
        var size = 0.0
        var integerSize: Int32 = 0
        var info = LAPACKE_dgelsd_work(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(columns), a, Int32(n), b, Int32(columns),
                                       s, rcond, &rank, &size, -1, &integerSize)
        if info == 0 {
            var work = [Double](repeating: 0, count: Swift.max(1, Int(size)))
            var integerWork = [Int32](repeating: 0, count: Swift.max(1, Int(integerSize)))
            info = LAPACKE_dgelsd_work(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(columns), a, Int32(n), b, Int32(columns),
                                       s, rcond, &rank, &work, Int32(work.count), &integerWork)
        }
        guard info == 0 else { throw .linAlg("SVD did not converge in Linear Least Squares") }
    }

    /// Q (M x `columns`) from the first `k` reflectors stored in `q`.
    static func orgqr(_ m: Int, _ columns: Int, _ k: Int, _ q: UnsafeMutablePointer<Double>, _ tau: UnsafeMutablePointer<Double>) throws(ArrayError) {
        var size = 0.0
        var info = LAPACKE_dorgqr_work(LAPACK_ROW_MAJOR, Int32(m), Int32(columns), Int32(k), q, Int32(columns), tau, &size, -1)
        if info == 0 {
            var work = [Double](repeating: 0, count: Swift.max(1, Int(size)))
            info = LAPACKE_dorgqr_work(LAPACK_ROW_MAJOR, Int32(m), Int32(columns), Int32(k), q, Int32(columns), tau, &work, Int32(work.count))
        }
        guard info == 0 else { throw .linAlg("Incorrect argument found while performing LAPACK routine") }
    }
}
