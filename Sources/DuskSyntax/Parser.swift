extension Parser {
    /// Thrown by a rule after it has recorded a diagnostic; caught at the statement
    /// level, which then synchronizes at the next statement boundary.
    struct Failure: Error {}

    /// The state of one parse: the token stream, the position, the diagnostics and
    /// the context (inside a function? a loop?) that some rules check.
    struct Engine {
        let file: SourceFile
        let scalars: [Unicode.Scalar]
        let tokens: [Token]
        var position = 0
        var diagnostics: [Diagnostic] = []
        /// `line:column` of every diagnostic so far (packed), to drop repeats at one place.
        private var reportedPositions: Set<Int> = []
        /// Errors that only say the input stopped too early (used by `isIncomplete`).
        var incompleteErrorCount = 0
        var realErrorCount = 0

        /// Current expression nesting (see `Parser.maximumNestingDepth`).
        var depth = 0
        var functionDepth = 0
        var loopDepth = 0
        /// Brackets being parsed, innermost last (to explain a bracket left open).
        var openBrackets: [Token] = []

        /// Stops recursion before the thread's stack runs out.
        let stack: StackGuard

        init(file: SourceFile, scalars: [Unicode.Scalar], tokens: [Token], depth: Int = 0,
             stack: StackGuard = StackGuard()) {
            self.file = file
            self.scalars = scalars
            self.tokens = tokens
            self.depth = depth
            self.stack = stack
        }

        // MARK: - Entry points

        /// `file: statement* ENDMARKER`
        mutating func parseModule() -> [Stmt] {
            var body: [Stmt] = []
            while !check(.endOfFile) {
                body += statementRecovering()
            }
            return body
        }

        /// An expression, then the end of input.
        mutating func parseStandaloneExpression() -> Expr? {
            do {
                let expression = try starExpressions()
                if !check(.endOfFile) {
                    throw fail(.expectedEndOfStatement(found: current.description, at: location(current)))
                }
                return expression
            } catch {
                return nil
            }
        }

        // MARK: - Token stream

        var current: Token { tokens[position] }

        func peek(_ offset: Int) -> Token {
            tokens[min(position + offset, tokens.count - 1)]
        }

        /// The most recently consumed token.
        var previous: Token { tokens[max(0, position - 1)] }

        @inline(__always)
        func check(_ kind: TokenKind) -> Bool { tokens[position].kind == kind }

        @inline(__always)
        func check(_ keyword: Keyword) -> Bool { tokens[position].kind == .keyword(keyword) }

        @discardableResult
        mutating func advance() -> Token {
            let token = tokens[position]
            if token.kind != .endOfFile { position += 1 }
            return token
        }

        mutating func match(_ kind: TokenKind) -> Bool {
            if check(kind) { advance(); return true }
            return false
        }

        mutating func match(_ keyword: Keyword) -> Bool {
            if check(keyword) { advance(); return true }
            return false
        }

        /// Consumes a token of `kind` or fails with "expected `what`, found ...".
        @discardableResult
        mutating func expect(_ kind: TokenKind, _ what: String) throws(Failure) -> Token {
            if check(kind) { return advance() }
            throw fail(.expected(what, found: current.description, at: location(current)))
        }

        mutating func expectName(_ what: String) throws(Failure) -> Token {
            if check(.name) { return advance() }
            throw fail(.expected(what, found: current.description, at: location(current)))
        }

        /// Consumes the closing bracket matching `open`, or explains which bracket is unclosed.
        @discardableResult
        mutating func expectClosing(_ kind: TokenKind, for open: Token) throws(Failure) -> Token {
            if check(kind) { return advance() }
            if current.atEndOfInput { throw fail(.neverClosed(open.text, at: location(open))) }
            let close = kind == .rightParen ? ")" : kind == .rightBracket ? "]" : "}"
            throw fail(.expectedClosing(close, toClose: open.text, openedAt: location(open), at: location(current)))
        }

        mutating func expectColon(after what: String) throws(Failure) {
            if match(.colon) { return }
            throw fail(.expectedColon(after: what, at: location(current)))
        }

        // MARK: - Locations

        func location(_ token: Token) -> SourceLocation { token.location(in: file) }

        /// From the start of `first` to the end of the last consumed token (clipped to one line).
        func span(from first: Token) -> SourceLocation {
            let last = previous
            let length: Int
            if last.endLine == first.line && position > 0 {
                length = last.endColumn - first.column
            } else {
                length = file.line(first.line).unicodeScalars.count - first.column + 1
            }
            return SourceLocation(file: file, line: first.line, column: first.column, length: max(1, length))
        }

        // MARK: - Errors

        /// Records a diagnostic found at the current token and returns the failure to throw.
        /// An `.error` token was already reported by the lexer, so nothing is added for it.
        mutating func fail(_ diagnostic: Diagnostic) -> Failure {
            if current.kind != .error {
                report(diagnostic, atEndOfInput: current.atEndOfInput)
            }
            return Failure()
        }

        /// Records a diagnostic that does not stop parsing (for example `break` outside a loop).
        mutating func report(_ diagnostic: Diagnostic, atEndOfInput: Bool = false) {
            // A second error at the same place is nearly always a consequence of the first.
            if let location = diagnostic.location {
                let position = location.line &* 1_000_003 &+ location.column
                if reportedPositions.contains(position) { return }
                reportedPositions.insert(position)
            }
            diagnostics.append(diagnostic)
            if atEndOfInput { incompleteErrorCount += 1 } else { realErrorCount += 1 }
        }

        /// Counts one more level of expression nesting; fails past the limit.
        /// Callers pair it with `defer { depth -= 1 }` right after.
        mutating func enterNesting() throws(Failure) {
            if depth >= Parser.maximumNestingDepth || stack.isLow {
                throw fail(.nestedTooDeeply(at: location(current)))
            }
            depth += 1
        }

        /// Skips to the start of the next statement after an error.
        ///
        /// Skips past the end of the current line; if an indented block follows (the
        /// body of a broken header), it is parsed for its own errors and dropped.
        mutating func synchronize() {
            while true {
                switch current.kind {
                case .endOfFile, .dedent:
                    return
                case .newline:
                    advance()
                    skipIndentedBlock()
                    return
                case .indent:
                    skipIndentedBlock()
                    return
                default:
                    advance()
                }
            }
        }

        /// Parses and drops an indented block, reporting the errors inside it.
        ///
        /// The header was broken, so it is unknown whether this is a function or a
        /// loop body: `return`, `break` and `continue` are accepted inside.
        mutating func skipIndentedBlock() {
            guard match(.indent) else { return }
            functionDepth += 1
            loopDepth += 1
            defer {
                functionDepth -= 1
                loopDepth -= 1
            }
            while !check(.dedent) && !check(.endOfFile) {
                _ = statementRecovering()
            }
            _ = match(.dedent)
        }
    }
}
