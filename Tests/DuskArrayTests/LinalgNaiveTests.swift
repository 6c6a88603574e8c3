import DuskArray
import Testing

/// `matmul` against a naive triple loop, on sizes and layouts that cross the kernels' blocks.
@Suite("matmul against a naive product")
struct LinalgNaiveTests {
    /// `Σ_p a[i,p]·b[p,j]` in Double (exact for small integers), from C-order copies.
    static func naive(_ a: NDArray, _ b: NDArray) throws -> [Double] {
        let (n, k, m) = (a.shape[0], a.shape[1], b.shape[1])
        let x = try a.astype(.float64).toArray(of: Double.self), y = try b.astype(.float64).toArray(of: Double.self)
        var out = [Double](repeating: 0, count: n * m)
        for i in 0..<n {
            for j in 0..<m {
                var s = 0.0
                for p in 0..<k { s += x[i * k + p] * y[p * m + j] }
                out[i * m + j] = s
            }
        }
        return out
    }

    /// A matrix of `rows × cols` as the named layout: contiguous, a transposed view, every
    /// other row of a taller array, or with its columns reversed.
    static func matrix(_ rows: Int, _ cols: Int, layout: String, dtype: DType, seed: UInt64) throws -> NDArray {
        let integers = !dtype.isFloatingPoint
        func values(_ n: Int) -> [Double] {
            MathTest.noise(n, seed: seed, scale: integers ? 20 : 2).map { integers ? $0.rounded() : $0 }
        }
        switch layout {
        case "T":
            return try NDArray(values(rows * cols), shape: [cols, rows]).astype(dtype).T
        case "step2":
            let tall = try NDArray(values(2 * rows * cols), shape: [2 * rows, cols]).astype(dtype)
            return NDArray(dtype: dtype, shape: [rows, cols], strides: [2 * cols, 1], offset: 0, storage: tall.storage)
        case "reversed":
            let base = try NDArray(values(rows * cols), shape: [rows, cols]).astype(dtype)
            return NDArray(dtype: dtype, shape: [rows, cols], strides: [cols, -1], offset: cols - 1, storage: base.storage)
        default:
            return try NDArray(values(rows * cols), shape: [rows, cols]).astype(dtype)
        }
    }

    static let layouts = ["C", "T", "step2", "reversed"]

    @Test("float64 and float32 through BLAS, every layout pair", arguments: [DType.float64, .float32], layouts)
    func blas(_ dtype: DType, _ layoutA: String) throws {
        for layoutB in Self.layouts {
            for (n, k, m) in [(37, 65, 23), (1, 40, 17), (19, 40, 1), (1, 50, 1)] {
                let a = try Self.matrix(n, k, layout: layoutA, dtype: dtype, seed: 1)
                let b = try Self.matrix(k, m, layout: layoutB, dtype: dtype, seed: 2)
                let c = try NDArray.matmul(a, b)
                let expected = try Self.naive(a, b)
                let tolerance = dtype == .float32 ? 1e-4 : 1e-12
                #expect(c.shape == [n, m] && c.dtype == dtype)
                #expect(zip(c.scalars, expected).allSatisfy { MathTest.close($0.doubleValue, $1, tolerance: tolerance) },
                        "\(layoutA) @ \(layoutB) (\(n)x\(k) @ \(k)x\(m))")
            }
        }
    }

    @Test("integers through the blocked kernel, across block edges", arguments: [DType.int32, .int64, .int16])
    func integers(_ dtype: DType) throws {
        // k = 300 crosses two k-blocks, m = 600 crosses a j-block.
        for (layoutA, layoutB) in [("C", "C"), ("T", "reversed"), ("step2", "T")] {
            let a = try Self.matrix(9, 300, layout: layoutA, dtype: dtype, seed: 3)
            let b = try Self.matrix(300, 600, layout: layoutB, dtype: dtype, seed: 4)
            let c = try NDArray.matmul(a, b)
            #expect(c.dtype == dtype)
            #expect(try c.toArray(of: Double.self) == (try Self.naive(a, b)), "\(layoutA) @ \(layoutB)")
        }
    }

    @Test("broadcast batches multiply matrix by matrix")
    func batches() throws {
        let a = try NDArray(MathTest.noise(2 * 1 * 4 * 5, seed: 5), shape: [2, 1, 4, 5])
        let b = try NDArray(MathTest.noise(3 * 5 * 6, seed: 6), shape: [3, 5, 6])
        let c = try NDArray.matmul(a, b)
        #expect(c.shape == [2, 3, 4, 6])
        for i in 0..<2 {
            for j in 0..<3 {
                let ai = NDArray(dtype: .float64, shape: [4, 5], strides: [5, 1], offset: i * 20, storage: a.storage)
                let bj = NDArray(dtype: .float64, shape: [5, 6], strides: [6, 1], offset: j * 30, storage: b.storage)
                let block = NDArray(dtype: .float64, shape: [4, 6], strides: [6, 1], offset: (i * 3 + j) * 24, storage: c.storage)
                #expect(zip(block.scalars, try Self.naive(ai, bj)).allSatisfy { MathTest.close($0.doubleValue, $1, tolerance: 1e-12) })
            }
        }
    }

    @Test("BLAS thread count can be set")
    func threads() {
        let before = BLAS.threadCount
        BLAS.threadCount = 1
        #expect(BLAS.threadCount == 1)
        BLAS.threadCount = before
        #expect(BLAS.threadCount == before)
    }
}
