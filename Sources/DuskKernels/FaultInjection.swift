#if canImport(Glibc)
import Glibc
#endif
import DuskGraph
import DuskScheduler
import Foundation

/// Faults the tests inject into workers through `DUSK_KERNELS_FAULT=<kind>:<prefix>`: a task
/// with a step whose key starts with `prefix` traps (`trap`, as a crashing kernel would), throws
/// (`error`), or runs 20 s checking the cancellation flag every 10 ms (`slow`, a long kernel).
/// Unset, nothing happens.
enum FaultInjection {
    static let setting: (kind: String, prefix: String)? = {
        guard let text = ProcessInfo.processInfo.environment["DUSK_KERNELS_FAULT"],
              let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }()

    static func apply(to program: RemoteTaskProgram) throws {
        guard let setting, let step = program.steps.first(where: { $0.key.name.hasPrefix(setting.prefix) }) else { return }
        switch setting.kind {
        case "trap":
            fatalError("injected fault: task \(step.key) traps")
        case "error":
            throw TaskFailure(key: step.key, origin: nil,
                              underlying: GraphError(kind: "ValueError", message: "injected fault in task \(step.key)"))
        case "slow":
            for _ in 0..<2000 {
                if Interruption.isRequested { throw TaskFailure(key: step.key, origin: nil, underlying: ComputeCancelled(completedTasks: 0, totalTasks: 1)) }
                usleep(10_000)
            }
        default:
            return
        }
    }
}
