import DuskGraph
import DuskRuntime
import Testing

/// The tutorial's programs drawn by Dusk and by Dask (`scripts/dask_pictures.py` recorded
/// Dask's side): the same circles (tasks, by function name), the same boxes (results, by block
/// index) and the same number of edges.
@Suite("Pictures against Dask")
struct PictureDifferentialTests {
    static let prelude = """
        import dask
        import dask.array as da
        import numpy as np
        from dask import delayed
        def add(x1, x2):
            return x1 + x2
        def square(x):
            return x ** 2

        """

    /// Dask's names where Dusk's differ: `ones` is `ones_like` in Dask.
    static func daskName(_ label: String) -> String { label == "ones" ? "ones_like" : label }

    @Test(arguments: daskPictures.map(\.id))
    func sameDrawing(_ id: String) throws {
        let expected = try #require(daskPictures.first { $0.id == id })
        let test = TestSession()
        test.run(Self.prelude + expected.program)
        let output: GraphOutput
        switch test.session.value(named: "result") {
        case .object(let array as LazyArrayObject)?: output = .array(array.array)
        case .object(let delayed as DelayedObject)?: output = .delayed(delayed.node)
        default:
            Issue.record("\(id): the program made no lazy result: \(test.output.standardError)")
            return
        }
        let dot = try GraphPicture.of([output], optimized: false).dot()
        var circles: [String] = []
        var boxes: [String] = []
        var edges = 0
        for line in dot.split(separator: "\n") {
            if line.contains(" -> ") { edges += 1; continue }
            guard let label = line.firstMatch(of: /label=("[^"]*"|[^,]*), shape=(circle|box)/) else { continue }
            let text = String(label.1).trimmingCharacters(in: ["\""])
            if label.2 == "circle" { circles.append(Self.daskName(text)) } else { boxes.append(text) }
        }
        #expect(circles.sorted() == expected.circles, "\(id)")
        #expect(boxes.sorted() == expected.boxes, "\(id)")
        #expect(edges == expected.edges, "\(id)")
    }
}
