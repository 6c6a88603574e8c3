import Testing
@testable import DuskSyntax

/// Source → S-expression golden tests, one table per area of the grammar.
/// Each row reads as documentation: the source on the left, its tree on the right.
struct ParserGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var expected: String
        init(_ source: String, _ expected: String) { self.source = source; self.expected = expected }
        var testDescription: String { source.debugDescription }
    }

    // MARK: - Precedence and associativity

    static let precedenceCases: [Case] = [
        Case("a or b and not c", "(expr (or (name a) (and (name b) (unary not (name c)))))"),
        Case("a or b or c", "(expr (or (or (name a) (name b)) (name c)))"),
        Case("a and b and c", "(expr (and (and (name a) (name b)) (name c)))"),
        Case("not a == b", "(expr (unary not (compare (name a) == (name b))))"),
        Case("not not a", "(expr (unary not (unary not (name a))))"),
        Case("a < b <= c != d", "(expr (compare (name a) < (name b) <= (name c) != (name d)))"),
        Case("a == b in c not in d is e is not f",
             "(expr (compare (name a) == (name b) in (name c) not in (name d) is (name e) is not (name f)))"),
        Case("a < b > c >= d", "(expr (compare (name a) < (name b) > (name c) >= (name d)))"),
        Case("a | b ^ c & d << e + f * g ** h",
             "(expr (binary | (name a) (binary ^ (name b) (binary & (name c) (binary << (name d) (binary + (name e) (binary * (name f) (binary ** (name g) (name h)))))))))"),
        Case("a * b + c", "(expr (binary + (binary * (name a) (name b)) (name c)))"),
        Case("a | b | c", "(expr (binary | (binary | (name a) (name b)) (name c)))"),
        Case("a & b | c ^ d", "(expr (binary | (binary & (name a) (name b)) (binary ^ (name c) (name d))))"),
        Case("a >> b << c", "(expr (binary << (binary >> (name a) (name b)) (name c)))"),
        Case("a - b - c", "(expr (binary - (binary - (name a) (name b)) (name c)))"),
        Case("a // b % c @ d / e", "(expr (binary / (binary @ (binary % (binary // (name a) (name b)) (name c)) (name d)) (name e)))"),
        Case("a ** b ** c", "(expr (binary ** (name a) (binary ** (name b) (name c))))"),
        Case("-2 ** 2", "(expr (unary - (binary ** (int 2) (int 2))))"),
        Case("2 ** -1", "(expr (binary ** (int 2) (unary - (int 1))))"),
        Case("-a ** -b", "(expr (unary - (binary ** (name a) (unary - (name b)))))"),
        Case("~a + +b", "(expr (binary + (unary ~ (name a)) (unary + (name b))))"),
        Case("- - a", "(expr (unary - (unary - (name a))))"),
        Case("-a.b[0]()", "(expr (unary - (call (subscript (attr (name a) b) (int 0)))))"),
        Case("a + b if c else d", "(expr (ifexp (name c) (binary + (name a) (name b)) (name d)))"),
        Case("a if b else c if d else e", "(expr (ifexp (name b) (name a) (ifexp (name d) (name c) (name e))))"),
        Case("a or b if c or d else e", "(expr (ifexp (or (name c) (name d)) (or (name a) (name b)) (name e)))"),
        Case("not a in b", "(expr (unary not (compare (name a) in (name b))))"),
        Case("a is not None and b", "(expr (and (compare (name a) is not (none)) (name b)))"),
        Case("a @ b.T", "(expr (binary @ (name a) (attr (name b) T)))"),
        Case("lambda: a if b else c", "(expr (lambda (params) (ifexp (name b) (name a) (name c))))"),
        Case("x = a if b else lambda: c", "(assign (targets (name x)) (ifexp (name b) (name a) (lambda (params) (name c))))"),
    ]

    @Test(arguments: precedenceCases)
    func precedenceAndAssociativity(_ c: Case) {
        #expect(sexpr(c.source) == c.expected)
    }

    // MARK: - Atoms and primaries

    static let atomsCases: [Case] = [
        Case("x", "(expr (name x))"),
        Case("True, False, None, ...", "(expr (tuple (true) (false) (none) (ellipsis)))"),
        Case("1_000 + 0x_ff + 0o17 + 0b1010", "(expr (binary + (binary + (binary + (int 1000) (int 255)) (int 15)) (int 10)))"),
        Case("1.5, 1., .5, 1e-3, 1_000.5, 2E+2, 1.e1",
             "(expr (tuple (float 1.5) (float 1.0) (float 0.5) (float 0.001) (float 1000.5) (float 200.0) (float 10.0)))"),
        Case("9223372036854775807", "(expr (int 9223372036854775807))"),
        Case("'a' \"b\" '''c'''", "(expr (str \"abc\"))"),
        Case("r'\\n' + '\\n\\t\\x41\\u00e9'", "(expr (binary + (str \"\\\\n\") (str \"\\n\\tAé\")))"),
        Case("'é' + \"\\u00e9\\U0001F600\\101\\0\"", "(expr (binary + (str \"é\") (str \"é😀A\\x00\")))"),
        Case("'''line1\nline2'''", "(expr (str \"line1\\nline2\"))"),
        Case("'a\\\nb'", "(expr (str \"ab\"))"),
        Case("'\\d\\''", "(expr (str \"\\\\d'\"))"),
        Case("()", "(expr (tuple))"),
        Case("(1,)", "(expr (tuple (int 1)))"),
        Case("(1)", "(expr (int 1))"),
        Case("(1, 2, *c)", "(expr (tuple (int 1) (int 2) (starred (name c))))"),
        Case("[]", "(expr (list))"),
        Case("[1, *a, 2,]", "(expr (list (int 1) (starred (name a)) (int 2)))"),
        Case("{}", "(expr (dict))"),
        Case("{1: 2, **m, 3: 4,}", "(expr (dict ((int 1) (int 2)) (** (name m)) ((int 3) (int 4))))"),
        Case("{**a, 'b': 1}", "(expr (dict (** (name a)) ((str \"b\") (int 1))))"),
        Case("{1, 2}", "(expr (set (int 1) (int 2)))"),
        Case("{*a, 1}", "(expr (set (starred (name a)) (int 1)))"),
        Case("a.b.c(d)[e]", "(expr (subscript (call (attr (attr (name a) b) c) (name d)) (name e)))"),
        Case("a[b][c](d)(e).f", "(expr (attr (call (call (subscript (subscript (name a) (name b)) (name c)) (name d)) (name e)) f))"),
        Case("(lambda: 1)()", "(expr (call (lambda (params) (int 1))))"),
    ]

    @Test(arguments: atomsCases)
    func atomsAndPrimaries(_ c: Case) {
        #expect(sexpr(c.source) == c.expected)
    }

    // MARK: - Calls and subscripts

    static let callsAndSubscriptsCases: [Case] = [
        Case("f()", "(expr (call (name f)))"),
        Case("f(a, b=1, *c, **d)", "(expr (call (name f) (name a) (kw b (int 1)) (* (name c)) (** (name d))))"),
        Case("print(*args, sep='', **opts)", "(expr (call (name print) (* (name args)) (kw sep (str \"\")) (** (name opts))))"),
        Case("f(a,)", "(expr (call (name f) (name a)))"),
        Case("f(*a, *b, c)", "(expr (call (name f) (* (name a)) (* (name b)) (name c)))"),
        Case("f(x for x in y)", "(expr (call (name f) (genexp (name x) (for (name x) (name y)))))"),
        Case("sum(x * x for x in range(10))",
             "(expr (call (name sum) (genexp (binary * (name x) (name x)) (for (name x) (call (name range) (int 10))))))"),
        Case("f(x=lambda y: y)", "(expr (call (name f) (kw x (lambda (params (y)) (name y)))))"),
        Case("a[1:2, ::3, None, ...]", "(expr (subscript (name a) (tuple (slice (int 1) (int 2) _) (slice _ _ (int 3)) (none) (ellipsis))))"),
        Case("a[:]", "(expr (subscript (name a) (slice _ _ _)))"),
        Case("a[::]", "(expr (subscript (name a) (slice _ _ _)))"),
        Case("a[1:]", "(expr (subscript (name a) (slice (int 1) _ _)))"),
        Case("a[:2]", "(expr (subscript (name a) (slice _ (int 2) _)))"),
        Case("a[1:-1]", "(expr (subscript (name a) (slice (int 1) (unary - (int 1)) _)))"),
        Case("a[::-1]", "(expr (subscript (name a) (slice _ _ (unary - (int 1)))))"),
        Case("a[-1]", "(expr (subscript (name a) (unary - (int 1))))"),
        Case("a[:, 0]", "(expr (subscript (name a) (tuple (slice _ _ _) (int 0))))"),
        Case("a[i,]", "(expr (subscript (name a) (tuple (name i))))"),
        Case("a[()]", "(expr (subscript (name a) (tuple)))"),
        Case("a[..., None]", "(expr (subscript (name a) (tuple (ellipsis) (none))))"),
        Case("a[1:10:2, ::-1, None, ...]",
             "(expr (subscript (name a) (tuple (slice (int 1) (int 10) (int 2)) (slice _ _ (unary - (int 1))) (none) (ellipsis))))"),
        Case("a[x > 0]", "(expr (subscript (name a) (compare (name x) > (int 0))))"),
    ]

    @Test(arguments: callsAndSubscriptsCases)
    func callsAndSubscripts(_ c: Case) {
        #expect(sexpr(c.source) == c.expected)
    }

    // MARK: - Comprehensions and lambdas

    static let comprehensionsCases: [Case] = [
        Case("[x * y for x in a if x for y in b if y if z]",
             "(expr (listcomp (binary * (name x) (name y)) (for (name x) (name a) (if (name x))) (for (name y) (name b) (if (name y)) (if (name z)))))"),
        Case("[[j for j in i] for i in m]", "(expr (listcomp (listcomp (name j) (for (name j) (name i))) (for (name i) (name m))))"),
        Case("[a if b else c for d in e]", "(expr (listcomp (ifexp (name b) (name a) (name c)) (for (name d) (name e))))"),
        Case("{k: v for k, v in d.items()}",
             "(expr (dictcomp (name k) (name v) (for (tuple (name k) (name v)) (call (attr (name d) items)))))"),
        Case("{(a, b): [c] for a, b in zip(x, y)}",
             "(expr (dictcomp (tuple (name a) (name b)) (list (name c)) (for (tuple (name a) (name b)) (call (name zip) (name x) (name y)))))"),
        Case("(x for x in a)", "(expr (genexp (name x) (for (name x) (name a))))"),
        Case("(a for b in c for d in e if f)", "(expr (genexp (name a) (for (name b) (name c)) (for (name d) (name e) (if (name f)))))"),
        Case("[x for (a, *b) in c]", "(expr (listcomp (name x) (for (tuple (name a) (starred (name b))) (name c))))"),
        Case("lambda: 0", "(expr (lambda (params) (int 0)))"),
        Case("lambda x, y=1, *a, k, **kw: x + y",
             "(expr (lambda (params (x) (y (int 1)) (*a) (kwonly k) (**kw)) (binary + (name x) (name y))))"),
        Case("lambda *, k=2: k", "(expr (lambda (params (kwonly k (int 2))) (name k)))"),
        Case("lambda x: lambda y: x + y", "(expr (lambda (params (x)) (lambda (params (y)) (binary + (name x) (name y)))))"),
    ]

    @Test(arguments: comprehensionsCases)
    func comprehensionsAndLambdas(_ c: Case) {
        #expect(sexpr(c.source) == c.expected)
    }

    // MARK: - F-strings

    static let fstringsCases: [Case] = [
        Case("f'a{x}b' 'c' f'{y!s}'", "(expr (fstr \"a\" (interp (name x)) \"bc\" (interp (name y) !s)))"),
        Case("f'{x = }, {y!r:.3f} {{}}'", "(expr (fstr (interp (name x) (debug \"x = \")) \", \" (interp (name y) !r (spec \".3f\")) \" {}\"))"),
        Case("f'{x=}' f'{x = !s:>4}'", "(expr (fstr (interp (name x) (debug \"x=\")) (interp (name x) (debug \"x = \") !s (spec \">4\"))))"),
        Case("f'{a + b  =  }'", "(expr (fstr (interp (binary + (name a) (name b)) (debug \"a + b  =  \"))))"),
        Case("f'{a == b}'", "(expr (fstr (interp (compare (name a) == (name b)))))"),
        Case("f'{a != b!r}'", "(expr (fstr (interp (compare (name a) != (name b)) !r)))"),
        Case("f'{a <= b=}'", "(expr (fstr (interp (compare (name a) <= (name b)) (debug \"a <= b=\"))))"),
        Case("f\"{d['k']!r}\"", "(expr (fstr (interp (subscript (name d) (str \"k\")) !r)))"),
        Case("f'{d[\"k\"]:>10}'", "(expr (fstr (interp (subscript (name d) (str \"k\")) (spec \">10\"))))"),
        Case("f'{1, 2}'", "(expr (fstr (interp (tuple (int 1) (int 2)))))"),
        Case("f'{a[1:2]}'", "(expr (fstr (interp (subscript (name a) (slice (int 1) (int 2) _)))))"),
        Case("f'{ {1: 2}[1] }'", "(expr (fstr (interp (subscript (dict ((int 1) (int 2))) (int 1)))))"),
        Case("f'''a\n{b +\n c}'''", "(expr (fstr \"a\\n\" (interp (binary + (name b) (name c)))))"),
        Case("f'plain'", "(expr (str \"plain\"))"),
        Case("f'{{x}}'", "(expr (str \"{x}\"))"),
        Case("rf'\\n{x}'", "(expr (fstr \"\\\\n\" (interp (name x))))"),
        Case("f'{f\"{x}\"}'", "(expr (fstr (interp (fstr (interp (name x))))))"),
        Case("f'{f'{x}'}'", "(expr (fstr (interp (fstr (interp (name x))))))"),
        Case("f'{d['k']} {f\"{d[\"j\"]!r}\"}'",
             "(expr (fstr (interp (subscript (name d) (str \"k\"))) \" \" (interp (fstr (interp (subscript (name d) (str \"j\")) !r)))))"),
        Case("f'{x:%Y-%m-%d}'", "(expr (fstr (interp (name x) (spec \"%Y-%m-%d\"))))"),
    ]

    @Test(arguments: fstringsCases)
    func fStrings(_ c: Case) {
        #expect(sexpr(c.source) == c.expected)
    }

    // MARK: - Simple statements

    static let simpleStatementsCases: [Case] = [
        Case("x = *a, b", "(assign (targets (name x)) (tuple (starred (name a)) (name b)))"),
        Case("a, b = b, a", "(assign (targets (tuple (name a) (name b))) (tuple (name b) (name a)))"),
        Case("(a, b), c = d", "(assign (targets (tuple (tuple (name a) (name b)) (name c))) (name d))"),
        Case("[a, *b] = c", "(assign (targets (list (name a) (starred (name b)))) (name c))"),
        Case("a, *rest = c", "(assign (targets (tuple (name a) (starred (name rest)))) (name c))"),
        Case("a, = b", "(assign (targets (tuple (name a))) (name b))"),
        Case("[a] = b", "(assign (targets (list (name a))) (name b))"),
        Case("a = b = c = 1", "(assign (targets (name a) (name b) (name c)) (int 1))"),
        Case("a.b = a[1] = 2", "(assign (targets (attr (name a) b) (subscript (name a) (int 1))) (int 2))"),
        Case("z[:, :] = value", "(assign (targets (subscript (name z) (tuple (slice _ _ _) (slice _ _ _)))) (name value))"),
        Case("x += 1", "(augassign + (name x) (int 1))"),
        Case("x -= 1", "(augassign - (name x) (int 1))"),
        Case("x *= 1", "(augassign * (name x) (int 1))"),
        Case("x /= 1", "(augassign / (name x) (int 1))"),
        Case("x //= 2", "(augassign // (name x) (int 2))"),
        Case("x %= 1", "(augassign % (name x) (int 1))"),
        Case("x **= 2", "(augassign ** (name x) (int 2))"),
        Case("x @= m", "(augassign @ (name x) (name m))"),
        Case("x &= 1", "(augassign & (name x) (int 1))"),
        Case("x |= 1", "(augassign | (name x) (int 1))"),
        Case("x ^= 1", "(augassign ^ (name x) (int 1))"),
        Case("x <<= 1", "(augassign << (name x) (int 1))"),
        Case("x >>= 1", "(augassign >> (name x) (int 1))"),
        Case("a.b[0] += 1, 2", "(augassign + (subscript (attr (name a) b) (int 0)) (tuple (int 1) (int 2)))"),
        Case("import a.b as c, d", "(import (a.b as c) (d))"),
        Case("import numpy as np", "(import (numpy as np))"),
        Case("from a.b import c as d, e", "(from a.b (c as d) (e))"),
        Case("from m import *", "(from m *)"),
        Case("from m import (a, b,)", "(from m (a) (b))"),
        Case("from dask.distributed import LocalCluster, Client", "(from dask.distributed (LocalCluster) (Client))"),
        Case("del a, b[0], c.d", "(del (name a) (subscript (name b) (int 0)) (attr (name c) d))"),
        Case("del (a, b), [c]", "(del (tuple (name a) (name b)) (list (name c)))"),
        Case("assert x", "(assert (name x))"),
        Case("assert x, 'msg'", "(assert (name x) (str \"msg\"))"),
        Case("global a, b", "(global a b)"),
        Case("raise", "(raise)"),
        Case("raise E('x')", "(raise (call (name E) (str \"x\")))"),
        Case("pass", "(pass)"),
        Case("x = 1; y = 2;", "(assign (targets (name x)) (int 1))\n(assign (targets (name y)) (int 2))"),
        Case("x=1;", "(assign (targets (name x)) (int 1))"),
        Case("a = \tb", "(assign (targets (name a)) (name b))"),
        Case("return_ = 1", "(assign (targets (name return_)) (int 1))"),
        Case("d = {}\nd['a'] = 1\n", "(assign (targets (name d)) (dict))\n(assign (targets (subscript (name d) (str \"a\"))) (int 1))"),
    ]

    @Test(arguments: simpleStatementsCases)
    func simpleStatements(_ c: Case) {
        #expect(sexpr(c.source) == c.expected)
    }

    // MARK: - Compound statements and layout

    static let compoundStatementsCases: [Case] = [
        Case("if a:\n    x\nelif b:\n    y\nelif c:\n    z\nelse:\n    w\n",
             "(if (name a) (body (expr (name x))) (else (if (name b) (body (expr (name y))) (else (if (name c) (body (expr (name z))) (else (expr (name w))))))))"),
        Case("if x: y = 1; z = 2", "(if (name x) (body (assign (targets (name y)) (int 1)) (assign (targets (name z)) (int 2))))"),
        Case("for i, (a, b) in enumerate(p):\n    if i: continue\n    break\nelse:\n    done()\n",
             "(for (tuple (name i) (tuple (name a) (name b))) (call (name enumerate) (name p)) (body (if (name i) (body (continue))) (break)) (else (expr (call (name done)))))"),
        Case("for x in 1, 2, 3: pass", "(for (name x) (tuple (int 1) (int 2) (int 3)) (body (pass)))"),
        Case("for *a, b in c: pass", "(for (tuple (starred (name a)) (name b)) (name c) (body (pass)))"),
        Case("for x[0] in y: pass", "(for (subscript (name x) (int 0)) (name y) (body (pass)))"),
        Case("while x > 0:\n    x -= 1\nelse:\n    pass\n",
             "(while (compare (name x) > (int 0)) (body (augassign - (name x) (int 1))) (else (pass)))"),
        Case("while True:\n    for x in y:\n        break\n    break\n",
             "(while (true) (body (for (name x) (name y) (body (break))) (break)))"),
        Case("@delayed\n@wrap(3)\ndef inc(x: int = 1, *, y, **kw) -> int:\n    \"\"\"Add one.\"\"\"\n    return x + 1\n",
             "(def inc (params (x (int 1)) (kwonly y) (**kw)) (decorators (name delayed) (call (name wrap) (int 3))) (doc \"Add one.\") (body (expr (str \"Add one.\")) (return (binary + (name x) (int 1)))))"),
        Case("def f(a, b=1, *args, c, d=2, **kw):\n    return a\n",
             "(def f (params (a) (b (int 1)) (*args) (kwonly c) (kwonly d (int 2)) (**kw)) (body (return (name a))))"),
        Case("def f():\n    def g():\n        nonlocal a\n        return\n    return g\n",
             "(def f (params) (body (def g (params) (body (nonlocal a) (return))) (return (name g))))"),
        Case("def f(): return 1", "(def f (params) (body (return (int 1))))"),
        Case("def f():\n    return 1, *a\n", "(def f (params) (body (return (tuple (int 1) (starred (name a))))))"),
        Case("def f():\n    for x in y:\n        return x\n", "(def f (params) (body (for (name x) (name y) (body (return (name x))))))"),
        Case("def f(\n    a,\n    b,\n):\n    pass\n", "(def f (params (a) (b)) (body (pass)))"),
        Case("try:\n    x()\nexcept (A, B) as e:\n    raise\nexcept C:\n    pass\nexcept:\n    pass\nelse:\n    y()\nfinally:\n    z()\n",
             "(try (body (expr (call (name x)))) (except (tuple (name A) (name B)) e (body (raise))) (except (name C) _ (body (pass))) (except _ _ (body (pass))) (else (expr (call (name y)))) (finally (expr (call (name z)))))"),
        Case("try:\n    x\nfinally:\n    y\n", "(try (body (expr (name x))) (finally (expr (name y))))"),
        Case("with open(f) as fh, lock:\n    data = fh.read()\n",
             "(with (item (call (name open) (name f)) (name fh)) (item (name lock) _) (body (assign (targets (name data)) (call (attr (name fh) read)))))"),
        Case("with a as (b, c): pass", "(with (item (name a) (tuple (name b) (name c))) (body (pass)))"),
        Case("x = [\n    1,\n    2,  # comment\n]\n", "(assign (targets (name x)) (list (int 1) (int 2)))"),
        Case("x = 1 + \\\n    2\n", "(assign (targets (name x)) (binary + (int 1) (int 2)))"),
        Case("\n\n# only a comment\n   \n\nx = 1\n   # indented comment\ny = 2\n",
             "(assign (targets (name x)) (int 1))\n(assign (targets (name y)) (int 2))"),
        Case("if x:\n\n    # comment\n\n    y = 1\n\nz = 2\n", "(if (name x) (body (assign (targets (name y)) (int 1))))\n(assign (targets (name z)) (int 2))"),
        Case("if a:\n\tif b:\n\t\tc\n\td\n", "(if (name a) (body (if (name b) (body (expr (name c)))) (expr (name d))))"),
        Case("if a:\r\n    b\r\n", "(if (name a) (body (expr (name b))))"),
        Case("if a:\n    if b:\n        c\nd", "(if (name a) (body (if (name b) (body (expr (name c))))))\n(expr (name d))"),
        Case("", ""),
        Case("# just a comment", ""),
        Case("\n\n\n", ""),
    ]

    @Test(arguments: compoundStatementsCases)
    func compoundStatements(_ c: Case) {
        #expect(sexpr(c.source) == c.expected)
    }

    // MARK: - Entry points

    @Test func parseExpressionIgnoresLayout() {
        #expect(sexprExpression("a +\n   b") == "(binary + (name a) (name b))")
        #expect(sexprExpression("  1, 2") == "(tuple (int 1) (int 2))")
        #expect(sexprExpression("a b") == "ERROR expected end of statement, found 'b'")
        #expect(sexprExpression("") == "ERROR expected an expression, found end of input")
    }

    @Test func docstringOnlyFromALeadingString() {
        let module = Parser.parse(SourceFile(name: "t", text: "def f():\n    x = 1\n    'not a doc'\n")).module
        guard case .functionDef(let def)? = module?.body.first?.kind else {
            Issue.record("expected a function definition")
            return
        }
        #expect(def.docstring == nil)
    }

    @Test func keywordsAreExposedForCompletion() {
        #expect(Parser.keywords.contains("lambda"))
        #expect(Parser.keywords.contains("None"))
    }
}
