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

    public init(kind: SchedulerKind = .threads, numWorkers: Int? = nil, progress: Bool = true, optimizeGraph: Bool = true) {
        self.kind = kind
        self.numWorkers = numWorkers
        self.progress = progress
        self.optimizeGraph = optimizeGraph
    }

    /// A scheduler of this kind and size.
    public func makeScheduler() -> any Scheduler {
        kind.makeScheduler(numWorkers: numWorkers)
    }
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
