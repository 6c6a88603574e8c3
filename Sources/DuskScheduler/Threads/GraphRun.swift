import DuskArray
import DuskGraph
import Synchronization

/// One compute on the threaded scheduler: its values, counters and ready set.
///
/// The counters are atomics touched without a lock: `pending[t]` counts the
/// dependency values task t still waits for, `holds[t]` the consumers that have not
/// yet read t's value. Whoever takes `pending` to zero made the task ready; whoever
/// takes `holds` to zero drops the value. The ready heap and the bookkeeping below
/// `MARK: Guarded` belong to the pool's lock.
final class GraphRun: @unchecked Sendable {
    let graph: TaskGraph
    let plan: ExecutionPlan
    let cancellation: CancellationFlag
    let progress: ProgressReporter?

    private let results: UnsafeMutablePointer<TaskValue?>
    private let pending: UnsafeMutablePointer<Atomic<Int>>
    private let holds: UnsafeMutablePointer<Atomic<Int>>

    /// Where the tasks' kernel warnings go: the starting thread's sink, also on the pool's threads.
    let warnings: Warnings

    // MARK: Guarded by the pool's lock

    var heap: RankHeap
    /// Tasks taken from the heap and not yet finished.
    var running = 0
    /// Tasks not yet finished.
    var remaining: Int
    var completed = 0
    /// Set on failure or cancellation: nothing new starts.
    var stopped = false
    var firstError: (any Error)?
    var wasCancelled = false
    /// The calling thread is waiting on `callerWakeup`.
    var callerIdle = false
    let callerWakeup = PosixCondition()

    init(graph: TaskGraph, plan: ExecutionPlan, options: ComputeOptions, progress: ProgressReporter?) {
        warnings = Warnings.current
        self.graph = graph
        self.plan = plan
        self.cancellation = options.cancellation
        self.progress = progress
        let n = graph.count
        results = .allocate(capacity: Swift.max(n, 1))
        results.initialize(repeating: nil, count: n)
        pending = .allocate(capacity: Swift.max(n, 1))
        holds = .allocate(capacity: Swift.max(n, 1))
        for index in 0..<n {
            (pending + index).initialize(to: Atomic(plan.dependencyCount[index]))
            (holds + index).initialize(to: Atomic(plan.holdCount[index]))
        }
        heap = RankHeap(plan.initialReadyRanks)
        remaining = n
    }

    deinit {
        let n = graph.count
        results.deinitialize(count: n)
        results.deallocate()
        pending.deinitialize(count: n)
        pending.deallocate()
        holds.deinitialize(count: n)
        holds.deallocate()
    }

    /// Done: every task finished, or stopped with nothing running. Under the lock.
    var isFinished: Bool { remaining == 0 || (stopped && running == 0) }

    /// The next task to start, or nil. Checks the cancellation flag first. Under the lock.
    func take() -> Int? {
        // A finished run never changes again, so its caller may read it unlocked.
        if stopped || remaining == 0 { return nil }
        if cancellation.isRequested {
            stop(cancelled: true)
            return nil
        }
        guard let rank = heap.pop() else { return nil }
        running += 1
        return plan.order[rank]
    }

    /// Stops the run: drops the queued tasks. Under the lock.
    func stop(cancelled: Bool) {
        stopped = true
        if cancelled { wasCancelled = true }
        heap.removeAll()
    }

    /// Runs task `index` outside the lock. Appends tasks it made ready to `ready`;
    /// returns the error the task threw, if any.
    func perform(_ index: Int, readying ready: inout [Int]) -> (any Error)? {
        let value: TaskValue
        do {
            value = try call(index)
        } catch {
            return error
        }
        if plan.holdCount[index] > 0 { results[index] = value }
        for dependency in graph.tasks[index].dependencies
        where holds[dependency].subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            results[dependency] = nil
        }
        for position in plan.dependentStart[index] ..< plan.dependentStart[index + 1] {
            let dependent = plan.dependents[position]
            if pending[dependent].subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
                ready.append(dependent)
            }
        }
        progress?.taskCompleted()
        return nil
    }

    /// Calls the task's function; its inputs die when this returns.
    private func call(_ index: Int) throws -> TaskValue {
        let dependencies = graph.tasks[index].dependencies
        switch dependencies.count {
        case 0: return try graph.tasks[index].function([])
        case 1: return try graph.tasks[index].function([results[dependencies[0]]!])
        default: return try graph.tasks[index].function(dependencies.map { results[$0]! })
        }
    }

    /// Records the end of task `index` (under the lock): pushes what it made ready,
    /// or stops the run on an error. Returns how many queued tasks others could take.
    func finish(_ index: Int, error: (any Error)?, ready: [Int]) -> Int {
        running -= 1
        if let error {
            if firstError == nil && !stopped { firstError = failure(of: graph.tasks[index], error: error) }
            if error is ComputeCancelled { wasCancelled = true }
            stop(cancelled: false)
            return 0
        }
        remaining -= 1
        completed += 1
        if stopped { return 0 }
        for task in ready { heap.push(plan.rank[task]) }
        return heap.count
    }

    /// The values of the outputs, after a successful run.
    func outputValues() -> [TaskValue] {
        graph.outputs.map { results[$0]! }
    }

    /// What `run` throws after a stopped run: cancellation wins over task errors.
    func stopError() -> any Error {
        if wasCancelled || firstError == nil {
            return ComputeCancelled(completedTasks: completed, totalTasks: graph.count)
        }
        return firstError!
    }
}
