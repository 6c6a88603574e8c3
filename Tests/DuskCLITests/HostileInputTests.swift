import Foundation
import Testing

/// The hostile one-liners of `Tests/Scripts/hostile/`, each run alone by the `dusk`
/// executable as a user would run it (`dusk -c`, after its file's imports).
///
/// Each ends with exit status 1 and an error that points at its line with a caret, or prints
/// what its `# expect:` comment says with status 0; never a signal (a crash, a trap, an
/// abort), never a hang. `ScriptTests` also runs the `.dsk` files in process; `.lines` files
/// hold programs that fail when compiled, so only this test runs them, one at a time.
@Suite struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        /// The file's imports, then the line.
        var program: [String]
        var expectsError: Bool
        var text: String
        var testDescription: String { "\(file):\(line)" }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/hostile")

    static let cases: [Case] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".dsk") || $0.hasSuffix(".lines") }.sorted()
        var cases: [Case] = []
        for name in names {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let imports = lines.filter { ($0.hasPrefix("import ") || $0.hasPrefix("from ")) && !$0.contains("# expect") }
            for (i, line) in lines.enumerated() {
                for (marker, isError) in [("# expect error: ", true), ("# expect: ", false)] {
                    guard let range = line.range(of: marker) else { continue }
                    var expected = String(line[range.upperBound...])
                    if let note = expected.range(of: "  # python:") { expected = String(expected[..<note.lowerBound]) }
                    cases.append(Case(file: name, line: i + 1, program: imports + [line], expectsError: isError, text: expected))
                    break
                }
            }
        }
        return cases
    }()

    @Test func thereAreTheIssuesOneLinersAndFiftyMore() {
        #expect(Self.cases.count >= 57)
    }

    @Test(arguments: cases)
    func endsWithAnErrorOrTheAnswerNeverASignal(_ hostile: Case) throws {
        let result = try DuskProcess.run(["-c", hostile.program.joined(separator: "\n")], timeout: 120)
        #expect(!result.timedOut, "did not finish in 120 s")
        #expect(!result.signaled, "killed by signal \(result.status): \(result.stderr)")
        if hostile.expectsError {
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(result.status == 1)
            #expect(lines.first?.hasPrefix("<string>:\(hostile.program.count):") == true, "\(result.stderr)")
            #expect(lines.first?.contains(": error: ") == true && lines.first?.contains(hostile.text) == true,
                    "expected '\(hostile.text)' in: \(result.stderr)")
            #expect(lines.contains { $0.hasPrefix("   | ") && $0.contains("^") }, "no caret in: \(result.stderr)")
        } else {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == hostile.text + "\n")
        }
    }
}
