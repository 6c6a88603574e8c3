#if canImport(Glibc)
import Glibc
#endif
import DuskGraph
import DuskScheduler
import Foundation

/// Faults the tests inject into workers through `DUSK_KERNELS_FAULT=<kind>:<prefix>,...`: a
/// task with a step whose operations (its key's prefix, a fused layer's members) include one
/// starting with `prefix` traps (`trap`, as a crashing kernel would),
/// throws (`error`), or runs 20 s checking the cancellation flag every 10 ms (`slow`, a long
/// kernel). Unset, nothing happens.
enum FaultInjection {
    static let settings: [(kind: String, prefix: String)] = {
        guard let text = ProcessInfo.processInfo.environment["DUSK_KERNELS_FAULT"] else { return [] }
        return text.split(separator: ",").compactMap { entry in
            guard let colon = entry.firstIndex(of: ":") else { return nil }
            return (String(entry[..<colon]), String(entry[entry.index(after: colon)...]))
        }
    }()

    static func apply(to program: RemoteTaskProgram) throws {
        for setting in settings {
            guard let step = program.steps.first(where: { $0.operations.contains { $0.hasPrefix(setting.prefix) } })
            else { continue }
            try inject(setting.kind, at: step)
        }
    }

    private static func inject(_ kind: String, at step: RemoteTaskProgram.Step) throws {
        switch kind {
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
