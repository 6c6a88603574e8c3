import DuskArray
import DuskGraph
import Foundation
import Testing
@testable import DuskScheduler

/// Gives each test its own list of the workers it forks, so it checks only those.
struct RecordsSpawnedWorkers: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        try await ProcessWorker.$spawnRecord.withValue(SpawnRecord()) { try await function() }
    }
}

@Suite("Process scheduler", .serialized, RecordsSpawnedWorkers())
struct ProcessSchedulerTests {
    /// This test forked workers, and every one of them has been reaped.
    func workersReaped() -> Bool {
        guard let pids = ProcessWorker.spawnRecord?.pids.withLock({ $0 }), !pids.isEmpty else { return false }
        return pids.allSatisfy { pid in kill(pid, 0) == -1 && errno == ESRCH }
    }

    @Test("arrays of every dtype made in a worker come back intact")
    func everyDtype() throws {
        var builder = GraphBuilder()
        var outputs: [Int] = []
        for (number, dtype) in DType.allCases.enumerated() {
            let made = builder.add("make-\(dtype)", [number]) { _ in
                .array(try ArrayFixtures.patterned(dtype, shape: [3, 5], seed: UInt8(number)))
            }
            // A view made in the worker travels too, and inputs go back in.
            let transposed = builder.add("transpose-\(dtype)", [number], [made]) { inputs in
                guard case .array(let array) = inputs[0] else { throw Boom(message: "not an array") }
                return .array(NDArray(dtype: array.dtype, shape: [5, 3], strides: [1, 5], offset: array.offset,
                                      storage: array.storage))
            }
            outputs += [made, transposed]
        }
        let values = try ProcessScheduler(numWorkers: 3).run(builder.graph(outputs: outputs))
        for (number, dtype) in DType.allCases.enumerated() {
            let original = try ArrayFixtures.patterned(dtype, shape: [3, 5], seed: UInt8(number))
            let expectedTranspose = NDArray(dtype: dtype, shape: [5, 3], strides: [1, 5], offset: 0,
                                            storage: original.storage)
            guard case .array(let made) = values[2 * number], case .array(let transposed) = values[2 * number + 1] else {
                Issue.record("expected arrays for \(dtype)")
                continue
            }
            #expect(made.dtype == dtype && made.shape == [3, 5])
            #expect(ArrayFixtures.bytesInOrder(made) == ArrayFixtures.bytesInOrder(original))
            #expect(transposed.shape == [5, 3])
            #expect(ArrayFixtures.bytesInOrder(transposed) == ArrayFixtures.bytesInOrder(expectedTranspose))
        }
        #expect(workersReaped())
    }

    @Test("random DAGs give the synchronous results", arguments: [21, 22, 23] as [UInt64])
    func agreement(seed: UInt64) throws {
        let graph = try GraphShapes.randomDAG(seed: seed, count: 150, arrays: true)
        let expected = try SynchronousScheduler().run(graph).map(GraphShapes.scalar)
        let values = try ProcessScheduler(numWorkers: 2).run(graph).map(GraphShapes.scalar)
        #expect(values == expected)
        #expect(workersReaped())
    }

    @Test("tasks run in other processes, in parallel")
    func isolationAndParallelism() throws {
        var builder = GraphBuilder()
        let pids = (0..<4).map { index in
            builder.add("pid", [index]) { _ in
                usleep(200_000)
                return .object(Int(getpid()))
            }
        }
        let start = now()
        let values = try ProcessScheduler(numWorkers: 4).run(builder.graph(outputs: pids)).map(\.number)
        let elapsed = now() - start
        #expect(!values.contains(Int(getpid())))
        #expect(Set(values).count == 4)
        #expect(elapsed < 0.6, "took \(elapsed) s")
        #expect(workersReaped())
    }

    @Test("an error in a worker becomes a TaskFailure with the task's key")
    func taskError() throws {
        var builder = GraphBuilder()
        let ok = builder.add("ok") { _ in .object(1) }
        let bad = builder.add("parse-9a1c", [0, 2], [ok]) { _ in throw Boom(message: "could not convert 'x' to float") }
        let failure = #expect(throws: TaskFailure.self) {
            try ProcessScheduler(numWorkers: 2).run(builder.graph(outputs: [bad]))
        }
        #expect(failure?.key == TaskKey("parse-9a1c", [0, 2]))
        #expect("\(failure?.underlying ?? Boom(message: ""))" == "could not convert 'x' to float")
        #expect((failure?.underlying as? RemoteTaskError)?.typeName == "DuskSchedulerTests.Boom")
        #expect(workersReaped())
    }

    @Test("a worker that dies is reported, and the others are stopped")
    func workerDies() throws {
        var builder = GraphBuilder()
        let crash = builder.add("crash") { _ in _exit(7) }
        let slow = (0..<3).map { index in
            builder.add("slow", [index]) { _ in
                sleep(30)
                return .object(index)
            }
        }
        let start = now()
        let failure = #expect(throws: TaskFailure.self) {
            try ProcessScheduler(numWorkers: 4).run(builder.graph(outputs: [crash] + slow))
        }
        #expect(now() - start < 5)
        #expect(failure?.key == TaskKey("crash"))
        #expect("\(failure?.underlying ?? Boom(message: ""))".hasSuffix("exited with status 7"))
        #expect(workersReaped())
    }

    @Test("a result that cannot cross processes fails clearly")
    func notTransferable() throws {
        var builder = GraphBuilder()
        let opaque = builder.add("opaque") { _ in .object(Opaque()) }
        let failure = #expect(throws: TaskFailure.self) {
            try ProcessScheduler(numWorkers: 1).run(builder.graph(outputs: [opaque]))
        }
        #expect("\(failure?.underlying ?? Boom(message: ""))"
            == "a value of type DuskSchedulerTests.Opaque cannot be sent to another process; use scheduler='threads' or 'sync'")
        #expect(workersReaped())
    }

    @Test("cancellation kills the workers promptly")
    func cancellation() throws {
        let flag = CancellationFlag()
        var builder = GraphBuilder()
        let slow = (0..<4).map { index in
            builder.add("slow", [index]) { _ in
                sleep(30)
                return .object(index)
            }
        }
        let canceller = Thread {
            usleep(200_000)
            flag.request()
        }
        canceller.start()
        let start = now()
        #expect(throws: ComputeCancelled.self) {
            try ProcessScheduler(numWorkers: 2).run(builder.graph(outputs: slow),
                                                    options: ComputeOptions(progress: false, cancellation: flag))
        }
        #expect(now() - start < 0.5)
        #expect(workersReaped())
    }
}
