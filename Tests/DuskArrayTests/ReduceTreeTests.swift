import DuskArray
import Testing

/// The partials the lazy layer merges in a tree give the direct results.
@Suite("Reduction partials and tree combine")
struct ReduceTreeTests {
    /// Data with an offset (mean/std about 300), where a naive sum-of-squares variance loses
    /// half its digits.
    static let data = try! NDArray(MathTest.noise(1000 * 7, seed: 1, scale: 10, shift: 1e3), shape: [1000, 7])
    /// Data with a large offset (mean/std about 3e5): each chunk's mean is only known to
    /// 1e-10, so merged variances agree to about 1e-11, which bounds any method storing means.
    static let farData = try! NDArray(MathTest.noise(1000 * 7, seed: 1, scale: 10, shift: 1e6), shape: [1000, 7])

    static func relativeError(_ a: NDArray, _ b: NDArray) -> Double {
        zip(a.scalars, b.scalars).map { x, y in
            abs(x.doubleValue - y.doubleValue) / Swift.max(abs(y.doubleValue), 1e-300)
        }.max() ?? 0
    }

    @Test("moments of chunks along axis 0 combine to the direct var", arguments: [[1], [3, 100, 7], [250], [999, 1]])
    func momentsAlongAxis(_ sizes: [Int]) throws {
        let parts = try MathTest.cuts(1000, sizes).map { start, end in
            try MathTest.slice(Self.data, axis: 0, start, end).moments(axes: [0], keepdims: true)
        }
        let merged = try #require(try Moments.combine(parts))
        let (mean, variance) = try merged.finalize(ddof: 1)
        #expect(Self.relativeError(mean, try Self.data.mean(axes: [0], keepdims: true)) < 1e-12)
        let error = Self.relativeError(variance, try Self.data.variance(axes: [0], keepdims: true, ddof: 1))
        #expect(error < 1e-12, "relative error \(error)")
        #expect(variance.shape == [1, 7])
    }

    @Test("moments far from zero still merge to 1e-10")
    func momentsFarFromZero() throws {
        let parts = try MathTest.cuts(1000, [1, 3, 100]).map { start, end in
            try MathTest.slice(Self.farData, axis: 0, start, end).moments(axes: [0])
        }
        let merged = try #require(try Moments.combine(parts))
        #expect(try Self.relativeError(merged.variance(), try Self.farData.variance(axes: [0])) < 1e-10)
    }

    @Test("moments over all axes combine in any order")
    func momentsOverAll() throws {
        let parts = try MathTest.cuts(1000, [13, 400, 1, 77]).map { start, end in
            try MathTest.slice(Self.data, axis: 0, start, end).moments()
        }
        let leftFold = try parts.dropFirst().reduce(parts[0]) { try $0.combine($1) }
        let tree = try #require(try Moments.combine(parts))
        let direct = try Self.data.variance()
        #expect(try Self.relativeError(leftFold.variance(), direct) < 1e-12)
        #expect(try Self.relativeError(tree.variance(), direct) < 1e-12)
        #expect(try Self.relativeError(tree.standardDeviation(), try Self.data.std()) < 1e-12)
        #expect(try tree.variance().shape == [])
    }

    @Test("the direct variance is stable under a large offset")
    func stableVariance() throws {
        // Var of (shift + u) equals var of u; a naive E[x²] - E[x]² would be off by ~1e-4 here.
        let unshifted = try NDArray(MathTest.noise(1000 * 7, seed: 1, scale: 10), shape: [1000, 7])
        let shifted = try Self.farData.variance()
        let reference = try unshifted.variance()
        #expect(Self.relativeError(shifted, reference) < 1e-8)
    }

    @Test("NaN-skipping moments combine to nanvar")
    func nanMoments() throws {
        var values = MathTest.noise(600, seed: 9)
        for i in stride(from: 0, to: 600, by: 7) { values[i] = .nan }
        let x = try NDArray(values, shape: [200, 3])
        let parts = try MathTest.cuts(200, [31, 5, 64]).map { start, end in
            try MathTest.slice(x, axis: 0, start, end).moments(axes: [0], skipNaN: true)
        }
        let merged = try #require(try Moments.combine(parts))
        #expect(try Self.relativeError(merged.variance(), try x.nanvar(axes: [0])) < 1e-12)
        #expect(try Self.relativeError(merged.finalize().mean, try x.nanmean(axes: [0])) < 1e-12)
    }

    @Test("float32 moments finalize to float32")
    func float32Moments() throws {
        let x = try Self.data.astype(.float32)
        let merged = try #require(Moments.combine([try MathTest.slice(x, axis: 0, 0, 500).moments(),
                                                   try MathTest.slice(x, axis: 0, 500, 1000).moments()]))
        #expect(try merged.variance().dtype == .float32)
        #expect(try Self.relativeError(merged.variance(), try x.variance()) < 1e-6)
    }

    @Test("argmin/argmax partials along an axis merge to the first occurrence", arguments: [Reduction.argmin, .argmax])
    func argAlongAxis(_ kind: Reduction) throws {
        // Few distinct values, so ties across chunks are common.
        let values = MathTest.noise(90 * 4, seed: 3).map { ($0 * 6).rounded() }
        let x = try NDArray(values, shape: [90, 4])
        let parts = try MathTest.cuts(90, [7, 30, 2]).map { start, end in
            try MathTest.slice(x, axis: 0, start, end).argPartial(kind, axis: 0, origin: [start, 0])
        }
        let merged = try #require(try ArgPartial.combine(parts.reversed()))
        let direct = kind == .argmin ? try x.argmin(axis: 0) : try x.argmax(axis: 0)
        #expect(merged.indices.scalars == direct.scalars)
    }

    @Test("flat argmax partials of a chunk grid, with NaN, merge to NumPy's index")
    func argFlatGrid() throws {
        var values = MathTest.noise(12 * 10, seed: 5).map { ($0 * 4).rounded() }
        values[57] = .nan
        values[88] = .nan
        let x = try NDArray(values, shape: [12, 10])
        var parts: [ArgPartial] = []
        for (r0, r1) in MathTest.cuts(12, [5, 4]) {
            for (c0, c1) in MathTest.cuts(10, [3, 7]) {
                let chunk = MathTest.slice(MathTest.slice(x, axis: 0, r0, r1), axis: 1, c0, c1)
                parts.append(try chunk.argPartial(.argmax, axis: nil, origin: [r0, c0], globalShape: [12, 10]))
            }
        }
        let merged = try #require(try ArgPartial.combine(parts.shuffled()))
        #expect(merged.indices.scalars == [.int64(57)])
        #expect(try x.argmax().scalars == [.int64(57)])
    }

    @Test("sum, min and max of chunks reduce again to the direct result")
    func selfCombining() throws {
        let x = try NDArray(MathTest.noise(300, seed: 11).map { Int64($0 * 1000) }, shape: [300])
        let chunks = MathTest.cuts(300, [17, 50]).map { MathTest.slice(x, axis: 0, $0.0, $0.1) }
        let sums = try chunks.map { try $0.sum().item().int64Value }
        let mins = try chunks.map { try $0.amin().item().int64Value }
        #expect(sums.reduce(0, +) == (try x.sum().item().int64Value))
        #expect(mins.min()! == (try x.amin().item().int64Value))
    }
}
