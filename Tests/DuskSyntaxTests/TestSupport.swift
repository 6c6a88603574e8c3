@testable import DuskSyntax

/// Parses `source` and prints it as S-expressions, or the rendered diagnostics on failure.
func sexpr(_ source: String) -> String {
    let file = SourceFile(name: "test.dsk", text: source)
    switch Parser.parse(file) {
    case .success(let module):
        return ASTPrinter.module(module)
    case .failure(let diagnostics):
        return "ERROR " + diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "?"): \($0.message)" }
            .joined(separator: " | ")
    }
}

/// Parses one expression and prints it as an S-expression (or the error).
func sexprExpression(_ source: String) -> String {
    switch Parser.parseExpression(SourceFile(name: "expr", text: source)) {
    case .success(let expr): return ASTPrinter.expression(expr)
    case .failure(let diagnostic): return "ERROR \(diagnostic.message)"
    }
}

/// Diagnostics of parsing `source` (empty on success).
func diagnostics(_ source: String, name: String = "test.dsk") -> [Diagnostic] {
    Parser.parse(SourceFile(name: name, text: source)).diagnostics
}

/// The tokens of `source` as short strings (kind and text).
func tokenSummary(_ source: String) -> [String] {
    let lexer = Lexer.tokenize(SourceFile(name: "t", text: source))
    return lexer.tokens.map { token in
        switch token.kind {
        case .name: "name:\(token.text)"
        case .integer: if case .int(let v) = token.value { "int:\(v)" } else { "int?" }
        case .float: if case .float(let v) = token.value { "float:\(v)" } else { "float?" }
        case .string:
            switch token.value {
            case .string(let s): "str:\(s)"
            case .fstring: "fstr:\(token.text)"
            default: "str?"
            }
        case .newline: "NEWLINE"
        case .indent: "INDENT"
        case .dedent: "DEDENT"
        case .endOfFile: "EOF"
        case .error: "ERROR:\(token.text)"
        case .keyword(let k): "kw:\(k.rawValue)"
        default: token.text
        }
    }
}
