import DuskArray
import DuskGraph
import DuskScheduler
import Foundation
import Synchronization

/// `dask.config.set/get`, `dask.diagnostics.ProgressBar` and `dask.distributed`'s
/// `LocalCluster` and `Client` (a real Dask.distributed cluster through the bridge: see
/// `Distributed/`).
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
            case "scheduler":
                if let external = current.external { return .str(external.name) }
                return .str(current.kind == .synchronous ? "sync" : current.kind.rawValue)
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
                   doc: """
            Starts a Dask scheduler and worker processes on this machine (Dask's own LocalCluster, run \
            by the dusk_bridge Python package); other keywords (dashboard_address=...) go to Dask.
            """) { args, _ in
            // The named parameters left at None take Dask's defaults.
            let named = [("n_workers", args[0]), ("threads_per_worker", args[1]), ("processes", args[2]),
                         ("memory_limit", args[3])].filter { !$0.1.isNone }
            return .object(try ClusterObject(keywords: named + args.extraKeywords))
        }
        r.register(in: distributed, "Client(address=None, **kwargs)", doc: """
            Connects to a Dask cluster: Client(cluster), Client('tcp://host:8786'), or Client(n_workers=...) \
            which starts a LocalCluster. Until client.close(), every compute runs on the cluster.
            """) { args, _ in
            .object(try ClientObject(address: args[0], keywords: args.extraKeywords))
        }
        FuturesLibrary.install(&r, in: distributed)
        r.register(in: distributed, "get_task_stream(client=None)", doc: """
            with get_task_stream() as ts: ... records the tasks the cluster runs in the block; ts.data \
            lists them (key, prefix, worker, status), as the dashboard's Task Stream shows them.
            """) { args, _ in
            switch args[0] {
            case .object(let given as ClientObject): return .object(TaskStreamObject(session: given.session))
            case .none:
                guard let scheduler = SchedulerDefaults.configuration.external?.scheduler as? DistributedScheduler else {
                    throw DuskError(.valueError, "get_task_stream() needs a Client: no Client is the default")
                }
                return .object(TaskStreamObject(session: scheduler.session))
            default: throw DuskError(.typeError, "get_task_stream() client must be a Client, not '\(args[0].typeName)'")
            }
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
                if kind != config.kind || config.external != nil { config.numWorkers = nil }
                config.kind = kind
                config.external = nil
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
