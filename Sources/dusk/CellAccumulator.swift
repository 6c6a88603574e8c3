/// Groups REPL input lines into cells, as Python's interactive loop does.
///
/// A line that completes a statement is a cell at once. A compound statement (`if`,
/// `for`, `def`, a decorator...) keeps collecting lines until a blank line, and an open
/// bracket or string until it closes: `Parser.isIncomplete` decides both. A `%%` cell
/// magic runs to the next blank line; a `%` line magic is a cell by itself.
/// Two blank lines in a row end any cell, so a user is never stuck at `...`.
struct CellAccumulator {
    /// What adding a line produced.
    enum Step: Equatable {
        /// The cell needs more lines (show the `... ` prompt).
        case needsMore
        /// A whole cell, ready to run.
        case complete(String)
        /// Nothing to run (a blank line at the `>>> ` prompt).
        case nothing
    }

    /// Whether source text (each line ending in a newline) needs more lines.
    let isIncomplete: (String) -> Bool
    private(set) var lines: [String] = []

    init(isIncomplete: @escaping (String) -> Bool) {
        self.isIncomplete = isIncomplete
    }

    /// Whether no line of a cell has been read yet (show the `>>> ` prompt).
    var isEmpty: Bool { lines.isEmpty }

    /// Adds one input line (without its newline).
    mutating func add(_ line: String) -> Step {
        let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0C}" }
        if lines.isEmpty {
            if blank { return .nothing }
            if line.hasPrefix("%") && !line.hasPrefix("%%") { return .complete(line) }
        }
        lines.append(blank ? "" : line)
        if lines[0].hasPrefix("%%") {
            return blank ? flush() : .needsMore
        }
        let twoBlank = blank && lines.count >= 3 && lines[lines.count - 2].isEmpty
        if !twoBlank && isIncomplete(lines.joined(separator: "\n") + "\n") { return .needsMore }
        return flush()
    }

    /// At the end of input: whatever was collected, as a last cell.
    mutating func finish() -> String? {
        guard !lines.isEmpty else { return nil }
        return flush().cell
    }

    /// The indentation to offer on the next continuation line: that of the last line,
    /// four spaces more after a line ending in `:` (empty at the `>>> ` prompt, in a `%%`
    /// cell, and after a blank line).
    var nextIndentation: String {
        guard let last = lines.last, !last.isEmpty, !lines[0].hasPrefix("%%") else { return "" }
        let leading = String(last.prefix { $0 == " " || $0 == "\t" })
        let code = last.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let trimmed = code.reversed().drop { $0 == " " || $0 == "\t" }
        return trimmed.first == ":" ? leading + "    " : leading
    }

    /// Drops a partly typed cell (Ctrl-C).
    mutating func reset() {
        lines = []
    }

    /// The collected lines as one cell, without trailing blank lines.
    private mutating func flush() -> Step {
        var cellLines = lines
        while cellLines.last?.isEmpty == true { cellLines.removeLast() }
        reset()
        return .complete(cellLines.joined(separator: "\n"))
    }
}

extension CellAccumulator.Step {
    /// The cell, if this step completed one.
    var cell: String? {
        if case .complete(let text) = self { return text }
        return nil
    }
}
