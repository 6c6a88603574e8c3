import DuskArray
import DuskGraph
import DuskScheduler
import Foundation
import Synchronization

/// `dask.config.set/get`, `dask.diagnostics.ProgressBar` and `dask.distributed`'s
/// `LocalCluster` and `Client`: a local pool of threads standing in for a cluster (a real
/// distributed engine comes later).
enum DistributedLibrary {
    static func install(_ r: inout Registry) {
        let config = "dask.config"
        r.addNamespace(config, doc: "Settings for computes: scheduler, num_workers, progress, array.chunk-size, optimization.fuse.active.")
        r.register(in: config, "set(options=None, **kwargs)", doc: """
            Changes settings: scheduler='threads'|'sync'|'processes', num_workers=N, progress=True|False, \
            {'array.chunk-size': '128MiB'} and {'optimization.fuse.active': False}. Lasts until changed, \
            or only inside a with block.
            """) { args, _ in
            var pairs: [(String, Value)] = []
            if case .dict(let d) = args[0] {
                for (k, v) in d.entries {
                    guard case .str(let key) = k else { throw DuskError(.typeError, "config keys must be strings") }
                    pairs.append((key, v))
                }
            }
            pairs += args.extraKeywords
            return .object(try ConfigChange(pairs))
        }
        r.register(in: config, "get(key, default=None)", doc: "The value of a setting ('scheduler', 'num_workers', 'progress', 'array.chunk-size', 'optimization.fuse.active').") { args, _ in
            let current = SchedulerDefaults.configuration
            switch try args.string(0) {
            case "scheduler": return .str(current.kind == .synchronous ? "sync" : current.kind.rawValue)
            case "num_workers": return current.numWorkers.map { .int($0) } ?? .none
            case "progress": return .bool(current.progress)
            case "array.chunk-size": return .str(ByteSizeText.format(ChunkConfiguration.byteLimit))
            case "optimization.fuse.active": return .bool(OptimizerOptions.fuseActive)
            default: return args[1]
            }
        }

        let diagnostics = "dask.diagnostics"
        r.addNamespace(diagnostics, doc: "Progress reporting for computes.")
        r.register(in: diagnostics, "ProgressBar(minimum=0, dt=0.1)", doc: """
            with ProgressBar(): ... shows a progress bar for every compute in the block (on a terminal).
            """) { _, _ in .object(try ConfigChange([("progress", .true)], name: "ProgressBar")) }

        let distributed = "dask.distributed"
        r.register(in: distributed, "LocalCluster(n_workers=None, threads_per_worker=None, processes=None, memory_limit=None, **kwargs)",
                   doc: "A local pool of workers (threads in this process) of n_workers × threads_per_worker threads.") { args, _ in
            .object(try ClusterObject.make(workers: args[0], threadsPerWorker: args[1]))
        }
        r.register(in: distributed, "Client(address=None, n_workers=None, threads_per_worker=None, **kwargs)", doc: """
            Connects computes to a local cluster: every compute afterwards runs on its pool of threads. \
            Client() makes a LocalCluster; client.close() restores the previous default.
            """) { args, _ in
            let cluster: ClusterObject
            switch args[0] {
            case .object(let o as ClusterObject): cluster = o
            case .none:
                cluster = try ClusterObject.make(workers: args[1], threadsPerWorker: args[2])
            default:
                throw DuskError(.valueError, "Dusk has no distributed scheduler yet: Client() takes a LocalCluster, not an address")
            }
            return .object(ClientObject(cluster: cluster))
        }
    }
}

/// `dask.config.set(...)`: applied at once; as a context manager, undone at the end of the block.
final class ConfigChange: RuntimeObject {
    private let previous: SchedulerConfiguration
    private let previousChunkLimit: Int
    private let previousFuse: Bool
    let name: String

    init(_ pairs: [(String, Value)], name: String = "config.set") throws {
        previous = SchedulerDefaults.configuration
        previousChunkLimit = ChunkConfiguration.byteLimit
        previousFuse = OptimizerOptions.fuseActive
        self.name = name
        var config = previous
        for (key, value) in pairs {
            switch key {
            case "scheduler":
                guard case .str(let text) = value, let kind = SchedulerKind(name: text) else {
                    throw DuskError(.valueError, "unknown scheduler \(value.repr); expected one of "
                                    + SchedulerKind.acceptedNames.map { "'\($0)'" }.joined(separator: ", "))
                }
                if kind != config.kind { config.numWorkers = nil }
                config.kind = kind
            case "num_workers":
                config.numWorkers = value.isNone ? nil : try ComputeRunner.workerCount(value)
            case "progress":
                guard case .bool(let on) = value else { throw DuskError(.typeError, "progress must be True or False") }
                config.progress = on
            case "array.chunk-size":
                let bytes: Int
                if case .str(let text) = value {
                    bytes = try graphCall { () throws(GraphError) in try ByteSize.parse(text) }
                } else {
                    bytes = try ArrayConvert.int(value, "array.chunk-size")
                }
                ChunkConfiguration.byteLimit = bytes
            case "optimization.fuse.active":
                guard case .bool(let on) = value else {
                    throw DuskError(.typeError, "optimization.fuse.active must be True or False")
                }
                OptimizerOptions.fuseActive = on
            default:
                throw DuskError(.keyError, "unknown setting '\(key)'; Dusk knows 'scheduler', 'num_workers', 'progress', 'array.chunk-size' and 'optimization.fuse.active'")
            }
        }
        SchedulerDefaults.configuration = config
    }

    var typeName: String { name }
    var repr: String { "<dask.config.set>" }

    func enter(context: ExecutionContext) throws -> Value? { .object(self) }

    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        SchedulerDefaults.configuration = previous
        ChunkConfiguration.byteLimit = previousChunkLimit
        OptimizerOptions.fuseActive = previousFuse
        return false
    }
}

/// `ByteSize.format`, named for this file's use.
enum ByteSizeText {
    static func format(_ bytes: Int) -> String { ByteSize.format(bytes) }
}

/// `LocalCluster(n_workers=, threads_per_worker=)`: the size of a local pool.
final class ClusterObject: RuntimeObject {
    let workers: Int
    let threadsPerWorker: Int
    init(workers: Int, threadsPerWorker: Int) {
        self.workers = workers
        self.threadsPerWorker = threadsPerWorker
    }

    /// A cluster from `n_workers=` and `threads_per_worker=` (None: one worker, the cores
    /// shared out), refusing sizes below 1 or above `maxWorkerCount` threads in all.
    static func make(workers workersValue: Value, threadsPerWorker threadsValue: Value) throws -> ClusterObject {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = workersValue.isNone ? 1 : try ArrayConvert.int(workersValue, "n_workers")
        guard workers >= 1 else { throw DuskError(.valueError, "n_workers and threads_per_worker must be at least 1") }
        let threads = threadsValue.isNone ? max(1, cores / workers) : try ArrayConvert.int(threadsValue, "threads_per_worker")
        guard threads >= 1 else { throw DuskError(.valueError, "n_workers and threads_per_worker must be at least 1") }
        let (total, overflow) = workers.multipliedReportingOverflow(by: threads)
        guard !overflow, total <= maxWorkerCount else {
            throw DuskError(.valueError, "n_workers × threads_per_worker must be at most \(maxWorkerCount) threads")
        }
        return ClusterObject(workers: workers, threadsPerWorker: threads)
    }

    var totalThreads: Int { workers * threadsPerWorker }
    var typeName: String { "LocalCluster" }
    var memoryText: String { availableMemoryBytes().map { ByteSize.format($0) } ?? "unknown" }
    var repr: String { "LocalCluster('local', workers=\(workers), threads=\(totalThreads), memory=\(memoryText))" }
    var attributeNames: [String] { ["n_workers", "threads_per_worker", "close", "scheduler_address", "dashboard_link"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "n_workers": return .int(workers)
        case "threads_per_worker": return .int(threadsPerWorker)
        case "scheduler_address": return .str("local")
        case "dashboard_link": return Value.none
        case "close": return .builtin(Builtin("close()", doc: "Does nothing: a local pool needs no shutdown.") { _, _ in .none })
        default: return nil
        }
    }

    func enter(context: ExecutionContext) throws -> Value? { .object(self) }
    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool { false }
}

/// `Client(cluster)`: makes the cluster's pool the default for every compute until closed.
final class ClientObject: RuntimeObject {
    let cluster: ClusterObject
    private let previous: Mutex<SchedulerConfiguration?>

    init(cluster: ClusterObject) {
        self.cluster = cluster
        previous = Mutex(SchedulerDefaults.configuration)
        var config = SchedulerDefaults.configuration
        config.kind = .threads
        config.numWorkers = cluster.totalThreads
        SchedulerDefaults.configuration = config
    }

    var typeName: String { "Client" }
    var repr: String {
        "<Client: 'local' processes=\(cluster.workers) threads=\(cluster.totalThreads), memory=\(cluster.memoryText)>"
    }

    func replDisplay(context: ExecutionContext) -> String? {
        [repr,
         "  a local pool: computes run on \(cluster.totalThreads) threads in this process "
            + "(\(cluster.workers) worker\(cluster.workers == 1 ? "" : "s") × \(cluster.threadsPerWorker) threads)",
         "  no dashboard: computes show a progress bar in the terminal instead",
         "  client.close() restores the previous scheduler"].joined(separator: "\n")
    }

    var attributeNames: [String] { ["cluster", "close", "compute", "scheduler_info"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "cluster": return .object(cluster)
        case "close":
            return .builtin(Builtin("close()", doc: "Restores the scheduler used before this client.") { [self] _, _ in
                self.close()
                return .none
            })
        case "compute":
            return .builtin(Builtin("compute(*args, **kwargs)", doc: "Computes lazy values on this client's pool (results, not futures).") { [self] args, ctx in
                var config = SchedulerDefaults.configuration
                config.kind = .threads
                config.numWorkers = self.cluster.totalThreads
                let results = try DelayedLibrary.compute(args.variadic, configuration: config, context: ctx)
                return results.count == 1 ? results[0] : .list(ListRef(results))
            })
        case "scheduler_info":
            return .builtin(Builtin("scheduler_info()", doc: "Workers and threads of the pool.") { [self] _, _ in
                try Value.makeDict([(.str("type"), .str("local")), (.str("workers"), .int(self.cluster.workers)),
                                    (.str("threads"), .int(self.cluster.totalThreads))])
            })
        default: return nil
        }
    }

    func close() {
        if let config = previous.withLock({ value -> SchedulerConfiguration? in defer { value = nil }; return value }) {
            SchedulerDefaults.configuration = config
        }
    }

    func enter(context: ExecutionContext) throws -> Value? { .object(self) }
    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        close()
        return false
    }
}
