import DuskGraph
import Testing
import DuskScheduler

/// `ones([10000]*3, chunks=[2000]*3).T.sum()` has 125 chunks: a scheduler that holds a
/// layer at a time keeps 125 chunks alive; ours must keep a handful.
@Suite("Peak live values")
struct PeakLiveValuesTests {
    static let chunks = 125
    static let splitEvery = 8

    @Test("running in index order holds a whole layer (the baseline)")
    func layerByLayerBaseline() throws {
        let counter = LiveCounter()
        let graph = GraphShapes.chunkedSum(chunks: Self.chunks, splitEvery: Self.splitEvery, counter: counter)
        // Index order with values dropped after their last use, simulated here.
        var remainingUses = [Int](repeating: 0, count: graph.count)
        for task in graph.tasks { for dependency in task.dependencies { remainingUses[dependency] += 1 } }
        var values = [TaskValue?](repeating: nil, count: graph.count)
        for (index, task) in graph.tasks.enumerated() {
            values[index] = try task.function(task.dependencies.map { values[$0]! })
            for dependency in task.dependencies {
                remainingUses[dependency] -= 1
                if remainingUses[dependency] == 0 { values[dependency] = nil }
            }
        }
        #expect(counter.peak >= Self.chunks)
    }

    @Test("the synchronous scheduler keeps few chunks alive")
    func synchronous() throws {
        let counter = LiveCounter()
        let graph = GraphShapes.chunkedSum(chunks: Self.chunks, splitEvery: Self.splitEvery, counter: counter)
        let result = try SynchronousScheduler().run(graph, options: ComputeOptions(progress: false))
        #expect(result.map(\.number) == [Self.chunks])
        // The tree has depth 3: at most 7 waiting partials per level, plus a chain's two.
        #expect(counter.peak <= 3 * (Self.splitEvery - 1) + 3)
        #expect(counter.current == 1)
    }

    @Test("the threaded scheduler keeps few chunks alive", arguments: [2, 4, 8])
    func threaded(workers: Int) throws {
        let counter = LiveCounter()
        let graph = GraphShapes.chunkedSum(chunks: Self.chunks, splitEvery: Self.splitEvery, counter: counter)
        let result = try ThreadedScheduler(numWorkers: workers).run(graph, options: ComputeOptions(progress: false))
        #expect(result.map(\.number) == [Self.chunks])
        // Each worker may be a chain ahead of the order: a few values per worker more.
        #expect(counter.peak <= 3 * (Self.splitEvery - 1) + 3 + 3 * workers)
        #expect(counter.current == 1)
    }
}
