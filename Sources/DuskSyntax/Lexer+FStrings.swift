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
            switch c {
            case "(", "[", "{":
                depth += 1
            case ")", "]":
                depth = max(0, depth - 1)
            case "}":
                if depth == 0 { exprEnd = index; break scan }
                depth -= 1
            case "'", "\"":
                // A string inside the expression (Python 3.12 rules: even the same quote).
                let quoteMark = mark()
                if skipNestedString() {
                    if nestingOverflow { return nil }
                    continue scan
                }
                // Unterminated: read the quote as the end of the outer string instead.
                reset(to: quoteMark)
                diagnostics.append(.fStringExpectedCloseBrace(at: location(from: open)))
                if c != shape.quote {
                    advance()
                    skipRestOfField(shape)
                }
                return nil
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

    /// Skips a string literal (maybe an f-string) inside a field's expression; false if
    /// it is unterminated. Its diagnostics are dropped: the parser lexes the field again.
    private mutating func skipNestedString() -> Bool {
        var prefixStart = index
        while prefixStart > 0, prefixStart > index - 2, scalars[prefixStart - 1].properties.isAlphabetic {
            prefixStart -= 1
        }
        let prefix = String(String.UnicodeScalarView(scalars[prefixStart..<index]))
        let formatted = Lexer.stringPrefixes.contains(prefix.lowercased()) && prefix.lowercased().contains("f")
        if formatted && fStringDepth >= Lexer.maximumFStringNesting {
            diagnostics.append(.fStringNestedTooDeeply(at: here(length: 1)))
            nestingOverflow = true
            while let c = peek(), c != "\n" { advance() }
            return true
        }
        let savedDiagnostics = diagnostics.count
        let savedIncomplete = (endsInsideConstruct, incompleteDiagnosticCount, incompleteLocation)
        fStringDepth += 1
        defer { fStringDepth -= 1 }
        var shape = openString(prefix: "")
        shape.formatted = formatted
        shape.raw = prefix.lowercased().contains("r")
        let (_, terminated) = scanStringBody(shape)
        if !nestingOverflow {
            diagnostics.removeLast(diagnostics.count - savedDiagnostics)
            (endsInsideConstruct, incompleteDiagnosticCount, incompleteLocation) = savedIncomplete
        }
        return terminated
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
