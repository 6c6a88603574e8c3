import Foundation
import Testing
import DuskScheduler

@Suite("Progress bar")
struct ProgressTests {
    @Test("the line looks like Dask's", arguments: [
        (20, 100, 1.23, "[########                                ] | 20% Completed | 1.2s"),
        (0, 7, 0.0, "[                                        ] | 0% Completed | 0.0s"),
        (7, 7, 12.96, "[########################################] | 100% Completed | 13.0s"),
    ])
    func rendering(completed: Int, total: Int, elapsed: Double, expected: String) {
        #expect(ProgressBar().render(completed: completed, total: total, elapsed: elapsed) == expected)
    }

    /// Everything written to a pipe by a reporter that runs for `seconds`.
    func output(delay: Double, running seconds: Double) -> String {
        var descriptors: [Int32] = [0, 0]
        pipe(&descriptors)
        let reporter = ProgressReporter(total: 4, output: descriptors[1], delay: delay, interval: 0.02)
        reporter.start()
        reporter.taskCompleted()
        reporter.taskCompleted()
        usleep(UInt32(seconds * 1e6))
        reporter.finish()
        close(descriptors[1])
        let text = FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile()
        return String(decoding: text, as: UTF8.self)
    }

    @Test("a long compute draws the bar, then erases it")
    func drawsAndErases() {
        let text = output(delay: 0.05, running: 0.2)
        #expect(text.hasPrefix("\r[####################                    ] | 50% Completed | 0."))
        let width = ProgressBar().render(completed: 2, total: 4, elapsed: 0.1).count
        let eraser = "\r" + String(repeating: " ", count: width) + "\r"
        #expect(text.hasSuffix(eraser))
        // Redrawn every 20 ms for about 150 ms, not on every task.
        let draws = text.components(separatedBy: "Completed").count - 1
        #expect(draws >= 2 && draws <= 12)
    }

    @Test("a short compute draws nothing")
    func shortComputeIsSilent() {
        #expect(output(delay: 0.5, running: 0.05).isEmpty)
    }

    @Test("no reporter when disabled or when stderr is not a terminal")
    func offSwitches() {
        #expect(ProgressReporter.startIfNeeded(total: 10, enabled: false) == nil)
        if isatty(2) == 0 {
            #expect(ProgressReporter.startIfNeeded(total: 10, enabled: true) == nil)
        }
    }
}
