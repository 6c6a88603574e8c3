import DuskArray
import Foundation
import Synchronization

/// A persistent set of worker threads shared by every compute of a given size.
///
/// A compute (`GraphRun`) joins the pool's list of runs; idle workers sleep on a
/// condition variable (no spinning) and are woken when tasks become ready. The calling
/// thread takes part: it runs tasks of its own compute and sleeps when there are none,
/// waking every 20 ms to look at the cancellation flag. So a pool of n workers has
/// n - 1 threads, a compute started from inside a task (a nested compute) always makes
/// progress, and a chain of tasks runs in one thread without hand-offs.
///
/// One lock guards the list of runs and their ready heaps; it is taken once per task
/// (to record its end and take the next). Dependency counters and refcounts are
/// atomics updated outside it.
final class WorkerPool: @unchecked Sendable {
    /// Threads besides the caller.
    let threadCount: Int
    private let lock = PosixLock()
    private let workAvailable = PosixCondition()
    private var runs: [GraphRun] = []
    private var idleThreads = 0
    private var started = false

    private static let pools = Mutex<[Int: WorkerPool]>([:])

    /// The pool for computes with `workers` workers (the caller counts as one).
    static func shared(workers: Int) -> WorkerPool {
        pools.withLock { pools in
            if let pool = pools[workers] { return pool }
            let pool = WorkerPool(threads: Swift.max(0, workers - 1))
            pools[workers] = pool
            return pool
        }
    }

    private init(threads: Int) {
        threadCount = threads
    }

    /// Runs `run` to its end with the caller's help. Returns when it has finished or
    /// stopped with nothing of it still running; the error is the reason it stopped.
    func execute(_ run: GraphRun) -> (any Error)? {
        var ready: [Int] = []
        ready.reserveCapacity(16)
        lock.lock()
        startThreadsIfNeeded()
        runs.append(run)
        wakeWorkers(run.heap.count - 1)
        while !run.isFinished {
            if let task = run.take() {
                lock.unlock()
                let error = run.perform(task, readying: &ready)
                lock.lock()
                complete(task, of: run, error: error, ready: &ready, byCaller: true)
            } else if !run.isFinished {
                run.callerIdle = true
                run.callerWakeup.wait(lock, seconds: 0.02)
                run.callerIdle = false
            }
        }
        runs.removeAll { $0 === run }
        let error = run.stopped ? run.stopError() : nil
        lock.unlock()
        return error
    }

    /// Under the lock: records the end of a task and wakes helpers for queued work.
    private func complete(_ task: Int, of run: GraphRun, error: (any Error)?, ready: inout [Int], byCaller: Bool) {
        let queued = run.finish(task, error: error, ready: ready)
        ready.removeAll(keepingCapacity: true)
        if run.isFinished {
            if run.callerIdle { run.callerWakeup.signal() }
            return
        }
        // This thread takes one of the queued tasks itself.
        var extra = queued - 1
        if extra > 0 && !byCaller && run.callerIdle {
            run.callerWakeup.signal()
            extra -= 1
        }
        wakeWorkers(extra)
    }

    private func wakeWorkers(_ count: Int) {
        let wakeups = Swift.min(count, idleThreads)
        if wakeups > 0 { for _ in 0 ..< wakeups { workAvailable.signal() } }
    }

    /// Under the lock: a task from `preferred` if it has one, else from any run.
    private func takeTask(preferring preferred: GraphRun?) -> (GraphRun, Int)? {
        if let preferred, let task = take(from: preferred) { return (preferred, task) }
        for run in runs where run !== preferred {
            if let task = take(from: run) { return (run, task) }
        }
        return nil
    }

    private func take(from run: GraphRun) -> Int? {
        let task = run.take()
        if task == nil && run.isFinished && run.callerIdle { run.callerWakeup.signal() }
        return task
    }

    private func startThreadsIfNeeded() {
        guard !started else { return }
        started = true
        for number in 0..<threadCount {
            let thread = Thread { [self] in workerLoop() }
            thread.name = "dusk-worker-\(number + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func workerLoop() {
        var ready: [Int] = []
        ready.reserveCapacity(16)
        var last: GraphRun?
        lock.lock()
        while true {
            guard let (run, task) = takeTask(preferring: last) else {
                last = nil
                idleThreads += 1
                workAvailable.wait(lock)
                idleThreads -= 1
                continue
            }
            lock.unlock()
            let error = Warnings.$current.withValue(run.warnings) { run.perform(task, readying: &ready) }
            lock.lock()
            complete(task, of: run, error: error, ready: &ready, byCaller: false)
            last = run
        }
    }
}
