import DuskRuntime
import DuskScheduler
import DuskSyntax
import Foundation
import Synchronization

/// `dusk --jupyter-protocol`: Dusk as the language end of a Jupyter kernel.
///
/// The Python package `dusk_kernel` (in `python/`) speaks ZeroMQ to Jupyter and starts
/// this mode as a child; it only relays. Requests arrive one per line on standard input
/// (`{"request": "execute", "code": ..., "execution_count": 3}`, `complete`, `inspect`,
/// `is_complete`); Dusk answers each with events (`stream`, `display_data`,
/// `update_display_data`, `clear_output`, `execute_result`, `error`, each with the content
/// of the Jupyter message of that type) and then one `reply` (the content of the Jupyter
/// reply, with a `page` payload for `x?`). The first
/// line Dusk writes is a `ready` event with the kernel info. SIGINT stops a running cell
/// (as Ctrl-C in the REPL); closing standard input ends the process.
final class JupyterKernel: Sendable {
    let channel: KernelChannel
    let output: NotebookOutput
    let session: Session
    let magics: Magics
    /// The error the running cell reported, for its reply.
    private let cellError = Mutex<ReportedError?>(nil)
    /// The display that shows the running compute's progress bar.
    private let progressDisplay = Mutex<(id: String, count: Int)>(("", 0))

    init() {
        channel = KernelChannel()
        output = NotebookOutput(channel: channel)
        // The REPL's session: built-ins of the command line, magics.
        let shell = SessionShell(argv: [""], interactive: true, output: output.sink)
        session = shell.session
        magics = shell.magics
        session.presentation = Presentation(
            showValue: { [self] value, context in
                channel.send(event: "execute_result", [
                    "data": JSONValue(session.mimeBundle(for: value, context: context)), "metadata": [:],
                ])
            },
            reportError: { [self] error in
                cellError.withLock { $0 = $0 ?? error }
                channel.send(event: "error", Self.errorContent(error))
            })
        ProgressReporter.display = ProgressDisplay(
            update: { [self] line, isFirst in showProgress(line, isFirst: isFirst) },
            finish: { [self] in showProgress("", isFirst: false) })
    }

    /// Answers requests until standard input closes; returns the exit status.
    func run() -> Int32 {
        InterruptSignal.install(onInterrupt: { Interrupt.request() })
        channel.send(event: "ready", [
            "protocol_version": "5.3",
            "implementation": "dusk",
            "implementation_version": .string(DuskVersion.number),
            "language_info": .object(Self.languageInfo),
            "banner": .string(DuskVersion.banner),
            "help_links": [],
        ])
        channel.startReading()
        while let line = channel.nextRequest() {
            guard let data = line.data(using: .utf8),
                  let request = try? JSONDecoder().decode(JSONValue.self, from: data),
                  let kind = request["request"]?.string
            else {
                reply(["status": "error", "ename": "ProtocolError", "evalue": .string("not a request: \(line.prefix(80))"),
                       "traceback": []])
                continue
            }
            switch kind {
            case "execute": execute(request)
            case "complete": reply(KernelLanguage(session: session).complete(request))
            case "inspect": reply(KernelLanguage(session: session).inspect(request))
            case "is_complete": reply(KernelLanguage.isComplete(request["code"]?.string ?? ""))
            default:
                reply(["status": "error", "ename": "ProtocolError", "evalue": .string("unknown request '\(kind)'"),
                       "traceback": []])
            }
        }
        return 0
    }

    /// What `kernel_info` tells Jupyter about the language (also written in the kernelspec).
    static let languageInfo: [String: JSONValue] = [
        "name": "dusk",
        "version": .string(DuskVersion.number),
        "mimetype": "text/x-dusk",
        "file_extension": ".dsk",
        "pygments_lexer": "python",
        "codemirror_mode": "python",
        "nbconvert_exporter": "script",
    ]

    private func reply(_ content: [String: JSONValue]) {
        channel.send(event: "reply", content)
    }

    /// Runs a cell: its output streams while it runs, then its value (if the last statement
    /// is an expression), then the reply.
    private func execute(_ request: JSONValue) {
        let code = request["code"]?.string ?? ""
        let silent = request["silent"]?.bool ?? false
        let name = request["execution_count"]?.int.map { "In[\($0)]" } ?? "<cell>"
        channel.setMuted(silent)
        cellError.withLock { $0 = nil }
        Interrupt.reset()
        InterruptSignal.consume()
        if !silent { magics.recordInput(code) }
        let result = InterruptSignal.whileRunningCode { session.runCell(code, name: name) }
        output.flush()
        let payload = output.takePayload()
        Interrupt.reset()
        InterruptSignal.consume()
        channel.setMuted(false)

        if let status = result.exitStatus, status != 0 {
            let error = ReportedError(typeName: "SystemExit", message: String(status), diagnostics: [])
            if !silent { channel.send(event: "error", Self.errorContent(error)) }
            reply(["status": "error"].merging(Self.errorContent(error)) { $1 })
        } else if result.succeeded || result.exitStatus == 0 {
            reply(["status": "ok", "user_expressions": [:], "payload": payload])
        } else {
            let error = cellError.withLock { $0 } ?? ReportedError(typeName: "Error", diagnostics: result.diagnostics)
            reply(["status": "error"].merging(Self.errorContent(error)) { $1 })
        }
    }

    /// An error's Jupyter content: the type, the message, and Dusk's report (location,
    /// source line, caret, traceback) as the traceback lines.
    static func errorContent(_ error: ReportedError) -> [String: JSONValue] {
        let text = error.diagnostics.isEmpty ? "\(error.typeName): \(error.message)" : error.rendered
        return [
            "ename": .string(error.typeName),
            "evalue": .string(error.message),
            "traceback": JSONValue(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)),
        ]
    }

    /// The progress bar as a display in the cell's output, updated in place (and emptied
    /// when the compute ends, as the terminal's bar is erased).
    private func showProgress(_ line: String, isFirst: Bool) {
        output.flush()
        let (id, isNew): (String, Bool) = progressDisplay.withLock { state in
            if isFirst || state.id.isEmpty {
                state.count += 1
                state.id = "dusk-progress-\(getpid())-\(state.count)"
                return (state.id, true)
            }
            return (state.id, false)
        }
        channel.send(event: isNew ? "display_data" : "update_display_data", [
            "data": ["text/plain": .string(line)], "metadata": [:], "transient": ["display_id": .string(id)],
        ])
    }
}
