import Testing
@testable import DuskSyntax

@Test func smoke() {
    print(sexpr("x = f(1) + 2\nif x:\n    print(x)\nelse:\n    pass\n"))
    print(sexpr("def f(a, b=1, *args, c, **kw):\n    '''doc'''\n    return a ** -b\n"))
    print(sexpr("y = f'{x = }, {y!r:.3f} {{}}'"))
    print(sexpr("x = (1,\n  2"))
    print(sexpr("x = $\ny = 3 +\nfor i in range(3): break\nbreak\n"))
    #expect(sexpr("1") == "(expr (int 1))")
}
