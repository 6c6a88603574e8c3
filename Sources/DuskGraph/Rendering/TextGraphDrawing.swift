/// A picture drawn in box-drawing characters for the terminal: one box per task (its
/// function's name over its block index) or per layer of a collapsed picture, edges as lines
/// with arrowheads.
///
/// Graphviz lays the graph out (`dot -Tplain`: ranks, the order within each rank, and where
/// edges spanning several ranks pass); this type only draws: it snaps positions to
/// character cells and routes each group of edges between two ranks through a channel row
/// of its own. Boxes are sized in cells before the layout (one cell is 0.1 × 0.2 inch), so
/// Graphviz leaves room for their text.
public struct TextGraphDrawing: Sendable {
    /// The widest drawing, in columns.
    public var maximumWidth: Int

    public init(maximumWidth: Int = 120) {
        self.maximumWidth = maximumWidth
    }

    /// The drawing's lines, or nil when it would be wider than `maximumWidth`. Ranks run as
    /// `style.rankdir` says: rows for `TB` and `BT`, columns for `LR` and `RL`.
    public func draw(_ picture: GraphPicture, style: PictureStyle = PictureStyle(),
                     graphviz: Graphviz) throws(GraphvizError) -> [String]? {
        let order = style.colorByOrder ? picture.runPositions : nil
        let nodes = TextGraphDrawing.nodes(of: picture, order: order)
        guard !nodes.isEmpty else { return [] }
        let sideways = style.rankdir == .leftToRight || style.rankdir == .rightToLeft
        let layout = try graphviz.layout(TextGraphDrawing.layoutSource(nodes, sideways: sideways))
        guard var plan = TextLayoutPlan(nodes: nodes, layout: layout, sideways: sideways) else {
            throw GraphvizError.failed("dot left out nodes of the graph it was given")
        }
        if !sideways && plan.breadth > maximumWidth { return nil }
        plan.assignChannels()
        var lines = plan.render(style.rankdir)
        if sideways && (lines.map(\.count).max() ?? 0) > maximumWidth { return nil }
        if order != nil && !picture.isCollapsed {
            lines.insert("#n: the order tasks run in (#0 first)", at: 0)
        }
        return lines
    }

    /// A box to draw: its text lines and the boxes whose results it reads.
    struct Node {
        var lines: [String]
        var inputs: [Int]
        /// Width and height in cells, border included.
        var width: Int { (lines.map(\.count).max() ?? 0) + 4 }
        var height: Int { lines.count + 2 }

        /// The cells the box takes along its rank, and from its rank towards the next.
        func breadth(sideways: Bool) -> Int { sideways ? height : width }
        func depth(sideways: Bool) -> Int { sideways ? width : height }
    }

    static func nodes(of picture: GraphPicture, order: [Int]?) -> [Node] {
        if picture.isCollapsed {
            return picture.layers.indices.map { layer in
                Node(lines: [picture.layers[layer].prefix, picture.countLabel(layer)],
                     inputs: picture.layers[layer].dependencies)
            }
        }
        return picture.tasks.indices.map { task in
            var lines = [picture.functionLabel(task)]
            var second = picture.dataLabel(task).replacingOccurrences(of: " ", with: "")
            if let order { second += (second.isEmpty ? "" : " ") + "#\(order[task])" }
            if !second.isEmpty { lines.append(second) }
            return Node(lines: lines, inputs: picture.tasks[task].dependencies)
        }
    }

    /// Columns and rows per inch of Graphviz's layout.
    static let columnsPerInch = 10.0
    static let rowsPerInch = 5.0

    /// Cells per inch along a rank (Graphviz's x): columns, or rows when ranks are columns.
    static func cellsPerInchAlongRank(sideways: Bool) -> Double { sideways ? rowsPerInch : columnsPerInch }

    /// The graph for `dot` to lay out: fixed-size boxes, inputs first. `dot` always ranks top
    /// to bottom; when ranks are to be columns the boxes are given to it turned, so that its x
    /// counts rows.
    static func layoutSource(_ nodes: [Node], sideways: Bool) -> String {
        var text = "digraph {\n\tgraph [rankdir=TB, nodesep=0.2, ranksep=0.4];\n"
        text += "\tnode [shape=box, fixedsize=true, label=\"\"];\n"
        let across = cellsPerInchAlongRank(sideways: sideways)
        let along = sideways ? columnsPerInch : rowsPerInch
        for (index, node) in nodes.enumerated() {
            let width = Double(node.breadth(sideways: sideways)) / across
            let height = Double(node.depth(sideways: sideways)) / along
            text += "\tn\(index) [width=\(width), height=\(height)];\n"
        }
        for (index, node) in nodes.enumerated() {
            for input in node.inputs { text += "\tn\(input) -> n\(index);\n" }
        }
        return text + "}\n"
    }
}
