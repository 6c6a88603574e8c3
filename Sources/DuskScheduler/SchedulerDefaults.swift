import Synchronization

/// The process-wide scheduler settings: what `compute()` uses when the call names none.
///
/// Set by `dask.config.set(scheduler=...)`, `Client(LocalCluster(...))` and the
/// progress switch; read at the start of every compute.
public struct SchedulerConfiguration: Sendable, Equatable {
    public var kind: SchedulerKind
    /// Workers (threads or processes); nil means one per core.
    public var numWorkers: Int?
    /// Whether computes draw a progress bar on a terminal.
    public var progress: Bool
    /// Whether the graph optimizer runs (`compute(optimize_graph=False)` turns it off for one compute).
    public var optimizeGraph: Bool
    /// A scheduler that takes the place of `kind`: a Dask.distributed `Client` made the default.
    public var external: ExternalScheduler?

    public init(kind: SchedulerKind = .threads, numWorkers: Int? = nil, progress: Bool = true, optimizeGraph: Bool = true) {
        self.kind = kind
        self.numWorkers = numWorkers
        self.progress = progress
        self.optimizeGraph = optimizeGraph
    }

    /// The external scheduler if there is one, else a scheduler of this kind and size.
    public func makeScheduler() -> any Scheduler {
        external?.scheduler ?? kind.makeScheduler(numWorkers: numWorkers)
    }
}

/// A scheduler made outside this module (a Dask.distributed client's), compared by identity.
public final class ExternalScheduler: Sendable, Equatable {
    public let scheduler: any Scheduler
    /// What `dask.config.get('scheduler')` answers: `dask.distributed`.
    public let name: String

    public init(_ scheduler: any Scheduler, name: String) {
        self.scheduler = scheduler
        self.name = name
    }

    public static func == (lhs: ExternalScheduler, rhs: ExternalScheduler) -> Bool { lhs === rhs }
}

/// Holds the process-wide `SchedulerConfiguration`.
public enum SchedulerDefaults {
    private static let state = Mutex(SchedulerConfiguration())

    /// The current default; setting it affects computes started afterwards.
    public static var configuration: SchedulerConfiguration {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    /// The default scheduler, made from `configuration`.
    public static func makeScheduler() -> any Scheduler {
        configuration.makeScheduler()
    }
}
