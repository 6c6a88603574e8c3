import Testing
@testable import DuskSyntax

/// Tokens as short strings: `name:x`, `int:1`, `str:abc`, `NEWLINE`, `INDENT`, operators as written.
struct LexerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var tokens: String
        init(_ source: String, _ tokens: String) { self.source = source; self.tokens = tokens }
        var testDescription: String { source.debugDescription }
    }

    static let layoutCases: [Case] = [
        Case("x", "name:x NEWLINE EOF"),
        Case("x\n", "name:x NEWLINE EOF"),
        Case("", "EOF"),
        Case("\n\n  \n# c\n", "EOF"),
        Case("if a:\n    b\nc\n", "kw:if name:a : NEWLINE INDENT name:b NEWLINE DEDENT name:c NEWLINE EOF"),
        Case("if a:\n    if b:\n        c\n", "kw:if name:a : NEWLINE INDENT kw:if name:b : NEWLINE INDENT name:c NEWLINE DEDENT DEDENT EOF"),
        Case("if a:\n    b\n\n    # comment\n    c\n", "kw:if name:a : NEWLINE INDENT name:b NEWLINE name:c NEWLINE DEDENT EOF"),
        Case("if a:\n\tb\n\tc", "kw:if name:a : NEWLINE INDENT name:b NEWLINE name:c NEWLINE DEDENT EOF"),
        Case("f(a,\n  b)\n", "name:f ( name:a , name:b ) NEWLINE EOF"),
        Case("x = [\n1,\n    2]\ny", "name:x = [ int:1 , int:2 ] NEWLINE name:y NEWLINE EOF"),
        Case("x = 1 + \\\n  2\n", "name:x = int:1 + int:2 NEWLINE EOF"),
        Case("x = 1 + \\\r\n  2\r\n", "name:x = int:1 + int:2 NEWLINE EOF"),
        Case("a; b", "name:a ; name:b NEWLINE EOF"),
        Case("x  # trailing comment", "name:x NEWLINE EOF"),
    ]

    @Test(arguments: layoutCases)
    func layout(_ c: Case) {
        #expect(tokenSummary(c.source).joined(separator: " ") == c.tokens)
    }

    static let tokenCases: [Case] = [
        Case("lambda None True False and or not in is", "kw:lambda kw:None kw:True kw:False kw:and kw:or kw:not kw:in kw:is NEWLINE EOF"),
        Case("_x x1 café Δt", "name:_x name:x1 name:café name:Δt NEWLINE EOF"),
        Case("0 7 1_000 0x_FF 0o17 0b1010 0_0", "int:0 int:7 int:1000 int:255 int:15 int:10 int:0 NEWLINE EOF"),
        Case("1. .5 1e-3 1E+3 1_000.5 1.5e2 0.0", "float:1.0 float:0.5 float:0.001 float:1000.0 float:1000.5 float:150.0 float:0.0 NEWLINE EOF"),
        Case("1e999", "float:inf NEWLINE EOF"),
        Case("9223372036854775807", "int:9223372036854775807 NEWLINE EOF"),
        Case("** // @ -> ... . , : ; ~", "** // @ -> ... . , : ; ~ NEWLINE EOF"),
        Case("+= -= *= /= //= %= **= @= &= |= ^= <<= >>=", "+= -= *= /= //= %= **= @= &= |= ^= <<= >>= NEWLINE EOF"),
        Case("< > <= >= == != << >> & | ^ =", "< > <= >= == != << >> & | ^ = NEWLINE EOF"),
        Case("a.b[1:2]", "name:a . name:b [ int:1 : int:2 ] NEWLINE EOF"),
        Case("x[...]", "name:x [ ... ] NEWLINE EOF"),
    ]

    @Test(arguments: tokenCases)
    func tokens(_ c: Case) {
        #expect(tokenSummary(c.source).joined(separator: " ") == c.tokens)
    }

    static let stringCases: [Case] = [
        Case("'a' \"b\"", "str:a str:b NEWLINE EOF"),
        Case("'it\\'s' \"say \\\"hi\\\"\"", "str:it's str:say \"hi\" NEWLINE EOF"),
        Case("'\\n\\t\\\\\\x41\\u00e9\\U0001F600'", "str:\n\t\\Aé😀 NEWLINE EOF"),
        Case("'\\101\\0\\a'", "str:A\0\u{07} NEWLINE EOF"),
        Case("r'\\n\\'' R\"\\d\"", "str:\\n\\' str:\\d NEWLINE EOF"),
        Case("u'x'", "str:x NEWLINE EOF"),
        Case("'''a\n'b'\n\"c\"'''", "str:a\n'b'\n\"c\" NEWLINE EOF"),
        Case("\"\"\"x\"\"\"", "str:x NEWLINE EOF"),
        Case("''", "str: NEWLINE EOF"),
        Case("f'{x}' F'a' rf'{y}'", "fstr:f'{x}' fstr:F'a' fstr:rf'{y}' NEWLINE EOF"),
        Case("'a\\\nb'", "str:ab NEWLINE EOF"),
    ]

    @Test(arguments: stringCases)
    func strings(_ c: Case) {
        #expect(tokenSummary(c.source).joined(separator: " ") == c.tokens)
    }

    @Test func tokenPositionsAreLineAndColumn() {
        let lexer = Lexer.tokenize(SourceFile(name: "t", text: "if a:\n    bb = 'é'\n"))
        let positions = lexer.tokens.map { "\($0.line):\($0.column)-\($0.endLine):\($0.endColumn)" }
        #expect(positions == ["1:1-1:3", "1:4-1:5", "1:5-1:6", "1:6-1:7", "2:1-2:5", "2:5-2:7", "2:8-2:9",
                              "2:10-2:13", "2:13-2:14", "3:1-3:2", "3:1-3:2"])
    }

    @Test func lexerKeepsGoingAfterErrors() {
        let lexer = Lexer.tokenize(SourceFile(name: "t", text: "a $ b ` c 1__2 d"))
        #expect(lexer.diagnostics.map(\.message) == ["invalid character '$'", "invalid character '`'", "invalid decimal literal"])
        #expect(tokenSummary("a $ b").joined(separator: " ") == "name:a ERROR:$ name:b NEWLINE EOF")
    }

    @Test func controlCharactersAreNamedByCodePoint() {
        let lexer = Lexer.tokenize(SourceFile(name: "t", text: "a \u{01} b"))
        #expect(lexer.diagnostics.map(\.message) == ["invalid character 'U+0001'"])
        #expect(diagnostics("x = 1\u{A0}+ 2").map(\.message) == ["invalid character 'U+00A0'"])
        #expect(diagnostics("\u{FEFF}x = 1").isEmpty)
    }

    @Test func deepIndentationIsADiagnostic() {
        var text = ""
        for level in 0..<150 {
            text += String(repeating: " ", count: level) + "if x:\n"
        }
        text += String(repeating: " ", count: 150) + "pass\n"
        let messages = diagnostics(text).map(\.message)
        #expect(messages.contains("too many levels of indentation (the limit is 100)"))
    }
}
