/// One product `C = A·B` of a batch: `A` is `n×k`, `B` is `k×m`, `C` is row-major `n×m`
/// with leading dimension `m`.
struct MatrixProduct {
    var a: MatrixView
    var b: MatrixView
    var c: UnsafeMutableRawPointer
    var n: Int { a.rows }
    var k: Int { a.cols }
    var m: Int { b.cols }
}

extension MatrixProduct {
    /// Through CBLAS: `gemm`, or `gemv`/`dot` when a side is a vector. Operands BLAS cannot
    /// read in place (negative or zero strides) are packed first.
    func runBLAS<T: BLASScalar>(_ type: T.Type) {
        let out = c.assumingMemoryBound(to: T.self)
        if k == 0 { out.initialize(repeating: .zero, count: n * m); return }
        guard n > 0 && m > 0 else { return }
        guard n <= Int(Int32.max), m <= Int(Int32.max), k <= Int(Int32.max) else { return runGeneric(T.self) }
        var a = self.a, b = self.b
        var scratch: [UnsafeMutablePointer<T>] = []
        defer { scratch.forEach { $0.deallocate() } }
        func pack(_ view: MatrixView) -> MatrixView {
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: view.rows * view.cols)
            scratch.append(buffer)
            return view.packed(T.self, into: buffer)
        }
        if m == 1 && n == 1 {
            // Both vectors: a dot product; BLAS wants positive increments.
            if a.colStride <= 0 && k > 1 { a = pack(a) }
            if b.rowStride <= 0 && k > 1 { b = pack(b) }
            out[0] = T.dot(n: Int32(k), x: a.pointer(as: T.self), incx: Int32(k > 1 ? a.colStride : 1),
                           y: b.pointer(as: T.self), incy: Int32(k > 1 ? b.rowStride : 1))
            return
        }
        if m == 1 {
            // Matrix times vector: y = A·x.
            if b.rowStride <= 0 && k > 1 { b = pack(b) }
            if a.blasLayout == nil { a = pack(a) }
            let (transposed, lda) = a.blasLayout!
            T.gemv(trans: transposed, rows: Int32(transposed ? k : n), cols: Int32(transposed ? n : k),
                   a: a.pointer(as: T.self), lda: lda, x: b.pointer(as: T.self),
                   incx: Int32(k > 1 ? b.rowStride : 1), y: out)
            return
        }
        if n == 1 {
            // Vector times matrix: yᵀ = Bᵀ·xᵀ.
            if a.colStride <= 0 && k > 1 { a = pack(a) }
            if b.blasLayout == nil { b = pack(b) }
            let (transposed, ldb) = b.blasLayout!
            T.gemv(trans: !transposed, rows: Int32(transposed ? m : k), cols: Int32(transposed ? k : m),
                   a: b.pointer(as: T.self), lda: ldb, x: a.pointer(as: T.self),
                   incx: Int32(k > 1 ? a.colStride : 1), y: out)
            return
        }
        if a.blasLayout == nil { a = pack(a) }
        if b.blasLayout == nil { b = pack(b) }
        let (ta, lda) = a.blasLayout!, (tb, ldb) = b.blasLayout!
        T.gemm(transA: ta, transB: tb, m: Int32(n), n: Int32(m), k: Int32(k),
               a: a.pointer(as: T.self), lda: lda, b: b.pointer(as: T.self), ldb: ldb,
               c: out, ldc: Int32(m))
    }

    /// A cache-blocked product in Swift for integers and booleans (wrapping arithmetic; `or`
    /// of `and`s for bool, as NumPy). Both operands are packed row-major, then each row of C
    /// accumulates `A[i,p]·B[p, j-block]` over a `k`-block, so the inner loop runs over
    /// contiguous rows of B that stay in L2 and vectorizes.
    func runGeneric<T: MathElement>(_ type: T.Type) {
        let out = c.assumingMemoryBound(to: T.self)
        out.initialize(repeating: .zero, count: n * m)
        guard n > 0 && m > 0 && k > 0 else { return }
        let aBuffer = UnsafeMutablePointer<T>.allocate(capacity: n * k)
        let bBuffer = UnsafeMutablePointer<T>.allocate(capacity: k * m)
        defer { aBuffer.deallocate(); bBuffer.deallocate() }
        let pa = a.packed(T.self, into: aBuffer).pointer(as: T.self)
        let pb = b.packed(T.self, into: bBuffer).pointer(as: T.self)
        let kBlock = 128, jBlock = 512
        for j0 in stride(from: 0, to: m, by: jBlock) {
            let j1 = Swift.min(m, j0 + jBlock)
            for p0 in stride(from: 0, to: k, by: kBlock) {
                let p1 = Swift.min(k, p0 + kBlock)
                for i in 0..<n {
                    let cRow = out + i * m
                    let aRow = pa + i * k
                    for p in p0..<p1 {
                        let scale = aRow[p]
                        if scale == T.zero { continue }
                        let bRow = pb + p * m
                        for j in j0..<j1 { cRow[j] = T.add(cRow[j], T.multiply(scale, bRow[j])) }
                    }
                }
            }
        }
    }
}

/// Runs every product of a batch for the dtype.
struct MatmulKernel: MathVisitor {
    let products: [MatrixProduct]

    func visit<T: MathElement>(_ type: T.Type) {
        switch T.dtype {
        case .float32: for product in products { product.runBLAS(Float.self) }
        case .float64: for product in products { product.runBLAS(Double.self) }
        default: for product in products { product.runGeneric(T.self) }
        }
    }
}
