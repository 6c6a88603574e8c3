#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskRuntime
import Foundation
import Synchronization

/// The session's output in protocol mode: text written to standard output or standard
/// error becomes Jupyter `stream` events, `display()` becomes `display_data`,
/// `clear_output()` `clear_output`; pager text (`x?`) waits for the cell's reply.
///
/// A line goes out as soon as it is complete when none went out in the last
/// `interval`; lines that follow closer than that are gathered and sent together when the
/// interval is over, so a loop printing thousands of lines makes a few messages, not
/// thousands (IPython batches the same way). The rest of a line goes out when the session
/// flushes, and everything pending goes out before any other event, so order is kept.
final class NotebookOutput: Sendable {
    private let channel: KernelChannel
    /// The shortest time between two stream events of complete lines, in seconds.
    let interval = 0.05
    private struct Pending {
        var stream: OutputSink.Stream = .standardOutput
        var text = ""
        var lastSent = 0.0
        var flushScheduled = false
    }
    private let pending = Mutex(Pending())
    /// The running cell's pager text; IPython keeps the last one.
    private let page = Mutex<String?>(nil)
    /// Forked process-scheduler workers write without batching (Dispatch does not survive `fork`).
    private let processID = getpid()

    init(channel: KernelChannel) { self.channel = channel }

    /// The sink to give the session.
    var sink: OutputSink {
        OutputSink(write: { [self] text, stream in write(text, stream) }, flush: { [self] in flush() },
                   rich: { [self] output in show(output) })
    }

    private func show(_ output: OutputSink.RichOutput) {
        flush()
        switch output {
        case .display(let bundle):
            channel.send(event: "display_data", ["data": JSONValue(bundle), "metadata": [:]])
        case .clear(let wait):
            channel.send(event: "clear_output", ["wait": .bool(wait)])
        case .page(let text):
            page.withLock { $0 = text }
        }
    }

    /// The cell's pager text as the reply's payload (Jupyter's `page` payload), emptied for the next cell.
    func takePayload() -> JSONValue {
        guard let text = page.withLock({ page in defer { page = nil }; return page }) else { return [] }
        return [["source": "page", "data": ["text/plain": .string(text)], "start": 0]]
    }

    func write(_ text: String, _ stream: OutputSink.Stream) {
        let delay: Double? = pending.withLock { pending in
            // Text of the other stream first, so the two keep their order.
            if pending.stream != stream {
                sendAll(&pending)
                pending.stream = stream
            }
            pending.text += text
            guard pending.text.contains("\n") else { return nil }
            let wait = pending.lastSent + interval - Self.now()
            if wait <= 0 || getpid() != processID {
                sendCompleteLines(&pending)
                return nil
            }
            if pending.flushScheduled { return nil }
            pending.flushScheduled = true
            return wait
        }
        if let delay {
            DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
                pending.withLock { pending in
                    pending.flushScheduled = false
                    sendCompleteLines(&pending)
                }
            }
        }
    }

    /// Sends everything pending now, a partial line too (before a display, an error, the reply).
    func flush() {
        pending.withLock { sendAll(&$0) }
    }

    private func sendCompleteLines(_ pending: inout Pending) {
        guard let lastNewline = pending.text.lastIndex(of: "\n") else { return }
        let complete = String(pending.text[...lastNewline])
        pending.text = String(pending.text[pending.text.index(after: lastNewline)...])
        send(complete, &pending)
    }

    private func sendAll(_ pending: inout Pending) {
        guard !pending.text.isEmpty else { return }
        let text = pending.text
        pending.text = ""
        send(text, &pending)
    }

    private func send(_ text: String, _ pending: inout Pending) {
        channel.send(event: "stream", ["name": pending.stream == .standardOutput ? "stdout" : "stderr", "text": .string(text)])
        pending.lastSent = Self.now()
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
