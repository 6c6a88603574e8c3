#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Synchronization

// The C stdio streams are set up before main and never reassigned; stdio locks each
// FILE internally, so sharing the pointers between threads is safe.
private nonisolated(unsafe) let standardOutputFile = stdout
private nonisolated(unsafe) let standardErrorFile = stderr

/// Where `print`, the REPL echo and error reports go: the process's standard
/// streams, or a buffer that tests read back.
public struct OutputSink: Sendable {
    public enum Stream: Sendable { case standardOutput, standardError }

    private let writeText: @Sendable (String, Stream) -> Void
    private let flushText: @Sendable () -> Void
    private let columns: @Sendable () -> Int?
    private let richOutput: (@Sendable (RichOutput) -> Void)?

    /// What a notebook shows besides text; a terminal shows each as text (see the methods).
    public enum RichOutput: Sendable {
        /// A value's views keyed by MIME type (`display(x)`).
        case display([String: String])
        /// Text for the pager (`x?`): a notebook shows it beside the cell's output.
        case page(String)
        /// Clears the cell's output, at once or (`wait`) when the next output comes (`clear_output()`).
        case clear(wait: Bool)
    }

    /// A sink; `terminalColumns` says whether it is a terminal and how wide (nil: not one);
    /// `rich` shows rich output (a notebook's), nil writes it as text.
    public init(write: @escaping @Sendable (String, Stream) -> Void, flush: @escaping @Sendable () -> Void = {},
                terminalColumns: @escaping @Sendable () -> Int? = { nil },
                rich: (@Sendable (RichOutput) -> Void)? = nil) {
        self.writeText = write
        self.flushText = flush
        self.columns = terminalColumns
        self.richOutput = rich
    }

    public func write(_ text: String, to stream: Stream = .standardOutput) { writeText(text, stream) }
    public func flush() { flushText() }

    /// The width of the terminal standard output shows in, or nil when it is not a terminal
    /// (a pipe, a file, a test's buffer). Pictures of graphs are drawn in text there.
    public var terminalColumns: Int? { columns() }

    /// Shows a value's views keyed by MIME type (what `display(x)` shows); text: the
    /// `text/plain` view on its own line.
    public func show(_ bundle: [String: String]) {
        if let richOutput { richOutput(.display(bundle)) } else { writeText((bundle["text/plain"] ?? "") + "\n", .standardOutput) }
    }

    /// Shows help text as IPython's pager does (`x?`); text: on standard output.
    public func page(_ text: String) {
        if let richOutput { richOutput(.page(text)) } else { writeText(text.hasSuffix("\n") ? text : text + "\n", .standardOutput) }
    }

    /// Clears the output shown so far (`clear_output()`); in a terminal, as IPython's
    /// terminal does, the current line of both streams; elsewhere nothing.
    public func clear(wait: Bool) {
        if let richOutput {
            richOutput(.clear(wait: wait))
        } else if terminalColumns != nil {
            writeText("\u{1B}[2K\r", .standardOutput)
            writeText("\u{1B}[2K\r", .standardError)
        }
    }

    /// The process's stdout (buffered by C stdio) and stderr; stdout is flushed
    /// before anything goes to stderr so the two interleave in order.
    public static let standard = OutputSink(write: { text, stream in
        switch stream {
        case .standardOutput:
            fputs(text, standardOutputFile)
        case .standardError:
            fflush(standardOutputFile)
            fputs(text, standardErrorFile)
        }
    }, flush: { fflush(standardOutputFile) }, terminalColumns: {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    })

    /// A sink that records everything written, for tests.
    public static func capture() -> (OutputSink, CapturedOutput) {
        let captured = CapturedOutput()
        let sink = OutputSink(write: { text, stream in captured.append(text, stream) })
        return (sink, captured)
    }
}

/// Text written to a capturing `OutputSink`.
public final class CapturedOutput: Sendable {
    private struct Buffers { var out = ""; var err = ""; var all = "" }
    private let buffers = Mutex(Buffers())

    func append(_ text: String, _ stream: OutputSink.Stream) {
        buffers.withLock {
            if stream == .standardOutput { $0.out += text } else { $0.err += text }
            $0.all += text
        }
    }

    public var standardOutput: String { buffers.withLock { $0.out } }
    public var standardError: String { buffers.withLock { $0.err } }
    /// Both streams, interleaved in the order written.
    public var combined: String { buffers.withLock { $0.all } }

    public func clear() { buffers.withLock { $0 = Buffers() } }
}
