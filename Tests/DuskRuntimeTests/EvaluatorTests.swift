@testable import DuskRuntime
import DuskSyntax
import Testing

/// The evaluator on its own: expressions to values, and code built by hand as AST.
@Suite struct EvaluatorTests {
    static let session = TestSession()

    /// Evaluates one expression through the parser and returns its repr.
    func reprOf(_ expression: String) -> String {
        guard let v = Self.session.value(expression) else { return "<error>" }
        return v.repr
    }

    @Test(arguments: [
        ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("2 ** 3 ** 2", "512"), ("-2 ** 2", "-4"), ("not 1 == 2", "True"),
        ("1 < 2 < 3", "True"), ("3 > 2 > 2", "False"), ("1 if 0 else 2", "2"), ("[] or 'x'", "'x'"), ("0 and 1/0", "0"),
        ("7 // -2", "-4"), ("-7 % 3", "2"), ("7.0 % -3", "-2.0"), ("1e300 * 1e10", "inf"), ("-(1e300 * 1e10)", "-inf"),
        ("2 ** -2", "0.25"), ("10 / 4", "2.5"), ("True * 3", "3"), ("~0", "-1"), ("1 ^ 3 | 4 & 5", "6"),
        ("'ab' * 3", "'ababab'"), ("'%s=%d' % ('a', 1)", "'a=1'"), ("[1, 2][::-1]", "[2, 1]"), ("(1, 2) + (3,)", "(1, 2, 3)"),
        ("{'a': 1}['a']", "1"), ("list(range(3))[-1]", "2"), ("'abc'[-2:]", "'bc'"), ("(lambda x, y=2: x * y)(3)", "6"),
        ("[x * y for x in range(3) for y in range(2) if x]", "[0, 1, 0, 2]"), ("{k: k * 2 for k in 'ab'}", "{'a': 'aa', 'b': 'bb'}"),
        ("sum(x for x in range(5))", "10"), ("max(3, 7, key=lambda v: -v)", "3"), ("[*range(2), *'ab']", "[0, 1, 'a', 'b']"),
        ("{**{'a': 1}, 'b': 2}", "{'a': 1, 'b': 2}"), ("f'{1 + 1}{\"x\"!r}'", "\"2'x'\""), ("(1,)", "(1,)"), ("()", "()"),
        ("1 == 1.0 == True", "True"), ("None is None", "True"), ("[1] is [1]", "False"), ("'a' in 'cat'", "True"),
        ("divmod(-7, 2)", "(-4, 1)"), ("round(2.675, 2)", "2.67"), ("int('-0x1A', 16)", "-26"), ("abs(-7.5)", "7.5"),
        ("9223372036854775807 // -1", "-9223372036854775807"), ("-9223372036854775807 - 1", "-9223372036854775808"),
    ])
    func expression(_ text: String, _ expected: String) {
        #expect(reprOf(text) == expected, "\(text)")
    }

    @Test func handBuiltASTRuns() throws {
        // def twice(x): return x * 2
        // result = twice(21)
        let file = SourceFile(name: "hand.dsk", text: "")
        func at(_ line: Int, _ column: Int) -> DuskSyntax.SourceLocation { DuskSyntax.SourceLocation(file: file, line: line, column: column) }
        let body = [Stmt(.return(Expr(.binary(.multiply, Expr(.name("x"), at: at(1, 23)), Expr(.int(2), at: at(1, 27))), at: at(1, 25))), at: at(1, 16))]
        let def = FunctionDef(name: "twice", parameters: [Parameter(name: "x", at: at(1, 11))], body: body, decorators: [], docstring: nil)
        let call = Expr(.call(Expr(.name("twice"), at: at(2, 10)), [.positional(Expr(.int(21), at: at(2, 16)))]), at: at(2, 10))
        let module = [Stmt(.functionDef(def), at: at(1, 1)), Stmt(.assign(targets: [Expr(.name("result"), at: at(2, 1))], value: call), at: at(2, 1))]

        let t = TestSession()
        let compiled = try Compiler.compile(module, globals: t.session.globals, builtins: t.session.interpreter.builtins)
        try compiled.run(t.session.interpreter.makeContext(), globals: t.session.globals)
        #expect(t.session.value(named: "result")?.intValue == 42)
    }

    @Test func scopesAreResolvedBeforeRunning() throws {
        guard case .success(let module) = Parser.parse(SourceFile(name: "s.dsk", text: """
        g = 1
        def outer(a):
            b = 2
            def inner():
                nonlocal b
                b += a
                return g
            return inner
        """)) else { Issue.record("parse failed"); return }
        let scope = try ScopeAnalyzer.analyze(module.body)
        let outer = try #require(scope.children.values.first)
        #expect(outer.cellLocals == ["a", "b"])
        #expect(outer.locals == ["inner"])
        let inner = try #require(outer.children.values.first)
        #expect(inner.freeNames == ["a", "b"])
        #expect(inner.resolve("g") == .global)
        #expect(inner.resolve("b") == .cell(1))
        #expect(inner.resolve("a") == .cell(0))
    }

    @Test func nonlocalWithoutBindingIsASyntaxError() {
        let t = TestSession()
        #expect(t.error("def f():\n    nonlocal q\n    q = 1\n").contains("no binding for nonlocal 'q' found"))
    }
}
