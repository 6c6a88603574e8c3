import CBLAS

/// `Float` and `Double`: the element types OpenBLAS multiplies, through CBLAS.
protocol BLASScalar: MathElement {
    /// `C = op(A)·op(B) + beta·C` for row-major `C` (`m×n`, leading dimension `ldc`); `beta`
    /// is 0 (overwrite) or 1 (accumulate).
    static func gemm(transA: Bool, transB: Bool, m: Int32, n: Int32, k: Int32,
                     a: UnsafePointer<Self>, lda: Int32, b: UnsafePointer<Self>, ldb: Int32,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int32)
    /// The upper triangle of `C = A·Aᵀ` (`transA`: `Aᵀ·A`) for row-major `C` (`n×n`), `A`
    /// being `n×k` (`transA`: stored `k×n`); `beta` is 0 or 1 as in `gemm`.
    static func syrk(transA: Bool, n: Int32, k: Int32, a: UnsafePointer<Self>, lda: Int32,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int32)
    /// `y = op(A)·x` for a row-major `A` stored `rows×cols`.
    static func gemv(trans: Bool, rows: Int32, cols: Int32, a: UnsafePointer<Self>, lda: Int32,
                     x: UnsafePointer<Self>, incx: Int32, y: UnsafeMutablePointer<Self>)
    /// `Σ x[i·incx]·y[i·incy]`.
    static func dot(n: Int32, x: UnsafePointer<Self>, incx: Int32, y: UnsafePointer<Self>, incy: Int32) -> Self
}

@inline(__always)
private func cblasTranspose(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: BLASScalar {
    static func gemm(transA: Bool, transB: Bool, m: Int32, n: Int32, k: Int32,
                     a: UnsafePointer<Float>, lda: Int32, b: UnsafePointer<Float>, ldb: Int32,
                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int32) {
        cblas_sgemm(CblasRowMajor, cblasTranspose(transA), cblasTranspose(transB), m, n, k,
                    1, a, lda, b, ldb, beta, c, ldc)
    }
    static func syrk(transA: Bool, n: Int32, k: Int32, a: UnsafePointer<Float>, lda: Int32,
                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int32) {
        cblas_ssyrk(CblasRowMajor, CblasUpper, cblasTranspose(transA), n, k, 1, a, lda, beta, c, ldc)
    }
    static func gemv(trans: Bool, rows: Int32, cols: Int32, a: UnsafePointer<Float>, lda: Int32,
                     x: UnsafePointer<Float>, incx: Int32, y: UnsafeMutablePointer<Float>) {
        cblas_sgemv(CblasRowMajor, cblasTranspose(trans), rows, cols, 1, a, lda, x, incx, 0, y, 1)
    }
    static func dot(n: Int32, x: UnsafePointer<Float>, incx: Int32, y: UnsafePointer<Float>, incy: Int32) -> Float {
        cblas_sdot(n, x, incx, y, incy)
    }
}

extension Double: BLASScalar {
    static func gemm(transA: Bool, transB: Bool, m: Int32, n: Int32, k: Int32,
                     a: UnsafePointer<Double>, lda: Int32, b: UnsafePointer<Double>, ldb: Int32,
                     beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int32) {
        cblas_dgemm(CblasRowMajor, cblasTranspose(transA), cblasTranspose(transB), m, n, k,
                    1, a, lda, b, ldb, beta, c, ldc)
    }
    static func syrk(transA: Bool, n: Int32, k: Int32, a: UnsafePointer<Double>, lda: Int32,
                     beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int32) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, cblasTranspose(transA), n, k, 1, a, lda, beta, c, ldc)
    }
    static func gemv(trans: Bool, rows: Int32, cols: Int32, a: UnsafePointer<Double>, lda: Int32,
                     x: UnsafePointer<Double>, incx: Int32, y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasRowMajor, cblasTranspose(trans), rows, cols, 1, a, lda, x, incx, 0, y, 1)
    }
    static func dot(n: Int32, x: UnsafePointer<Double>, incx: Int32, y: UnsafePointer<Double>, incy: Int32) -> Double {
        cblas_ddot(n, x, incx, y, incy)
    }
}

/// Settings of the BLAS library under `matmul`, `dot` and `tensordot`.
public enum BLAS {
    /// Threads OpenBLAS may use per call. The threaded scheduler already runs one task per
    /// core, so it may set this to 1 while it computes; NumPy's default is all cores.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(Swift.max(1, newValue))) }
    }
}
