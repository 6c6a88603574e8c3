import DuskGraph
import Foundation
import Testing
import DuskScheduler

/// Scheduler overhead per task on trivial tasks. Runs only with `DUSK_BENCH=1`, meant
/// for a release build:
/// `DUSK_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter OverheadBenchmark`.
@Suite("Overhead benchmark", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["DUSK_BENCH"] == "1"))
struct OverheadBenchmark {
    static func independent(_ count: Int) -> TaskGraph {
        var builder = GraphBuilder()
        let tasks = (0..<count).map { index in builder.add("leaf", [index]) { _ in .object(index) } }
        return builder.graph(outputs: tasks)
    }

    static func chain(_ count: Int) -> TaskGraph {
        var builder = GraphBuilder()
        var last = builder.add("link", [0]) { _ in .object(0) }
        for index in 1..<count {
            last = builder.add("link", [index], [last]) { inputs in .object(inputs[0].number + 1) }
        }
        return builder.graph(outputs: [last])
    }

    /// Best of `repeats` runs, in microseconds per task.
    static func microsecondsPerTask(_ scheduler: any Scheduler, _ graph: TaskGraph, repeats: Int = 5) throws -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = now()
            _ = try scheduler.run(graph, options: ComputeOptions(progress: false))
            best = Swift.min(best, now() - start)
        }
        return best / Double(graph.count) * 1e6
    }

    @Test("microseconds per task")
    func overhead() throws {
        let wide = Self.independent(100_000)
        let long = Self.chain(10_000)
        let start = now()
        _ = wide.executionOrder()
        let orderCost = (now() - start) / Double(wide.count) * 1e6
        print("order (priorities) alone: \(String(format: "%.2f", orderCost)) µs/task on 10^5 independent tasks")
        let schedulers: [(String, any Scheduler)] = [
            ("sync", SynchronousScheduler()),
            ("threads-1+1", ThreadedScheduler(numWorkers: 2)),
            ("threads-default(\(ThreadedScheduler().numWorkers))", ThreadedScheduler()),
            ("threads-4", ThreadedScheduler(numWorkers: 4)),
        ]
        for (name, scheduler) in schedulers {
            let wideCost = try Self.microsecondsPerTask(scheduler, wide)
            let longCost = try Self.microsecondsPerTask(scheduler, long)
            print("\(name): \(String(format: "%.2f", wideCost)) µs/task on 10^5 independent, "
                + "\(String(format: "%.2f", longCost)) µs/task on a chain of 10^4")
            #expect(wideCost < 50 && longCost < 50)
        }
        let processes = try Self.microsecondsPerTask(ProcessScheduler(numWorkers: 2), Self.independent(10_000), repeats: 2)
        let processChain = try Self.microsecondsPerTask(ProcessScheduler(numWorkers: 2), Self.chain(2_000), repeats: 2)
        print("processes-2: \(String(format: "%.2f", processes)) µs/task on 10^4 independent, "
            + "\(String(format: "%.2f", processChain)) µs/task on a chain of 2000")
        #expect(processes < 1000)
    }
}
