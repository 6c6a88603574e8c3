import Testing
@testable import DuskSyntax

/// `Parser.isIncomplete`: when the REPL waits for another line.
struct IncompleteInputTests {
    static let incomplete: [String] = [
        "foo(1,",
        "foo(1,\n",
        "x = [1, 2,\n  3",
        "x = {'a':",
        "x = (1,\n\n",
        "x = '''abc",
        "x = '''abc\n\n",
        "f'''{x}",
        "x = 1 + \\",
        "if x:",
        "if x:\n",
        "if x:\n    y",
        "if x:\n    y\n",
        "if x: y",
        "for i in range(3):\n    print(i)\n",
        "def f():\n    return 1\n",
        "def f(): return 1",
        "while x:\n    if y:\n        z\n",
        "if x:\n    y\nelse:",
        "if x:\n    y\nelif z:\n",
        "try:\n    x\n",
        "try:\n    x\nexcept:\n    y\n",
        "@delayed",
        "@delayed\n",
        "with a as b:",
        "def f(\n    a,",
        "x = [\n    1,  # comment\n",
    ]

    static let complete: [String] = [
        "",
        "\n",
        "x = 1",
        "x = 1\n",
        "print(x)",
        "f(1, 2)\n",
        "x = '''abc'''",
        "# comment",
        "if x:\n    y\n\n",
        "if x:\n    y\n    \n",
        "def f():\n    return 1\n\n",
        "for i in range(3): print(i)\n\n",
        "try:\n    x\nexcept:\n    y\n\n",
        // Real syntax errors: report instead of waiting.
        "x = 1 +",
        "x = 1 +\n",
        "if x",
        "x = )",
        "x = (1, 2]",
        "x = 'abc",
        "x = $",
        "if x:\n    y\n  z",
        "foo(1, $",
        "f() = 1",
        "return 1",
        "x = (1,\ndef f(): pass",
        "if x:\n\n",
        "def f():\n\n",
        "  x = 1",
    ]

    @Test(arguments: incomplete)
    func waitsForMore(_ text: String) {
        #expect(Parser.isIncomplete(text))
    }

    @Test(arguments: complete)
    func doesNotWait(_ text: String) {
        #expect(!Parser.isIncomplete(text))
    }
}
