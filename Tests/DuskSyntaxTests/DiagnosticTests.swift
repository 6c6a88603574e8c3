import Testing
@testable import DuskSyntax

/// Syntax errors: each source marks with `‸` where its error must land, and
/// gives the message expected there (one message per marker, in order).
struct DiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var markedSource: String
        var messages: [String]
        init(_ markedSource: String, _ messages: String...) {
            self.markedSource = markedSource
            self.messages = messages
        }
        var testDescription: String { markedSource.debugDescription }
    }

    static let marker: Unicode.Scalar = "‸"

    /// The source without markers, and the `line:column` of each marker.
    static func unmark(_ marked: String) -> (source: String, positions: [String]) {
        var source = String.UnicodeScalarView()
        var positions: [String] = []
        var line = 1, column = 1
        for scalar in marked.unicodeScalars {
            if scalar == marker {
                positions.append("\(line):\(column)")
                continue
            }
            source.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (String(source), positions)
    }

    static func check(_ c: Case) {
        let (source, positions) = unmark(c.markedSource)
        let found = diagnostics(source).map { d in
            "\(d.location.map { "\($0.line):\($0.column)" } ?? "?") \(d.message)"
        }
        let expected = zip(positions, c.messages).map { "\($0) \($1)" }
        #expect(positions.count == c.messages.count, "one marker per message")
        #expect(found == expected)
    }

    // MARK: - Lexical errors

    static let lexicalCases: [Case] = [
        Case("x = ‸$\n", "invalid character '$'"),
        Case("x = ‸?", "invalid character '?'"),
        Case("x = 1 ‸!", "invalid character '!'"),
        Case("x = ‸99999999999999999999", "integer literal '99999999999999999999' is too large"),
        Case("x = ‸9223372036854775808", "integer literal '9223372036854775808' is too large"),
        Case("x = ‸0xFFFFFFFFFFFFFFFFF", "integer literal '0xFFFFFFFFFFFFFFFFF' is too large"),
        Case("‸012", "leading zeros in decimal integer literals are not permitted; use '0o' for octal"),
        Case("‸1__0", "invalid decimal literal"),
        Case("‸1_", "invalid decimal literal"),
        Case("‸0x", "invalid hexadecimal literal"),
        Case("‸0b102", "invalid binary literal"),
        Case("‸0o8", "invalid octal literal"),
        Case("‸1abc", "invalid decimal literal"),
        Case("‸1j", "imaginary literals are not supported"),
        Case("‸b'x'", "bytes literals are not supported"),
        Case("x = ‸'abc\n", "unterminated string literal"),
        Case("x = ‸'''abc\n", "unterminated triple-quoted string literal"),
        Case("x = '‸\\x4'", "invalid '\\x' escape: expected 2 hexadecimal digits"),
        Case("x = '‸\\uD800'", "invalid unicode escape: not a unicode scalar value"),
        Case("x = '‸\\N{DASH}'", "'\\N{...}' escapes are not supported"),
        Case("x = 1 ‸\\ 2", "unexpected character after line continuation character"),
        Case("x = 1 + ‸\\", "unexpected end of input after line continuation character"),
        Case("if x:\n    y\n‸  z\n", "unindent does not match any outer indentation level"),
        Case("if True:\n\tx = 1\n‸        y = 2\n", "inconsistent use of tabs and spaces in indentation"),
    ]

    @Test(arguments: lexicalCases)
    func lexicalErrors(_ c: Case) { Self.check(c) }

    // MARK: - F-strings

    static let fstringCases: [Case] = [
        Case("x = f'‸{}'", "f-string: empty expression not allowed"),
        Case("x = f'{x‸!z}'", "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'"),
        Case("x = f'‸{x'", "f-string: expected '}' to close '{'"),
        Case("x = f'a‸}b'", "f-string: single '}' is not allowed; write '}}' for a literal brace"),
        Case("x = f'{a ‸b}'", "expected '}' to end the f-string field, found 'b'"),
        Case("x = f'{a + ‸$}'", "invalid character '$'"),
        Case("x = f'{1 +‸}'", "expected an expression, found end of input"),
        Case("x = f'{a:>‸{w}}'", "f-string: nested replacement fields in a format spec are not supported"),
        Case("x = f'{a ‸# no}'", "f-string: expression part cannot include '#'"),
        Case("x = f\"‸{a'}\"", "f-string: expected '}' to close '{'"),
        Case("x = f'''\n  {a +\n   ‸else}'''", "expected an expression, found 'else'"),
    ]

    @Test(arguments: fstringCases)
    func fStringErrors(_ c: Case) { Self.check(c) }

    // MARK: - Structure

    static let structureCases: [Case] = [
        Case("if x‸\n    y\n", "expected ':' after 'if' condition"),
        Case("while x‸\n    y\n", "expected ':' after 'while' condition"),
        Case("for x in y‸\n    z\n", "expected ':' after 'for' iterable"),
        Case("for x ‸of y: pass", "expected 'in' after 'for' target, found 'of'"),
        Case("def f()‸\n    y\n", "expected ':' after function signature"),
        Case("def ‸(): pass", "expected a function name after 'def', found '('"),
        Case("if x:\n‸y\n", "expected an indented block after 'if' statement on line 1"),
        Case("def f(x):\n‸return x\n", "expected an indented block after function definition on line 1"),
        Case("  ‸x = 1\n", "unexpected indent"),
        Case("x = 1\n    ‸y = 2\n", "unexpected indent"),
        Case("foo(1, 2\n‸x = 3\n", "expected ')' to close '(' at 1:4"),
        Case("x = [1, 2, 3‸)", "expected ']' to close '[' at 1:5"),
        Case("y = ‸(x + 1\n", "'(' was never closed"),
        Case("f(1, ‸[2,\n 3\n", "'[' was never closed"),
        Case("x = (1 + ‸]\n", "unmatched ']'"),
        Case("x = 1‸)\n", "unmatched ')'"),
        Case("x = ‸else", "expected an expression, found 'else'"),
        Case("x = 1 +‸\ny = 2\n", "expected an expression, found end of line"),
        Case("a if b‸\n", "expected 'else' after 'if' expression"),
        Case("x = 1 ‸2", "expected end of statement, found '2'"),
        Case("‸print 'hello'", "missing parentheses in call to 'print'; did you mean print(...)?"),
        Case("x = {1: 2, 3‸}", "expected ':' after dictionary key"),
        Case("@dec\n‸x = 1\n", "expected 'def' after decorator, found 'x'"),
        Case("try:\n    pass\n‸", "expected 'except' or 'finally' block"),
        Case("try:\n    pass\n‸except:\n    pass\nexcept E:\n    pass\n", "default 'except:' must be last"),
        Case("try:\n    pass\nexcept A‸, B:\n    pass\n",
             "expected ':' (write several exception types as a tuple in parentheses), found ','"),
        Case("from ‸. import x", "relative imports are not supported"),
        Case("import ‸1", "expected a module name, found '1'"),
        Case("x.‸(", "expected an attribute name after '.', found '('"),
    ]

    @Test(arguments: structureCases)
    func structureErrors(_ c: Case) { Self.check(c) }

    // MARK: - Targets, arguments, parameters, context

    static let semanticCases: [Case] = [
        Case("‸f() = 1", "cannot assign to function call"),
        Case("‸1 = x", "cannot assign to literal"),
        Case("‸None = x", "cannot assign to None"),
        Case("a ‸+ b = 1", "cannot assign to expression"),
        Case("a ‸< b = 1", "cannot assign to comparison"),
        Case("(a, ‸f()) = 1", "cannot assign to function call"),
        Case("x = ‸[i for i in y] = 2", "cannot assign to list comprehension"),
        Case("‸*a = 1", "starred assignment target must be in a list or tuple"),
        Case("a, *b, ‸*c = d", "multiple starred expressions in assignment"),
        Case("for ‸f() in x: pass", "cannot assign to function call"),
        Case("[x for ‸1 in y]", "cannot assign to literal"),
        Case("with a as ‸f(): pass", "cannot assign to function call"),
        Case("x ‸+ 1 += 2", "cannot assign to expression"),
        Case("‸a, b += 1", "'tuple' is an illegal target for augmented assignment"),
        Case("del ‸f()", "cannot delete function call"),
        Case("‸*a", "starred expression is not allowed here"),
        Case("x = ‸*a", "starred expression is not allowed here"),
        Case("f(a=1, ‸b)", "positional argument follows keyword argument"),
        Case("f(**k, ‸a)", "positional argument follows keyword argument unpacking"),
        Case("f(**k, ‸*a)", "iterable argument unpacking follows keyword argument unpacking"),
        Case("f(a=1, ‸a=2)", "keyword argument repeated: 'a'"),
        Case("f(‸x for x in y, 1)", "generator expression must be parenthesized"),
        Case("f(‸a.b=1)", "expression cannot be a keyword argument name; did you mean '=='?"),
        Case("def f(a=1, ‸b): pass", "parameter 'b' without a default follows a parameter with a default"),
        Case("def f(a, ‸a): pass", "duplicate parameter 'a' in function definition"),
        Case("def f(‸*): pass", "named parameters must follow bare '*'"),
        Case("def f(*a, ‸*b): pass", "'*' parameter can appear only once"),
        Case("def f(**k, ‸a): pass", "parameters cannot follow '**' parameter"),
        Case("def f(*a‸=1): pass", "variadic parameter cannot have a default value"),
        Case("def f(a, ‸/): pass", "positional-only parameters ('/') are not supported in Dusk"),
        Case("‸return 1\n", "'return' outside function"),
        Case("def f():\n    ‸break\n", "'break' outside loop"),
        Case("‸continue\n", "'continue' outside loop"),
        Case("for x in y:\n    pass\nelse:\n    ‸break\n", "'break' outside loop"),
        Case("while x:\n    def f():\n        ‸continue\n", "'continue' outside loop"),
        Case("‸nonlocal x", "nonlocal declaration not allowed at module level"),
        Case("‸class A: pass", "'class' definitions are not supported in Dusk"),
        Case("‸yield x", "'yield' is not supported in Dusk"),
        Case("x = (‸yield)", "'yield' is not supported in Dusk"),
        Case("x = {a ‸for a in b}", "set comprehensions are not supported in Dusk"),
        Case("[‸*a for a in b]", "iterable unpacking in a comprehension is not supported in Dusk"),
        Case("raise E ‸from F", "'raise ... from' is not supported in Dusk"),
    ]

    @Test(arguments: semanticCases)
    func semanticErrors(_ c: Case) { Self.check(c) }

    // MARK: - Recovery: every error in one run

    static let recoveryCases: [Case] = [
        Case("x = ‸$\ny = 3 +‸\nfor i in range(3): break\n‸break\n",
             "invalid character '$'", "expected an expression, found end of line", "'break' outside loop"),
        Case("if x‸\n    y = (‸]\nz = 1\n‸f() = 2\n",
             "expected ':' after 'if' condition", "unmatched ']'", "cannot assign to function call"),
        Case("def f(:\n    return 1\n", ),
        Case("x = (1,‸\ndef f(): pass\n", "expected ')' to close '(' at 1:5"),
    ]

    @Test func recovery() {
        Self.check(Self.recoveryCases[0])
        Self.check(Self.recoveryCases[1])
        Self.check(Self.recoveryCases[3])
        // A broken header does not make its body report "unexpected indent".
        let messages = diagnostics("def f(:\n    return 1\nx = 1 +\n").map(\.message)
        #expect(messages == ["expected a parameter name, found ':'", "expected an expression, found end of line"])
        let unclosed = diagnostics("x = (1 +\nreturn 2\n").map(\.message)
        #expect(unclosed == ["expected ')' to close '(' at 1:5", "'return' outside function"])
    }

    // MARK: - Rendering

    @Test func renderedWithSourceLineAndCaret() {
        let rendered = diagnostics("x = 1\ny = foo(1, 2\nz = 3\n", name: "tour.dsk").map(\.description)
        #expect(rendered == ["""
            tour.dsk:3:1: error: expected ')' to close '(' at 2:8
             3 | z = 3
               | ^
            """])
        let unclosed = diagnostics("x = 1\ny = foo(1, 2\n", name: "tour.dsk").map(\.description)
        #expect(unclosed == ["""
            tour.dsk:2:8: error: '(' was never closed
             2 | y = foo(1, 2
               |        ^
            """])
        let assign = diagnostics("y = sin(x) * onse((3, 3)) = 1", name: "tour.dsk").map(\.description)
        #expect(assign == ["""
            tour.dsk:1:12: error: cannot assign to expression
             1 | y = sin(x) * onse((3, 3)) = 1
               |            ^
            """])
        let call = diagnostics("y = sin(x) = 1", name: "t.dsk").map(\.description)
        #expect(call == ["""
            t.dsk:1:5: error: cannot assign to function call
             1 | y = sin(x) = 1
               |     ^~~~~~
            """])
        let literal = diagnostics("x = 123456789012345678901234", name: "t.dsk").map(\.description)
        #expect(literal == ["""
            t.dsk:1:5: error: integer literal '123456789012345678901234' is too large
             1 | x = 123456789012345678901234
               |     ^~~~~~~~~~~~~~~~~~~~~~~~
            """])
    }
}
