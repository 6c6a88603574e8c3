import DuskArray
@testable import DuskGraph
import Testing

@Suite("Culling")
struct CullingTests {
    static func x() throws -> LazyArray { try .ones([10000, 10000], chunks: .uniform(1000)) }

    /// Task counts per layer prefix of a culled, assembled lowering.
    static func counts(_ array: LazyArray) throws -> [String: Int] {
        let lowered = try Lowering.lower(array)
        return lowered.graph.tasks.reduce(into: [:]) { counts, task in
            let name = task.key.name.hasPrefix("finalize-") ? "finalize" : GraphNames.prefix(of: task.key.name)
            counts[name, default: 0] += 1
        }
    }

    @Test("x[:10, 0] reads one block")
    func sliceTouchesOneBlock() throws {
        let sliced = try Self.x().getitem([.slice(start: nil, stop: 10, step: nil), .int(0)])
        #expect(try Self.counts(sliced) == ["ones": 1, "getitem": 1, "finalize": 1])
        let lowered = try Lowering.lower(sliced)
        #expect(lowered.graph.tasks[0].key == TaskKey(try Self.x().name, [0, 0]))
        #expect(try same(try computed(sliced), .ones([10])))
    }

    @Test("slicing a result after elementwise work culls every layer")
    func tutorialSlice() throws {
        let x = try Self.x()
        let column = try x.getitem([.all, .int(0)])
        let product = try LazyArray.binary(.multiply, .array(.unary(.sin, column)), .array(x.T))
        let corner = try product.getitem([.slice(start: nil, stop: 5, step: nil), .slice(start: nil, stop: 5, step: nil)])
        #expect(try Self.counts(corner) == ["ones": 1, "getitem": 2, "sin": 1, "transpose": 1, "multiply": 1, "finalize": 1])
        let expected = try NDArray.full([5, 5], .float(sin(1.0)))
        #expect(try same(try computed(corner), expected))
    }

    @Test("a reduction of a slice reads only the sliced blocks")
    func reductionOfSlice() throws {
        let part = try Self.x().getitem([.slice(start: 3000, stop: 4500, step: nil), .slice(start: 9500, stop: nil, step: nil)])
        let total = try part.sum()
        let counts = try Self.counts(total)
        #expect(counts["ones"] == 2)
        #expect(counts["getitem"] == 2)
        #expect(try computed(total).item() == .float(1500 * 500, .float64))
    }

    @Test("an element far into an array reads its block only")
    func singleElement() throws {
        let element = try LazyArray.binary(.multiply, .array(Self.x()), .int(10)).getitem([.int(9999), .int(5432)])
        #expect(try Self.counts(element) == ["ones": 1, "multiply": 1, "getitem": 1, "finalize": 1])
        #expect(try computed(element).item() == .float(10, .float64))
    }

    @Test("a rechunk feeding a slice keeps only the pieces it needs")
    func rechunkCulled() throws {
        let y = try LazyArray.arange(stop: .int64(100), chunks: .uniform(10)).rechunk(.uniform(25))
        let head = try y.getitem([.slice(start: nil, stop: 20, step: nil)])
        let counts = try Self.counts(head)
        #expect(counts["arange"] == 3)
        #expect(counts["rechunk-merge"] == 1)
        #expect(counts["rechunk-split"] == 1)
        #expect(try computed(head).toArray(of: Int64.self) == Array(0..<20))
    }

    @Test("without culling every task of every layer is made")
    func unculled() throws {
        let sliced = try Self.x().getitem([.slice(start: nil, stop: 10, step: nil), .int(0)])
        let lowered = try Lowering.lower(sliced, options: LoweringOptions(cull: false, assemble: true))
        #expect(lowered.graph.count == 100 + 1 + 1)
    }
}

import Foundation
