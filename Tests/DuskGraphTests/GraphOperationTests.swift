import DuskArray
@testable import DuskGraph
import Testing

/// Operations the runtime used to compose by hand, now graph operations the optimizer sees.
@Suite("Graph operations")
struct GraphOperationTests {
    @Test("broadcast_to has Dask's chunks and one view per block")
    func broadcastChunks() throws {
        // Dask 2026.8: broadcast_to(ones(10, chunks=5), (3, 10)) has chunks ((3,), (5, 5)), 2 tasks.
        let x = try LazyArray.ones([10], chunks: .uniform(5))
        let b = try x.broadcast(to: [3, 10])
        #expect(b.chunks.sizes == [[3], [5, 5]])
        #expect(GraphSummary(b).layers.map(\.prefix) == ["ones", "broadcast_to"])
        #expect(GraphSummary(b).taskCount == 4)
        // broadcast_to(ones((4, 1), chunks=2), (2, 4, 6)): ((2,), (2, 2), (6,)).
        let y = try LazyArray.ones([4, 1], chunks: .uniform(2))
        #expect(try y.broadcast(to: [2, 4, 6]).chunks.sizes == [[2], [2, 2], [6]])
        #expect(try same(try computed(y.broadcast(to: [2, 4, 6])), try NDArray.ones([2, 4, 6])))
    }

    @Test("broadcast_to keeps -0.0 (adding zeros did not)")
    func broadcastNegativeZero() throws {
        let z = try LazyArray.fromArray(try NDArray([-0.0, 1.0], shape: [2]), chunks: .uniform(1))
        let values = try computed(z.broadcast(to: [2, 2])).contiguous().toArray(of: Double.self)
        #expect(values.map(\.sign) == [.minus, .plus, .minus, .plus])
    }

    @Test("broadcast_to refuses shapes that do not broadcast")
    func broadcastError() throws {
        let x = try LazyArray.ones([3], chunks: .uniform(2))
        #expect(throws: GraphError.self) { try x.broadcast(to: [4]) }
        #expect(throws: GraphError.self) { try x.broadcast(to: [3, 2]) }
    }

    @Test("squeeze and expand_dims equal NumPy's")
    func squeezeExpand() throws {
        let data = try iota([3, 1, 4])
        let x = try LazyArray.fromArray(data, chunks: .uniform(2))
        #expect(try same(try computed(x.squeezed()), try data.squeezed()))
        #expect(try same(try computed(x.squeezed(axes: [1])), try data.squeezed(axes: [1])))
        #expect(throws: GraphError.self) { try x.squeezed(axes: [0]) }
        #expect(try same(try computed(x.expandingDimensions(at: [0, -1])), try data.expandingDimensions(at: [0, -1])))
    }

    @Test("cumsum and cumprod equal NumPy's", arguments: [nil, 0, 1] as [Int?])
    func scans(axis: Int?) throws {
        let data = try iota([5, 6]).converted(to: .int32)
        let x = try LazyArray.fromArray(data, chunks: .perDimension([.explicit([2, 3]), .explicit([1, 4, 1])]))
        #expect(try same(try computed(x.cumulative(product: false, axis: axis)), try data.cumsum(axis: axis, dtype: nil)))
        let small = try LazyArray.binary(.remainder, .array(x), .int(3))
        let smallData = try NDArray.binary(.remainder, .array(data), .int(3))
        #expect(try same(try computed(small.cumulative(product: true, axis: axis, dtype: .float64)),
                     try smallData.cumprod(axis: axis, dtype: .float64)))
    }

    @Test("round is one layer and equals NumPy's", arguments: [0, 1, 2, -1])
    func round(decimals: Int) throws {
        let data = try NDArray([1.25, 2.5, -3.55, 12345.678, -0.5, 0.15], shape: [6])
        let x = try LazyArray.fromArray(data, chunks: .uniform(4))
        let rounded = try x.rounded(decimals: decimals)
        #expect(GraphSummary(rounded).layers.map(\.prefix) == ["array", "round"])
        #expect(try same(try computed(rounded), try data.rounded(decimals: decimals)))
        let integers = try LazyArray.arange(stop: .int64(5), chunks: .uniform(2))
        #expect(try integers.rounded(decimals: 1).name == integers.name)
    }
}

@Suite("Graph traversal")
struct GraphTraversalTests {
    @Test("each node once, inputs first, in the order lowering makes layers")
    func order() throws {
        let x = try LazyArray.ones([10, 10], chunks: .uniform(5))
        let y = try LazyArray.binary(.add, .array(x), .array(x.T))
        let z = try LazyArray.binary(.multiply, .array(y), .array(x))
        let order = GraphTraversal.topologicalOrder([.array(z)]).map(\.name)
        #expect(order == [x.name, x.T.name, y.name, z.name])
        let lowered = try Lowering.lower(z, options: LoweringOptions(assemble: false))
        var layerOrder: [String] = []
        for task in lowered.graph.tasks where layerOrder.last != task.key.name { layerOrder.append(task.key.name) }
        #expect(layerOrder == order)
    }
}

@Suite("Optimizer")
struct OptimizerTests {
    @Test("optimize_graph=False leaves the graph as written")
    func offIsIdentity() throws {
        let x = try LazyArray.binary(.multiply, .array(.ones([10, 10], chunks: .uniform(5))), .int(2))
        let result = try Optimizer.optimize([.array(x)], options: OptimizerOptions(optimize: false))
        guard case .array(let out) = result.outputs[0] else { Issue.record("not an array"); return }
        #expect(out.name == x.name)
        #expect(result.report.stages.map(\.name) == ["as written"])
    }

    @Test("a plan reports the lowered graph with each task's bytes")
    func planBytes() throws {
        let x = try LazyArray.ones([10, 10], chunks: .uniform(5))
        let corner = try LazyArray.binary(.multiply, .array(x), .int(2)).getitem([.slice(start: nil, stop: 3, step: nil)])
        let report = try GraphCompute.plan([.array(corner)], options: OptimizerOptions(optimize: false))
        let execution = try #require(report.execution)
        #expect(report.stages.first?.size == .init(layers: 3, tasks: 10))
        #expect(report.stages.last?.name == "lowered and culled")
        // ones (2 blocks), mul (2 blocks), getitem (2 views), finalize.
        #expect(execution.taskCount == 7)
        #expect(execution.bytes.allocated == 4 * 200 + 3 * 10 * 8)
        #expect(execution.resultBytes == 240)
        #expect(execution.peakBytes() >= 240)
    }
}
