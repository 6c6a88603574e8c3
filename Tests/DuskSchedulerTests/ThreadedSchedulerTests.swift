import DuskGraph
import DuskSyntax
import Foundation
import Testing
import DuskScheduler

@Suite("Threaded scheduler", .serialized)
struct ThreadedSchedulerTests {
    @Test("eight tasks sleeping 200 ms finish together on eight workers")
    func parallelism() throws {
        var builder = GraphBuilder()
        let sleepers = (0..<8).map { index in
            builder.add("sleep", [index]) { _ in
                usleep(200_000)
                return .object(index)
            }
        }
        let total = builder.add("sum", [], sleepers) { inputs in .object(inputs.reduce(0) { $0 + $1.number }) }
        let start = now()
        let result = try ThreadedScheduler(numWorkers: 8).run(builder.graph(outputs: [total]))
        let elapsed = now() - start
        #expect(result.map(\.number) == [28])
        #expect(elapsed >= 0.2 && elapsed < 0.45, "took \(elapsed) s")
    }

    @Test("the pool is reused: many small computes in a row")
    func reuse() throws {
        let scheduler = ThreadedScheduler(numWorkers: 4)
        for round in 0..<200 {
            var builder = GraphBuilder()
            let leaves = (0..<6).map { index in builder.add("leaf", [index]) { _ in .object(index + round) } }
            let total = builder.add("sum", [], leaves) { inputs in .object(inputs.reduce(0) { $0 + $1.number }) }
            #expect(try scheduler.run(builder.graph(outputs: [total])).map(\.number) == [15 + 6 * round])
        }
    }

    @Test("a compute inside a task (nested) completes")
    func nested() throws {
        let scheduler = ThreadedScheduler(numWorkers: 2)
        var builder = GraphBuilder()
        let outers = (0..<4).map { index in
            builder.add("outer", [index]) { _ in
                var inner = GraphBuilder()
                let a = inner.add("a") { _ in .object(index) }
                let b = inner.add("b", [], [a]) { inputs in .object(inputs[0].number * 10) }
                return try scheduler.run(inner.graph(outputs: [b]))[0]
            }
        }
        let values = try scheduler.run(builder.graph(outputs: outers)).map(\.number)
        #expect(values == [0, 10, 20, 30])
    }

    @Test("a failing task stops the compute and names the task", arguments: [1, 2, 4])
    func failure(workers: Int) throws {
        let activity = ActivityCounter()
        var builder = GraphBuilder()
        let origin = SourceLocation(file: SourceFile(name: "tour.dsk", text: "x = inc(0)\n"), line: 3, column: 12)
        var outputs: [Int] = []
        for index in 0..<400 {
            if index == 10 {
                builder.tasks.append(Task(key: TaskKey("inc-1f0e", [index]), dependencies: [], origin: origin) { _ in
                    throw Boom(message: "division by zero")
                })
                outputs.append(builder.tasks.count - 1)
                continue
            }
            outputs.append(builder.add("work", [index]) { _ in
                activity.enter()
                defer { activity.leave() }
                usleep(2_000)
                return .object(index)
            })
        }
        let scheduler: any Scheduler = workers == 1 ? SynchronousScheduler() : ThreadedScheduler(numWorkers: workers)
        do {
            _ = try scheduler.run(builder.graph(outputs: outputs), options: ComputeOptions(progress: false))
            Issue.record("the compute should have failed")
        } catch let failure as TaskFailure {
            #expect(failure.key == TaskKey("inc-1f0e", [10]))
            #expect(failure.origin == origin)
            #expect("\(failure.underlying)" == "division by zero")
            #expect("\(failure)" == "task ('inc-1f0e', 10) failed: division by zero")
        }
        #expect(activity.runningCount == 0)
        #expect(activity.startedCount < 100, "queued tasks were not cancelled: \(activity.startedCount) ran")
    }

    @Test("only the first failure is reported")
    func firstFailureWins() throws {
        var builder = GraphBuilder()
        let first = builder.add("first") { _ in throw Boom(message: "first") }
        let slow = builder.add("slow") { _ in
            usleep(50_000)
            throw Boom(message: "second")
        }
        let failure = #expect(throws: TaskFailure.self) {
            try ThreadedScheduler(numWorkers: 2).run(builder.graph(outputs: [first, slow]))
        }
        #expect(failure?.key == TaskKey("first"))
    }

    @Test("cancellation returns within 100 ms with nothing running", arguments: [1, 2, 4])
    func cancellation(workers: Int) throws {
        let activity = ActivityCounter()
        let flag = CancellationFlag()
        var builder = GraphBuilder()
        let chunks = (0..<2000).map { index in
            builder.add("chunk", [index]) { _ in
                activity.enter()
                defer { activity.leave() }
                usleep(5_000)
                return .object(index)
            }
        }
        let graph = builder.graph(outputs: chunks)
        let requested = TimeStamp()
        let canceller = Thread {
            usleep(150_000)
            requested.record()
            flag.request()
        }
        canceller.start()
        let scheduler: any Scheduler = workers == 1 ? SynchronousScheduler() : ThreadedScheduler(numWorkers: workers)
        let error = #expect(throws: ComputeCancelled.self) {
            try scheduler.run(graph, options: ComputeOptions(progress: false, cancellation: flag))
        }
        let latency = now() - requested.seconds
        #expect(latency < 0.1, "returned \(latency) s after the request")
        #expect(activity.runningCount == 0)
        #expect(activity.startedCount < 1000)
        #expect((error?.completedTasks ?? 0) > 0)
    }

    @Test("a flag set before the compute starts runs nothing")
    func cancelledBeforeStart() throws {
        let flag = CancellationFlag()
        let activity = ActivityCounter()
        var builder = GraphBuilder()
        let slow = builder.add("slow") { _ in
            activity.enter()
            defer { activity.leave() }
            usleep(60_000)
            return .object(1)
        }
        let after = builder.add("after", [], [slow]) { _ in
            activity.enter()
            defer { activity.leave() }
            return .object(2)
        }
        flag.request()
        #expect(throws: ComputeCancelled.self) {
            try ThreadedScheduler(numWorkers: 2).run(builder.graph(outputs: [after]),
                                                     options: ComputeOptions(progress: false, cancellation: flag))
        }
        #expect(activity.startedCount == 0)
    }

    @Test("computes observe the process-wide interrupt flag by default")
    func interruptionIsTheDefault() {
        #expect(ComputeOptions().cancellation === Interruption.flag)
    }
}
