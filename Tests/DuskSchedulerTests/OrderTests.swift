import DuskGraph
import Testing
@testable import DuskScheduler

@Suite("Priority order")
struct OrderTests {
    @Test("the order is a topological permutation", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func topological(seed: UInt64) throws {
        let graph = try GraphShapes.randomDAG(seed: seed, count: 300)
        let order = graph.executionOrder()
        #expect(order.sorted() == Array(0..<graph.count))
        let rank = graph.priorities()
        for (index, task) in graph.tasks.enumerated() {
            for dependency in task.dependencies { #expect(rank[dependency] < rank[index]) }
        }
    }

    @Test("each chunk's chain runs to its partial before the next chunk starts")
    func chainsFinishFirst() {
        let graph = GraphShapes.chunkedSum(chunks: 8, splitEvery: 4, counter: LiveCounter())
        let names = graph.executionOrder().map { graph.tasks[$0].key }
        #expect(Array(names.prefix(6)) == [
            TaskKey("ones", [0]), TaskKey("transpose", [0]), TaskKey("sum-partial", [0]),
            TaskKey("ones", [1]), TaskKey("transpose", [1]), TaskKey("sum-partial", [1]),
        ])
        // The first combine runs as soon as its four partials exist, before chunk 4.
        let firstCombine = names.firstIndex(of: TaskKey("sum-combine-1", [0]))!
        let fifthChunk = names.firstIndex(of: TaskKey("ones", [4]))!
        #expect(firstCombine < fifthChunk)
    }

    @Test("the most demanding dependency is computed first")
    func largestNeedFirst() {
        // out = combine(leaf, tree) where tree needs 3 values: the tree goes first,
        // so only the tree's result is held while the leaf is made.
        var builder = GraphBuilder()
        let leaf = builder.add("leaf") { _ in .object(1) }
        let a = builder.add("a") { _ in .object(1) }
        let b = builder.add("b") { _ in .object(1) }
        let c = builder.add("c") { _ in .object(1) }
        let tree = builder.add("tree", [], [a, b, c]) { _ in .object(3) }
        let out = builder.add("out", [], [leaf, tree]) { _ in .object(4) }
        let order = builder.graph(outputs: [out]).executionOrder()
        #expect(order == [a, b, c, tree, leaf, out])
    }

    @Test("tasks nothing asked for still get a place after the outputs' tasks")
    func unreachableTasks() {
        var builder = GraphBuilder()
        let stray = builder.add("stray") { _ in .object(0) }
        let source = builder.add("source") { _ in .object(1) }
        let out = builder.add("out", [], [source]) { _ in .object(2) }
        #expect(builder.graph(outputs: [out]).executionOrder() == [source, out, stray])
    }

    @Test("malformed graphs are refused before anything runs")
    func validation() {
        var builder = GraphBuilder()
        builder.add("a") { _ in .object(0) }
        builder.add("b", [], [1]) { _ in .object(0) }
        #expect(throws: InvalidTaskGraph.self) { try ExecutionPlan(builder.graph(outputs: [1])) }
        #expect(throws: InvalidTaskGraph.self) { try SynchronousScheduler().run(builder.graph(outputs: [5])) }
    }
}
