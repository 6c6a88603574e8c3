/// Punctuation and operators: longest match first (`**=` before `**` before `*`).
extension Lexer {
    mutating func scanOperator(_ c: Unicode.Scalar) {
        let start = mark()
        advance()
        let kind: TokenKind?
        switch c {
        case "(": openBracket(); kind = .leftParen
        case ")": closeBracket(); kind = .rightParen
        case "[": openBracket(); kind = .leftBracket
        case "]": closeBracket(); kind = .rightBracket
        case "{": openBracket(); kind = .leftBrace
        case "}": closeBracket(); kind = .rightBrace
        case ",": kind = .comma
        case ":": kind = .colon
        case ";": kind = .semicolon
        case "~": kind = .tilde
        case ".":
            if peek() == ".", peek(1) == "." {
                advance(); advance()
                kind = .ellipsis
            } else {
                kind = .dot
            }
        case "=": kind = take("=") ? .equalEqual : .equal
        case "!": kind = take("=") ? .notEqual : nil
        case "@": kind = take("=") ? .augmentedAssign(.matmul) : .at
        case "+": kind = take("=") ? .augmentedAssign(.add) : .plus
        case "-":
            if take("=") { kind = .augmentedAssign(.subtract) } else if take(">") { kind = .arrow } else { kind = .minus }
        case "%": kind = take("=") ? .augmentedAssign(.modulo) : .percent
        case "&": kind = take("=") ? .augmentedAssign(.bitAnd) : .ampersand
        case "|": kind = take("=") ? .augmentedAssign(.bitOr) : .pipe
        case "^": kind = take("=") ? .augmentedAssign(.bitXor) : .caret
        case "*":
            if take("*") {
                kind = take("=") ? .augmentedAssign(.power) : .doubleStar
            } else {
                kind = take("=") ? .augmentedAssign(.multiply) : .star
            }
        case "/":
            if take("/") {
                kind = take("=") ? .augmentedAssign(.floorDivide) : .doubleSlash
            } else {
                kind = take("=") ? .augmentedAssign(.divide) : .slash
            }
        case "<":
            if take("<") {
                kind = take("=") ? .augmentedAssign(.leftShift) : .leftShift
            } else {
                kind = take("=") ? .lessEqual : .less
            }
        case ">":
            if take(">") {
                kind = take("=") ? .augmentedAssign(.rightShift) : .rightShift
            } else {
                kind = take("=") ? .greaterEqual : .greater
            }
        default:
            kind = nil
        }
        if let kind {
            emit(kind, from: start)
        } else if c == "\\" {
            diagnostics.append(.unexpectedCharacterAfterContinuation(at: location(from: start)))
            emit(.error, from: start)
        } else {
            diagnostics.append(.invalidCharacter(c, at: location(from: start)))
            emit(.error, from: start)
        }
    }

    /// Consumes `c` if it is next.
    mutating func take(_ c: Unicode.Scalar) -> Bool {
        if peek() == c {
            advance()
            return true
        }
        return false
    }
}
