import DuskSyntax
import Testing
@testable import dusk

/// How REPL lines group into cells, with the real `Parser.isIncomplete` and with a
/// stand-in that is incomplete forever (to check the two-blank-lines way out).
@Suite struct CellAccumulatorTests {
    static func parserIncomplete(_ text: String) -> Bool { Parser.isIncomplete(text) }

    /// Feeds lines and records the cells produced, and the prompt kind before each line.
    static func feed(_ lines: [String]) -> (cells: [String], prompts: String) {
        var accumulator = CellAccumulator(isIncomplete: parserIncomplete)
        var cells: [String] = []
        var prompts = ""
        for line in lines {
            prompts += accumulator.isEmpty ? ">" : "."
            if case .complete(let cell) = accumulator.add(line) { cells.append(cell) }
        }
        if let last = accumulator.finish() { cells.append(last) }
        return (cells, prompts)
    }

    @Test(arguments: [
        (["1 + 1"], ["1 + 1"], ">"),
        (["x = 1", "x"], ["x = 1", "x"], ">>"),
        (["", "  ", "x"], ["x"], ">>>"),
        (["if x:", "    y = 1", "", "z"], ["if x:\n    y = 1", "z"], ">..>"),
        (["for i in r:", "    a", "    b", "", "c"], ["for i in r:\n    a\n    b", "c"], ">...>"),
        (["x = [1,", "2]", "y"], ["x = [1,\n2]", "y"], ">.>"),
        (["x = [1,", "", "2]"], ["x = [1,\n\n2]"], ">.."),
        (["if x: y = 1", "", "z"], ["if x: y = 1", "z"], ">.>"),
        (["@deco", "def f():", "    pass", ""], ["@deco\ndef f():\n    pass"], ">..."),
        // A block still open at the end of input runs as it is.
        (["def f():", "    return 1"], ["def f():\n    return 1"], ">."),
        // A header without a body ends at the blank line (the parser then reports it).
        (["if x:", ""], ["if x:"], ">."),
        // A syntax error is reported at once, not after a blank line.
        (["for i in x print(i)", "1"], ["for i in x print(i)", "1"], ">>"),
        (["s = '''a", "b'''", "s"], ["s = '''a\nb'''", "s"], ">.>"),
        // Line magics are cells on their own; cell magics run to a blank line.
        (["%time 1 + 1", "2"], ["%time 1 + 1", "2"], ">>"),
        (["%%timeit -n 1", "a = 1", "b = 2", "", "3"], ["%%timeit -n 1\na = 1\nb = 2", "3"], ">...>"),
    ] as [([String], [String], String)])
    func cells(lines: [String], expected: [String], prompts: String) {
        let result = Self.feed(lines)
        #expect(result.cells == expected)
        #expect(result.prompts == prompts)
    }

    @Test func resetDropsAPartialCell() {
        var accumulator = CellAccumulator(isIncomplete: Self.parserIncomplete)
        #expect(accumulator.add("if x:") == .needsMore)
        accumulator.reset()
        #expect(accumulator.isEmpty)
        #expect(accumulator.add("1") == .complete("1"))
    }

    @Test func twoBlankLinesEndAnyCell() {
        var accumulator = CellAccumulator(isIncomplete: { _ in true })
        #expect(accumulator.add("x = (") == .needsMore)
        #expect(accumulator.add("") == .needsMore)
        #expect(accumulator.add("") == .complete("x = ("))
    }
}

/// The indentation offered on continuation lines (auto-indent on a terminal).
@Suite struct AutoIndentTests {
    @Test(arguments: [
        ([], ""),
        (["def f(x):"], "    "),
        (["def f(x):", "    y = 1"], "    "),
        (["def f(x):", "    for i in x:  # loop"], "        "),
        (["x = [1,"], ""),
        (["if a:", "    b", ""], ""),
        (["%%timeit", "a = 1"], ""),
        (["d = {'k':"], "    "),
    ] as [([String], String)])
    func nextIndentation(lines: [String], expected: String) {
        var accumulator = CellAccumulator(isIncomplete: { _ in true })
        for line in lines { _ = accumulator.add(line) }
        #expect(accumulator.nextIndentation == expected)
    }
}
