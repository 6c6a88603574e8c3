import Foundation
import Testing

/// The REPL driven through a pipe: no prompts or banner, expression reprs printed,
/// multi-line blocks, `_`, errors reported and the session going on.
@Suite struct PipedREPLTests {
    /// Input lines and the exact standard output they produce.
    static let sessions: [(input: String, output: String)] = [
        ("1+1\n", "2\n"),
        ("x = 3\nx\nx * 2\n", "3\n6\n"),
        ("None\n'text'\n[1, 2]\n", "'text'\n[1, 2]\n"),
        ("6 * 7\n_ + 1\n_\n", "42\n43\n43\n"),
        // A block ends at a blank line; the expression after it echoes.
        ("for i in range(3):\n    print(i)\n\n10\n", "0\n1\n2\n10\n"),
        ("def f(a, b=2):\n    return a * b\n\nf(21)\n", "42\n"),
        // A block at the very end of input runs without a trailing blank line.
        ("if True:\n    print('yes')\n", "yes\n"),
        // Open brackets continue; the cell runs as soon as they close.
        ("[1,\n 2,\n 3]\n", "[1, 2, 3]\n"),
        ("total = (1 +\n         2)\ntotal\n", "3\n"),
        // Blank lines between statements are harmless.
        ("\n\n1\n\n2\n", "1\n2\n"),
    ]

    @Test(arguments: sessions)
    func pipedSession(input: String, output: String) throws {
        let result = try DuskProcess.run([], input: input)
        #expect(result.stdout == output)
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func errorsAreReportedAndTheSessionGoesOn() throws {
        let result = try DuskProcess.run([], input: "1 / 0\nprint('still here')\nundefined_thing\n2\n")
        #expect(result.stdout == "still here\n2\n")
        #expect(result.stderr.contains("<stdin>:1:"))
        #expect(result.stderr.contains("<stdin>:1:1: error: name 'undefined_thing' is not defined"))
        #expect(result.status == 1)
    }

    @Test func noBannerAndNoPromptsOnAPipe() throws {
        let result = try DuskProcess.run([], input: "")
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }
}
