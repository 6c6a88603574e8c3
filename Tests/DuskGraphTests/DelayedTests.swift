import DuskArray
@testable import DuskGraph
import DuskScheduler
import DuskSyntax
import Testing

/// Integers travel through delayed tasks as `.object(Int)`.
func integer(_ value: TaskValue) throws -> Int {
    guard case .object(let number as Int) = value else { throw GraphError.value("not an integer") }
    return number
}

/// `delayed(add)(a, b)` where `a`, `b` are delayed or plain integers captured in the token.
func delayedAdd(_ inputs: [DelayedNode], plus constant: Int = 0) -> DelayedNode {
    DelayedNode(displayName: "add", token: "add|\(constant)", dependencies: inputs.map { .delayed($0) }) { values in
        .object(try values.reduce(constant) { $0 + (try integer($1)) })
    }
}

func delayedConstant(_ value: Int) -> DelayedNode {
    DelayedNode(displayName: "value", token: "value|\(value)", dependencies: []) { _ in .object(value) }
}

@Suite("Delayed")
struct DelayedTests {
    @Test("a chain of delayed calls computes")
    func chain() throws {
        let a = delayedConstant(2), b = delayedConstant(3)
        let total = delayedAdd([delayedAdd([a], plus: 10), b])
        let values = try GraphCompute.compute([.delayed(total)], run: runInOrder)
        #expect(try integer(values[0]) == 15)
        #expect(total.description.hasPrefix("Delayed('add-"))
    }

    @Test("identical calls have the same key and run once")
    func merging() throws {
        let first = delayedAdd([delayedConstant(1)], plus: 5)
        let second = delayedAdd([delayedConstant(1)], plus: 5)
        #expect(first.key == second.key)
        let both = delayedAdd([first, second])
        let lowered = try Lowering.lower([.delayed(both)])
        #expect(lowered.graph.count == 3)
        #expect(try integer(runInOrder(lowered.graph)[0]) == 12)
        let impure = DelayedNode(displayName: "now", token: nil, dependencies: []) { _ in .object(0) }
        let again = DelayedNode(displayName: "now", token: nil, dependencies: []) { _ in .object(0) }
        #expect(impure.key != again.key)
    }

    @Test("a delayed call receives a lazy array whole")
    func arrayArgument() throws {
        let x = try LazyArray.arange(stop: .int64(12), chunks: .uniform(5))
        let total = DelayedNode(displayName: "total", token: "total", dependencies: [.array(x.expr)]) { values in
            guard case .array(let array) = values[0] else { throw GraphError.value("not an array") }
            return .object(Int(try array.toArray(of: Int64.self).reduce(0, +)))
        }
        #expect(try integer(GraphCompute.compute([.delayed(total)], run: runInOrder)[0]) == 66)
    }

    @Test("from_delayed makes a one-chunk array that joins lazy arithmetic")
    func fromDelayed() throws {
        let make = DelayedNode(displayName: "make", token: "make", dependencies: []) { _ in .array(try iota([2, 3])) }
        let lazy = try LazyArray.fromDelayed(make, shape: [2, 3], dtype: .float64)
        #expect(lazy.chunks.sizes == [[2], [3]])
        let doubled = try LazyArray.binary(.multiply, .array(lazy), .int(2))
        #expect(try same(try computed(doubled), try .binary(.multiply, .array(iota([2, 3])), .int(2))))
        let wrong = try LazyArray.fromDelayed(make, shape: [3, 2], dtype: .float64)
        #expect(throws: GraphError.self) { try computed(wrong) }
    }

    @Test("a failing task reports its key and the location of its expression")
    func failureLocation() throws {
        let file = SourceFile(name: "tour.dsk", text: "y = boom(x)\n")
        let location = SourceLocation(file: file, line: 1, column: 5)
        let boom = DelayedNode(displayName: "boom", token: "boom", dependencies: [], location: location) { _ in
            throw GraphError.value("boom")
        }
        do {
            _ = try GraphCompute.compute([.delayed(boom)], using: SynchronousScheduler(),
                                         options: ComputeOptions(progress: false))
            Issue.record("expected a failure")
        } catch let failure as TaskFailure {
            #expect(failure.key == TaskKey(boom.key))
            #expect(failure.origin == location)
        }
    }
}

@Suite("map_blocks and blocks")
struct MapBlocksTests {
    @Test("map_blocks applies a function per block with its position")
    func mapBlocks() throws {
        let x = try LazyArray.fromArray(iota([6, 7]), chunks: .perDimension([.size(4), .size(3)]))
        let shifted = try LazyArray.mapBlocks([x], functionName: "shift", token: "shift", dtype: .float64) { values, info in
            guard case .array(let block) = values[0] else { throw GraphError.value("not an array") }
            // Adds the block's row origin to every element.
            return .array(try NDArray.binary(.add, .array(block), .int(Int64(info.origin[0]))))
        }
        #expect(shifted.expr.prefix == "shift")
        let expected = try NDArray.binary(.add, .array(iota([6, 7])), .array(
            try NDArray([0.0, 0, 0, 0, 4, 4], shape: [6, 1])))
        #expect(try same(try computed(shifted), expected))
    }

    @Test("map_blocks unifies the chunks of its arrays")
    func mapBlocksTwoArrays() throws {
        let x = try LazyArray.fromArray(iota([10]), chunks: .uniform(5))
        let y = try LazyArray.fromArray(iota([10]), chunks: .uniform(3))
        let sum = try LazyArray.mapBlocks([x, y], functionName: "plus", token: "plus", dtype: .float64) { values, _ in
            guard case .array(let a) = values[0], case .array(let b) = values[1] else { throw GraphError.value("arrays") }
            return .array(try NDArray.binary(.add, a, b))
        }
        #expect(sum.chunks.sizes == [[3, 2, 1, 3, 1]])
        #expect(try same(try computed(sum), try .binary(.multiply, .array(iota([10])), .int(2))))
    }

    @Test("blocks selects whole blocks")
    func blocks() throws {
        let x = try LazyArray.fromArray(iota([6, 9]), chunks: .uniform(3))
        let selected = try x.blocks([.int(1), .slice(start: nil, stop: nil, step: -2)])
        #expect(selected.chunks.sizes == [[3], [3, 3]])
        let expected = try NDArray.concatenate([
            iota([6, 9]).indexed([.slice(start: 3, stop: 6, step: nil), .slice(start: 6, stop: 9, step: nil)]),
            iota([6, 9]).indexed([.slice(start: 3, stop: 6, step: nil), .slice(start: 0, stop: 3, step: nil)]),
        ], axis: 1)
        #expect(try same(try computed(selected), expected))
    }
}

@Suite("Schedulers")
struct SchedulerIntegrationTests {
    static let schedulers: [(String, any Scheduler)] = [
        ("sync", SynchronousScheduler()), ("threads", ThreadedScheduler(numWorkers: 2)),
    ]

    @Test("programs give the same result on every scheduler", arguments: LazyFixtures.programs.prefix(30))
    func programsOnSchedulers(_ program: Program) throws {
        let x = try LazyArray.fromArray(LazyFixtures.data, chunks: .uniform(2))
        let lazy = try program.lazy(x)
        let expected = try program.eager(LazyFixtures.data)
        for (_, scheduler) in Self.schedulers {
            let result = try lazy.compute(using: scheduler, options: ComputeOptions(progress: false))
            #expect(try same(result, expected, tolerance: program.tolerance))
        }
    }
}
