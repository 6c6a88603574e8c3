#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Draws a progress bar on stderr for a long compute, from its own timer thread.
///
/// Schedulers only call `taskCompleted()` (one relaxed atomic add). A separate thread
/// waits `delay` seconds, then redraws at most every `interval` seconds; `finish()`
/// stops it and erases the line. Nothing is drawn when the output is not a terminal,
/// when progress is off, or when the compute ends before the delay. With a
/// `ProgressDisplay` installed (a notebook), lines go there instead of stderr.
public final class ProgressReporter: @unchecked Sendable {
    /// Tasks in the compute.
    public let total: Int
    private let completed = Atomic<Int>(0)
    private let output: Int32
    private let delay: Double
    private let interval: Double
    private let bar: ProgressBar
    private let lock = PosixLock()
    private let wakeup = PosixCondition()
    private var finished = false
    private var threadDone = false
    private var drawnWidth = 0
    private var display: ProgressDisplay?

    /// Where bars go instead of a terminal: set by a front end that shows them itself.
    private static let installedDisplay = Mutex<ProgressDisplay?>(nil)
    public static var display: ProgressDisplay? {
        get { installedDisplay.withLock { $0 } }
        set { installedDisplay.withLock { $0 = newValue } }
    }

    /// A reporter for `total` tasks writing to `output`; call `start()` to begin.
    public init(total: Int, output: Int32 = 2, delay: Double = 0.5, interval: Double = 0.1,
                bar: ProgressBar = ProgressBar()) {
        self.total = total
        self.output = output
        self.delay = delay
        self.interval = interval
        self.bar = bar
    }

    /// Whether a reporter made by `startIfNeeded` is drawing: one bar at a time, so a
    /// compute nested in a task (or running beside another) draws none.
    private static let terminalInUse = Atomic<Bool>(false)
    private var ownsTerminal = false

    /// A started reporter when `enabled`, stderr is a terminal (or a display is installed)
    /// and no other compute's bar is showing; else nil.
    public static func startIfNeeded(total: Int, enabled: Bool) -> ProgressReporter? {
        guard enabled, total > 0, !ProcessWorker.isWorkerProcess else { return nil }
        let display = Self.display
        guard display != nil || isatty(2) == 1 else { return nil }
        guard terminalInUse.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return nil }
        let reporter = ProgressReporter(total: total)
        reporter.display = display
        reporter.ownsTerminal = true
        reporter.start()
        return reporter
    }

    /// Counts one finished task. Safe from any thread.
    @inline(__always) public func taskCompleted() {
        completed.wrappingAdd(1, ordering: .relaxed)
    }

    /// Tasks counted so far.
    public var completedTasks: Int { completed.load(ordering: .relaxed) }

    /// Starts the timer thread.
    public func start() {
        let thread = Thread { [self] in timerLoop() }
        thread.name = "dusk-progress"
        thread.stackSize = 256 << 10
        thread.start()
    }

    /// Stops the timer thread, waits for it and erases the bar if one was drawn.
    public func finish() {
        lock.lock()
        finished = true
        wakeup.broadcast()
        while !threadDone { wakeup.wait(lock) }
        lock.unlock()
        if ownsTerminal { Self.terminalInUse.store(false, ordering: .releasing) }
    }

    private func timerLoop() {
        let begin = monotonicSeconds()
        lock.lock()
        var next = begin + delay
        while !finished {
            let now = monotonicSeconds()
            if now < next {
                wakeup.wait(lock, seconds: next - now)
                continue
            }
            draw(bar.render(completed: completedTasks, total: total, elapsed: now - begin))
            next = now + interval
        }
        if drawnWidth > 0 {
            if let display {
                display.finish()
            } else {
                write("\r" + String(repeating: " ", count: drawnWidth) + "\r")
            }
        }
        threadDone = true
        wakeup.broadcast()
        lock.unlock()
    }

    private func draw(_ line: String) {
        if let display {
            display.update(line, drawnWidth == 0)
            drawnWidth = Swift.max(drawnWidth, line.count)
            return
        }
        let padding = String(repeating: " ", count: Swift.max(0, drawnWidth - line.count))
        write("\r" + line + padding)
        drawnWidth = Swift.max(drawnWidth, line.count)
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(output, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(output, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// A place other than the terminal that shows progress bars (the Jupyter kernel shows one
/// in the cell's output and updates it in place).
public struct ProgressDisplay: Sendable {
    /// Shows a bar's line; `isFirst` for the first line of a compute.
    public var update: @Sendable (_ line: String, _ isFirst: Bool) -> Void
    /// Removes the bar when the compute ends (finished, failed or stopped), as the
    /// terminal's is erased.
    public var finish: @Sendable () -> Void

    public init(update: @escaping @Sendable (String, Bool) -> Void, finish: @escaping @Sendable () -> Void) {
        self.update = update
        self.finish = finish
    }
}
