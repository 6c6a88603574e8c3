import DuskArray
import DuskGraph
import Foundation
import Synchronization

/// Runs interpreter work on a thread with a large stack (512 MiB of address space,
/// committed only as used), so the recursion limit, not the native stack, is what
/// deep Dusk recursion meets. Work started from that thread runs inline.
enum InterpreterThread {
    static let stackSize = 512 << 20
    static let name = "dusk-interpreter"

    private final class ResultBox<T: Sendable>: Sendable {
        let value = Mutex<T?>(nil)
    }

    static var isCurrent: Bool { Thread.current.name == name }

    /// Runs `body` on an interpreter thread and waits for its result. Kernel warnings go
    /// where the caller's go (`Warnings.current`), and the caller's optimizer settings apply
    /// (`OptimizerSettings.current`).
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        if isCurrent { return body() }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let warnings = Warnings.current
        let settings = OptimizerSettings.current
        let thread = Thread {
            let result = Warnings.$current.withValue(warnings) {
                OptimizerSettings.$current.withValue(settings) { body() }
            }
            box.value.withLock { $0 = result }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.name = name
        thread.start()
        done.wait()
        return box.value.withLock { $0! }
    }
}
