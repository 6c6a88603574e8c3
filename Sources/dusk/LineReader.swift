/// What one read from the user produced.
enum LineInput: Equatable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C at the prompt: abandon the input being typed.
    case interrupt
    /// End of input (Ctrl-D on an empty line, or the end of a pipe).
    case endOfInput
}

/// Where the REPL gets its lines: readline on a terminal, plain reads from a pipe.
protocol LineReader: AnyObject {
    /// Whether prompts, the banner and history are shown (a terminal).
    var isInteractive: Bool { get }
    /// Reads one line, showing `prompt` if interactive; `indentation` is typed in for the
    /// user (auto-indent of a block), who can delete it.
    func readLine(prompt: String, indentation: String) -> LineInput
    /// Records a line in the persistent history.
    func remember(_ line: String)
    /// Writes out anything pending (history) before exit.
    func close()
}

/// Reads lines from standard input with no prompt, for a REPL driven through a pipe.
final class PlainLineReader: LineReader {
    var isInteractive: Bool { false }

    func readLine(prompt: String, indentation: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    func remember(_ line: String) {}
    func close() {}
}

extension LineReader {
    /// Reads one line without auto-indent.
    func readLine(prompt: String) -> LineInput { readLine(prompt: prompt, indentation: "") }
}
