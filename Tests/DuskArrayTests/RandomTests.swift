@testable import DuskArray
import Foundation
import Testing

@Suite("Random: Philox streams")
struct RandomTests {
    @Test("Philox4x64-10 gives Random123's known answers")
    func knownAnswers() {
        let zero = Philox.block((0, 0, 0, 0), key: (0, 0))
        #expect([zero.0, zero.1, zero.2, zero.3] == [0x1655_4D9E_CA36_314C, 0xDB20_FE9D_672D_0FDC,
                                                      0xD7E7_72CE_E186_176B, 0x7E68_B68A_EC7B_A23B])
        let ones = Philox.block((.max, .max, .max, .max), key: (.max, .max))
        #expect([ones.0, ones.1, ones.2, ones.3] == [0x87B0_92C3_013F_E90B, 0x438C_3C67_BE8D_0224,
                                                      0x9CC7_D7C6_9CD7_77B6, 0xA09C_AEBF_594F_0BA0])
    }

    @Test("blocks equal NumPy's Philox bit generator")
    func matchesNumPyPhilox() {
        // numpy.random.Philox(key=[12345, 678], counter=[41, 0, 99, 7]).random_raw(12): NumPy
        // increments the counter before each block, so these are blocks 42, 43 and 44.
        let expected: [UInt64] = [0x7FD4_4550_59B7_793F, 0x9DAC_5651_6EA8_782E, 0xA858_66B3_DB10_B01F,
                                  0x15EF_04DC_C512_83F1, 0x8CD2_4F22_E716_ACBB, 0x290D_E568_36CA_B43F,
                                  0x1AAE_411E_AC89_D43C, 0x90FE_A5AE_0741_59C6, 0x0BEC_F891_9D92_D35E,
                                  0x7C82_CD06_77B2_E048, 0x77DE_6612_E854_4B51, 0x68B6_CB24_3E69_47CE]
        let words = (42..<45).flatMap { (i: UInt64) -> [UInt64] in
            let b = Philox.block((i, 0, 99, 7), key: (12345, 678))
            return [b.0, b.1, b.2, b.3]
        }
        #expect(words == expected)
    }

    @Test("the ziggurat's strips all have the area v")
    func zigguratAreas() {
        let z = Ziggurat.shared
        #expect(abs(z.x[0] * z.f[1] - Ziggurat.v) < 1e-15)
        for i in 1..<256 {
            #expect(abs(z.x[i] * (z.f[i + 1] - z.f[i]) - Ziggurat.v) < 1e-11, "strip \(i)")
        }
        // The base strip is the rectangle [0, r] x [0, f(r)] plus the tail: v = r f(r) + ∫_r^∞ f.
        let tail = (Double.pi / 2).squareRoot() * erfc(Ziggurat.r / 2.0.squareRoot())
        #expect(abs(Ziggurat.r * z.f[1] + tail - Ziggurat.v) < 1e-12)
    }

    @Test("fill() yields the words next() yields", arguments: [0, 1, 3, 16, 17, 100])
    func fillMatchesNext(_ skip: Int) {
        var a = RandomStream(seed: 7, stream: [3, 4])
        var b = a
        for _ in 0..<skip { _ = a.next(); _ = b.next() }
        var buffer = [UInt64](repeating: 0, count: 1000)
        buffer.withUnsafeMutableBufferPointer { a.fill($0) }
        let one = (0..<1000).map { _ in b.next() }
        #expect(buffer == one)
        #expect(a.next() == b.next())
    }

    @Test("a (seed, stream) pair always gives the same numbers")
    func reproducible() throws {
        var first = RandomStream(seed: 2024, stream: [1, 2])
        var again = RandomStream(seed: 2024, stream: [1, 2])
        #expect(try first.random(shape: [100]).scalars == again.random(shape: [100]).scalars)
        // A chunk's stream does not depend on which chunks were generated before.
        var other = RandomStream(seed: 2024, stream: [0, 0])
        _ = try other.random(shape: [5000])
        var late = RandomStream(seed: 2024, stream: [1, 2])
        var early = RandomStream(seed: 2024, stream: [1, 2])
        #expect(try late.normal(shape: [33]).scalars == early.normal(shape: [33]).scalars)
        #expect(RandomStream(seed: 5, stream: [4]).substream(9) == RandomStream(seed: 5, stream: [4, 9]))
    }

    @Test("different seeds and different streams give different numbers")
    func distinct() {
        let words = { (seed: UInt64, stream: [Int]) -> [UInt64] in
            var s = RandomStream(seed: seed, stream: stream)
            return (0..<8).map { _ in s.next() }
        }
        let variants = [words(1, []), words(2, []), words(1, [0]), words(1, [1]), words(1, [0, 1]), words(1, [1, 0])]
        #expect(Set(variants.map { $0.description }).count == variants.count)
    }

    static func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
        let mean = x.reduce(0, +) / Double(x.count)
        return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count))
    }

    @Test("random(): uniform in [0, 1), right mean, variance and histogram", arguments: [UInt64(0), 12345])
    func uniformStatistics(_ seed: UInt64) throws {
        var s = RandomStream(seed: seed, stream: [Int(seed)])
        let x = try s.random(shape: [300_000]).toArray(of: Double.self)
        #expect(x.allSatisfy { $0 >= 0 && $0 < 1 })
        let (mean, variance) = Self.moments(x)
        #expect(abs(mean - 0.5) < 0.003)           // 5 standard errors
        #expect(abs(variance - 1.0 / 12) < 0.0008)
        var bins = [Double](repeating: 0, count: 20)
        for v in x { bins[Int(v * 20)] += 1 }
        let expected = Double(x.count) / 20
        let chiSquare = bins.reduce(0) { $0 + ($1 - expected) * ($1 - expected) / expected }
        #expect(chiSquare < 50)                     // 19 degrees of freedom: p ≈ 1e-4
        // Neighbours are uncorrelated.
        var lag = 0.0
        for i in 1..<x.count { lag += (x[i] - 0.5) * (x[i - 1] - 0.5) }
        #expect(abs(lag / Double(x.count - 1) / (1.0 / 12)) < 0.01)
    }

    @Test("streams of neighbouring chunks are uncorrelated")
    func crossStream() throws {
        var a = RandomStream(seed: 99, stream: [0]), b = RandomStream(seed: 99, stream: [1])
        let x = try a.random(shape: [200_000]).toArray(of: Double.self)
        let y = try b.random(shape: [200_000]).toArray(of: Double.self)
        let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - 0.5) * ($1.1 - 0.5) } / Double(x.count)
        #expect(abs(covariance / (1.0 / 12)) < 0.012)
    }

    @Test("uniform(low, high) scales into [low, high)")
    func uniformRange() throws {
        var s = RandomStream(seed: 3)
        let x = try s.uniform(low: -2, high: 5, shape: [200_000]).toArray(of: Double.self)
        #expect(x.allSatisfy { $0 >= -2 && $0 < 5 })
        let (mean, variance) = Self.moments(x)
        #expect(abs(mean - 1.5) < 0.03)
        #expect(abs(variance - 49.0 / 12) < 0.05)
    }

    @Test("normal(): mean, variance, tails and shape of the standard normal", arguments: [UInt64(4)])
    func normalStatistics(_ seed: UInt64) throws {
        var s = RandomStream(seed: seed)
        let x = try s.normal(shape: [400_001]).toArray(of: Double.self)
        let (mean, variance) = Self.moments(x)
        #expect(abs(mean) < 0.008)                  // 5 standard errors
        #expect(abs(variance - 1) < 0.012)
        let within1 = Double(x.filter { abs($0) < 1 }.count) / Double(x.count)
        let beyond3 = Double(x.filter { abs($0) > 3 }.count) / Double(x.count)
        #expect(abs(within1 - 0.682689) < 0.004)
        #expect(abs(beyond3 - 0.0026998) < 0.0005)
        let kurtosis = x.reduce(0) { $0 + pow4($1 - mean) } / Double(x.count) / (variance * variance)
        #expect(abs(kurtosis - 3) < 0.05)
        // The histogram on 64 bins over [-4, 4] follows the normal CDF: a wrong strip of the
        // ziggurat would bend it locally.
        var bins = [Double](repeating: 0, count: 64)
        for v in x where abs(v) < 4 { bins[Swift.min(63, Int((v + 4) * 8))] += 1 }
        let cdf = { (t: Double) -> Double in 0.5 * (1 + erf(t / 2.0.squareRoot())) }
        var chiSquare = 0.0
        for (b, observed) in bins.enumerated() {
            let expected = Double(x.count) * (cdf(Double(b + 1) / 8 - 4) - cdf(Double(b) / 8 - 4))
            chiSquare += (observed - expected) * (observed - expected) / expected
        }
        #expect(chiSquare < 120)                    // 63 degrees of freedom: p ≈ 1e-5
        var t = RandomStream(seed: seed)
        let scaled = try t.normal(loc: 10, scale: 3, shape: [400_001]).toArray(of: Double.self)
        #expect(zip(scaled, x).allSatisfy { abs($0 - (10 + 3 * $1)) < 1e-9 })
    }

    private func pow4(_ x: Double) -> Double { x * x * x * x }

    @Test("randint(): every value in [low, high), equally often, int64 by default")
    func randintStatistics() throws {
        var s = RandomStream(seed: 11)
        let a = try s.randint(low: 0, high: 100, shape: [3, 100_000])
        #expect(a.dtype == .int64 && a.shape == [3, 100_000])
        let x = try a.toArray(of: Int64.self)
        #expect(x.allSatisfy { $0 >= 0 && $0 < 100 })
        var counts = [Double](repeating: 0, count: 100)
        for v in x { counts[Int(v)] += 1 }
        let expected = Double(x.count) / 100
        let chiSquare = counts.reduce(0) { $0 + ($1 - expected) * ($1 - expected) / expected }
        #expect(chiSquare < 160)                    // 99 degrees of freedom: p ≈ 1e-4
        // A range just above 2^63 rejects almost half the words; the result stays uniform.
        let wide = try s.randint(low: Int64.min, high: Int64.max, shape: [10_000]).toArray(of: Int64.self)
        #expect(abs(Double(wide.filter { $0 < 0 }.count) / 10_000 - 0.5) < 0.03)
    }

    @Test("randint() in small dtypes, and NumPy's errors")
    func randintTypes() throws {
        var s = RandomStream(seed: 12)
        let small = try s.randint(low: -128, high: 128, shape: [5000], dtype: .int8)
        #expect(small.dtype == .int8)
        let values = Set(try small.toArray(of: Int64.self))
        #expect(values.min() == -128 && values.max() == 127)
        let flags = try s.randint(low: 0, high: 2, shape: [1000], dtype: .bool)
        #expect(try flags.dtype == .bool && Set(flags.toArray(of: Int64.self)) == [0, 1])
        #expect(throws: ArrayError.value("low >= high")) { try s.randint(low: 5, high: 5, shape: [1]) }
        #expect(throws: ArrayError.value("high is out of bounds for int8")) {
            try s.randint(low: 0, high: 300, shape: [1], dtype: .int8)
        }
        #expect(throws: ArrayError.value("low is out of bounds for uint8")) {
            try s.randint(low: -1, high: 3, shape: [1], dtype: .uint8)
        }
    }

    @Test("seed() makes the shared generator reproducible")
    func globalSeed() throws {
        let state = RandomState()
        state.seed(42)
        let a = try state.random(shape: [10]).scalars
        let n = try state.randint(low: 0, high: 100, shape: [3, 3]).scalars
        let s1 = state.nextSeed()
        state.seed(42)
        #expect(try state.random(shape: [10]).scalars == a)
        #expect(try state.randint(low: 0, high: 100, shape: [3, 3]).scalars == n)
        #expect(state.nextSeed() == s1)
        var direct = RandomStream(seed: 42)
        #expect(try direct.random(shape: [10]).scalars == a)
    }
}
