/// String literals: adjacent-literal concatenation and f-string replacement fields.
extension Parser.Engine {
    /// `strings: STRING+`
    ///
    /// Adjacent literals are joined (`'a' "b"` is `'ab'`). If any of them is an
    /// f-string with a replacement field, the result is an f-string whose literal
    /// parts are merged; otherwise it is a plain string.
    mutating func strings() throws(Parser.Failure) -> Expr {
        let first = current
        var parts: [FStringPart] = []
        var failed = false
        while check(.string) {
            let token = advance()
            switch token.value {
            case .string(let text):
                appendLiteral(text, to: &parts)
            case .fstring(let pieces):
                for piece in pieces {
                    switch piece {
                    case .literal(let text):
                        appendLiteral(text, to: &parts)
                    case .field(let field):
                        if let part = replacementField(field) {
                            parts.append(part)
                        } else {
                            failed = true
                        }
                    }
                }
            default:
                break
            }
        }
        if failed { throw Parser.Failure() }
        let location = span(from: first)
        let hasInterpolation = parts.contains { if case .interpolation = $0 { true } else { false } }
        if !hasInterpolation {
            var text = ""
            for case .literal(let piece) in parts { text += piece }
            return Expr(.string(text), at: location)
        }
        return Expr(.fstring(parts), at: location)
    }

    private func appendLiteral(_ text: String, to parts: inout [FStringPart]) {
        if text.isEmpty { return }
        if case .literal(let previous)? = parts.last {
            parts[parts.count - 1] = .literal(previous + text)
        } else {
            parts.append(.literal(text))
        }
    }

    /// Lexes and parses the expression of a field in place, so its locations point
    /// inside the string. Returns nil after recording diagnostics.
    private mutating func replacementField(_ field: FStringField) -> FStringPart? {
        var lexer = Lexer(file: file, scalars: scalars, range: field.expressionStart..<field.expressionEnd,
                          line: field.line, column: field.column)
        lexer.run()
        var inner = Parser.Engine(file: file, scalars: scalars, tokens: lexer.tokens, depth: depth + 1,
                                     stack: stack)
        inner.functionDepth = functionDepth
        inner.loopDepth = loopDepth
        var expression: Expr?
        do {
            let value = try inner.starExpressions()
            if inner.check(.endOfFile) {
                expression = value
            } else {
                throw inner.fail(.expected("'}' to end the f-string field", found: inner.current.description,
                                           at: inner.location(inner.current)))
            }
        } catch {
            expression = nil
        }
        for diagnostic in lexer.diagnostics { report(diagnostic) }
        for diagnostic in inner.diagnostics { report(diagnostic) }
        guard let expression, lexer.diagnostics.isEmpty else { return nil }
        return .interpolation(expression, conversion: field.conversion, formatSpec: field.formatSpec,
                              debugText: field.debugText)
    }
}
