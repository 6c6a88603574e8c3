import DuskRuntime
import Foundation
import Testing
@testable import dusk

/// Tab completion over a real session: what is offered for the word before the cursor
/// (code through `Session.completions`, magics and file names by the command line).
@Suite struct CompleterTests {
    static func completer(_ setup: String = "") -> Completer {
        let session = Session(argv: [], interactive: true)
        if !setup.isEmpty { _ = session.runCell(setup) }
        return Completer(session: session)
    }

    static func candidates(_ line: String, setup: String = "") -> [String] {
        completer(setup).complete(line: line, cursor: line.utf8.count).candidates
    }

    @Test func globalNamesAndKeywords() {
        let offered = Self.candidates("wh", setup: "whale = 1")
        #expect(offered.contains("whale"))
        #expect(offered.contains("while"))
    }

    @Test func namespaceMembersAfterADot() {
        let result = Self.completer("import numpy as np").complete(line: "x = np.on", cursor: 9)
        #expect(result.candidates.contains("np.ones"))
        #expect(result.candidates.allSatisfy { $0.hasPrefix("np.on") })
        #expect(result.start == 4)
    }

    @Test func methodsOfAValue() {
        #expect(Self.candidates("xs.app", setup: "xs = [1, 2]") == ["xs.append"])
    }

    @Test func keywordArgumentsInsideACall() {
        let offered = Self.candidates("f(1, sca", setup: "def f(x, scale=2):\n    return x * scale\n")
        #expect(offered.first == "scale=")
    }

    @Test func noCompletionInsideAString() {
        #expect(Self.candidates("s = 'wh", setup: "whale = 1").isEmpty)
    }

    @Test func magicNames() {
        #expect(Self.candidates("%tim") == ["time", "timeit"])
        #expect(Self.candidates("%%tim") == ["time", "timeit"])
    }

    @Test func picturesAndExplain() {
        let setup = "import dask\nimport dask.array as da\nx = da.ones(4, chunks=2)"
        #expect(Self.candidates("%expl") == ["explain"])
        #expect(Self.candidates("expl", setup: setup) == ["explain"])
        #expect(Self.candidates("x.visu", setup: setup) == ["x.visualize"])
        #expect(Self.candidates("x.expl", setup: setup) == ["x.explain"])
        #expect(Self.candidates("dask.visu", setup: setup) == ["dask.visualize"])
        #expect(Self.candidates("x.visualize(rank", setup: setup) == ["rankdir="])
        #expect(Self.candidates("x.__dask_g", setup: setup) == ["x.__dask_graph__"])
        #expect(!Self.candidates("x.", setup: setup).contains("x.__dask_graph__"))
        #expect(Self.candidates("d.__dask_g", setup: setup + "\nfrom dask import delayed\nd = delayed(abs)(-1)")
                == ["d.__dask_graph__"])
    }

    @Test func fileNamesAfterRun() throws {
        let directory = DuskProcess.temporaryDirectory()
        try "".write(to: directory.appendingPathComponent("alpha.dsk"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("alps"), withIntermediateDirectories: true)
        let line = "%run \(directory.path)/al"
        let result = Self.completer().complete(line: line, cursor: line.utf8.count)
        #expect(result.candidates == ["alpha.dsk", "alps/"])
        #expect(result.start == line.utf8.count - 2)
    }
}
