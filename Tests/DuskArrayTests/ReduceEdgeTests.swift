import DuskArray
import Testing

/// The vectorized extremum kernels on the cases their side paths exist for.
@Suite("Reductions: NaN and infinity in the vector kernels")
struct ReduceEdgeTests {
    @Test("a NaN anywhere in a run makes min and max NaN; argmin/argmax find the first NaN", arguments: [Double.nan])
    func nanAnywhere(_ nan: Double) throws {
        for n in [8, 9, 37, 2048 + 19, 5000] {
            for position in Set([0, 7, 8, n / 2, n - 1]) where position < n {
                var values = MathTest.noise(n, seed: UInt64(n))
                values[position] = nan
                if position + 3 < n { values[position + 3] = nan }
                let x = try NDArray(values, shape: [n])
                #expect(try x.amin().item().doubleValue.isNaN, "n \(n) at \(position)")
                #expect(try x.amax().item().doubleValue.isNaN, "n \(n) at \(position)")
                #expect(try x.argmin().item().int64Value == Int64(position))
                #expect(try x.argmax().item().int64Value == Int64(position))
                let f = try x.astype(.float32)
                #expect(try f.amin().item().doubleValue.isNaN)
                #expect(try f.argmax().item().int64Value == Int64(position))
            }
        }
    }

    @Test("infinities of both signs (whose sums are NaN) do not read as NaN")
    func infinities() throws {
        var values = MathTest.noise(100, seed: 8)
        values[10] = .infinity
        values[50] = -.infinity
        values[60] = 1e308
        values[61] = 1e308
        let x = try NDArray(values, shape: [100])
        #expect(try x.amin().item().doubleValue == -.infinity)
        #expect(try x.amax().item().doubleValue == .infinity)
        #expect(try x.argmin().item().int64Value == 50)
        #expect(try x.argmax().item().int64Value == 10)
        #expect(try x.nanmax().item().doubleValue == .infinity)
    }

    @Test("integer extremes and first occurrences")
    func integers() throws {
        var values = (0..<3000).map { Int64($0 % 97) - 40 }
        values[2500] = .min
        values[2999] = .max
        let x = try NDArray(values, shape: [3000])
        #expect(try x.amin().item().int64Value == .min)
        #expect(try x.amax().item().int64Value == .max)
        #expect(try x.argmin().item().int64Value == 2500)
        #expect(try x.astype(.int8).argmax().item().int64Value == 96)   // 56 = 96 % 97 - 40 first
    }
}
