/// Integer and float literals.
///
/// Integers: decimal (no leading zeros), `0x`, `0o`, `0b`, with single underscores
/// between digits; a value past `Int.max` is a diagnostic, never a wrap.
/// Floats: `1.`, `.5`, `1e-3`, `1_000.5`. Imaginary literals (`2j`) are rejected.
extension Lexer {
    mutating func scanNumber() {
        let start = mark()
        if peek() == "0", let p = peek(1), let radix = Lexer.radix(of: p) {
            advance(); advance()
            scanRadixInteger(radix: radix, from: start)
            return
        }
        var wellFormed = scanDigits(allowLeadingUnderscore: false) { $0.isASCIIDigit }
        var isFloat = false
        if peek() == "." {
            isFloat = true
            advance()
            if peek()?.isASCIIDigit ?? false {
                wellFormed = scanDigits(allowLeadingUnderscore: false) { $0.isASCIIDigit } && wellFormed
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let hasSign = sign == "+" || sign == "-"
            if peek(hasSign ? 2 : 1)?.isASCIIDigit ?? false {
                isFloat = true
                advance()
                if hasSign { advance() }
                wellFormed = scanDigits(allowLeadingUnderscore: false) { $0.isASCIIDigit } && wellFormed
            }
        }
        if let j = peek(), j == "j" || j == "J" {
            advance()
            diagnostics.append(.imaginaryLiteral(at: location(from: start)))
            emit(.error, from: start)
            return
        }
        if let c = peek(), c.isIdentifierContinue {
            skipIdentifierCharacters()
            diagnostics.append(.invalidNumber("decimal", at: location(from: start)))
            emit(.error, from: start)
            return
        }
        let text = self.text(from: start)
        guard wellFormed else {
            diagnostics.append(.invalidNumber("decimal", at: location(from: start)))
            emit(.error, from: start)
            return
        }
        let digits = String(text.filter { $0 != "_" })
        if isFloat {
            emit(.float, from: start, value: .float(Double(digits) ?? .nan))
            return
        }
        if digits.count > 1, digits.first == "0", digits.contains(where: { $0 != "0" }) {
            diagnostics.append(.leadingZeros(at: location(from: start)))
            emit(.error, from: start)
            return
        }
        if let value = Int(digits) {
            emit(.integer, from: start, value: .int(value))
        } else {
            diagnostics.append(.integerTooLarge(text, at: location(from: start)))
            emit(.error, from: start)
        }
    }

    private static func radix(of c: Unicode.Scalar) -> Int? {
        switch c {
        case "x", "X": 16
        case "o", "O": 8
        case "b", "B": 2
        default: nil
        }
    }

    private mutating func scanRadixInteger(radix: Int, from start: Mark) {
        let isDigit: (Unicode.Scalar) -> Bool = switch radix {
        case 16: { $0.isHexDigit }
        case 8: { $0.value >= 48 && $0.value <= 55 }
        default: { $0 == "0" || $0 == "1" }
        }
        let digitsStart = index
        var wellFormed = scanDigits(allowLeadingUnderscore: true, isDigit)
        if index == digitsStart { wellFormed = false }
        if let c = peek(), c.isIdentifierContinue {
            skipIdentifierCharacters()
            wellFormed = false
        }
        let name = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary"
        let text = self.text(from: start)
        guard wellFormed else {
            diagnostics.append(.invalidNumber(name, at: location(from: start)))
            emit(.error, from: start)
            return
        }
        let digits = String(text.dropFirst(2).filter { $0 != "_" })
        if let value = Int(digits, radix: radix) {
            emit(.integer, from: start, value: .int(value))
        } else {
            diagnostics.append(.integerTooLarge(text, at: location(from: start)))
            emit(.error, from: start)
        }
    }

    /// Consumes digits with single underscores between them; returns false when an
    /// underscore is doubled, trailing, or (unless allowed) leading.
    private mutating func scanDigits(allowLeadingUnderscore: Bool, _ isDigit: (Unicode.Scalar) -> Bool) -> Bool {
        var ok = true
        var previousWasDigit = false
        var first = true
        while let c = peek() {
            if isDigit(c) {
                previousWasDigit = true
            } else if c == "_" {
                if !(previousWasDigit || (first && allowLeadingUnderscore)) { ok = false }
                // An underscore must be followed by a digit.
                if !(peek(1).map(isDigit) ?? false) { ok = false }
                previousWasDigit = false
            } else {
                break
            }
            first = false
            advance()
        }
        return ok
    }

    private mutating func skipIdentifierCharacters() {
        while let c = peek(), c.isIdentifierContinue { advance() }
    }
}
