import DuskArray
@testable import DuskGraph
import Testing

/// Fused results equal unfused ones: random expressions over random chunkings, computed with
/// the optimizer on and off.
@Suite("Fusion: optimized equals unoptimized")
struct FusionDifferentialTests {
    /// A small deterministic generator (SplitMix64).
    struct Dice {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

        /// Chunk sizes adding up to `length`.
        mutating func split(_ length: Int) -> [Int] {
            var sizes: [Int] = []
            var left = length
            while left > 0 {
                let size = 1 + below(left)
                sizes.append(size)
                left -= size
            }
            return sizes
        }
    }

    static let side = 8

    /// A random expression of depth `depth` over `x` (float64) and `y` (int32), both side×side.
    static func expression(_ dice: inout Dice, depth: Int, x: LazyArray, y: LazyArray) throws -> LazyArray {
        if depth == 0 {
            switch dice.below(5) {
            case 0: return x
            case 1: return y
            case 2: return try LazyArray.ones([side, side], chunks: .perDimension([.explicit(dice.split(side)), .explicit(dice.split(side))]))
            case 3: return try LazyArray.arange(stop: .int64(Int64(side)), chunks: .perDimension([.explicit(dice.split(side))]))
            default: return try LazyArray.random(RandomSpec(distribution: "random", seed: 5), shape: [side, side],
                                                 chunks: .perDimension([.explicit(dice.split(side)), .explicit(dice.split(side))]))
            }
        }
        let a = try expression(&dice, depth: depth - 1, x: x, y: y)
        switch dice.below(10) {
        case 0: return try LazyArray.unary(dice.pick([.sin, .exp, .negative, .absolute, .sqrt, .square, .floor]), a)
        case 1, 2:
            let b = try expression(&dice, depth: depth - 1, x: x, y: y)
            return try LazyArray.binary(dice.pick([.add, .subtract, .multiply, .divide, .maximum, .minimum, .floor_divide]),
                                        .array(a), .array(b))
        case 3: return try LazyArray.binary(dice.pick([.add, .multiply, .greater, .power]), .array(a), dice.pick([.int(2), .float(-0.5)]))
        case 4: return a.ndim == 2 ? a.T : a
        case 5: return a.astype(dice.pick([.float32, .int32, .int64, .bool]))
        case 6:
            let b = try expression(&dice, depth: depth - 1, x: x, y: y)
            return try LazyArray.where(.array(try LazyArray.binary(.greater, .array(a), .int(0))), .array(a), .array(b))
        case 7: return try a.clip(min: .int(-1), max: .float(3.5))
        case 8: return a.ndim == 2 ? try a.getitem([.all, .int(dice.below(side))]) : try a.broadcast(to: [side, side])
        default: return try a.rounded(decimals: dice.pick([0, 1, -1]))
        }
    }

    @Test("random expressions and chunkings", arguments: 0..<80)
    func randomPrograms(seed: Int) throws {
        var dice = Dice(state: UInt64(seed))
        let data = try NDArray((0..<(Self.side * Self.side)).map { Double(($0 * 29) % 23) / 4 - 2.5 }, shape: [Self.side, Self.side])
        let x = try LazyArray.fromArray(data, chunks: .perDimension([.explicit(dice.split(Self.side)), .explicit(dice.split(Self.side))]))
        let y = try LazyArray.fromArray(data.astype(.int32), chunks: .perDimension([.explicit(dice.split(Self.side)),
                                                                                   .explicit(dice.split(Self.side))]))
        var expression: LazyArray
        do {
            expression = try Self.expression(&dice, depth: 1 + dice.below(4), x: x, y: y)
        } catch {
            return  // a dtype rule refused the combination (bool negative...): nothing to compare
        }
        var tolerance = 0.0
        switch dice.below(4) {
        case 0: expression = try expression.sum(axes: dice.pick([nil, [0], [expression.ndim - 1]])); tolerance = 1e-12
        case 1: expression = try expression.reduce(dice.pick([.max, .min, .any, .nanmax]), axes: dice.pick([nil, [0]]))
        case 2: expression = try expression.reduce(dice.pick([.mean, .variance, .std]), axes: dice.pick([nil, [0]])); tolerance = 1e-10
        default: break
        }
        // A sink of its own: the random expressions warn, and the process's sink is other tests'.
        let (unoptimized, optimized) = try Warnings.$current.withValue(Warnings()) {
            (try expression.compute(options: OptimizerOptions(optimize: false), run: runInOrder),
             try expression.compute(options: OptimizerOptions(optimize: true), run: runInOrder))
        }
        #expect(try same(optimized, unoptimized, tolerance: tolerance), "\((try? doubles(optimized)) ?? []) != \((try? doubles(unoptimized)) ?? [])")
    }

    @Test("the lazy-equals-eager programs give the same results with the optimizer off", arguments: LazyFixtures.cases)
    func fixtures(_ program: Program, _ chunking: Chunking) throws {
        let x = try LazyArray.fromArray(LazyFixtures.data, chunks: chunking.spec)
        let lazy = try program.lazy(x)
        let optimized = try computed(lazy)
        let unoptimized = try lazy.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
        #expect(try same(optimized, unoptimized, tolerance: program.tolerance))
    }
}
