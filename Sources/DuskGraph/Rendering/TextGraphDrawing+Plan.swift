/// Where every box and line of a text drawing goes, worked out from a Graphviz layout.
///
/// The plan is drawn with ranks as rows, top to bottom: x runs along a rank, y from rank to
/// rank. `render(_:)` turns the finished canvas for the other directions (upside down for
/// `BT`, transposed for `LR`, transposed and mirrored for `RL`), so one router serves all four.
///
/// Items are the boxes and the waypoints where an edge spanning several ranks crosses an
/// intermediate rank. Between two ranks, the edges into one item form a net: lines down from
/// each source, joined along a channel row, and one line down into the target with an
/// arrowhead. Nets whose spans do not touch share a channel row.
struct TextLayoutPlan {
    struct Item {
        /// The box drawn, or nil for a waypoint.
        var node: Int?
        var rank: Int
        /// The first cell along the rank, and how many the item takes.
        var start: Int
        var breadth: Int
        /// Where lines leave the item towards the next rank.
        var exit: Int { node == nil ? start : start + breadth / 2 }
    }

    /// The edges from rank `r` into one item of rank `r + 1`.
    struct Net {
        var target: Int
        var sources: [Int]
        /// Column where the line enters the target.
        var entry: Int
        /// Channel row within the gap, or nil for a straight line down.
        var channel: Int?
        var low: Int
        var high: Int
    }

    let nodes: [TextGraphDrawing.Node]
    /// Whether ranks are columns (`LR`, `RL`): then a box's breadth is its height.
    let sideways: Bool
    var items: [Item] = []
    var rankCount = 0
    /// The nets of each gap (gap r lies between ranks r and r + 1).
    var nets: [[Net]] = []
    var channelCounts: [Int] = []

    init?(nodes: [TextGraphDrawing.Node], layout: PlainLayout, sideways: Bool) {
        self.nodes = nodes
        self.sideways = sideways
        // Ranks: the distinct heights of node centres, top first.
        var centres: [(x: Double, y: Double)] = []
        for index in nodes.indices {
            guard let node = layout.nodes["n\(index)"] else { return nil }
            centres.append((node.x, node.y))
        }
        let levels = Array(Set(centres.map { ($0.y * 100).rounded() })).sorted(by: >)
        var rankOfLevel: [Double: Int] = [:]
        for (rank, level) in levels.enumerated() { rankOfLevel[level] = rank }
        rankCount = levels.count
        let cellsPerInch = TextGraphDrawing.cellsPerInchAlongRank(sideways: sideways)
        func cell(_ x: Double) -> Int { Int((x * cellsPerInch).rounded()) }
        for (index, node) in nodes.enumerated() {
            guard let rank = rankOfLevel[(centres[index].y * 100).rounded()] else { return nil }
            let breadth = node.breadth(sideways: sideways)
            items.append(Item(node: index, rank: rank, start: cell(centres[index].x) - breadth / 2, breadth: breadth))
        }
        // Links between items of adjacent ranks, through waypoints for long edges.
        var edgePoints: [String: [(x: Double, y: Double)]] = [:]
        for edge in layout.edges { edgePoints[edge.tail + ">" + edge.head] = edge.points }
        var links: [(from: Int, to: Int)] = []
        for (index, node) in nodes.enumerated() {
            for input in node.inputs {
                let (from, to) = (items[input].rank, items[index].rank)
                guard to > from else { continue }
                var previous = input
                let points = edgePoints["n\(input)>n\(index)"] ?? []
                for rank in (from + 1)..<to {
                    let y = levels[rank] / 100
                    let x = TextLayoutPlan.x(on: points, at: y) ?? (centres[input].x + centres[index].x) / 2
                    items.append(Item(node: nil, rank: rank, start: cell(x), breadth: 1))
                    links.append((previous, items.count - 1))
                    previous = items.count - 1
                }
                links.append((previous, index))
            }
        }
        separate()
        makeNets(links)
    }

    /// The x of a polyline through `points` at height `y` (first crossing), if it reaches it.
    static func x(on points: [(x: Double, y: Double)], at y: Double) -> Double? {
        guard points.count >= 2 else { return nil }
        for index in 1..<points.count {
            let (a, b) = (points[index - 1], points[index])
            if (a.y - y) * (b.y - y) <= 0 {
                if a.y == b.y { return a.x }
                return a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y)
            }
        }
        return nil
    }

    /// Pushes items apart so that items in one rank leave a cell between them, keeping
    /// Graphviz's order, then shifts everything to start at cell 0.
    private mutating func separate() {
        for rank in 0..<rankCount {
            let members = items.indices.filter { items[$0].rank == rank }
                .sorted { (items[$0].start + items[$0].breadth / 2, $0) < (items[$1].start + items[$1].breadth / 2, $1) }
            var free = Int.min
            for member in members {
                if items[member].start < free { items[member].start = free }
                free = items[member].start + items[member].breadth + 1
            }
        }
        let shift = items.map(\.start).min() ?? 0
        for index in items.indices { items[index].start -= shift }
    }

    private mutating func makeNets(_ links: [(from: Int, to: Int)]) {
        nets = Array(repeating: [], count: Swift.max(0, rankCount - 1))
        var sourcesOf: [Int: [Int]] = [:]
        var targets: [Int] = []
        for link in links {
            if sourcesOf[link.to] == nil { targets.append(link.to) }
            if !(sourcesOf[link.to]?.contains(link.from) ?? false) { sourcesOf[link.to, default: []].append(link.from) }
        }
        for target in targets {
            let item = items[target]
            let sources = sourcesOf[target]!.sorted { items[$0].exit < items[$1].exit }
            let columns = sources.map { items[$0].exit }
            var entry = item.exit
            if item.node != nil, columns.count == 1, columns[0] > item.start, columns[0] < item.start + item.breadth - 1 {
                entry = columns[0]
            }
            let low = Swift.min(entry, columns.min()!)
            let high = Swift.max(entry, columns.max()!)
            nets[item.rank - 1].append(Net(target: target, sources: sources, entry: entry, channel: nil, low: low, high: high))
        }
    }

    /// Gives every net that is not a straight line a channel row.
    ///
    /// A net whose entry column is another net's source column must run below it, or the two
    /// vertical lines would overlap; nets are placed in an order that respects this (where
    /// the constraints allow), each in the first row below its predecessors where its span
    /// keeps a column clear of the spans already there.
    mutating func assignChannels() {
        channelCounts = Array(repeating: 0, count: nets.count)
        for gap in nets.indices {
            let bent = nets[gap].indices.filter { nets[gap][$0].low != nets[gap][$0].high }
            // above[a] holds the nets that must run above net a.
            var above: [Int: [Int]] = [:]
            for a in bent {
                for b in bent where b != a
                    && nets[gap][b].sources.contains(where: { items[$0].exit == nets[gap][a].entry }) {
                    above[a, default: []].append(b)
                }
            }
            var placed: [Int: Int] = [:]
            var rows: [[(Int, Int)]] = []
            var remaining = bent
            while !remaining.isEmpty {
                let ready = remaining.firstIndex { a in (above[a] ?? []).allSatisfy { placed[$0] != nil } } ?? 0
                let net = remaining.remove(at: ready)
                var row = ((above[net] ?? []).compactMap { placed[$0] }.max() ?? -1) + 1
                let span = (nets[gap][net].low, nets[gap][net].high)
                while row < rows.count && rows[row].contains(where: { span.0 <= $0.1 + 1 && $0.0 <= span.1 + 1 }) { row += 1 }
                if row == rows.count { rows.append([]) }
                rows[row].append(span)
                placed[net] = row
                nets[gap][net].channel = row
            }
            channelCounts[gap] = rows.count
        }
    }

    /// The cells along a rank that the drawing takes.
    var breadth: Int { items.map { $0.start + $0.breadth }.max() ?? 0 }

    /// The drawing's lines, ranks running as `direction` says.
    func render(_ direction: RankDirection) -> [String] {
        // Rows: each rank is as deep as its deepest box; each gap has its channels, then a
        // row for arrowheads.
        var bandTop: [Int] = []
        var bandDepth: [Int] = []
        var row = 0
        for rank in 0..<rankCount {
            let depth = items.compactMap { $0.rank == rank ? $0.node : nil }.map { nodes[$0].depth(sideways: sideways) }.max() ?? 1
            bandTop.append(row)
            bandDepth.append(depth)
            row += depth
            if rank < rankCount - 1 { row += channelCounts[rank] + 1 }
        }
        var canvas = LineCanvas(width: breadth, height: row)
        var boxes: [(node: Int, start: Int, top: Int)] = []
        for item in items {
            guard let node = item.node else { continue }
            let top = bandTop[item.rank]
            canvas.box(net: LineCanvas.boxNet, left: item.start, top: top,
                       right: item.start + item.breadth - 1, bottom: top + nodes[node].depth(sideways: sideways) - 1)
            boxes.append((node, item.start, top))
        }
        var netID = 1
        for gap in nets.indices {
            let gapTop = bandTop[gap] + bandDepth[gap]
            let arrowRow = gapTop + channelCounts[gap]
            for net in nets[gap] {
                let id = netID
                netID += 1
                let bottom = net.channel.map { gapTop + $0 } ?? arrowRow
                for source in net.sources {
                    let item = items[source]
                    if let node = item.node {
                        let start = bandTop[item.rank] + nodes[node].depth(sideways: sideways) - 1
                        canvas.mark(.down, net: id, x: item.exit, y: start)
                        canvas.vertical(net: id, x: item.exit, from: start, to: bottom)
                    } else {
                        canvas.vertical(net: id, x: item.exit, from: bandTop[item.rank], to: bottom)
                    }
                }
                if net.channel != nil {
                    canvas.horizontal(net: id, y: bottom, from: net.low, to: net.high)
                    canvas.vertical(net: id, x: net.entry, from: bottom, to: arrowRow)
                }
                if items[net.target].node == nil {
                    canvas.vertical(net: id, x: net.entry, from: arrowRow - 1, to: arrowRow + 1)
                }
            }
        }
        // Turn the canvas, then write over it where each plan cell went.
        let height = canvas.height
        let place: (Int, Int) -> (x: Int, y: Int)
        let arrow: String
        var drawn: LineCanvas
        switch direction {
        case .topToBottom: (drawn, arrow, place) = (canvas, "▼", { ($0, $1) })
        case .bottomToTop: (drawn, arrow, place) = (canvas.flipped(), "▲", { ($0, height - 1 - $1) })
        case .leftToRight: (drawn, arrow, place) = (canvas.transposed(), "▶", { ($1, $0) })
        case .rightToLeft: (drawn, arrow, place) = (canvas.transposed().mirrored(), "◀", { (height - 1 - $1, $0) })
        }
        for gap in nets.indices {
            let arrowRow = bandTop[gap] + bandDepth[gap] + channelCounts[gap]
            for net in nets[gap] where items[net.target].node != nil {
                let cell = place(net.entry, arrowRow)
                drawn.write(arrow, x: cell.x, y: cell.y)
            }
        }
        for box in boxes {
            let node = nodes[box.node]
            let corners = [place(box.start, box.top),
                           place(box.start + node.breadth(sideways: sideways) - 1, box.top + node.depth(sideways: sideways) - 1)]
            let (left, top) = (corners.map(\.x).min() ?? 0, corners.map(\.y).min() ?? 0)
            for (offset, line) in node.lines.enumerated() {
                let pad = (node.width - 2 - line.count) / 2
                drawn.write(line, x: left + 1 + pad, y: top + 1 + offset)
            }
        }
        return drawn.render()
    }
}
