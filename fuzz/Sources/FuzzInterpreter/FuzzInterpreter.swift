import DuskArray
import DuskRuntime
import DuskScheduler
import DuskSyntax
import Foundation
import Synchronization

/// libFuzzer's entry point: runs the input as a script in one long-lived session (its
/// globals reset before each input) with a time budget and an allocation cap. A Dusk
/// error (syntax or runtime) is a normal outcome; a trap, a memory error, a leak, a hang
/// past the budget (libFuzzer's `-timeout`) or running out of memory is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if Budget.skips(text) { return -1 }
    let session = Budget.session
    session.reset()
    session.interpreter.setRecursionLimit(Budget.recursionLimit)
    Interrupt.reset()
    Interruption.clear()
    Budget.watchdog.arm()
    _ = session.runScript(SourceFile(name: "<fuzz>", text: text))
    Budget.watchdog.disarm()
    Interrupt.reset()
    Interruption.clear()
    return 0
}

/// What one input may use, and the session inputs run in.
enum Budget {
    /// Wall-clock time per input before it is interrupted as Ctrl-C would (KeyboardInterrupt).
    static let milliseconds: UInt64 = {
        UInt64(ProcessInfo.processInfo.environment["DUSK_FUZZ_BUDGET_MS"] ?? "") ?? 500
    }()
    /// The most bytes one array (or other pooled buffer) may take: bigger ones are MemoryError.
    static let allocationBytes = 64 << 20
    static let recursionLimit = 1000

    /// Inputs that mention these are skipped (libFuzzer drops them from the corpus): they
    /// write files (Zarr stores, pictures), change the working directory, or fork workers
    /// (the process scheduler, a local cluster), none of which belongs in a fuzzing loop.
    static let avoided = ["zarr", "visualize", "chdir", "mkdtemp", "TemporaryDirectory",
                          "processes", "Client", "LocalCluster", "distributed"]

    static func skips(_ text: String) -> Bool { avoided.contains { text.contains($0) } }

    static let session: Session = {
        AllocationLimit.bytes = allocationBytes
        return Session(argv: ["<fuzz>"], interactive: false, output: OutputSink(write: { _, _ in }))
    }()

    static let watchdog = Watchdog(milliseconds: milliseconds)
}

/// A thread that interrupts the running input once its budget is spent.
final class Watchdog: Sendable {
    private let deadline = Atomic<UInt64>(0)
    private let budget: UInt64

    init(milliseconds: UInt64) {
        budget = milliseconds * 1_000_000
        let thread = Thread { [self] in watch() }
        thread.start()
    }

    func arm() { deadline.store(DispatchTime.now().uptimeNanoseconds + budget, ordering: .releasing) }
    func disarm() { deadline.store(0, ordering: .releasing) }

    private func watch() {
        while true {
            usleep(5_000)
            let due = deadline.load(ordering: .acquiring)
            if due != 0, DispatchTime.now().uptimeNanoseconds > due {
                Interrupt.request()
                Interruption.request()
            }
        }
    }
}
