import Testing
import DuskScheduler

@Suite("Scheduler selection")
struct SchedulerKindTests {
    @Test("Dask's names select a kind", arguments: [
        ("threads", SchedulerKind.threads), ("threading", .threads),
        ("sync", .synchronous), ("synchronous", .synchronous), ("single-threaded", .synchronous),
        ("single_threaded", .synchronous), ("processes", .processes), ("multiprocessing", .processes),
    ])
    func names(name: String, kind: SchedulerKind) {
        #expect(SchedulerKind(name: name) == kind)
    }

    @Test("unknown names are refused")
    func unknown() {
        #expect(SchedulerKind(name: "distributed-ish") == nil)
        #expect(SchedulerKind.acceptedNames.allSatisfy { SchedulerKind(name: $0) != nil })
    }

    @Test("a kind makes its scheduler with the worker count")
    func makes() {
        #expect((SchedulerKind.threads.makeScheduler(numWorkers: 3) as? ThreadedScheduler)?.numWorkers == 3)
        #expect(SchedulerKind.synchronous.makeScheduler() is SynchronousScheduler)
        #expect((SchedulerKind.processes.makeScheduler(numWorkers: 2) as? ProcessScheduler)?.numWorkers == 2)
        #expect(ThreadedScheduler().numWorkers >= 1)
    }

    @Test("the process-wide default can be changed and restored")
    func defaults() {
        let saved = SchedulerDefaults.configuration
        defer { SchedulerDefaults.configuration = saved }
        SchedulerDefaults.configuration.kind = .synchronous
        #expect(SchedulerDefaults.makeScheduler() is SynchronousScheduler)
        SchedulerDefaults.configuration = SchedulerConfiguration(kind: .threads, numWorkers: 2, progress: false)
        #expect((SchedulerDefaults.makeScheduler() as? ThreadedScheduler)?.numWorkers == 2)
        #expect(ComputeOptions().progress == false)
    }
}
