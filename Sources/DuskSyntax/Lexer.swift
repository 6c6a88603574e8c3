/// Turns source text into tokens, Python style.
///
/// Layout becomes tokens: a NEWLINE ends each logical line, INDENT and DEDENT
/// bracket each indented block. Lines are joined implicitly inside brackets and
/// explicitly by a trailing backslash; blank and comment-only lines produce nothing.
/// A tab advances the indentation width to the next multiple of 8.
///
/// The lexer never stops at an error: it records a diagnostic, emits an `.error`
/// token (or a best-effort literal) and goes on, so the parser can report more.
///
/// - Complexity: O(n) in the length of the source.
struct Lexer {
    /// The maximum depth of indented blocks (as in CPython).
    static let maximumIndentationDepth = 100

    let file: SourceFile
    let scalars: [Unicode.Scalar]
    var index: Int
    let endIndex: Int
    var line: Int
    var column: Int
    /// Lexing an f-string replacement field: newlines are plain whitespace, no layout tokens.
    let embedded: Bool

    private(set) var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    /// Set when the input stops inside brackets, a triple-quoted string or after a backslash.
    var endsInsideConstruct = false
    /// How many diagnostics only say that the input stopped too early.
    var incompleteDiagnosticCount = 0
    /// Where the first such diagnostic points; parser errors after it are consequences.
    var incompleteLocation: SourceLocation?

    /// How many f-strings the scanner is inside (nested in replacement fields).
    var fStringDepth = 0
    /// Set when f-strings nest past the limit: every level stops scanning at once.
    var nestingOverflow = false
    /// The deepest f-string nesting scanned (an f-string in a field of an f-string ...).
    static let maximumFStringNesting = 50

    private var indentStack: [Int] = [0]
    /// The same indentation measured with tabs as one column: when comparing lines
    /// gives a different answer than `indentStack`, tabs and spaces are mixed ambiguously.
    private var alternateIndentStack: [Int] = [0]
    private var bracketDepth = 0
    private var lineHasTokens = false
    /// Inside brackets, at the first token of a new physical line (for recovery).
    private var atBracketedLineStart: Mark?
    private var reportedDeepIndentation = false

    /// A lexer over the whole of `file`.
    init(file: SourceFile, scalars: [Unicode.Scalar]) {
        self.file = file
        self.scalars = scalars
        self.index = 0
        self.endIndex = scalars.count
        self.line = 1
        self.column = 1
        self.embedded = false
    }

    /// A lexer over `range` of the file's scalars (an f-string field), starting at `line:column`.
    init(file: SourceFile, scalars: [Unicode.Scalar], range: Range<Int>, line: Int, column: Int) {
        self.file = file
        self.scalars = scalars
        self.index = range.lowerBound
        self.endIndex = range.upperBound
        self.line = line
        self.column = column
        self.embedded = true
    }

    /// Lexes everything; the token list always ends with `.endOfFile`.
    static func tokenize(_ file: SourceFile) -> Lexer {
        var lexer = Lexer(file: file, scalars: Array(file.text.unicodeScalars))
        lexer.run()
        return lexer
    }

    // MARK: - Main loop

    mutating func run() {
        // A byte-order mark at the start of a file is not part of the program.
        if !embedded && index == 0 && peek() == "\u{FEFF}" { advance() }
        var atLineStart = !embedded
        while true {
            if atLineStart {
                atLineStart = false
                if !measureIndentation() { break }
            }
            skipWhitespaceAndComments()
            guard let c = peek() else { break }
            if c == "\n" {
                if bracketDepth == 0 && !embedded {
                    if lineHasTokens { emitLayout(.newline, length: 1) }
                    advance()
                    atLineStart = true
                } else {
                    advance()
                    if !embedded { atBracketedLineStart = mark() }
                }
                continue
            }
            if let lineStart = atBracketedLineStart {
                atBracketedLineStart = nil
                if startsStatementOnly() {
                    // A line inside brackets that starts with `def`, `return`, ... means a
                    // bracket was never closed: end the logical line here so the parser
                    // reports the bracket and the following statements parse normally.
                    bracketDepth = 0
                    if let last = tokens.last {
                        // The line end goes right after the last token, where ')' was expected.
                        tokens.append(Token(kind: .newline, text: "", start: last.end, end: last.end,
                                            line: last.endLine, column: last.endColumn,
                                            endLine: last.endLine, endColumn: last.endColumn + 1))
                        lineHasTokens = false
                    }
                    reset(to: lineStart)
                    atLineStart = true
                    continue
                }
            }
            scanToken(c)
        }
        finish()
    }

    /// Emits the closing NEWLINE, DEDENTs and the end-of-file token.
    private mutating func finish() {
        if !embedded {
            if bracketDepth > 0 { endsInsideConstruct = true }
            if lineHasTokens { emitLayout(.newline, length: 1, atEnd: endsInsideConstruct) }
            while indentStack.count > 1 {
                indentStack.removeLast()
                emitLayout(.dedent, length: 1, atEnd: true)
            }
        }
        emitLayout(.endOfFile, length: 1, atEnd: true)
    }

    // MARK: - Indentation

    /// Skips blank and comment-only lines, then compares the indentation of the next
    /// line with the stack and emits INDENT or DEDENTs. Returns false at end of input.
    private mutating func measureIndentation() -> Bool {
        while true {
            var width = 0
            var alternateWidth = 0
            let lineStart = index
            while let c = peek() {
                if c == " " {
                    width += 1
                    alternateWidth += 1
                } else if c == "\t" {
                    width = (width / 8 + 1) * 8
                    alternateWidth += 1
                } else if c == "\u{0C}" {
                    width = 0
                    alternateWidth = 0
                } else {
                    break
                }
                advance()
            }
            guard let c = peek() else { return false }
            if c == "#" {
                while let d = peek(), d != "\n" { advance() }
            }
            if let d = peek(), d == "\n" || (d == "\r" && peek(1) == "\n") {
                if d == "\r" { advance() }
                advance()
                continue
            }
            guard peek() != nil else { return false }
            adjustIndentation(to: width, alternateWidth: alternateWidth, indentationLength: index - lineStart)
            return true
        }
    }

    private mutating func adjustIndentation(to width: Int, alternateWidth: Int, indentationLength: Int) {
        let top = indentStack[indentStack.count - 1]
        let alternateTop = alternateIndentStack[alternateIndentStack.count - 1]
        if (width > top) != (alternateWidth > alternateTop) || (width == top) != (alternateWidth == alternateTop) {
            diagnostics.append(.inconsistentTabs(at: SourceLocation(file: file, line: line, column: 1,
                                                                    length: max(1, indentationLength))))
        }
        if width > top {
            if indentStack.count > Lexer.maximumIndentationDepth {
                if !reportedDeepIndentation {
                    reportedDeepIndentation = true
                    diagnostics.append(.tooManyIndentationLevels(at: here(length: 1)))
                }
                return
            }
            indentStack.append(width)
            alternateIndentStack.append(alternateWidth)
            let location = Token(kind: .indent, text: "", start: index - indentationLength, end: index,
                                 line: line, column: 1, endLine: line, endColumn: max(2, column))
            tokens.append(location)
        } else if width < top {
            while indentStack.count > 1 && indentStack[indentStack.count - 1] > width {
                indentStack.removeLast()
                alternateIndentStack.removeLast()
                emitLayout(.dedent, length: 1)
            }
            if indentStack[indentStack.count - 1] != width {
                diagnostics.append(.unindentMismatch(at: SourceLocation(file: file, line: line, column: 1, length: max(1, column - 1))))
            }
        }
    }

    // MARK: - Whitespace

    private mutating func skipWhitespaceAndComments() {
        while let c = peek() {
            switch c {
            case " ", "\t", "\u{0C}", "\r":
                advance()
            case "#":
                while let d = peek(), d != "\n" { advance() }
            case "\\":
                // Explicit line joining: a backslash must be the last character of the line.
                var next = 1
                if peek(next) == "\r" { next += 1 }
                if peek(next) == "\n" {
                    for _ in 0...next { advance() }
                } else if peek(next) == nil {
                    reportIncomplete(.backslashAtEndOfInput(at: here(length: 1)))
                    advance()
                } else {
                    return
                }
            default:
                return
            }
        }
    }

    // MARK: - Tokens

    private mutating func scanToken(_ c: Unicode.Scalar) {
        if c.isIdentifierStart {
            scanNameOrPrefixedString()
        } else if c.isASCIIDigit || (c == "." && (peek(1)?.isASCIIDigit ?? false)) {
            scanNumber()
        } else if c == "'" || c == "\"" {
            scanString(prefix: "")
        } else {
            scanOperator(c)
        }
    }

    private mutating func scanNameOrPrefixedString() {
        let start = mark()
        while let c = peek(), c.isIdentifierContinue { advance() }
        let text = self.text(from: start)
        if let q = peek(), q == "'" || q == "\"", Lexer.stringPrefixes.contains(text.lowercased()) {
            reset(to: start)
            scanString(prefix: text)
            return
        }
        if let keyword = Keyword.named(text) {
            emit(.keyword(keyword), from: start)
        } else {
            emit(.name, from: start)
        }
    }

    /// Keywords that can only start a statement, never appear inside brackets.
    static let statementOnlyKeywords: Set<String> = [
        "def", "class", "return", "import", "pass", "break", "continue", "del", "assert",
        "global", "nonlocal", "raise", "try", "except", "finally", "with", "while", "elif",
    ]

    /// Whether the word at the current position is a statement-only keyword.
    private func startsStatementOnly() -> Bool {
        guard let c = peek(), c.isIdentifierStart else { return false }
        var end = index
        while end < endIndex, scalars[end].isIdentifierContinue { end += 1 }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: scalars[index..<end])
        return Lexer.statementOnlyKeywords.contains(String(word))
    }

    static let stringPrefixes: Set<String> = ["r", "u", "f", "b", "rb", "br", "fr", "rf"]

    // MARK: - Helpers

    struct Mark { var index: Int; var line: Int; var column: Int }

    func mark() -> Mark { Mark(index: index, line: line, column: column) }

    mutating func reset(to mark: Mark) {
        index = mark.index; line = mark.line; column = mark.column
    }

    @inline(__always)
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let i = index + offset
        return i < endIndex ? scalars[i] : nil
    }

    @inline(__always)
    mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// The source text from `mark` to the current position.
    func text(from mark: Mark) -> String {
        let range = mark.index..<index
        if scalars[range].allSatisfy({ $0.isASCII }) {
            // Fast path: most tokens are ASCII, and short ones need no allocation.
            return String(unsafeUninitializedCapacity: range.count) { buffer in
                for (offset, i) in range.enumerated() { buffer[offset] = UInt8(truncatingIfNeeded: scalars[i].value) }
                return range.count
            }
        }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[range])
        return String(s)
    }

    /// A location at the current position.
    func here(length: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column, length: length)
    }

    /// A location from `mark` to the current position (clipped to the first line).
    func location(from mark: Mark) -> SourceLocation {
        let length = line == mark.line ? column - mark.column : lineLength(mark.line) - mark.column + 1
        return SourceLocation(file: file, line: mark.line, column: mark.column, length: length)
    }

    func lineLength(_ number: Int) -> Int { file.line(number).unicodeScalars.count }

    mutating func emit(_ kind: TokenKind, from mark: Mark, value: TokenValue = .none) {
        tokens.append(Token(kind: kind, text: text(from: mark), value: value, start: mark.index, end: index,
                            line: mark.line, column: mark.column, endLine: line, endColumn: column))
        lineHasTokens = true
    }

    private mutating func emitLayout(_ kind: TokenKind, length: Int, atEnd: Bool = false) {
        tokens.append(Token(kind: kind, text: "", start: index, end: index, line: line, column: column,
                            endLine: line, endColumn: column + length, atEndOfInput: atEnd))
        if kind == .newline { lineHasTokens = false }
    }

    /// Records a diagnostic that only says the input stopped inside a construct.
    mutating func reportIncomplete(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        endsInsideConstruct = true
        incompleteDiagnosticCount += 1
        if incompleteLocation == nil { incompleteLocation = diagnostic.location }
    }

    /// Bracket bookkeeping for implicit line joining (matching is the parser's job).
    mutating func openBracket() { bracketDepth += 1 }
    mutating func closeBracket() { if bracketDepth > 0 { bracketDepth -= 1 } }
}

extension Unicode.Scalar {
    /// `_` or a letter (Unicode XID_Start), with an ASCII fast path.
    @inline(__always)
    var isIdentifierStart: Bool {
        if value < 128 {
            return (value >= 97 && value <= 122) || (value >= 65 && value <= 90) || value == 95
        }
        return properties.isXIDStart
    }

    /// A character that may continue a name (Unicode XID_Continue), with an ASCII fast path.
    @inline(__always)
    var isIdentifierContinue: Bool {
        if value < 128 {
            return (value >= 97 && value <= 122) || (value >= 65 && value <= 90) || value == 95
                || (value >= 48 && value <= 57)
        }
        return properties.isXIDContinue
    }

    var isASCIIDigit: Bool { value >= 48 && value <= 57 }
    var isHexDigit: Bool {
        isASCIIDigit || (value >= 65 && value <= 70) || (value >= 97 && value <= 102)
    }
}
