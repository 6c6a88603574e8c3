import DuskArray
@testable import DuskGraph
import DuskScheduler
import DuskTestSupport
import Foundation
import Testing

/// Pictures of task graphs: the model Dask's drawings are made from, the DOT it becomes (which
/// `dot` must read), the text drawing (golden files), the cytoscape page.
@Suite("Pictures")
struct PictureTests {
    static let graphviz = Graphviz.system

    /// Whether `dot` is here; tests that need it print a notice and pass without it (CI has it).
    static func needsGraphviz(_ test: String) -> Bool {
        if graphviz.isInstalled { return true }
        print("notice: \(test) skipped: Graphviz's dot is not installed")
        return false
    }

    // MARK: - Graphs

    /// `(ones((4, 4), chunks=2) + 1).sum()`: 13 tasks in 4 layers.
    static func smallSum() throws -> LazyArray {
        let x = try LazyArray.ones([4, 4], chunks: .uniform(2))
        return try LazyArray.binary(.add, .array(x), .int(1), name: "add").sum()
    }

    /// The tutorial's `im / im.max(axis=(1, 2))[:, None, None]`: 42 tasks in 5 layers.
    static func normalize() throws -> LazyArray {
        let im = try LazyArray.ones([3, 1000, 1000], chunks: .perDimension([.explicit([1, 1, 1]), .explicit([600, 400]),
                                                                            .explicit([600, 400])]))
        let peak = try im.reduce(.max, axes: [1, 2]).getitem([.slice(start: nil, stop: nil, step: nil), .newAxis, .newAxis])
        return try LazyArray.binary(.divide, .array(im), .array(peak), name: "truediv")
    }

    /// The tutorial's `add(square(2), square(3))` as delayed calls.
    static func delayedChain() -> DelayedNode {
        let square2 = DelayedNode(displayName: "square", token: "2", dependencies: []) { _ in .object(4) }
        let square3 = DelayedNode(displayName: "square", token: "3", dependencies: []) { _ in .object(9) }
        return DelayedNode(displayName: "add", token: "add", dependencies: [.delayed(square2), .delayed(square3)]) { _ in .object(13) }
    }

    static func picture(_ outputs: [GraphOutput], optimized: Bool = false) throws -> GraphPicture {
        try GraphPicture.of(outputs, optimized: optimized, ordering: { $0.executionOrder() })
    }

    static var cases: [(name: String, outputs: [GraphOutput])] {
        get throws {
            [("small_sum", [.array(try smallSum())]),
             ("normalize", [.array(try normalize())]),
             ("delayed_chain", [.delayed(delayedChain())]),
             ("array_and_delayed", [.array(try smallSum()), .delayed(delayedChain())])]
        }
    }

    // MARK: - The model

    @Test("keys and labels are Dask's: tuples for blocks (0-d too), strings for delayed calls")
    func keysAndLabels() throws {
        let sum = try Self.smallSum()
        let picture = try Self.picture([.array(sum)])
        #expect(picture.tasks.count == 13)
        #expect(picture.layers.map(\.prefix) == ["ones", "add", "sum", "sum-aggregate"])
        #expect(picture.layers.map(\.taskCount) == [4, 4, 4, 1])
        #expect(picture.keyText(0) == "('\(picture.layers[0].name)', 0, 0)")
        #expect(picture.dataLabel(5) == "(0, 1)")
        #expect(picture.keyText(12) == "('\(sum.name)',)")
        #expect(picture.dataLabel(12) == "()")
        #expect(picture.functionLabel(12) == "sum-aggregate")
        #expect(picture.tasks[12].dependencies == [8, 9, 10, 11])

        let chain = Self.delayedChain()
        let delayed = try Self.picture([.delayed(chain)])
        #expect(delayed.keyText(2) == "'\(chain.key)'")
        #expect(delayed.dataLabel(2) == "")
        #expect(delayed.functionLabel(2) == "add")

        let vector = try LazyArray.ones([10], chunks: .uniform(5))
        #expect(try Self.picture([.array(vector)]).dataLabel(1) == "1")
    }

    @Test("optimize_graph=True draws the culled graph; False every block")
    func culling() throws {
        let x = try LazyArray.ones([100, 100], chunks: .uniform(10))
        let column = try x.getitem([.slice(start: nil, stop: 10, step: nil), .int(0)])
        #expect(try Self.picture([.array(column)]).taskCount == 101)
        // Slice pushdown: the ten elements are created alone, in one task.
        #expect(try Self.picture([.array(column)], optimized: true).taskCount == 1)
    }

    @Test("big graphs collapse to one node per layer, with counts")
    func collapsing() throws {
        let sum = try Self.smallSum()
        let picture = try GraphPicture.of([.array(sum)], optimized: false, maximumTasks: 12)
        #expect(picture.isCollapsed)
        #expect(picture.taskCount == 13)
        #expect(picture.layers.map(\.prefix) == ["ones", "add", "sum", "sum-aggregate"])
        #expect(picture.layers.map(\.dependencies) == [[], [0], [1], [2]])
        #expect(picture.countLabel(3) == "1 task")
        // Fusion makes each block's random numbers + 1 and partial sum one task: 5 tasks, drawn
        // one by one. (Of the ones, constant folding leaves one value.)
        let random = try LazyArray.random(RandomSpec(distribution: "random", seed: 1), shape: [4, 4], chunks: .uniform(2))
        let randomSum = try LazyArray.binary(.add, .array(random), .int(1), name: "add").sum()
        let fused = try GraphPicture.of([.array(randomSum)], optimized: true, maximumTasks: 12)
        #expect(!fused.isCollapsed && fused.taskCount == 5)
        #expect(try GraphPicture.of([.array(randomSum)], optimized: true, maximumTasks: 4).isCollapsed)
        #expect(try GraphPicture.of([.array(sum)], optimized: true, maximumTasks: 12).taskCount == 1)
        let dot = picture.dot(PictureStyle(caption: "13 tasks"))
        #expect(dot.contains("fl0 [label=ones, shape=circle"))
        #expect(dot.contains("dl0 [label=\"4 tasks\", shape=box"))
        #expect(dot.contains("label=\"13 tasks\", labelloc=t"))
    }

    @Test("run positions follow the scheduler's order")
    func runPositions() throws {
        let picture = try Self.picture([.array(try Self.smallSum())])
        let positions = try #require(picture.runPositions)
        #expect(positions.sorted() == Array(0..<13))
        for (task, entry) in picture.tasks.enumerated() {
            for dependency in entry.dependencies { #expect(positions[dependency] < positions[task]) }
        }
    }

    // MARK: - DOT

    @Test("the DOT has Dask's shape: a circle and a box per task, an edge from each to its result and from each input")
    func dotShape() throws {
        let picture = try Self.picture([.array(try Self.smallSum())])
        let dot = picture.dot()
        let lines = dot.split(separator: "\n")
        #expect(lines.filter { $0.contains("shape=circle") }.count == 13)
        #expect(lines.filter { $0.contains("shape=box") }.count == 13)
        #expect(lines.filter { $0.contains(" -> ") }.count == 13 + 12)
        #expect(dot.hasPrefix("digraph {\n\tgraph [rankdir=BT];\n\tnode [fontname=helvetica];\n"))
        #expect(dot.contains("\tf12 [label=\"sum-aggregate\", shape=circle, tooltip=\"('"))
        #expect(dot.contains("\td8 -> f12;\n"))
        let ordered = picture.dot(PictureStyle(rankdir: .leftToRight, colorByOrder: true))
        #expect(ordered.contains("rankdir=LR"))
        #expect(ordered.contains("f0 [label=\"0\\nones\", shape=circle"))
        #expect(ordered.contains("color=\"#0C0786\", penwidth=2"))
        #expect(ordered.contains("legend [shape=plaintext, label=<<table"))
    }

    @Test("dot reads every picture", arguments: [false, true])
    func dotParses(colorByOrder: Bool) throws {
        guard Self.needsGraphviz("dotParses") else { return }
        for (name, outputs) in try Self.cases {
            let picture = try Self.picture(outputs)
            for candidate in [picture, picture.collapsed()] {
                let source = candidate.dot(PictureStyle(colorByOrder: colorByOrder, caption: "a \"quoted\" caption"))
                let layout = try Self.graphviz.layout(source)
                let nodes = candidate.isCollapsed ? 2 * candidate.layers.count : 2 * candidate.tasks.count
                let legend = colorByOrder && !candidate.isCollapsed ? 1 : 0
                #expect(layout.nodes.count == nodes + legend, "\(name)")
                #expect(layout.edges.count == source.components(separatedBy: " -> ").count - 1, "\(name)")
            }
        }
    }

    @Test("DOT quoting: words bare, everything else quoted and escaped")
    func quoting() {
        #expect(DotWriter.quoted("ones") == "ones")
        #expect(DotWriter.quoted("12") == "12")
        #expect(DotWriter.quoted("sum-aggregate") == "\"sum-aggregate\"")
        #expect(DotWriter.quoted("") == "\"\"")
        #expect(DotWriter.quoted("a \"b\"\\c\nd") == "\"a \\\"b\\\"\\\\c\\nd\"")
    }

    @Test("the order colours are matplotlib's plasma, first to last")
    func orderColors() {
        #expect(OrderColors.color(0, maximum: 10) == "#0C0786")
        #expect(OrderColors.color(10, maximum: 10) == "#EFF821")
        #expect(OrderColors.color(8, maximum: 16) == "#CB4777")
        #expect(OrderColors.color(1, maximum: 0) == "#EFF821")
        #expect(OrderColors.legendPositions(count: 13) == [0, 3, 6, 9, 12])
        #expect(OrderColors.legendPositions(count: 2) == [0, 1])
        #expect(OrderColors.legendPositions(count: 1) == [0])
    }

    // MARK: - Graphviz

    @Test("without dot, Graphviz says so instead of failing obscurely")
    func missingGraphviz() {
        #expect(throws: GraphvizError.self) { try Graphviz(executable: nil).render("digraph {}", format: "png") }
        #expect(GraphvizError.notInstalled.description.contains("apt-get install graphviz"))
    }

    @Test("a DOT error comes back with dot's message")
    func dotError() throws {
        guard Self.needsGraphviz("dotError") else { return }
        do {
            _ = try Self.graphviz.render("digraph { a -> }", format: "svg")
            Issue.record("dot accepted a broken graph")
        } catch {
            #expect(error.description.contains("syntax error"))
        }
    }

    @Test("the plain layout format is read, quoted names included")
    func plainLayout() throws {
        let text = """
            graph 1 2.5 3
            node a 0.5 1.25 0.75 0.5 "x y" solid box black lightgrey
            node "b c" 1.5 2 1 1 b solid circle black lightgrey
            edge a "b c" 4 0.5 1.5 0.6 1.6 0.7 1.7 0.8 1.8 solid black
            stop
            """
        let layout = try #require(PlainLayout(parsing: text))
        #expect(layout.width == 2.5 && layout.height == 3)
        #expect(layout.nodes["b c"]?.x == 1.5)
        #expect(layout.edges.first?.head == "b c")
        #expect(layout.edges.first?.points.count == 4)
        #expect(PlainLayout(parsing: "no layout here") == nil)
    }

    // MARK: - Text

    @Test("text drawings (golden files)", arguments: [
        ("small_sum", RankDirection.bottomToTop, false),
        ("small_sum_order_tb", .topToBottom, true),
        ("delayed_chain", .bottomToTop, false),
        ("array_and_delayed", .bottomToTop, false),
        ("small_sum_order_lr", .leftToRight, true),
        ("delayed_chain_rl", .rightToLeft, false),
        ("array_and_delayed_lr", .leftToRight, false),
        ("normalize_layers_lr", .leftToRight, false),
    ])
    func textDrawing(name: String, rankdir: RankDirection, order: Bool) throws {
        guard Self.needsGraphviz("textDrawing") else { return }
        let outputs = try #require(try Self.cases.first { name.hasPrefix($0.name) }).outputs
        var picture = try Self.picture(outputs)
        if name.contains("layers") { picture = picture.collapsed() }
        let lines = try #require(try TextGraphDrawing().draw(picture, style: PictureStyle(rankdir: rankdir, colorByOrder: order),
                                                              graphviz: Self.graphviz))
        #expect(Snapshot.mismatch(lines.joined(separator: "\n") + "\n", named: "text_" + name) == nil)
    }

    @Test("a graph too wide for the terminal is not drawn; its layers are")
    func tooWide() throws {
        guard Self.needsGraphviz("tooWide") else { return }
        let picture = try Self.picture([.array(try Self.normalize())])
        #expect(try TextGraphDrawing(maximumWidth: 120).draw(picture, graphviz: Self.graphviz) == nil)
        let layers = try #require(try TextGraphDrawing(maximumWidth: 120).draw(picture.collapsed(), graphviz: Self.graphviz))
        #expect(Snapshot.mismatch(layers.joined(separator: "\n") + "\n", named: "text_normalize_layers") == nil)
    }

    @Test("box characters: crossings stay lines, junctions join, boxes flip and turn")
    func lineCanvas() {
        var canvas = LineCanvas(width: 5, height: 3)
        canvas.horizontal(net: 1, y: 1, from: 0, to: 4)
        canvas.vertical(net: 2, x: 2, from: 0, to: 2)
        canvas.vertical(net: 1, x: 4, from: 1, to: 2)
        #expect(canvas.render() == ["  │", "──│─┐", "  │ │"])
        var box = LineCanvas(width: 3, height: 3)
        box.box(net: LineCanvas.boxNet, left: 0, top: 0, right: 2, bottom: 2)
        box.mark(.down, net: 1, x: 1, y: 2)
        #expect(box.render() == ["┌─┐", "│ │", "└┬┘"])
        #expect(box.flipped().render() == ["┌┴┐", "│ │", "└─┘"])
        #expect(box.transposed().render() == ["┌─┐", "│ ├", "└─┘"])
        #expect(box.transposed().mirrored().render() == ["┌─┐", "┤ │", "└─┘"])
        // Turned on its side, a crossing keeps the horizontal line whole.
        #expect(canvas.transposed().render() == [" │", " │", "───", " │", " └─"])
    }

    // MARK: - Cytoscape

    @Test("the cytoscape page is self-contained: positions from Graphviz, no network")
    func cytoscapePage() throws {
        guard Self.needsGraphviz("cytoscapePage") else { return }
        let picture = try Self.picture([.delayed(Self.delayedChain())])
        let page = try CytoscapePage().html(picture, graphviz: Self.graphviz)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("src=") && !page.contains("href=") && !page.contains("@import"))
        #expect(page.components(separatedBy: "http").count == 2)  // the SVG namespace only
        let start = try #require(page.range(of: "<script type=\"application/json\" id=\"elements\">\n"))
        let end = try #require(page.range(of: "\n</script>", range: start.upperBound..<page.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8))
        let elements = try #require(json as? [String: [[String: Any]]])
        #expect(elements["nodes"]?.count == 6)
        #expect(elements["edges"]?.count == 5)
        let first = try #require(elements["nodes"]?.first)
        #expect((first["data"] as? [String: String])?["shape"] == "ellipse")
        #expect((first["position"] as? [String: Double])?["x"] != nil)
        #expect(page.components(separatedBy: "<ellipse").count == 4)
        #expect(page.components(separatedBy: "<rect").count == 4)
    }
}
