import DuskRuntime
import Testing

/// Rendered runtime errors, golden: location, source line, caret and traceback.
@Suite struct DiagnosticTests {
    @Test func undefinedNameSuggestsTheClosestName() {
        let t = TestSession()
        let text = t.error("""
        def ones(shape):
            return shape
        x = 2
        y = x * onse((3, 3))
        """, name: "tour.dsk")
        #expect(text == """
        tour.dsk:4:9: error: name 'onse' is not defined; did you mean 'ones'?
         4 | y = x * onse((3, 3))
           |         ^~~~

        """)
    }

    @Test func tracebackThroughUserFunctionsInnermostLast() {
        let t = TestSession()
        let text = t.error("""
        def f(x):
            return x[5]

        def g():
            return f([1, 2, 3])

        g()
        """, name: "file.dsk")
        #expect(text == """
        file.dsk:2:12: error: list index out of range
         2 |     return x[5]
           |            ^~~~
        traceback (most recent call last):
          in <module> at file.dsk:7:1
          in g at file.dsk:5:12
          in f at file.dsk:2:12

        """)
    }

    @Test func operatorErrorsPointAtTheOperator() {
        let t = TestSession()
        let text = t.error("total = 1 + 'a'\n", name: "op.dsk")
        #expect(text == """
        op.dsk:1:11: error: unsupported operand type(s) for +: 'int' and 'str'
         1 | total = 1 + 'a'
           |           ^

        """)
    }

    @Test func userRaisedErrorsShowTheirType() {
        let t = TestSession()
        let text = t.error("raise ValueError('bad input')\n", name: "r.dsk")
        #expect(text.hasPrefix("r.dsk:1:1: error: ValueError: bad input\n"))
    }

    @Test func arityErrorsNameTheFunction() {
        let t = TestSession()
        let text = t.error("def f(a, b):\n    return a\nf(1, 2, 3)\n", name: "a.dsk")
        #expect(text.hasPrefix("a.dsk:3:1: error: f() takes 2 positional arguments but 3 were given"))
    }

    @Test func keywordTyposSuggestTheParameter() {
        let t = TestSession()
        let text = t.error("def f(chunks=1):\n    return chunks\nf(chunk=2)\n")
        #expect(text.contains("f() got an unexpected keyword argument 'chunk'; did you mean 'chunks'?"))
    }

    @Test func syntaxErrorsAreReportedWithoutRunning() {
        let t = TestSession()
        let result = t.session.runCell("print('ran')\nx = (1,\n")
        #expect(!result.succeeded)
        #expect(!result.diagnostics.isEmpty)
        #expect(t.output.standardOutput.isEmpty)
    }

    @Test func recursionLimitIsAnErrorNotACrash() {
        let t = TestSession()
        let text = t.error("def f(n):\n    return f(n + 1)\nf(0)\n", name: "deep.dsk")
        #expect(text.hasPrefix("deep.dsk:2:12: error: maximum recursion depth exceeded"))
        #expect(text.contains("[previous line repeated 999 more times]"))
    }
}
