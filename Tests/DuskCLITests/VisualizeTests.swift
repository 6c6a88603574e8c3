import Foundation
import Testing

/// `visualize()` from the command line: the files the tutorial's calls write, what happens
/// without Graphviz, and the text drawing in a terminal.
@Suite struct VisualizeTests {
    /// A fresh folder for one test's pictures.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dusk-visualize-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let program = """
        import dask
        import dask.array as da
        from dask import delayed
        def add(x1, x2):
            return x1 + x2
        def square(x):
            return x ** 2
        delayed_result = delayed(add)(delayed(square)(2), delayed(square)(3))
        delayed_result.visualize(optimize_graph=False, engine='cytoscape')
        im_da = da.ones((3, 1000, 1000), chunks=(1, 600, 600))
        im_da_normalized = im_da / im_da.max(axis=(1, 2))[:, None, None]
        dask.visualize(im_da_normalized, optimize_graph=False)
        print(im_da_normalized.visualize('graph.svg', color='order'))
        print(im_da_normalized.visualize(filename='graph', format='pdf'))
        print(delayed_result.visualize('chain.dot'))
        print(dask.visualize(delayed_result, im_da_normalized, filename='both.jpg', rankdir='LR'))

        """

    static func bytes(_ folder: URL, _ name: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))) ?? []
    }

    static var hasGraphviz: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: $0 + "/dot") }
    }

    @Test func tutorialCallsWriteTheirFiles() throws {
        guard Self.hasGraphviz else {
            print("notice: tutorialCallsWriteTheirFiles skipped: Graphviz's dot is not installed")
            return
        }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.program.write(to: folder.appendingPathComponent("pictures.dsk"), atomically: true, encoding: .utf8)
        let result = try DuskProcess.run(["pictures.dsk"], directory: folder, timeout: 120)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            <Picture 'graph.svg': 42 tasks>
            <Picture 'graph.pdf': 42 tasks>
            <Picture 'chain.dot': 3 tasks>
            <Picture 'both.jpg': 45 tasks>

            """)
        #expect(Self.bytes(folder, "mydask.png").starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(Self.bytes(folder, "graph.pdf").starts(with: Array("%PDF".utf8)))
        #expect(Self.bytes(folder, "both.jpg").starts(with: [0xFF, 0xD8]))
        let svg = String(decoding: Self.bytes(folder, "graph.svg"), as: UTF8.self)
        #expect(svg.contains("<svg") && svg.contains("execution order"))
        let dot = String(decoding: Self.bytes(folder, "chain.dot"), as: UTF8.self)
        #expect(dot.contains("digraph") && dot.contains("pos="))  // laid out, as Dask's .dot files are
        let page = String(decoding: Self.bytes(folder, "mydask.html"), as: UTF8.self)
        #expect(page.contains("<svg") && page.contains(">square</text>"))
    }

    @Test func withoutGraphvizTheDotFileIsWrittenAndTheMessageSaysHowToInstall() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = "import dask.array as da\nx = (da.ones((4, 4), chunks=2) + 1).sum()\nx.visualize('graph.png')\nprint('still running')\n"
        try script.write(to: folder.appendingPathComponent("pictures.dsk"), atomically: true, encoding: .utf8)
        let result = try DuskProcess.run(["pictures.dsk"], environment: ["PATH": "/nonexistent"], directory: folder)
        #expect(result.status == 0)
        #expect(result.stdout == "still running\n")
        #expect(result.stderr.contains("UserWarning: Graphviz's dot was not found, so 'graph.png' was not drawn; "
                                       + "wrote 'graph.dot' instead"))
        #expect(result.stderr.contains("apt-get install graphviz"))
        #expect(result.stderr.contains("dot -Tpng graph.dot -o graph.png"))
        let dot = String(decoding: Self.bytes(folder, "graph.dot"), as: UTF8.self)
        #expect(dot.hasPrefix("digraph {") && dot.contains("shape=circle"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("graph.png").path))
    }

    @Test func inATerminalWithoutAFilenameTheGraphIsDrawnInText() throws {
        guard Self.hasGraphviz else {
            print("notice: inATerminalWithoutAFilenameTheGraphIsDrawnInText skipped: Graphviz's dot is not installed")
            return
        }
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        var mark = terminal.mark()
        terminal.type("from dask import delayed\r")
        #expect(terminal.waitFor(">>> ", after: mark))
        mark = terminal.mark()
        terminal.type("delayed(max)(delayed(abs)(-2), 1).visualize()\r")
        #expect(terminal.waitFor("│ max │", after: mark))
        #expect(terminal.waitFor("│ abs │", after: mark))
        #expect(terminal.waitFor(">>> ", after: mark, timeout: 30))  // the prompt after the drawing
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("<Picture"))
    }
}
