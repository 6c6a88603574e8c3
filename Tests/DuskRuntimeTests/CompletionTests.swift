import DuskRuntime
import Testing

/// Tab completion: names, keywords, members after a dot, keyword arguments in calls.
@Suite struct CompletionTests {
    let t: TestSession = {
        let t = TestSession(interactive: true)
        _ = t.session.runCell("import math\nimport numpy as np\nwords = ['a']\ntext = 'x'\nlimit = 3\ndef scale(values, factor=2, *, offset=0):\n    return values\n")
        return t
    }()

    func complete(_ line: String) -> [String] { t.session.completions(for: line, cursor: line.utf8.count) }

    @Test func globalNamesBuiltinsAndKeywords() {
        #expect(complete("pri") == ["print"])
        #expect(complete("lim") == ["limit"])
        #expect(complete("wh").contains("while"))
        #expect(complete("x = sor") == ["sorted"])
    }

    @Test func namespaceMembers() {
        #expect(complete("math.sq") == ["math.sqrt"])
        #expect(complete("y = math.is").contains("math.isnan"))
        #expect(complete("np.p").contains("np.pi"))
    }

    @Test func methodsByTheValuesType() {
        #expect(complete("words.app") == ["words.append"])
        #expect(complete("text.up") == ["text.upper"])
        #expect(complete("words.") .contains("words.sort"))
    }

    @Test func keywordArgumentsInsideACall() {
        #expect(complete("scale([1], fa") == ["factor="])
        #expect(complete("scale([1], 2, off") == ["offset="])
        #expect(complete("sorted(words, rev") == ["reverse=", "reversed"])
        #expect(complete("round(1.5, nd").first == "ndigits=")
        #expect(complete("print('a', se").first == "sep=")
    }

    @Test func nothingInsideStrings() {
        #expect(complete("print('pri").isEmpty)
    }

    @Test func cursorInTheMiddle() {
        let line = "math.sq + 1"
        #expect(t.session.completions(for: line, cursor: 7) == ["math.sqrt"])
    }
}
