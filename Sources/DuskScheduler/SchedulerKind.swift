#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The three ways to run a graph, selected by the names Dask accepts.
public enum SchedulerKind: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `ThreadedScheduler`: 'threads', 'threading'.
    case threads
    /// `SynchronousScheduler`: 'sync', 'synchronous', 'single-threaded'.
    case synchronous
    /// `ProcessScheduler`: 'processes', 'multiprocessing'.
    case processes

    /// The kind for a Dask scheduler name (case-insensitive; `_` and `-` alike); nil for
    /// an unknown name (see `acceptedNames` for the message).
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "threads", "threading", "threaded": self = .threads
        case "sync", "synchronous", "single-threaded": self = .synchronous
        case "processes", "multiprocessing": self = .processes
        default: return nil
        }
    }

    /// Every accepted spelling, for error messages.
    public static let acceptedNames = [
        "threads", "threading", "sync", "synchronous", "single-threaded", "processes", "multiprocessing",
    ]

    public var description: String { rawValue }

    /// A scheduler of this kind; `numWorkers` nil means one per core.
    public func makeScheduler(numWorkers: Int? = nil) -> any Scheduler {
        switch self {
        case .threads: ThreadedScheduler(numWorkers: numWorkers)
        case .synchronous: SynchronousScheduler()
        case .processes: ProcessScheduler(numWorkers: numWorkers)
        }
    }
}

/// The most workers a compute may ask for. Thread pools persist per size, so a larger
/// request would leave that many threads (or processes) behind.
public let maxWorkerCount = 256

/// One worker per core: `ProcessInfo.activeProcessorCount`, at least 1, read once per process
/// (it reads the cgroup's cpuset and quota files each time: 14 µs, a quarter of a small compute).
func defaultWorkerCount() -> Int { processorCount }

private let processorCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
