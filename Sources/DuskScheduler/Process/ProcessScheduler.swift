#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskGraph

/// Runs each task in a worker process: isolation from the caller's process.
///
/// At the start of a compute the calling thread forks `numWorkers` workers (before any
/// thread of this compute exists); each inherits the graph with its closures. The
/// parent keeps every value and the ready heap, sends a worker the task's index and
/// its input values in the binary transfer format (`TransferWriter`), and gets back
/// the result or the error's text. Arrays of every dtype travel as raw bytes; other
/// values must conform to `ProcessTransferable`. On a task error, a dead worker or
/// cancellation, the workers are killed and reaped before `run` throws; at the end of a
/// compute they exit. Nothing outlives `run`.
public struct ProcessScheduler: Scheduler {
    /// Worker processes per compute (at most one per task).
    public let numWorkers: Int

    /// A scheduler with `numWorkers` processes (nil: one per core).
    public init(numWorkers: Int? = nil) {
        self.numWorkers = Swift.min(Swift.max(1, numWorkers ?? defaultWorkerCount()), maxWorkerCount)
    }

    public func run(_ graph: TaskGraph) throws -> [TaskValue] {
        try run(graph, options: ComputeOptions())
    }

    public func run(_ graph: TaskGraph, options: ComputeOptions) throws -> [TaskValue] {
        // Inside a worker process a nested compute runs where it is.
        if ProcessWorker.isWorkerProcess { return try SynchronousScheduler().run(graph, options: options) }
        let plan = try ExecutionPlan(graph)
        if graph.count == 0 { return [] }
        if options.cancellation.isRequested {
            throw ComputeCancelled(completedTasks: 0, totalTasks: graph.count)
        }
        // Unflushed output would otherwise be written again by every child.
        fflush(nil)
        let workers = try ProcessWorker.spawn(count: Swift.min(numWorkers, graph.count), graph: graph)
        var coordinator = ProcessCoordinator(graph: graph, plan: plan, workers: workers, options: options)
        let progress = ProgressReporter.startIfNeeded(total: graph.count, enabled: options.progress)
        coordinator.progress = progress
        defer { progress?.finish() }
        do {
            let values = try coordinator.run()
            ProcessWorker.shutDown(workers, kill: false)
            return values
        } catch {
            ProcessWorker.shutDown(coordinator.liveWorkers, kill: true)
            throw error
        }
    }
}

/// The parent's side of a process compute: a single-threaded loop over the workers'
/// sockets with `poll`.
struct ProcessCoordinator {
    let graph: TaskGraph
    let plan: ExecutionPlan
    let options: ComputeOptions
    var progress: ProgressReporter?
    private var workers: [ProcessWorker]
    /// `busy[w]`: the task worker w is running.
    private var busy: [Int?]
    private var dead: [Bool]
    private var results: [TaskValue?]
    private var pending: [Int]
    private var holds: [Int]
    private var heap: RankHeap
    private var completed = 0

    init(graph: TaskGraph, plan: ExecutionPlan, workers: [ProcessWorker], options: ComputeOptions) {
        self.graph = graph
        self.plan = plan
        self.options = options
        self.workers = workers
        busy = Array(repeating: nil, count: workers.count)
        dead = Array(repeating: false, count: workers.count)
        results = Array(repeating: nil, count: graph.count)
        pending = plan.dependencyCount
        holds = plan.holdCount
        heap = RankHeap(plan.initialReadyRanks)
    }

    /// Workers not yet reaped.
    var liveWorkers: [ProcessWorker] {
        workers.indices.filter { !dead[$0] }.map { workers[$0] }
    }

    mutating func run() throws -> [TaskValue] {
        var descriptors: [pollfd] = []
        var polled: [Int] = []
        while completed < graph.count {
            if options.cancellation.isRequested {
                throw ComputeCancelled(completedTasks: completed, totalTasks: graph.count)
            }
            for worker in workers.indices where busy[worker] == nil {
                guard let rank = heap.pop() else { break }
                try send(plan.order[rank], to: worker)
            }
            descriptors.removeAll(keepingCapacity: true)
            polled.removeAll(keepingCapacity: true)
            for worker in workers.indices where busy[worker] != nil {
                descriptors.append(pollfd(fd: workers[worker].socket.descriptor, events: Int16(POLLIN), revents: 0))
                polled.append(worker)
            }
            guard !descriptors.isEmpty else {
                throw InvalidTaskGraph("no task is ready and none is running")
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), 20)
            if ready < 0 {
                if errno == EINTR { continue }
                throw ProcessWorkerError.system("poll", errno)
            }
            for (slot, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
                try receive(from: polled[slot])
            }
        }
        return graph.outputs.map { results[$0]! }
    }

    private mutating func send(_ task: Int, to worker: Int) throws {
        var writer = TransferWriter()
        let dependencies = graph.tasks[task].dependencies
        writer.write(task)
        writer.write(dependencies.count)
        do {
            for dependency in dependencies { try writer.write(results[dependency]!) }
            try workers[worker].socket.send(writer)
        } catch {
            throw failure(of: graph.tasks[task], error: error)
        }
        busy[worker] = task
    }

    private mutating func receive(from worker: Int) throws {
        let task = busy[worker]!
        let value: TaskValue
        do {
            guard var reader = try workers[worker].socket.receive() else {
                throw ProcessWorkerError.connectionClosed
            }
            if try reader.readUInt8() != 0 {
                throw RemoteTaskError(message: try reader.readString(), typeName: try reader.readString())
            }
            value = try reader.readValue()
        } catch ProcessWorkerError.connectionClosed {
            dead[worker] = true
            let status = workers[worker].reapStatus()
            throw failure(of: graph.tasks[task],
                          error: ProcessWorkerError.workerDied(pid: workers[worker].pid, status: status))
        } catch {
            throw failure(of: graph.tasks[task], error: error)
        }
        busy[worker] = nil
        for dependency in graph.tasks[task].dependencies {
            holds[dependency] -= 1
            if holds[dependency] == 0 { results[dependency] = nil }
        }
        if holds[task] > 0 { results[task] = value }
        for position in plan.dependentStart[task] ..< plan.dependentStart[task + 1] {
            let dependent = plan.dependents[position]
            pending[dependent] -= 1
            if pending[dependent] == 0 { heap.push(plan.rank[dependent]) }
        }
        completed += 1
        progress?.taskCompleted()
    }
}
