import DuskGraph
import Testing
import DuskScheduler

/// Every scheduler computes the same values for the same graph.
@Suite("Schedulers agree")
struct SchedulerAgreementTests {
    static let schedulers: [(String, any Scheduler)] = [
        ("threads-2", ThreadedScheduler(numWorkers: 2)),
        ("threads-4", ThreadedScheduler(numWorkers: 4)),
        ("threads-default", ThreadedScheduler()),
    ]

    @Test("random DAGs give identical outputs", arguments: [11, 12, 13, 14, 15, 16, 17, 18] as [UInt64])
    func randomDAGs(seed: UInt64) throws {
        let graph = try GraphShapes.randomDAG(seed: seed, count: 400, arrays: seed % 2 == 0)
        let expected = try SynchronousScheduler().run(graph, options: ComputeOptions(progress: false))
            .map(GraphShapes.scalar)
        for (name, scheduler) in Self.schedulers {
            let values = try scheduler.run(graph, options: ComputeOptions(progress: false)).map(GraphShapes.scalar)
            #expect(values == expected, "\(name), seed \(seed)")
        }
    }

    @Test("the same task asked for twice and inputs listed twice")
    func duplicates() throws {
        var builder = GraphBuilder()
        let a = builder.add("a") { _ in .object(3) }
        let b = builder.add("b", [], [a, a]) { inputs in .object(inputs[0].number * inputs[1].number) }
        let graph = builder.graph(outputs: [b, a, b])
        for scheduler in [SynchronousScheduler(), ThreadedScheduler(numWorkers: 3)] as [any Scheduler] {
            #expect(try scheduler.run(graph, options: ComputeOptions(progress: false)).map(\.number) == [9, 3, 9])
        }
    }

    @Test("an empty graph gives no values")
    func empty() throws {
        let graph = TaskGraph(tasks: [], outputs: [])
        #expect(try ThreadedScheduler(numWorkers: 2).run(graph).isEmpty)
        #expect(try SynchronousScheduler().run(graph).isEmpty)
        #expect(try ProcessScheduler(numWorkers: 2).run(graph).isEmpty)
    }
}
