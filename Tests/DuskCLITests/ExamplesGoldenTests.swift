import Foundation
import Testing

/// Runs every `examples/*.dsk` script and compares its output with the committed
/// `examples/expected/<name>.out`.
///
/// The scripts run from the repository root with a relative path, as the README shows.
/// Expected files are plain text; a line of the form `<<wall time>>` matches any one
/// line (for timing output, which cannot be reproduced). Re-record with
/// `RECORD_SNAPSHOTS=1 swift test --filter ExamplesGoldenTests`.
@Suite struct ExamplesGoldenTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var scripts: [String] {
        let folder = root.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".dsk") }.sorted()
    }

    @Test func everyExampleHasExpectedOutput() {
        #expect(!Self.scripts.isEmpty)
        for script in Self.scripts {
            let expected = Self.expectedURL(for: script)
            #expect(FileManager.default.fileExists(atPath: expected.path), "missing \(expected.path)")
        }
    }

    @Test(arguments: scripts)
    func exampleMatchesExpectedOutput(_ script: String) throws {
        let result = try DuskProcess.run(["examples/\(script)"], directory: Self.root, timeout: 240)
        let actual = result.stdout + (result.stderr.isEmpty ? "" : "--- stderr\n" + result.stderr)
        let expectedURL = Self.expectedURL(for: script)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: expectedURL.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(result.status == 0, "exit status \(result.status)\n\(result.stderr)")
        let mismatch = Self.firstMismatch(expected: expected, actual: actual)
        #expect(mismatch == nil, "\(script): \(mismatch ?? "")")
    }

    static func expectedURL(for script: String) -> URL {
        root.appendingPathComponent("examples/expected")
            .appendingPathComponent(script.replacingOccurrences(of: ".dsk", with: ".out"))
    }

    /// The first differing line, described, or nil when the outputs agree.
    static func firstMismatch(expected: String, actual: String) -> String? {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(want.count, got.count) {
            let w = index < want.count ? String(want[index]) : "<end of output>"
            let g = index < got.count ? String(got[index]) : "<end of output>"
            if w == "<<wall time>>" && index < got.count { continue }
            if w != g { return "line \(index + 1): expected \(w.debugDescription), got \(g.debugDescription)" }
        }
        return nil
    }
}
