import DuskArray
@testable import DuskGraph
import Testing

@Suite("Names")
struct NamingTests {
    @Test("the same expression gets the same name")
    func deterministic() throws {
        func build() throws -> LazyArray {
            let x = try LazyArray.ones([100, 100], chunks: .uniform(10))
            return try LazyArray.binary(.add, .array(x.T), .int(1)).sum(axes: [0])
        }
        #expect(try build().name == build().name)
        #expect(try build().name.hasPrefix("sum-aggregate-"))
        #expect(try build().name.count == "sum-aggregate-".count + 32)
    }

    @Test("different parameters or inputs give different names")
    func distinct() throws {
        let x = try LazyArray.ones([100], chunks: .uniform(10))
        let y = try LazyArray.ones([100], chunks: .uniform(20))
        let names = try [
            LazyArray.binary(.add, .array(x), .int(1)).name,
            LazyArray.binary(.add, .array(x), .int(2)).name,
            LazyArray.binary(.add, .array(x), .float(1)).name,
            LazyArray.binary(.subtract, .array(x), .int(1)).name,
            LazyArray.binary(.add, .array(y), .int(1)).name,
            x.name, y.name,
            LazyArray.zeros([100], chunks: .uniform(10)).name,
            LazyArray.ones([100], dtype: .int32, chunks: .uniform(10)).name,
            x.sum().name, x.sum(splitEvery: .total(2)).name, x.reduce(.max).name,
            x.getitem([.slice(start: 1, stop: nil, step: nil)]).name,
            x.getitem([.slice(start: 2, stop: nil, step: nil)]).name,
        ]
        #expect(Set(names).count == names.count)
    }

    @Test("identical subexpressions merge into one layer when lowered")
    func merging() throws {
        let a = try LazyArray.binary(.multiply, .array(.ones([40], chunks: .uniform(10))), .int(2))
        let b = try LazyArray.binary(.multiply, .array(.ones([40], chunks: .uniform(10))), .int(2))
        let total = try LazyArray.binary(.add, .array(a), .array(b))
        // ones (4) + multiply (4) + add (4): the second `ones * 2` is the same layer.
        #expect(GraphSummary(total).layers.count == 3)
        #expect(GraphSummary(total).taskCount == 12)
        let lowered = try Lowering.lower(total, options: LoweringOptions(cull: false, assemble: false))
        #expect(lowered.graph.count == 12)
        #expect(try same(try computed(total), try .full([40], .float(4))))
    }

    @Test("shared parts of several outputs are lowered once")
    func sharedOutputs() throws {
        let x = try LazyArray.arange(stop: .int64(20), chunks: .uniform(5))
        let doubled = try LazyArray.binary(.multiply, .array(x), .int(2))
        let lowered = try Lowering.lower([.array(doubled.sum()), .array(doubled.reduce(.max))])
        // arange 4, multiply 4, sum 4 + aggregate 1, chunk_max 4 + aggregate 1, one finalize per output.
        #expect(lowered.graph.count == 4 + 4 + 5 + 5 + 2)
        let values = try runInOrder(lowered.graph)
        guard case .array(let sum) = values[0], case .array(let max) = values[1] else {
            Issue.record("outputs are not arrays")
            return
        }
        #expect(try sum.item() == .int(380, .int64))
        #expect(try max.item() == .int(38, .int64))
    }

    @Test("every node keeps the location of its expression")
    func locations() throws {
        let file = DuskSyntax.SourceFile(name: "tour.dsk", text: "y = x + 1\n")
        let location = DuskSyntax.SourceLocation(file: file, line: 1, column: 5)
        let x = try LazyArray.ones([4], chunks: .uniform(2))
        let y = try LazyArray.binary(.add, .array(x), .int(1), at: location)
        #expect(y.location == location)
        let lowered = try Lowering.lower(y, options: LoweringOptions(cull: true, assemble: false))
        let add = lowered.graph.tasks.filter { $0.key.name == y.name }
        #expect(add.count == 2)
        #expect(add.allSatisfy { $0.origin == location })
    }
}

import DuskSyntax
