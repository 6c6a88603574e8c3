/// The entry points other modules use. The parser helper implements these.
///
/// - `Parser.parse(_:)` parses a whole file or cell; it recovers after an error
///   (synchronizing at the next statement) so one run reports every syntax error.
/// - `Parser.isIncomplete(_:)` tells the REPL whether a cell needs more lines.
public enum ParseOutcome: Sendable {
    case success(Module)
    case failure([Diagnostic])
}

/// The Dusk parser: source text to `Module` or `Expr`, with every syntax error.
///
/// A recursive-descent parser with one method per grammar rule (see
/// `grammar/dusk.ebnf`), split by category: `Parser+Statements.swift`,
/// `Parser+CompoundStatements.swift`, `Parser+Expressions.swift`,
/// `Parser+Atoms.swift`, `Parser+Literals.swift` (strings and f-strings).
public enum Parser {
    /// How deeply expressions may nest (brackets, unary operators, `**`, lambdas,
    /// conditionals) before the parser gives up with a diagnostic instead of
    /// risking the stack.
    public static let maximumNestingDepth = 200

    /// Parses a file or REPL cell; on failure returns every diagnostic found, in source order.
    ///
    /// - Complexity: O(n) in the length of the source.
    public static func parse(_ file: SourceFile) -> ParseOutcome {
        let lexed = Lexer.tokenize(file)
        var engine = Engine(file: file, scalars: lexed.scalars, tokens: lexed.tokens)
        let body = engine.parseModule()
        var parserDiagnostics = engine.diagnostics
        if let cutoff = lexed.incompleteLocation {
            // The input stopped inside a string or after a backslash: later complaints are consequences.
            parserDiagnostics.removeAll { d in
                guard let l = d.location else { return false }
                return (l.line, l.column) >= (cutoff.line, cutoff.column)
            }
        }
        let diagnostics = sorted(lexed.diagnostics + parserDiagnostics)
        return diagnostics.isEmpty ? .success(Module(body: body, file: file)) : .failure(diagnostics)
    }

    /// Parses a single expression (a tuple if it has top-level commas); newlines and
    /// indentation inside the text are ignored. Returns the first error on failure.
    public static func parseExpression(_ file: SourceFile) -> Result<Expr, Diagnostic> {
        let scalars = Array(file.text.unicodeScalars)
        var lexer = Lexer(file: file, scalars: scalars, range: 0..<scalars.count, line: 1, column: 1)
        lexer.run()
        var engine = Engine(file: file, scalars: scalars, tokens: lexer.tokens)
        let expression = engine.parseStandaloneExpression()
        let diagnostics = sorted(lexer.diagnostics + engine.diagnostics)
        if let first = diagnostics.first { return .failure(first) }
        guard let expression else {
            return .failure(.expectedExpressionAtEnd(at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return .success(expression)
    }

    /// True when the REPL should read another line before running `text`.
    ///
    /// That is when the text ends inside brackets, inside a triple-quoted string or
    /// after a trailing backslash; when a block header still needs its body; or when
    /// the cell holds a compound statement (`if`, `for`, `def`, ...) that has not yet
    /// been ended by a blank line. A single trailing newline is not a blank line:
    /// `"if x:\n    y\n"` is incomplete, `"if x:\n    y\n\n"` is complete.
    /// False for complete input and for input with a real syntax error, so the
    /// REPL reports the error instead of waiting for more.
    public static func isIncomplete(_ text: String) -> Bool {
        let file = SourceFile(name: "<input>", text: text)
        let lexed = Lexer.tokenize(file)
        var engine = Engine(file: file, scalars: lexed.scalars, tokens: lexed.tokens)
        let body = engine.parseModule()
        let realLexerErrors = lexed.diagnostics.count - lexed.incompleteDiagnosticCount
        if realLexerErrors > 0 || engine.realErrorCount > 0 { return false }
        if lexed.endsInsideConstruct { return true }
        let endedByBlankLine = Parser.endsWithBlankLine(text)
        if engine.incompleteErrorCount > 0 { return !endedByBlankLine }
        let hasCompoundStatement = body.contains { $0.isCompound }
        return hasCompoundStatement && !endedByBlankLine
    }

    /// The keywords of the language, for tab completion.
    public static let keywords: [String] = Keyword.allCases.map(\.rawValue)

    /// Whether the last line (ignoring one trailing newline) is blank.
    static func endsWithBlankLine(_ text: String) -> Bool {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count > 1, let last = lines.last else { return false }
        return last.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let la = a.element.location, lb = b.element.location
            let ka = (la?.line ?? 0, la?.column ?? 0), kb = (lb?.line ?? 0, lb?.column ?? 0)
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }
}

extension Stmt {
    /// `if`, `for`, `while`, `def`, `try`, `with`: statements that own a block.
    var isCompound: Bool {
        switch kind {
        case .if, .for, .while, .functionDef, .try, .with: true
        default: false
        }
    }
}

extension ParseOutcome {
    /// The module, if parsing succeeded.
    public var module: Module? {
        if case .success(let module) = self { return module }
        return nil
    }

    /// The diagnostics (empty on success).
    public var diagnostics: [Diagnostic] {
        if case .failure(let diagnostics) = self { return diagnostics }
        return []
    }
}
