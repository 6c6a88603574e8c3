/// One lexical token: its kind, where it is, and (for literals) its value.
///
/// Positions are offsets into the file's Unicode scalars (`start..<end`) plus the
/// 1-based line and column of the first and one-past-last scalar, so the parser can
/// compute node spans without going back to the text.
final class Token: Sendable {
    let kind: TokenKind
    /// Source text of the token (empty for NEWLINE, INDENT, DEDENT, end of file).
    let text: String
    let value: TokenValue
    let start: Int
    let end: Int
    let line: Int
    let column: Int
    let endLine: Int
    let endColumn: Int
    /// True for the NEWLINE, DEDENT and end-of-file tokens the lexer adds at the end of
    /// the input; an error found at one of these means "the input stopped too early".
    let atEndOfInput: Bool

    /// A class, not a struct: the parser holds tokens in many stack frames while it
    /// recurses, and a reference keeps each of those frames small.
    init(kind: TokenKind, text: String, value: TokenValue = .none, start: Int, end: Int,
         line: Int, column: Int, endLine: Int, endColumn: Int, atEndOfInput: Bool = false) {
        self.kind = kind
        self.text = text
        self.value = value
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.atEndOfInput = atEndOfInput
    }

    /// Location of the whole token, clipped to its first line.
    func location(in file: SourceFile) -> SourceLocation {
        let length = endLine == line ? endColumn - column : max(1, file.line(line).unicodeScalars.count - column + 1)
        return SourceLocation(file: file, line: line, column: column, length: length)
    }
}

/// The payload of a literal token.
enum TokenValue: Sendable {
    case none
    case int(Int)
    case float(Double)
    /// A plain string literal, escapes already processed.
    case string(String)
    /// An f-string: literal text and replacement fields, parsed later by the parser.
    case fstring([FStringPiece])
}

/// A piece of an f-string as the lexer found it.
enum FStringPiece: Sendable {
    case literal(String)
    case field(FStringField)
}

/// A replacement field `{expr!c:spec}` found by the lexer; the expression is still
/// source text (a scalar range of the file), parsed by the parser with exact locations.
struct FStringField: Sendable {
    var expressionStart: Int
    var expressionEnd: Int
    var line: Int
    var column: Int
    var conversion: Character?
    var formatSpec: String?
    var debugText: String?
}

/// What kind of token this is. Punctuation is flat so `switch` reads naturally.
enum TokenKind: Hashable, Sendable {
    case name, integer, float, string
    case newline, indent, dedent, endOfFile
    /// A character or literal the lexer already reported; the parser stays quiet about it.
    case error
    case keyword(Keyword)

    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot, ellipsis, at, equal, arrow
    case plus, minus, star, slash, doubleSlash, percent, doubleStar, tilde
    case ampersand, pipe, caret, leftShift, rightShift
    case less, greater, lessEqual, greaterEqual, equalEqual, notEqual
    /// `+=`, `//=`, `**=`, ...
    case augmentedAssign(BinaryOperator)
}

/// The reserved words. `class`, `yield`, `async` and `await` are reserved (as in Python)
/// so that using them gives a clear "not supported" diagnostic.
enum Keyword: String, Hashable, Sendable, CaseIterable {
    case and, or, not, `in`, `is`, `if`, elif, `else`, `for`, `while`, def, `return`, lambda
    case none = "None", `true` = "True", `false` = "False"
    case pass, `break`, `continue`, `import`, from, `as`, del, assert, global, nonlocal
    case raise, `try`, except, finally, with
    case `class`, yield, async, await

    private static let byName: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The keyword spelled `text`, if it is one.
    static func named(_ text: String) -> Keyword? { byName[text] }
}

extension TokenKind {
    /// How the token is named in a diagnostic when its text is not quoted.
    var spelling: String {
        switch self {
        case .name: "name"
        case .integer: "integer"
        case .float: "float"
        case .string: "string"
        case .newline: "end of line"
        case .indent: "indent"
        case .dedent: "unindent"
        case .endOfFile: "end of input"
        case .error: "invalid token"
        case .keyword(let k): "'\(k.rawValue)'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .comma: "','"
        case .colon: "':'"
        case .semicolon: "';'"
        case .dot: "'.'"
        case .ellipsis: "'...'"
        case .at: "'@'"
        case .equal: "'='"
        case .arrow: "'->'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .doubleSlash: "'//'"
        case .percent: "'%'"
        case .doubleStar: "'**'"
        case .tilde: "'~'"
        case .ampersand: "'&'"
        case .pipe: "'|'"
        case .caret: "'^'"
        case .leftShift: "'<<'"
        case .rightShift: "'>>'"
        case .less: "'<'"
        case .greater: "'>'"
        case .lessEqual: "'<='"
        case .greaterEqual: "'>='"
        case .equalEqual: "'=='"
        case .notEqual: "'!='"
        case .augmentedAssign(let op): "'\(op.rawValue)='"
        }
    }
}

extension Token {
    /// How the token is named in "found ..." parts of diagnostics: its text quoted
    /// (shortened if long), or a description for layout tokens.
    var description: String {
        switch kind {
        case .name, .integer, .float, .string, .error:
            let shown = text.count > 20 ? String(text.prefix(17)) + "..." : text
            let clean = shown.map { $0 == "\n" ? "\\n" : String($0) }.joined()
            // A string token already shows its quotes.
            return kind == .string ? clean : "'\(clean)'"
        default:
            return kind.spelling
        }
    }
}
