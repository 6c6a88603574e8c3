import DuskRuntime
import DuskSyntax
import Foundation
import Testing

/// Ctrl-C: the interrupt flag stops loops and sleeps with KeyboardInterrupt.
///
/// The flag is process-wide and other suites run in parallel in the same process, so
/// these tests run only when asked, alone: `scripts/test` runs them in a second pass as
/// `DUSK_INTERRUPT_TESTS=1 swift test --skip-build --filter Interrupt`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DUSK_INTERRUPT_TESTS"] != nil))
struct InterruptTests {
    func interrupt(after seconds: Double) {
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds)
            Interrupt.request()
        }
    }

    @Test func infiniteLoopIsInterruptible() {
        let t = TestSession()
        interrupt(after: 0.2)
        let result = t.session.runCell("while True:\n    pass\n")
        #expect(!result.succeeded)
        #expect(t.output.standardError.contains("KeyboardInterrupt"))
    }

    @Test func sleepIsInterruptible() {
        let t = TestSession()
        interrupt(after: 0.2)
        let start = Date()
        let result = t.session.runCell("import time\ntime.sleep(30)\n")
        #expect(!result.succeeded)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func exceptDoesNotSwallowTheInterrupt() {
        let t = TestSession()
        interrupt(after: 0.2)
        let result = t.session.runCell("while True:\n    try:\n        x = 1\n    except Exception:\n        pass\n")
        #expect(!result.succeeded)
    }

    @Test func theNextCellRunsNormally() {
        let t = TestSession()
        Interrupt.request()
        #expect(t.session.runCell("x = 1").succeeded, "runCell clears a stale request")
    }
}
