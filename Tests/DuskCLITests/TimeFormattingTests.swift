@testable import DuskRuntime
import Testing

/// Durations and `%timeit` lines exactly as IPython prints them. The expected strings
/// were produced by IPython's own `_format_time` and `TimeitResult` (IPython 8).
@Suite struct TimeFormattingTests {
    @Test(arguments: [
        (0.5, "500 ms"),
        (0.0123, "12.3 ms"),
        (0.001, "1 ms"),
        (0.0009996, "1e+03 µs"),
        (0.9996, "1e+03 ms"),
        (1.5e-09, "1.5 ns"),
        (2e-10, "0.2 ns"),
        (0.0, "0 ns"),
        (5.5, "5.5 s"),
        (59.99, "60 s"),
        (65.2, "1min 5s"),
        (3725.0, "1h 2min 5s"),
        (90061.0, "1d 1h 1min 1s"),
        (1e-05, "10 µs"),
        (0.01, "10 ms"),
        (0.000123456, "123 µs"),
        (4.56789e-08, "45.7 ns"),
    ])
    func duration(seconds: Double, expected: String) {
        #expect(TimeFormatting.duration(seconds) == expected)
    }

    @Test(arguments: [
        (100, [0.1234, 0.1240, 0.1229, 0.1251, 0.1233, 0.1236, 0.1238],
         "1.24 ms ± 6.5 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)"),
        (1_000_000, [0.0456], "45.6 ns ± 0 ns per loop (mean ± std. dev. of 1 run, 1,000,000 loops each)"),
        (1, [1.5, 2.5], "2 s ± 500 ms per loop (mean ± std. dev. of 2 runs, 1 loop each)"),
    ])
    func timeitLine(loops: Int, runs: [Double], expected: String) {
        #expect(TimeitResult(loops: loops, allRuns: runs).description == expected)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"), (-1000, "-1,000")])
    func groupedCounts(value: Int, expected: String) {
        #expect(TimeFormatting.grouped(value) == expected)
    }

    @Test func cachingWarningWhenRunsDifferALot() {
        let result = TimeitResult(loops: 1, allRuns: [1e-3, 5e-3])
        #expect(result.cachingWarning == "The slowest run took 5.00 times longer than the fastest. "
            + "This could mean that an intermediate result is being cached.")
        #expect(TimeitResult(loops: 1, allRuns: [1e-3, 2e-3]).cachingWarning == nil)
    }

    @Test func autorangeChoosesAPowerOfTen() {
        var calls = 0
        let number = Stopwatch.autorange(minimum: 0.001) { calls += 1 }
        var n = number
        while n % 10 == 0 { n /= 10 }
        #expect(n == 1)
        #expect(calls >= number)
    }
}

/// Parsing of magic options (`-n 10 -r3 -q statement`).
@Suite struct MagicOptionsTests {
    @Test func optionsThenStatement() throws {
        let options = try MagicOptions(parsing: "-n 10 -r3 -q x + 1", valued: ["n", "r"], flags: ["q"])
        #expect(options.values["n"] == "10")
        #expect(options.values["r"] == "3")
        #expect(options.has("q"))
        #expect(options.rest == "x + 1")
    }

    @Test func aLeadingMinusThatIsNoOptionStartsTheStatement() throws {
        let options = try MagicOptions(parsing: "-x * 2", valued: ["n", "r"], flags: ["q"])
        #expect(options.values.isEmpty)
        #expect(options.rest == "-x * 2")
    }

    @Test func missingAndBadValuesAreErrors() {
        #expect(throws: MagicOptionError.self) { try MagicOptions(parsing: "-n", valued: ["n"]) }
        let options = try? MagicOptions(parsing: "-n zero f()", valued: ["n"])
        #expect(throws: MagicOptionError.self) { try options?.positiveInteger("n") }
    }

    @Test func shellWordsHonourQuotes() {
        #expect(Magics.shellWords("'my file.dsk' a \"b c\"") == ["my file.dsk", "a", "b c"])
        #expect(Magics.shellWords("  plain.dsk  ") == ["plain.dsk"])
    }
}
