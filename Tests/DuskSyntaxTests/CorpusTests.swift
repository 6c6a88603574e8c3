import Foundation
import Testing
import DuskSyntax

/// Every `.dsk` file under the repository's `examples/` and `stdlib/` parses.
struct CorpusTests {
    /// The repository root, found from this file's path (symbolic links resolved).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent()  // DuskSyntaxTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // root
    }

    static func dskFiles() -> [URL] {
        var files: [URL] = []
        for folder in ["examples", "stdlib"] {
            let url = repositoryRoot.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in enumerator where file.pathExtension == "dsk" {
                files.append(file)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func everyExampleAndStdlibFileParses() throws {
        let files = Self.dskFiles()
        if files.isEmpty {
            // Nothing to check yet (the folders are empty); not a failure.
            return
        }
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let name = url.pathComponents.suffix(2).joined(separator: "/")
            let outcome = Parser.parse(SourceFile(name: name, text: text))
            #expect(outcome.diagnostics.isEmpty, "\(name):\n\(outcome.diagnostics.map(\.description).joined(separator: "\n"))")
        }
    }
}
