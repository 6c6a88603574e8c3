/// Replacement fields of f-strings: `{expr}`, `{expr!r}`, `{expr:.3f}`, `{expr = }`.
///
/// The lexer only finds where the expression text is (tracking brackets and nested
/// strings so a `:` or `!` inside them does not end it); the parser lexes and parses
/// that text later with a lexer positioned inside the string, so locations are exact.
extension Lexer {
    /// Scans a field starting at its `{`; returns nil after reporting an error.
    mutating func scanReplacementField(_ shape: StringShape) -> FStringField? {
        let open = mark()
        advance() // {
        let exprStart = mark()
        var depth = 0
        var exprEnd: Int?
        var debugText: String?
        var conversion: Character?
        var formatSpec: String?

        // The expression, up to `!`, `:`, `=` or `}` at depth 0.
        scan: while true {
            guard let c = peek(), c != "\n" || shape.triple else {
                diagnostics.append(.fStringExpectedCloseBrace(at: location(from: open)))
                return nil
            }
            if c == shape.quote && !shape.triple && depth == 0 {
                diagnostics.append(.fStringExpectedCloseBrace(at: location(from: open)))
                return nil
            }
            switch c {
            case "(", "[", "{":
                depth += 1
            case ")", "]":
                depth = max(0, depth - 1)
            case "}":
                if depth == 0 { exprEnd = index; break scan }
                depth -= 1
            case "'", "\"":
                if !skipNestedString(in: shape) { return nil }
                continue scan
            case "#":
                diagnostics.append(.fStringComment(at: here(length: 1)))
                skipRestOfField(shape)
                return nil
            case "!" where depth == 0 && peek(1) != "=":
                exprEnd = index
                break scan
            case ":" where depth == 0:
                exprEnd = index
                break scan
            case "=" where depth == 0 && peek(1) != "=" && !"=!<>".unicodeScalars.contains(scalars[index - 1]):
                let equalIndex = index
                advance()
                while let w = peek(), w == " " || w == "\t" { advance() }
                debugText = text(from: exprStart)
                exprEnd = equalIndex
                break scan
            default:
                break
            }
            advance()
        }
        let end = exprEnd ?? index
        if scalars[exprStart.index..<end].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
            diagnostics.append(.fStringEmptyExpression(at: location(from: open)))
            skipRestOfField(shape)
            return nil
        }

        if peek() == "!" {
            let bang = mark()
            advance()
            if let c = peek(), c == "r" || c == "s" || c == "a" {
                conversion = Character(c)
                advance()
            } else {
                let found = peek().map { String($0) } ?? ""
                diagnostics.append(.fStringInvalidConversion(found, at: location(from: bang)))
                skipRestOfField(shape)
                return nil
            }
        }
        if peek() == ":" {
            advance()
            guard let spec = scanFormatSpec(shape) else { return nil }
            formatSpec = spec
        }
        guard peek() == "}" else {
            diagnostics.append(.fStringExpectedCloseBrace(at: location(from: open)))
            skipRestOfField(shape)
            return nil
        }
        advance()
        return FStringField(expressionStart: exprStart.index, expressionEnd: end, line: exprStart.line,
                            column: exprStart.column, conversion: conversion, formatSpec: formatSpec,
                            debugText: debugText)
    }

    /// Skips a string literal inside a field's expression; false if it is unterminated.
    private mutating func skipNestedString(in shape: StringShape) -> Bool {
        let start = mark()
        let q = peek()!
        let triple = peek(1) == q && peek(2) == q
        for _ in 0..<(triple ? 3 : 1) { advance() }
        while let c = peek() {
            if c == "\n" && !triple && !shape.triple { break }
            if c == "\\" {
                advance()
                if peek() != nil { advance() }
                continue
            }
            if c == q && (!triple || (peek(1) == q && peek(2) == q)) {
                for _ in 0..<(triple ? 3 : 1) { advance() }
                return true
            }
            advance()
        }
        diagnostics.append(.unterminatedString(at: location(from: start)))
        return false
    }

    /// The format spec after `:`, up to the closing `}` (not consumed). Escapes are
    /// processed as in the literal parts; nested `{...}` fields are not supported.
    private mutating func scanFormatSpec(_ shape: StringShape) -> String? {
        var spec = String.UnicodeScalarView()
        while let c = peek() {
            if c == "}" { return String(spec) }
            if c == "\n" && !shape.triple { break }
            if c == shape.quote && !shape.triple { break }
            if c == "{" {
                diagnostics.append(.fStringNestedFormatField(at: here(length: 1)))
                skipRestOfField(shape)
                return nil
            }
            if c == "\\" && !shape.raw {
                scanEscape(into: &spec)
                continue
            }
            spec.append(c)
            advance()
        }
        diagnostics.append(.fStringExpectedCloseBrace(at: here(length: 1)))
        return nil
    }

    /// After an error inside a field: skip to its closing `}` (or the end of the string).
    private mutating func skipRestOfField(_ shape: StringShape) {
        var depth = 0
        while let c = peek() {
            if c == "\n" && !shape.triple { return }
            if c == shape.quote { return }
            if c == "{" { depth += 1 }
            if c == "}" {
                if depth == 0 { advance(); return }
                depth -= 1
            }
            advance()
        }
    }
}
