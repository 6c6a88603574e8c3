import Foundation

/// Golden files for text a test produces (drawings, `explain` reports): the text is compared
/// with `Snapshots/<name>.txt` beside the test file, or written there when the environment
/// has `RECORD_SNAPSHOTS=1`.
///
/// ```
/// #expect(Snapshot.mismatch(drawing, named: "small_sum") == nil)
/// ```
public enum Snapshot {
    /// Whether this run records snapshots instead of checking them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// nil when `text` equals the snapshot (or was recorded); else the first differing line,
    /// described.
    public static func mismatch(_ text: String, named name: String, testFile: String = #filePath) -> String? {
        let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let url = folder.appendingPathComponent(name + ".txt")
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                return nil
            } catch {
                return "cannot record \(url.path): \(error)"
            }
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "no snapshot \(url.path); record it with RECORD_SNAPSHOTS=1"
        }
        return firstDifference(expected: expected, actual: text).map { "\(name): \($0)" }
    }

    /// The first differing line, described, or nil when the texts are equal.
    public static func firstDifference(expected: String, actual: String) -> String? {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(want.count, got.count) {
            let w = index < want.count ? String(want[index]) : "<end>"
            let g = index < got.count ? String(got[index]) : "<end>"
            if w != g { return "line \(index + 1): expected \(w.debugDescription), got \(g.debugDescription)" }
        }
        return nil
    }
}
