import Synchronization

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
    /// read in place (negative or zero strides) are packed first. Returns false when it
    /// stopped early on a `KernelCancellation` request.
    /// `flopsPerCall`: nil sizes the calls from the measured speed (`BLASSpeed`).
    func runBLAS<T: BLASScalar>(_ type: T.Type, flopsPerCall: Double? = nil) -> Bool {
        let out = c.assumingMemoryBound(to: T.self)
        if k == 0 { out.initialize(repeating: .zero, count: n * m); return true }
        guard n > 0 && m > 0 else { return true }
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
            return true
        }
        if m == 1 {
            // Matrix times vector: y = A·x.
            if b.rowStride <= 0 && k > 1 { b = pack(b) }
            if a.blasLayout == nil { a = pack(a) }
            let (transposed, lda) = a.blasLayout!
            T.gemv(trans: transposed, rows: Int32(transposed ? k : n), cols: Int32(transposed ? n : k),
                   a: a.pointer(as: T.self), lda: lda, x: b.pointer(as: T.self),
                   incx: Int32(k > 1 ? b.rowStride : 1), y: out)
            return true
        }
        if n == 1 {
            // Vector times matrix: yᵀ = Bᵀ·xᵀ.
            if a.colStride <= 0 && k > 1 { a = pack(a) }
            if b.blasLayout == nil { b = pack(b) }
            let (transposed, ldb) = b.blasLayout!
            T.gemv(trans: !transposed, rows: Int32(transposed ? m : k), cols: Int32(transposed ? k : m),
                   a: b.pointer(as: T.self), lda: ldb, x: a.pointer(as: T.self),
                   incx: Int32(k > 1 ? a.colStride : 1), y: out)
            return true
        }
        if b.isTranspose(of: a) {
            // A·Aᵀ: C is symmetric, so syrk and half the operations, as NumPy does it.
            if a.blasLayout == nil { a = pack(a) }
            return runSymmetric(T.self, a: a, out: out, flopsPerCall: flopsPerCall)
        }
        if a.blasLayout == nil { a = pack(a) }
        if b.blasLayout == nil { b = pack(b) }
        let (ta, lda) = a.blasLayout!, (tb, ldb) = b.blasLayout!
        let pa = a.pointer(as: T.self), pb = b.pointer(as: T.self)
        // A product too big for one uninterruptible call goes as tiles of C (and of k, with
        // accumulation, when k alone is huge), checking for Ctrl-C between them. Each band of
        // rows sizes its tiles from the speed the previous calls measured, so that a call
        // takes about `BLASSpeed.secondsPerCall` even when other work slows BLAS down.
        let split = 2 * Double(n) * Double(k) * Double(m) > (flopsPerCall ?? BLASSpeed.flopsPerCall)
        var rowStart = 0
        while rowStart < n {
            let tile = GemmPanels(n: n, k: k, m: m, flopsPerCall: flopsPerCall ?? BLASSpeed.flopsPerCall)
            let rows = rowStart..<Swift.min(n, rowStart + tile.rowStep)
            for columnStart in stride(from: 0, to: m, by: tile.columnStep) {
                let columns = columnStart..<Swift.min(m, columnStart + tile.columnStep)
                for depthStart in stride(from: 0, to: k, by: tile.depthStep) {
                    let depth = depthStart..<Swift.min(k, depthStart + tile.depthStep)
                    if split && KernelCancellation.isRequested { return false }
                    // Element (i, p) of A is at i·lda + p, or p·lda + i when A is stored transposed.
                    let aStart = ta ? depth.lowerBound * Int(lda) + rows.lowerBound
                        : rows.lowerBound * Int(lda) + depth.lowerBound
                    let bStart = tb ? columns.lowerBound * Int(ldb) + depth.lowerBound
                        : depth.lowerBound * Int(ldb) + columns.lowerBound
                    let started = ContinuousClock.now
                    T.gemm(transA: ta, transB: tb, m: Int32(rows.count), n: Int32(columns.count),
                           k: Int32(depth.count), a: pa + aStart, lda: lda, b: pb + bStart, ldb: ldb,
                           beta: depth.lowerBound == 0 ? .zero : .one,
                           c: out + rows.lowerBound * m + columns.lowerBound, ldc: Int32(m))
                    if split && flopsPerCall == nil {
                        BLASSpeed.record(flops: 2 * Double(rows.count) * Double(columns.count) * Double(depth.count),
                                         elapsed: ContinuousClock.now - started)
                    }
                }
            }
            rowStart = rows.upperBound
        }
        return true
    }

    /// `C = A·Aᵀ` (`n×n`, B being A's transpose in the same memory, which BLAS can read in
    /// place): the upper triangle's diagonal tiles by `syrk`, the tiles right of them by `gemm`,
    /// then the lower triangle copied from the upper. Tiles and Ctrl-C checks as in `runBLAS`.
    private func runSymmetric<T: BLASScalar>(_ type: T.Type, a: MatrixView, out: UnsafeMutablePointer<T>,
                                             flopsPerCall: Double?) -> Bool {
        let (ta, lda) = a.blasLayout!
        let pa = a.pointer(as: T.self)
        /// Where element `(rows.lowerBound, depth.lowerBound)` of A is.
        func start(_ rows: Range<Int>, _ depth: Range<Int>) -> Int {
            ta ? depth.lowerBound * Int(lda) + rows.lowerBound : rows.lowerBound * Int(lda) + depth.lowerBound
        }
        let split = 2 * Double(n) * Double(k) * Double(n) > (flopsPerCall ?? BLASSpeed.flopsPerCall)
        var rowStart = 0
        while rowStart < n {
            // Square tiles: the band's diagonal tile is one syrk.
            let step = GemmPanels(n: n, k: k, m: n, flopsPerCall: flopsPerCall ?? BLASSpeed.flopsPerCall)
            let rows = rowStart..<Swift.min(n, rowStart + step.rowStep)
            for columnStart in stride(from: rowStart, to: n, by: step.rowStep) {
                let columns = columnStart..<Swift.min(n, columnStart + step.rowStep)
                for depthStart in stride(from: 0, to: k, by: step.depthStep) {
                    let depth = depthStart..<Swift.min(k, depthStart + step.depthStep)
                    if split && KernelCancellation.isRequested { return false }
                    let beta: T = depth.lowerBound == 0 ? .zero : .one
                    let c = out + rows.lowerBound * n + columns.lowerBound
                    let started = ContinuousClock.now
                    if columnStart == rowStart {
                        T.syrk(transA: ta, n: Int32(rows.count), k: Int32(depth.count), a: pa + start(rows, depth),
                               lda: lda, beta: beta, c: c, ldc: Int32(n))
                    } else {
                        T.gemm(transA: ta, transB: !ta, m: Int32(rows.count), n: Int32(columns.count),
                               k: Int32(depth.count), a: pa + start(rows, depth), lda: lda,
                               b: pa + start(columns, depth), ldb: lda, beta: beta, c: c, ldc: Int32(n))
                    }
                    if split && flopsPerCall == nil {
                        let pairs = columnStart == rowStart ? Double(rows.count) * Double(rows.count + 1) / 2
                            : Double(rows.count) * Double(columns.count)
                        BLASSpeed.record(flops: 2 * pairs * Double(depth.count), elapsed: ContinuousClock.now - started)
                    }
                }
            }
            rowStart = rows.upperBound
        }
        Self.mirrorUpperTriangle(out, n: n)
        return true
    }

    /// Copies the upper triangle of a row-major `n×n` matrix onto the lower one, in square
    /// blocks so that both sides stay in cache.
    static func mirrorUpperTriangle<T>(_ c: UnsafeMutablePointer<T>, n: Int) {
        let block = 64
        for i0 in stride(from: 0, to: n, by: block) {
            for j0 in stride(from: 0, through: i0, by: block) {
                for i in i0..<Swift.min(n, i0 + block) {
                    for j in j0..<Swift.min(i, j0 + block) { c[i * n + j] = c[j * n + i] }
                }
            }
        }
    }

    /// A cache-blocked product in Swift for integers and booleans (wrapping arithmetic; `or`
    /// of `and`s for bool, as NumPy). Both operands are packed row-major, then each row of C
    /// accumulates `A[i,p]·B[p, j-block]` over a `k`-block, so the inner loop runs over
    /// contiguous rows of B that stay in L2 and vectorizes.
    ///
    /// Returns false when it stopped early on a `KernelCancellation` request (checked every
    /// 64 rows of a block).
    func runGeneric<T: MathElement>(_ type: T.Type) -> Bool {
        let out = c.assumingMemoryBound(to: T.self)
        out.initialize(repeating: .zero, count: n * m)
        guard n > 0 && m > 0 && k > 0 else { return true }
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
                    if i % 64 == 0 && KernelCancellation.isRequested { return false }
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
        return true
    }
}

/// How `runBLAS` cuts a large `n×k · k×m` product into BLAS calls: tiles of C, near square,
/// of about `flopsPerCall` operations each, with the whole of k unless k alone is too deep.
///
/// Each extra call packs its panels of A and B again, which costs a few percent at the
/// sizes `BLASSpeed` picks (measured in bench/README.md); products within the budget (every
/// 1000² block of a chunked product) stay one call.
struct GemmPanels: Sequence {
    /// Tiles narrower than this lose BLAS efficiency.
    static let minimumSide = 256

    let n: Int, k: Int, m: Int
    let rowStep: Int, columnStep: Int, depthStep: Int

    init(n: Int, k: Int, m: Int, flopsPerCall: Double) {
        (self.n, self.k, self.m) = (n, k, m)
        if 2 * Double(n) * Double(k) * Double(m) <= flopsPerCall {
            (rowStep, columnStep, depthStep) = (n, m, k)
            return
        }
        let minimum = Double(GemmPanels.minimumSide)
        let side = Swift.max(minimum, (flopsPerCall / (2 * Double(k))).squareRoot())
        let depth = Swift.min(Double(k), Swift.max(minimum, flopsPerCall / (2 * side * side)))
        let rows = Swift.min(Double(n), side)
        let columns = Swift.min(Double(m), Swift.max(minimum, flopsPerCall / (2 * rows * depth)))
        (rowStep, columnStep, depthStep) = (Int(rows), Int(columns), Int(depth))
    }

    /// Number of calls.
    var count: Int {
        ((n + rowStep - 1) / rowStep) * ((m + columnStep - 1) / columnStep) * ((k + depthStep - 1) / depthStep)
    }

    /// Row ranges outermost, then columns, then depth (so each tile of C accumulates its
    /// depth panels in order, the first one overwriting).
    func makeIterator() -> some IteratorProtocol<(Range<Int>, Range<Int>, Range<Int>)> {
        var tiles: [(Range<Int>, Range<Int>, Range<Int>)] = []
        for i in stride(from: 0, to: n, by: rowStep) {
            for j in stride(from: 0, to: m, by: columnStep) {
                for p in stride(from: 0, to: k, by: depthStep) {
                    tiles.append((i..<Swift.min(n, i + rowStep), j..<Swift.min(m, j + columnStep),
                                  p..<Swift.min(k, p + depthStep)))
                }
            }
        }
        return tiles.makeIterator()
    }
}

/// Runs every product of a batch for the dtype; false when stopped by `KernelCancellation`.
struct MatmulKernel: MathVisitor {
    let products: [MatrixProduct]
    /// Nil: sized from the measured speed (`BLASSpeed`).
    var flopsPerCall: Double?

    func visit<T: MathElement>(_ type: T.Type) -> Bool {
        for product in products {
            if products.count > 1 && KernelCancellation.isRequested { return false }
            let finished = switch T.dtype {
            case .float32: product.runBLAS(Float.self, flopsPerCall: flopsPerCall)
            case .float64: product.runBLAS(Double.self, flopsPerCall: flopsPerCall)
            default: product.runGeneric(T.self)
            }
            if !finished { return false }
        }
        return true
    }
}

/// The speed of recent large BLAS calls, so that `runBLAS` can size uninterruptible calls
/// to take about `secondsPerCall` (Ctrl-C waits for at most one call).
enum BLASSpeed {
    /// The time one call should take: Ctrl-C answers within it, and the packing each extra
    /// call repeats stays a few percent of the work.
    static let secondsPerCall = 0.2
    /// Floating-point operations per second, as a Double's bits; starts at 20 GFLOP/s (a
    /// busy two-core machine: the first calls are short rather than long) and follows the
    /// last calls.
    private static let rate = Atomic<UInt64>(2e10.bitPattern)

    /// Operations per call at the measured speed.
    static var flopsPerCall: Double { Double(bitPattern: rate.load(ordering: .relaxed)) * secondsPerCall }

    /// Folds one call's speed into the estimate (the mean of the old estimate and the call).
    static func record(flops: Double, elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        guard seconds > 1e-4 else { return }
        let old = Double(bitPattern: rate.load(ordering: .relaxed))
        rate.store(((old + flops / seconds) / 2).bitPattern, ordering: .relaxed)
    }
}
