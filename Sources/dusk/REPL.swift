#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read-eval-print loop: prompts, multi-line cells, and running them in a session.
///
/// The same loop serves a terminal (readline, banner, `>>> `/`... ` prompts) and a pipe
/// (plain reads, no prompts), so scripted sessions behave like typed ones.
final class REPL {
    let session: any ShellSession
    let reader: any LineReader

    init(session: any ShellSession, reader: any LineReader) {
        self.session = session
        self.reader = reader
    }

    static let primaryPrompt = ">>> "
    static let continuationPrompt = "... "
    /// The name cells carry in diagnostics (`<stdin>:1:5: error: ...`).
    static let cellName = "<stdin>"

    /// Whether continuation lines start indented like the block they are in (on a
    /// terminal; `DUSK_AUTOINDENT=0` turns it off, for pasting line by line).
    var autoIndent: Bool {
        reader.isInteractive && getenv("DUSK_AUTOINDENT").map { String(cString: $0) } != "0"
    }

    /// Runs until end of input; returns the exit status (1 when a piped session had an error).
    func run(showBanner: Bool) -> Int32 {
        if showBanner && reader.isInteractive { print(DuskVersion.banner) }
        if reader.isInteractive {
            let asker = UncheckedSendable(reader)
            session.setConfirmation { question in
                guard case .line(let answer) = asker.value.readLine(prompt: question) else { return false }
                let word = answer.trimmingWhitespace().lowercased()
                return word == "y" || word == "yes"
            }
        }
        var accumulator = CellAccumulator(isIncomplete: session.needsMoreInput)
        var failed = false
        reading: while true {
            let prompt = accumulator.isEmpty ? Self.primaryPrompt : Self.continuationPrompt
            let indentation = autoIndent ? accumulator.nextIndentation : ""
            switch reader.readLine(prompt: prompt, indentation: indentation) {
            case .interrupt:
                accumulator.reset()
            case .endOfInput:
                if let cell = accumulator.finish(), execute(cell) != .success { failed = true }
                break reading
            case .line(let text):
                reader.remember(text)
                // A paste can bring several lines at once.
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    guard case .complete(let cell) = accumulator.add(String(line)) else { continue }
                    if execute(cell) != .success { failed = true }
                }
            }
        }
        reader.close()
        return failed && !reader.isInteractive ? 1 : 0
    }

    private func execute(_ cell: String) -> RunOutcome {
        session.clearInterrupt()
        InterruptSignal.consume()
        let outcome = InterruptSignal.whileRunningCode { session.runCell(cell, name: Self.cellName) }
        session.clearInterrupt()
        InterruptSignal.consume()
        return outcome
    }
}

/// Hands a main-thread object to code that runs while the main thread waits for it
/// (a magic asking a question on the interpreter thread).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
