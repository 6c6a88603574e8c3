@testable import DuskRuntime
import Testing

/// Float reprs and format specs against CPython's results (FormatCases.swift).
@Suite struct FormattingTests {
    @Test func floatReprMatchesPython() {
        for (bits, expected) in FormatCases.floatReprs {
            let d = Double(bitPattern: bits)
            #expect(FloatFormatter.repr(d) == expected, "repr of \(expected)")
        }
    }

    @Test func floatFormatsMatchPython() throws {
        for (bits, spec, expected) in FormatCases.floatFormats {
            let got = try ValueFormatter.format(.float(Double(bitPattern: bits)), spec: spec)
            #expect(got == expected, "format(\(Double(bitPattern: bits)), '\(spec)')")
        }
    }

    @Test func intFormatsMatchPython() throws {
        for (value, spec, expected) in FormatCases.intFormats {
            #expect(try ValueFormatter.format(.int(value), spec: spec) == expected, "format(\(value), '\(spec)')")
        }
    }

    @Test func stringFormatsMatchPython() throws {
        for (value, spec, expected) in FormatCases.stringFormats {
            #expect(try ValueFormatter.format(.str(value), spec: spec) == expected, "format('\(value)', '\(spec)')")
        }
    }

    @Test(arguments: [
        ("abc", "'abc'"), ("it's", "\"it's\""), ("a\"b'c", "'a\"b\\'c'"), ("\u{7f}", "'\\x7f'"), ("\u{85}", "'\\x85'"),
        ("tab\t", "'tab\\t'"), ("日本", "'日本'"),
    ])
    func stringRepr(_ text: String, _ expected: String) {
        #expect(Value.str(text).repr == expected)
    }

    @Test func badSpecsAreErrors() {
        #expect(throws: DuskError.self) { try ValueFormatter.format(.float(1), spec: "q") }
        #expect(throws: DuskError.self) { try ValueFormatter.format(.str("x"), spec: "+5") }
        #expect(throws: DuskError.self) { try ValueFormatter.format(.int(1), spec: ".2d") }
        #expect(throws: DuskError.self) { try ValueFormatter.format(.float(1), spec: ".f") }
    }
}
