import DuskArray
@testable import DuskGraph
import Testing

/// Slice pushdown: an index moves toward the sources, and what is computed is what is selected.
@Suite("Slice pushdown")
struct PushdownTests {
    /// Elements of every layer of the optimized graph: what computing it makes, block by block.
    static func elements(_ report: OptimizationReport) -> Int {
        GraphTraversal.arrayNodes(report.optimized).reduce(0) { $0 + $1.shape.reduce(1, *) }
    }

    static func unoptimized(_ array: LazyArray) throws -> NDArray {
        try array.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
    }

    @Test("(x * 10)[0, 0] computes one element")
    func scaledElement() throws {
        let x = try LazyArray.ones([10000, 10000], chunks: .uniform(1000))
        let element = try LazyArray.binary(.multiply, .array(x), .int(10), name: "mul").getitem([.int(0), .int(0)])
        let report = try Optimized.report(element)
        #expect(Self.elements(report) == 1)
        #expect(report.execution?.taskCount == 2)  // the kernel, and the task joining the output
        #expect(report.rewrites.map(\.text).prefix(2) == ["pushed [0, 0] below mul", "ones[0, 0] is created alone: 1 of 100000000 elements"])
        #expect(try same(try computed(element), NDArray(scalar: .float64(10))))
    }

    @Test("a slice of an array in memory is a view of the part selected")
    func fromArrayView() throws {
        let data = try NDArray((0..<120).map(Double.init), shape: [10, 12])
        let x = try LazyArray.fromArray(data, chunks: .uniform(4))
        let part = try LazyArray.unary(.sqrt, LazyArray.binary(.add, .array(x), .int(1))).getitem([.slice(start: 2, stop: 9, step: 3), .int(5)])
        let report = try Optimized.report(part)
        let sources: [NDArray] = GraphTraversal.arrayNodes(report.optimized).compactMap { if case .fromArray(let a) = $0.op { a } else { nil } }
        #expect(sources.map(\.shape) == [[3]])
        #expect(sources.first?.storage === data.storage)  // a view: nothing copied
        #expect(try same(try computed(part), try Self.unoptimized(part)))
    }

    @Test("a source reads only the ranges selected, split at its stored chunks")
    func sourceRanges() throws {
        let source = RecordingSource(try NDArray(Array(0..<80).map { Int32($0) }, shape: [10, 8]))
        let x = try LazyArray.fromSource(source)  // stored chunks (4, 3)
        let part = try LazyArray.binary(.multiply, .array(x), .int(2)).getitem([.slice(start: 2, stop: 7, step: nil), .int(3)])
        let expected = try Self.unoptimized(part)
        source.reads.withLock { $0 = [] }
        #expect(try same(try computed(part), expected))
        #expect(source.reads.withLock { $0.sorted { $0[0].lowerBound < $1[0].lowerBound } } == [[2..<4, 3..<4], [4..<7, 3..<4]])
        // A slice with a step stops at the source (it reads ranges), and culling reads the blocks touched.
        let stepped = try x.getitem([.slice(start: 1, stop: 9, step: 4), .int(0)])
        let steppedExpected = try Self.unoptimized(stepped)
        source.reads.withLock { $0 = [] }
        #expect(try same(try computed(stepped), steppedExpected))
        #expect(source.reads.withLock { $0.count } == 2)
    }

    @Test("windows of random numbers are the same numbers, composed through several indexes")
    func randomWindows() throws {
        for spec in [RandomSpec(distribution: "random", seed: 4), RandomSpec(distribution: "integers", parameters: [0, 1000], seed: 9),
                     RandomSpec(distribution: "uniform", parameters: [-1, 1], seed: 2)] {
            let dtype: DType = spec.distribution == "integers" ? .int64 : .float64
            let r = try LazyArray.random(spec, shape: [20, 30], dtype: dtype, chunks: .uniform(7))
            let once = try r.getitem([.slice(start: 3, stop: 17, step: 2), .slice(start: nil, stop: nil, step: -3)])
            let twice = try LazyArray.unary(.negative, once).getitem([.slice(start: 1, stop: nil, step: 2), .int(4)])
            let transposed = try r.T.getitem([.int(29), .slice(start: 18, stop: 2, step: -5)])
            for array in [once, twice, transposed] {
                #expect(try same(try computed(array), try Self.unoptimized(array)), "\(spec.distribution)")
            }
            #expect(Optimized.kinds(try Optimized.report(twice)).allSatisfy { $0 != "getitem" })
        }
    }

    @Test("the index stops at reductions, integer-array indexes and normal random numbers")
    func stops() throws {
        let x = try LazyArray.random(RandomSpec(distribution: "random", seed: 5), shape: [12, 12], chunks: .uniform(5))
        let reduced = try x.sum(axes: [0]).getitem([.int(2)])
        let taken = try LazyArray.binary(.add, .array(x), .int(1)).getitem([.array(try NDArray([Int64(3), 1], shape: [2]))])
        let normals = try LazyArray.random(RandomSpec(distribution: "standard_normal", seed: 1), shape: [12, 12], chunks: .uniform(5))
        let normal = try LazyArray.binary(.multiply, .array(normals), .int(2), name: "mul").getitem([.int(7), .int(7)])
        for array in [reduced, taken, normal] {
            #expect(try same(try computed(array), try Self.unoptimized(array)))
        }
        for array in [reduced, taken] {
            #expect(Optimized.kinds(try Optimized.report(array)).contains("getitem"))
        }
        // Normals: the index moved below the multiplication and stopped at the numbers, where
        // it became part of the kernel (which reads one element of the normals' block).
        let report = try Optimized.report(normal)
        #expect(report.rewrites.first { $0.kind == .pushdown }?.text == "pushed [7, 7] below mul")
        #expect(Optimized.kinds(report) == ["creation", "fused"])
        #expect(GraphTraversal.arrayNodes(report.optimized).map(\.shape) == [[12, 12], []])
    }

    @Test("new axes stay above the pushed index; broadcast_to and where pass it on")
    func newAxesAndBroadcasts() throws {
        let data = try NDArray((0..<24).map { Double($0) - 11.5 }, shape: [4, 6])
        let x = try LazyArray.fromArray(data, chunks: .uniform(3))
        let row = try LazyArray.arange(stop: .int64(6), chunks: .uniform(4))
        let wide = try x.broadcast(to: [5, 4, 6])
        let chosen = try LazyArray.where(.array(LazyArray.binary(.greater, .array(wide), .int(0))), .array(wide), .array(row))
        let cases: [[Index]] = [
            [.int(2), .newAxis, .slice(start: 1, stop: 3, step: nil), .slice(start: nil, stop: nil, step: -2)],
            [.slice(start: nil, stop: nil, step: 2), .int(-1), .newAxis, .int(5)],
            [.newAxis, .all, .all, .all],
        ]
        for items in cases {
            let array = try chosen.getitem(items)
            #expect(try same(try computed(array), try Self.unoptimized(array)))
        }
        // Every layer holds the six elements selected, or fewer.
        let report = try Optimized.report(try chosen.getitem(cases[0]))
        #expect(GraphTraversal.arrayNodes(report.optimized).allSatisfy { $0.shape.reduce(1, *) <= 6 })
    }
}

/// Random expressions under random basic indexes, over random chunkings: pushed equals not pushed.
@Suite("Slice pushdown: optimized equals unoptimized")
struct PushdownDifferentialTests {
    /// A random basic index of an array of `shape`: integers, slices with steps (negative too), new axes.
    static func index(_ dice: inout FusionDifferentialTests.Dice, shape: [Int]) -> [Index] {
        var items: [Index] = []
        for length in shape {
            if dice.below(6) == 0 { items.append(.newAxis) }
            switch length == 0 ? 1 : dice.below(4) {
            case 0: items.append(.int(dice.below(2 * length) - length))
            case 1: items.append(.all)
            default:
                let step = dice.pick([1, 1, 2, 3, -1, -2])
                let start = dice.below(3) == 0 ? nil : dice.below(length + 1)
                let stop = dice.below(3) == 0 ? nil : dice.below(2 * length + 1) - length
                items.append(.slice(start: start, stop: stop, step: step))
            }
        }
        return items
    }

    @Test("random expressions, indexes and chunkings", arguments: 0..<200)
    func randomIndexes(seed: Int) throws {
        var dice = FusionDifferentialTests.Dice(state: UInt64(seed) &+ 1000)
        let side = FusionDifferentialTests.side
        let data = try NDArray((0..<(side * side)).map { Double(($0 * 29) % 23) / 4 - 2.5 }, shape: [side, side])
        let chunks = { (dice: inout FusionDifferentialTests.Dice) in
            ChunkSpec.perDimension([.explicit(dice.split(side)), .explicit(dice.split(side))])
        }
        let x = dice.below(3) == 0 ? try LazyArray.fromSource(RecordingSource(data)) : try LazyArray.fromArray(data, chunks: chunks(&dice))
        let y = try LazyArray.fromArray(data.astype(.int32), chunks: chunks(&dice))
        var expression: LazyArray
        do {
            expression = try FusionDifferentialTests.expression(&dice, depth: 1 + dice.below(4), x: x, y: y)
            expression = try expression.getitem(Self.index(&dice, shape: expression.shape))
            if dice.below(2) == 0 {
                expression = try LazyArray.unary(.absolute, expression).getitem(Self.index(&dice, shape: expression.shape))
            }
        } catch {
            return  // a dtype rule refused the combination, or an index out of range: nothing to compare
        }
        // A sink of its own: the random expressions warn, and the process's sink is other tests'.
        let (unoptimized, optimized) = try Warnings.$current.withValue(Warnings()) {
            (try expression.compute(options: OptimizerOptions(optimize: false), run: runInOrder),
             try expression.compute(options: OptimizerOptions(optimize: true), run: runInOrder))
        }
        #expect(try same(optimized, unoptimized), "\((try? doubles(optimized)) ?? []) != \((try? doubles(unoptimized)) ?? [])")
    }
}
