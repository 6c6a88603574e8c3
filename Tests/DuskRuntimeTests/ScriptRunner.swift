import DuskRuntime
import DuskSyntax
import Foundation

/// Runs the script tests under `Tests/Scripts/<feature>/*.dsk`.
///
/// Expectations are written inline, Crafting Interpreters style:
/// - `print(1 + 2)  # expect: 3`: the next line of standard output is `3`;
/// - `x = [1][5]  # expect error: list index out of range`: the statement on this
///   line fails with an error whose message contains the text (the script goes on
///   with the next top-level statement, so one file can check several errors);
/// - `# expect traceback: in f at`: a line the error's rendered traceback contains.
struct ScriptRunner {
    struct Expectation: Equatable, CustomStringConvertible {
        enum Kind: Equatable { case output, error, traceback }
        var kind: Kind
        var line: Int
        var text: String
        var description: String { "\(kind) at line \(line): \(text)" }
    }

    /// The folder of script tests, found from this file's path.
    static var scriptsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts")
    }

    /// Every script, as a path relative to the scripts folder (`numbers/division.dsk`).
    static func allScripts() -> [String] {
        let root = scriptsDirectory
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".dsk") }.sorted()
    }

    static func expectations(in text: String) -> [Expectation] {
        var out: [Expectation] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (marker, kind) in [("# expect error: ", Expectation.Kind.error), ("# expect traceback: ", .traceback),
                                   ("# expect: ", .output)] {
                if let range = line.range(of: marker) {
                    var text = String(line[range.upperBound...])
                    if let note = text.range(of: "  # python:") { text = String(text[..<note.lowerBound]) }
                    out.append(Expectation(kind: kind, line: i + 1, text: text))
                    break
                }
            }
            if line.hasSuffix("# expect:") { out.append(Expectation(kind: .output, line: i + 1, text: "")) }
        }
        return out
    }

    /// Problems found running one script (empty when it behaves as its comments say).
    static func check(_ relativePath: String) throws -> [String] {
        let url = scriptsDirectory.appendingPathComponent(relativePath)
        let text = try String(contentsOf: url, encoding: .utf8)
        let expected = expectations(in: text)
        let (sink, captured) = OutputSink.capture()
        let session = Session(argv: [relativePath], output: sink)
        let result = session.runForTests(SourceFile(name: relativePath, text: text))

        var problems: [String] = []
        var outputLines = captured.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if outputLines.last == "" { outputLines.removeLast() }
        let expectedOutput = expected.filter { $0.kind == .output }
        for (i, e) in expectedOutput.enumerated() {
            guard i < outputLines.count else {
                problems.append("line \(e.line): expected output '\(e.text)', got nothing more")
                break
            }
            if outputLines[i] != e.text {
                problems.append("line \(e.line): expected output '\(e.text)', got '\(outputLines[i])'")
            }
        }
        if outputLines.count > expectedOutput.count {
            problems.append("unexpected output: " + outputLines[expectedOutput.count...].joined(separator: " | "))
        }

        let expectedErrors = expected.filter { $0.kind == .error }
        let errors = result
        for (i, e) in expectedErrors.enumerated() {
            guard i < errors.count else {
                problems.append("line \(e.line): expected error '\(e.text)', none raised")
                continue
            }
            let d = errors[i]
            if !d.message.contains(e.text) {
                problems.append("line \(e.line): expected error '\(e.text)', got '\(d.message)'")
            }
            let moduleLine = d.notes.last(where: { $0.hasPrefix("  in <module> at ") }).flatMap { note in
                note.split(separator: ":").dropLast().last.flatMap { Int($0) }
            }
            if let l = d.location?.line, l != e.line, moduleLine != e.line {
                problems.append("line \(e.line): error '\(d.message)' reported at line \(l)")
            }
        }
        if errors.count > expectedErrors.count {
            problems += errors[expectedErrors.count...].map { "unexpected error: \($0.rendered())" }
        }
        let rendered = errors.map { $0.rendered() }.joined(separator: "\n")
        for t in expected where t.kind == .traceback && !rendered.contains(t.text) {
            problems.append("line \(t.line): traceback lacks '\(t.text)' in:\n\(rendered)")
        }
        return problems
    }
}

extension Session {
    /// Runs a script for the tests, continuing after errors; returns the errors raised.
    func runForTests(_ file: SourceFile) -> [Diagnostic] {
        runScript(file, continueAfterErrors: true).diagnostics
    }
}
