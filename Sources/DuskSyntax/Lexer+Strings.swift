/// String literals: single, double and triple quotes; `r` (raw), `u` (no-op) and `f`
/// prefixes; escape sequences. F-strings are split here into literal text and
/// replacement fields (see `Lexer+FStrings.swift`); the parser parses the fields.
extension Lexer {
    struct StringShape {
        var quote: Unicode.Scalar
        var triple: Bool
        var raw: Bool
        var formatted: Bool
        var opening: Mark
    }

    mutating func scanString(prefix: String) {
        let start = mark()
        let shape = openString(prefix: prefix)
        if prefix.lowercased().contains("b") {
            _ = scanStringBody(shape)
            diagnostics.append(.bytesLiteral(at: location(from: start)))
            emit(.error, from: start)
            return
        }
        let (pieces, _) = scanStringBody(shape)
        nestingOverflow = false
        if shape.formatted {
            emit(.string, from: start, value: .fstring(pieces))
        } else {
            var text = ""
            for case .literal(let s) in pieces { text += s }
            emit(.string, from: start, value: .string(text))
        }
    }

    /// Consumes the prefix and opening quote(s) and describes the literal.
    mutating func openString(prefix: String) -> StringShape {
        let start = mark()
        let lower = prefix.lowercased()
        for _ in prefix.unicodeScalars { advance() }
        let quote = peek()!
        let triple = peek(1) == quote && peek(2) == quote
        for _ in 0..<(triple ? 3 : 1) { advance() }
        return StringShape(quote: quote, triple: triple, raw: lower.contains("r"),
                           formatted: lower.contains("f"), opening: start)
    }

    /// Scans up to and including the closing quote, processing escapes (unless raw)
    /// and, for f-strings, replacement fields. `terminated` is false when the input
    /// (or, for a single-quoted literal, the line) ended first.
    mutating func scanStringBody(_ shape: StringShape) -> (pieces: [FStringPiece], terminated: Bool) {
        var pieces: [FStringPiece] = []
        var literal = String.UnicodeScalarView()
        func flush() {
            if !literal.isEmpty {
                pieces.append(.literal(String(literal)))
                literal = String.UnicodeScalarView()
            }
        }
        var terminated = false
        while !nestingOverflow {
            guard let c = peek() else {
                reportUnterminated(shape)
                break
            }
            if c == "\n" && !shape.triple {
                reportUnterminated(shape)
                break
            }
            if c == shape.quote && (!shape.triple || (peek(1) == c && peek(2) == c)) {
                for _ in 0..<(shape.triple ? 3 : 1) { advance() }
                terminated = true
                break
            }
            if c == "\\" {
                if shape.raw {
                    literal.append(c)
                    advance()
                    if let next = peek(), next == shape.quote || next == "\\" || (next == "\n" && !shape.triple) {
                        literal.append(next)
                        advance()
                    }
                } else {
                    scanEscape(into: &literal)
                }
                continue
            }
            if shape.formatted && c == "{" {
                if peek(1) == "{" {
                    literal.append("{")
                    advance(); advance()
                } else {
                    flush()
                    if let field = scanReplacementField(shape) {
                        pieces.append(.field(field))
                    }
                }
                continue
            }
            if shape.formatted && c == "}" {
                if peek(1) == "}" {
                    literal.append("}")
                    advance(); advance()
                } else {
                    diagnostics.append(.fStringSingleCloseBrace(at: here(length: 1)))
                    advance()
                }
                continue
            }
            literal.append(c)
            advance()
        }
        flush()
        return (pieces, terminated || nestingOverflow)
    }

    private mutating func reportUnterminated(_ shape: StringShape) {
        if shape.triple {
            reportIncomplete(.unterminatedTripleQuotedString(at: location(from: shape.opening)))
        } else {
            diagnostics.append(.unterminatedString(at: location(from: shape.opening)))
        }
    }

    /// Processes one escape sequence starting at a backslash.
    mutating func scanEscape(into literal: inout String.UnicodeScalarView) {
        let start = mark()
        advance() // the backslash
        guard let c = peek() else { return }
        switch c {
        case "\n": advance()
        case "\r":
            advance()
            if peek() == "\n" { advance() }
        case "\\", "'", "\"": literal.append(c); advance()
        case "n": literal.append("\n"); advance()
        case "t": literal.append("\t"); advance()
        case "r": literal.append("\r"); advance()
        case "a": literal.append("\u{07}"); advance()
        case "b": literal.append("\u{08}"); advance()
        case "f": literal.append("\u{0C}"); advance()
        case "v": literal.append("\u{0B}"); advance()
        case "0"..."7":
            var value: UInt32 = 0
            var count = 0
            while count < 3, let d = peek(), d.value >= 48 && d.value <= 55 {
                value = value * 8 + (d.value - 48)
                advance()
                count += 1
            }
            literal.append(Unicode.Scalar(value)!)
        case "x", "u", "U":
            advance()
            let width = c == "x" ? 2 : c == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<width {
                guard let d = peek(), d.isHexDigit else {
                    diagnostics.append(.invalidEscape("\\\(c)", width: width, at: location(from: start)))
                    return
                }
                value = value * 16 + UInt32(String(d), radix: 16)!
                advance()
            }
            if let scalar = Unicode.Scalar(value) {
                literal.append(scalar)
            } else {
                diagnostics.append(.invalidUnicodeEscape(at: location(from: start)))
            }
        case "N":
            advance()
            if peek() == "{" {
                while let d = peek(), d != "}", d != "\n" { advance() }
                if peek() == "}" { advance() }
            }
            diagnostics.append(.namedEscapeUnsupported(at: location(from: start)))
        default:
            // Unknown escapes keep their backslash, as in Python.
            literal.append("\\")
        }
    }
}
