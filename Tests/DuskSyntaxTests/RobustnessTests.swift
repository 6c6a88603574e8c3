import Foundation
import Synchronization
import Testing
@testable import DuskSyntax

/// No input crashes or hangs the parser: deep nesting, random token soup,
/// every truncation of valid programs.
struct RobustnessTests {
    /// A deterministic generator so a failure can be reproduced.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let sample = """
        import dask.array as da
        from dask import delayed as d, compute

        @d
        def f(a, b=1, *args, c, **kw):
            \"\"\"Doc.\"\"\"
            global g
            x = [i ** 2 for i in range(a) if i % 2]
            y = {k: v for k, v in kw.items()}
            z = a[1:2, ::-1, None, ...] @ b.T
            try:
                w = f'{x = } {y!r:>10} {{}}'
            except (KeyError, IndexError) as e:
                raise
            finally:
                pass
            while a > 0:
                a -= 1
                if a == 3: continue
                elif a < 0: break
            else:
                del x[0], y
            with open(p) as fh: assert fh, "msg"
            return lambda q, *r: (q, *r) if q else -2 ** -q

        total = sum(x * x for x in range(10)); a, *b = 1, 2, 3
        """

    static let fragments: [String] = [
        "x", "y", "1", "2.5", "'s'", "f'{x}'", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "...",
        "+", "-", "*", "**", "/", "//", "%", "@", "~", "&", "|", "^", "<<", ">>", "<", ">", "==", "!=",
        "=", "+=", "**=", "if", "elif", "else", "for", "in", "while", "def", "return", "lambda", "not",
        "and", "or", "is", "None", "True", "pass", "break", "continue", "import", "from", "as", "del",
        "try", "except", "finally", "with", "raise", "global", "assert", "\n", "\n    ", "\n        ",
        "\\\n", "#c\n", "$", "'''", "\"", "f'{", "}", "0x", "1e", "\t",
    ]

    @Test func randomTokenSoupAlwaysReturns() {
        var rng = SplitMix64(state: 20_251_125)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...40, using: &rng)
            var text = ""
            for _ in 0..<count {
                text += Self.fragments.randomElement(using: &rng)! + (Bool.random(using: &rng) ? " " : "")
            }
            let outcome = Parser.parse(SourceFile(name: "fuzz", text: text))
            // Every diagnostic points into the file (line 1 ... last line + 1).
            for diagnostic in outcome.diagnostics {
                let line = diagnostic.location?.line ?? 1
                #expect(line >= 1 && line <= text.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
                _ = diagnostic.rendered()
            }
            _ = Parser.isIncomplete(text)
            _ = Parser.parseExpression(SourceFile(name: "fuzz", text: text))
        }
    }

    @Test func randomBytesAlwaysReturn() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<500 {
            let scalars = (0..<Int.random(in: 0...60, using: &rng)).map { _ in
                Unicode.Scalar(UInt8.random(in: 0...127, using: &rng))
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            _ = Parser.parse(SourceFile(name: "bytes", text: String(view)))
        }
    }

    @Test func everyTruncationOfAValidProgramReturns() {
        #expect(Parser.parse(SourceFile(name: "sample", text: Self.sample)).diagnostics.isEmpty)
        let scalars = Array(Self.sample.unicodeScalars)
        for end in 0...scalars.count {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[0..<end])
            let text = String(view)
            _ = Parser.parse(SourceFile(name: "truncated", text: text))
            _ = Parser.isIncomplete(text)
        }
    }

    @Test func deletingAnyOneTokenNeverCrashes() {
        let lexer = Lexer.tokenize(SourceFile(name: "s", text: Self.sample))
        let scalars = Array(Self.sample.unicodeScalars)
        for token in lexer.tokens where token.end > token.start {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[0..<token.start])
            view.append(contentsOf: scalars[token.end...])
            _ = Parser.parse(SourceFile(name: "deleted", text: String(view)))
        }
    }

    // MARK: - Nesting

    static let nestings: [(open: String, close: String)] = [
        ("(", ")"), ("[", "]"), ("{1: ", "}"), ("-", ""), ("not ", ""), ("2 ** ", ""), ("lambda: ", ""),
        ("f(", ")"), ("a[", "]"), ("0 if 1 else ", ""), ("f'{", "}'"),
    ]

    @Test(arguments: 0..<nestings.count)
    func nestingWithinTheLimitParses(_ index: Int) {
        let (open, close) = Self.nestings[index]
        let depth = index == 10 ? 45 : Parser.maximumNestingDepth - 2
        let text = "x = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
        #expect(diagnostics(text).isEmpty)
    }

    @Test(arguments: 0..<nestings.count)
    func nestingPastTheLimitIsADiagnostic(_ index: Int) {
        let (open, close) = Self.nestings[index]
        let depth = 5000
        let text = "x = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth) + "\ny = 2 +\n"
        let messages = diagnostics(text).map(\.message)
        let expected = index == 10
            ? "f-string: f-strings are nested too deeply (the limit is \(Lexer.maximumFStringNesting) levels)"
            : "expression is nested too deeply (the limit is \(Parser.maximumNestingDepth) levels)"
        #expect(messages.first == expected)
        // Parsing went on after the deep line.
        #expect(messages.last == "expected an expression, found end of line")
    }

    @Test func unclosedBracketsAtScale() {
        let text = String(repeating: "(", count: 100_000)
        #expect(!diagnostics(text).isEmpty)
        #expect(Parser.isIncomplete(text) == false)
    }

    // MARK: - Performance

    @Test func aThousandLineFileIsFast() {
        var lines: [String] = []
        for i in 0..<125 {
            lines += [
                "def function_\(i)(a, b=\(i), *args, **kw):",
                "    '''Docstring number \(i).'''",
                "    x = [v * \(i) + 1 for v in range(a) if v % 2 == 0]",
                "    y = {\"key\": x[1:\(i):2], 'other': (a, b, *args)}",
                "    if a > b and not x:",
                "        return f'{a = } {b!r:>8}' + str(a ** -2)",
                "    return sum(q @ w.T for q, w in zip(x, y)) // 3",
                "",
            ]
        }
        let text = lines.joined(separator: "\n")
        let file = SourceFile(name: "big", text: text)
        let clock = ContinuousClock()
        var outcome: ParseOutcome?
        let elapsed = clock.measure { outcome = Parser.parse(file) }
        #expect(outcome?.diagnostics.isEmpty == true)
        #expect(outcome?.module?.body.count == 125)
        // Generous for unoptimized builds; a release build takes a few milliseconds.
        #expect(elapsed < .seconds(2), "parsing 1000 lines took \(elapsed)")
    }
}

/// Threads with small stacks get a diagnostic instead of a crash.
struct StackHeadroomTests {
    @Test(arguments: [256 * 1024, 512 * 1024, 1024 * 1024])
    func deepNestingOnASmallStackIsADiagnostic(_ stackSize: Int) {
        let text = "x = " + String(repeating: "(", count: 198) + "1" + String(repeating: ")", count: 198)
        let result = Mutex<[String]?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let messages = Parser.parse(SourceFile(name: "deep", text: text)).diagnostics.map(\.message)
            result.withLock { $0 = messages }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        let messages = result.withLock { $0 } ?? ["no result"]
        // Either the thread had room for all of it, or it stopped with the nesting diagnostic.
        #expect(messages.isEmpty || messages == ["expression is nested too deeply (the limit is \(Parser.maximumNestingDepth) levels)"])
    }
}
