import Testing
@testable import DuskArray

/// How a large matrix product is cut into BLAS calls (`GemmPanels`), and that the cut
/// product equals the product in one call.
@Suite struct GemmPanelTests {
    @Test(arguments: [(10, 10, 10, 1e10), (4000, 4000, 4000, 2e10), (10000, 10000, 10000, 2e10),
                      (100, 10_000_000, 100, 2e10), (50_000, 300, 50_000, 2e10), (300, 7, 900, 1e3)])
    func panelsTileTheProductWithinTheBudget(n: Int, k: Int, m: Int, budget: Double) {
        let panels = GemmPanels(n: n, k: k, m: m, flopsPerCall: budget)
        var covered = 0.0
        var largest = 0.0
        var count = 0
        for (rows, columns, depth) in panels {
            let flops = 2 * Double(rows.count) * Double(columns.count) * Double(depth.count)
            covered += flops
            largest = Swift.max(largest, flops)
            count += 1
        }
        #expect(count == panels.count)
        #expect(covered == 2 * Double(n) * Double(k) * Double(m))
        // Tiles never go below the minimum side, so a call may exceed the budget only then.
        let side = Double(GemmPanels.minimumSide), floor = 2 * side * side * side
        #expect(largest <= Swift.max(budget, floor) * 1.0001)
        if 2 * Double(n) * Double(k) * Double(m) <= budget { #expect(count == 1) }
    }

    @Test(arguments: [DType.float64, .float32])
    func panelledProductEqualsOneCall(dtype: DType) throws {
        // Integer-valued entries, so every order of summation gives the same exact result.
        let a = try NDArray.arange(stop: .int64(600 * 700)).reshaped([600, 700])
        let b = try NDArray.arange(stop: .int64(700 * 500)).reshaped([700, 500])
        let x = try NDArray.binary(.remainder, .array(a), .int(7)).converted(to: dtype)
        let y = try NDArray.binary(.remainder, .array(b), .int(5)).converted(to: dtype)
        let whole = try NDArray.matmul(x, y)
        for (left, right) in [(x, y), (try x.T.copy().T, y), (x, try y.T.copy().T)] {
            let panelled = try NDArray.matmul(left, right, flopsPerCall: 2 * 256 * 256 * 256)
            #expect(Element.all(of: panelled) == Element.all(of: whole))
        }
    }

    /// `x @ x.T` and `x.T @ x` go through syrk (the operands share memory); they equal the
    /// products of copies (gemm), whole and in panels, and come out exactly symmetric.
    @Test(arguments: [DType.float64, .float32])
    func symmetricProductEqualsGeneralProduct(dtype: DType) throws {
        let a = try NDArray.arange(stop: .int64(600 * 700)).reshaped([600, 700])
        let x = try NDArray.binary(.remainder, .array(a), .int(7)).converted(to: dtype)
        // A layout BLAS cannot read (every other column, reversed rows) is packed first.
        let strided = try x.indexed([.slice(start: nil, stop: nil, step: -1), .slice(start: nil, stop: nil, step: 2)])
        for left in [x, x.T, strided] {
            let product = NDArray.batchProducts(left, left.T, batch: [], into: try NDArray.zeros([left.shape[0], left.shape[0]]))[0]
            #expect(product.b.isTranspose(of: product.a))
            let general = try NDArray.matmul(left, left.T.copy())
            for budget in [nil, 2.0 * 256 * 256 * 256] {
                let symmetric = try NDArray.matmul(left, left.T, flopsPerCall: budget)
                #expect(Element.all(of: symmetric) == Element.all(of: general))
                #expect(try Element.all(of: symmetric) == Element.all(of: symmetric.T.copy()))
            }
        }
    }

    @Test func triangleMirrorCopiesTheUpperTriangle() {
        for n in [1, 63, 64, 65, 200] {
            let c = UnsafeMutablePointer<Int>.allocate(capacity: n * n)
            defer { c.deallocate() }
            for i in 0..<n { for j in 0..<n { c[i * n + j] = j >= i ? i * 1000 + j : -1 } }
            MatrixProduct.mirrorUpperTriangle(c, n: n)
            #expect((0..<n).allSatisfy { i in (0..<n).allSatisfy { j in c[i * n + j] == min(i, j) * 1000 + max(i, j) } })
        }
    }
}
