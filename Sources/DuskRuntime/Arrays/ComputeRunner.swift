import DuskArray
import DuskGraph
import DuskScheduler
import Foundation
import Synchronization

/// Running lazy graphs from the language: scheduler choice (`scheduler=`, `num_workers=`,
/// `dask.config.set`, a `Client`), the progress switch, Ctrl-C, the memory guard, and errors
/// turned into Dusk exceptions.
enum ComputeRunner {
    /// `compute(scheduler=, num_workers=, progress=)` resolved against the defaults.
    static func configuration(scheduler: Value, numWorkers: Value, progress: Value) throws -> SchedulerConfiguration {
        var config = SchedulerDefaults.configuration
        switch scheduler {
        case .none: break
        case .str(let name):
            guard let kind = SchedulerKind(name: name) else {
                throw DuskError(.valueError, "unknown scheduler '\(name)'; expected one of "
                                + SchedulerKind.acceptedNames.map { "'\($0)'" }.joined(separator: ", "))
            }
            if kind != config.kind || config.external != nil { config.numWorkers = nil }
            config.kind = kind
            config.external = nil
        case .object(let o as ClientObject):
            config.external = try o.scheduler()
        default:
            throw DuskError(.typeError, "scheduler must be a name such as 'threads', not '\(scheduler.typeName)'")
        }
        if !numWorkers.isNone {
            config.numWorkers = try workerCount(numWorkers)
        }
        if !progress.isNone {
            guard case .bool(let on) = progress else { throw DuskError(.typeError, "progress must be True or False") }
            config.progress = on
        }
        return config
    }

    /// `num_workers=`: an integer from 1 to `maxWorkerCount`.
    static func workerCount(_ value: Value) throws -> Int {
        let n = try ArrayConvert.int(value, "num_workers")
        if n < 1 { throw DuskError(.valueError, "num_workers must be at least 1, not \(n)") }
        if n > maxWorkerCount { throw DuskError(.valueError, "num_workers must be at most \(maxWorkerCount), not \(n)") }
        return n
    }

    /// Keyword arguments of `compute` as a configuration (unknown keywords are an error).
    static func configuration(_ keywords: [(String, Value)]) throws -> SchedulerConfiguration {
        var scheduler = Value.none, workers = Value.none, progress = Value.none
        var optimize = true
        for (name, value) in keywords {
            switch name {
            case "scheduler", "get": scheduler = value
            case "num_workers": workers = value
            case "progress": progress = value
            case "optimize_graph":
                guard case .bool(let on) = value else { throw DuskError(.typeError, "optimize_graph must be True or False") }
                optimize = on
            case "traverse": break
            default:
                throw DuskError(.typeError, "compute() got an unexpected keyword argument '\(name)'")
            }
        }
        var config = try configuration(scheduler: scheduler, numWorkers: workers, progress: progress)
        config.optimizeGraph = optimize
        return config
    }

    /// Computes outputs together (shared parts run once) and returns their values in order.
    static func run(_ outputs: [GraphOutput], configuration: SchedulerConfiguration,
                    context: ExecutionContext) throws -> [TaskValue] {
        let resultBytes = outputs.reduce(0) { total, output in
            if case .array(let a) = output { return total + a.nbytes }
            return total
        }
        try checkResultFits(bytes: resultBytes)
        let optimized = try graphCall { () throws(GraphError) in
            try Optimizer.optimize(outputs, options: OptimizerOptions(optimize: configuration.optimizeGraph))
        }
        try ChunkMemoryGuard.check(optimized.outputs)
        let scheduler = configuration.makeScheduler()
        let flag = CancellationFlag()
        let watcher = InterruptWatcher(flag: flag)
        defer { watcher.stop() }
        let options = ComputeOptions(progress: configuration.progress, cancellation: flag)
        do {
            let values = try GraphCompute.compute(optimized, using: scheduler, options: options)
            reportWarnings(context)
            return values
        } catch {
            reportWarnings(context)
            let converted = DuskError.from(error)
            if converted.type.name == TypeObject.keyboardInterrupt.name { Interrupt.reset() }
            throw converted
        }
    }

    /// One lazy array's value.
    static func compute(_ array: LazyArray, configuration: SchedulerConfiguration,
                        context: ExecutionContext) throws -> NDArray {
        let values = try run([.array(array)], configuration: configuration, context: context)
        guard case .array(let result) = values[0] else { throw DuskError(.runtimeError, "compute() did not produce an array") }
        return result
    }

    /// Prints NumPy's runtime warnings raised by kernels since the last report, once each.
    static func reportWarnings(_ context: ExecutionContext) {
        for message in Warnings.current.drain() {
            context.output.write(message + "\n", to: .standardError)
        }
    }
}

/// Forwards the interpreter's Ctrl-C flag to one compute's cancellation flag while the
/// compute runs (the signal handler only sets the interpreter's flag): registers the flag with
/// the process's one watching thread until `stop()`.
final class InterruptWatcher: Sendable {
    private let id: Int

    init(flag: CancellationFlag) { id = WatchedComputes.shared.add(flag) }

    func stop() { WatchedComputes.shared.remove(id) }
}

/// The cancellation flags of the running computes, and the one thread that polls the Ctrl-C
/// flag for them every 20 ms while there are any (it waits on a condition otherwise). A thread
/// per compute cost more than a small compute itself (`(x * 10)[0, 0]`: about 30 µs of 100).
private final class WatchedComputes: @unchecked Sendable {
    static let shared = WatchedComputes()

    /// Guards everything below.
    private let condition = NSCondition()
    private var flags: [Int: CancellationFlag] = [:]
    private var nextID = 0
    private var started = false

    func add(_ flag: CancellationFlag) -> Int {
        condition.lock()
        defer { condition.unlock() }
        nextID += 1
        flags[nextID] = flag
        if !started {
            started = true
            Thread.detachNewThread { [self] in watch() }
        }
        condition.signal()
        return nextID
    }

    func remove(_ id: Int) {
        condition.lock()
        flags[id] = nil
        condition.unlock()
    }

    private func watch() {
        while true {
            condition.lock()
            while flags.isEmpty { condition.wait() }
            if Interrupt.isRequested || Interruption.isRequested {
                // Each running compute is told once; computes started later are checked anew.
                for flag in flags.values { flag.request() }
                flags.removeAll()
            }
            condition.unlock()
            usleep(20_000)
        }
    }
}
