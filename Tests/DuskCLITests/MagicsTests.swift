import Foundation
import Testing

/// Magics through a piped REPL: the shape of their output (timings vary).
@Suite struct MagicsTests {
    /// `1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)`.
    static var timeitLine: Regex<(Substring, Substring?, Substring, Substring?, Substring, Substring, Substring)> { #/^\d+(\.\d+)? (ns|µs|ms|s) ± \d+(\.\d+)? (ns|µs|ms|s) per loop \(mean ± std\. dev\. of (\d+) runs?, ([\d,]+) loops? each\)$/# }

    @Test func explainMagicExplainsAnExpression() throws {
        let input = "import dask.array as da\nx = da.ones(4, chunks=2)\n%explain (x + 1).sum()\n%explain\n%explain y = 1\n"
        let result = try DuskProcess.run([], input: input)
        #expect(result.stdout.hasPrefix("explain: sum-aggregate, shape (), float64\n\n1. As written: 4 operations, 7 blocks in all\n"))
        #expect(result.stdout.contains("   2  sum of each chunk, axis 0  (2,)   float64  (1,)         2  #1\n"))
        #expect(result.stderr.contains("%explain needs a lazy value, as in '%explain x.sum()'"))
        #expect(result.stderr.contains("%explain needs an expression, not a statement"))
    }

    @Test func timeitLineMagic() throws {
        let result = try DuskProcess.run([], input: "%timeit -n 5 -r 3 sum(range(100))\n")
        #expect(result.stderr == "")
        let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let match = try #require(line.wholeMatch(of: Self.timeitLine))
        #expect(match.output.5 == "3")
        #expect(match.output.6 == "5")
    }

    @Test func timeitChoosesLoopsAutomatically() throws {
        let result = try DuskProcess.run([], input: "%timeit -r 2 x = 1\n")
        let line = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let match = try #require(line.wholeMatch(of: Self.timeitLine))
        let loops = Int(match.output.6.replacingOccurrences(of: ",", with: "")) ?? 0
        #expect(loops >= 10)
        #expect(String(loops).allSatisfy { $0 == "1" || $0 == "0" } && String(loops).hasPrefix("1"))
    }

    @Test func timeitCellMagic() throws {
        let input = "y = 0\n%%timeit -n 2 -r 2\nz = y + 1\nw = z * 2\n\nprint('after')\n"
        let result = try DuskProcess.run([], input: input)
        let lines = result.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("The slowest run took") }
        #expect(lines.count == 2)
        #expect(lines.first?.wholeMatch(of: Self.timeitLine) != nil)
        #expect(lines.last == "after")
    }

    @Test func timeMagicPrintsCPUAndWallTimesThenTheValue() throws {
        let result = try DuskProcess.run([], input: "%time 6 * 7\n")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.wholeMatch(of: #/CPU times: user \S+ \S+, sys: \S+ \S+, total: \S+ \S+/#) != nil)
        #expect(lines.dropFirst().first?.wholeMatch(of: #/Wall time: \d+(\.\d+)? (ns|µs|ms|s)/#) != nil)
        #expect(lines.last == "42")
    }

    @Test func timeCellMagicRunsTheCell() throws {
        let result = try DuskProcess.run([], input: "%%time\na = 2\nprint(a * 21)\n\na\n")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "42")
        #expect(lines.contains { $0.hasPrefix("CPU times: user ") })
        #expect(lines.contains { $0.hasPrefix("Wall time: ") })
        #expect(lines.last == "2")
    }

    @Test func whoListsUserVariables() throws {
        let result = try DuskProcess.run([], input: "b = 1\na = 2\ndef f():\n    pass\n\n%who\n")
        // IPython's layout: each name followed by a tab and a space.
        #expect(result.stdout == "a\t b\t f\t \n")
    }

    @Test func whosTabulatesAsIPython() throws {
        // The expected text is what IPython 8 prints for the same variables.
        let result = try DuskProcess.run([], input: "a = 1\nb = [1, 2]\n%whos\n")
        #expect(result.stdout == """
            Variable   Type    Data/Info
            ----------------------------
            a          int     1
            b          list    n=2

            """)
    }

    @Test func whoWithNoVariables() throws {
        let result = try DuskProcess.run([], input: "%who\n")
        #expect(result.stdout == "Interactive namespace is empty.\n")
    }

    @Test func resetClearsUserVariables() throws {
        let result = try DuskProcess.run([], input: "a = 1\n%reset -f\n%who\nlen([1])\n")
        #expect(result.stdout == "Interactive namespace is empty.\n1\n")
    }

    @Test func historyNumbersTheCells() throws {
        let result = try DuskProcess.run([], input: "x = 1\nx + 1\n%history\n")
        #expect(result.stdout == "2\n   1: x = 1\n   2: x + 1\n   3: %history\n")
    }

    @Test func historyShowsMultiLineCellsBelowTheirNumber() throws {
        let result = try DuskProcess.run([], input: "if True:\n    y = 1\n\n%history 1\n")
        #expect(result.stdout == "   2: %history 1\n")
        let full = try DuskProcess.run([], input: "if True:\n    y = 1\n\n%history\n")
        #expect(full.stdout == "   1:\nif True:\n    y = 1\n   2: %history\n")
    }

    @Test func runAndLoadExecuteAFile() throws {
        let directory = DuskProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("lib.dsk")
        try "def double(v):\n    return 2 * v\nprint('loaded')\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try DuskProcess.run([], input: "%run \(file.path)\ndouble(4)\n")
        #expect(run.stdout == "loaded\n8\n")
        let load = try DuskProcess.run([], input: "%load \(file.path)\ndouble(5)\n")
        #expect(load.stdout.hasSuffix("loaded\n10\n"))
    }

    @Test(arguments: [false, true])
    func runReportsAnErrorInTheFile(fileHasMagics: Bool) throws {
        let directory = DuskProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("bad.dsk")
        let text = (fileHasMagics ? "%time z = 1\n" : "z = 1\n") + "y = undefined_name\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try DuskProcess.run([], input: "%run \(file.path)\nz\n")
        #expect(result.stderr.contains("\(file.path):2:5: error: name 'undefined_name' is not defined"))
        #expect(result.stdout.hasSuffix("1\n"))
        #expect(result.status == 1)
    }

    @Test func runOfAMissingFile() throws {
        let result = try DuskProcess.run([], input: "%run /no/such/file.dsk\n")
        #expect(result.stderr.contains("can't open file '/no/such/file.dsk': No such file or directory"))
        #expect(result.status == 1)
    }

    @Test func errorsInALineMagicStatementPointAtTheTypedLine() throws {
        let result = try DuskProcess.run([], input: "%timeit -n 1 -r 1 1 + missing_name\n")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "<stdin>:1:23: error: name 'missing_name' is not defined")
        #expect(lines.dropFirst().first == " 1 | %timeit -n 1 -r 1 1 + missing_name")
        #expect(lines.dropFirst(2).first == "   |                       ^~~~~~~~~~~~")
        #expect(result.status == 1)
    }

    @Test func unknownMagicIsAClearError() throws {
        let result = try DuskProcess.run([], input: "%foo bar\n1\n")
        #expect(result.stderr.contains("unknown magic '%foo'; try %quickref"))
        #expect(result.stdout == "1\n")
    }

    @Test func quickrefListsTheMagics() throws {
        let result = try DuskProcess.run([], input: "%quickref\n")
        for magic in ["%time", "%timeit", "%%time", "%%timeit", "%who", "%reset", "%load", "%run", "%history"] {
            #expect(result.stdout.contains(magic))
        }
    }

    @Test func timeitFunctionFollowsPythonsTimeitRepeat() throws {
        let program = """
            times = timeit.repeat(lambda: sum(range(10)), number=5, repeat=3)
            print(len(times), all(t >= 0 for t in times))
            one = timeit(lambda: None, number=100)
            print(isinstance(one, float))
            """
        let result = try DuskProcess.run(["-c", program])
        #expect(result.stderr == "")
        #expect(result.stdout == "3 True\nTrue\n")
    }

    @Test func magicsWorkInScripts() throws {
        let result = try DuskProcess.run(["-c", "%timeit -n 1 -r 1 1 + 1\nprint('ok')"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.wholeMatch(of: Self.timeitLine) != nil)
        #expect(lines.last == "ok")
    }

    /// IPython's help syntax: which lines are help requests, and what they show.
    @Test(arguments: [
        ("len?\n", "len(obj, /)\n    The number of items of a container.\n"),
        ("?len\n", "len(obj, /)\n    The number of items of a container.\n"),
        ("import dask.array as da\nda.ones?  \n", "ones(shape, dtype=None, chunks='auto', name=None, *, device=None)\n    A lazy array of ones.\n"),
        ("%pinfo len\n", "len(obj, /)\n    The number of items of a container.\n"),
        ("def f(a):\n    \"\"\"Twice a.\"\"\"\n\n    return 2 * a\n\nf??\n",
         "f(a)\n    Twice a.\n\nSource:\ndef f(a):\n    \"\"\"Twice a.\"\"\"\n\n    return 2 * a\n"),
        ("no_such_name?\n", "Object `no_such_name` not found.\n"),
        // Inside a string a `?` line is text.
        ("s = \"\"\"\nlen?\n\"\"\"\nprint(s.strip())\n", "len?\n"),
    ])
    func helpSyntax(input: String, output: String) throws {
        let result = try DuskProcess.run(["-"], input: input)
        #expect(result.stderr == "")
        #expect(result.stdout == output)
    }

    /// `?` on both sides, three of them, or after no name: a syntax error as before.
    @Test(arguments: ["?len?\n", "len???\n", "x.?\n", "1x?\n"])
    func notHelpSyntax(input: String) throws {
        let result = try DuskProcess.run(["-"], input: input)
        #expect(result.stderr.contains("error: invalid character '?'"))
    }
}
