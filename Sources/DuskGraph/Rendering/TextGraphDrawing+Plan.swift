/// Where every box and line of a text drawing goes, worked out from a Graphviz layout
/// (drawn top to bottom; `render(upward:)` flips it).
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
        var left: Int
        var width: Int
        /// Where lines leave the item downwards.
        var exit: Int { node == nil ? left : left + width / 2 }
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
    var items: [Item] = []
    var rankCount = 0
    /// The nets of each gap (gap r lies between ranks r and r + 1).
    var nets: [[Net]] = []
    var channelCounts: [Int] = []

    init?(nodes: [TextGraphDrawing.Node], layout: PlainLayout) {
        self.nodes = nodes
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
        func column(_ x: Double) -> Int { Int((x * TextGraphDrawing.columnsPerInch).rounded()) }
        for (index, node) in nodes.enumerated() {
            let rank = rankOfLevel[(centres[index].y * 100).rounded()]!
            items.append(Item(node: index, rank: rank, left: column(centres[index].x) - node.width / 2, width: node.width))
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
                    items.append(Item(node: nil, rank: rank, left: column(x), width: 1))
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

    /// Pushes items apart so that items in one rank leave a column between them, keeping
    /// Graphviz's order, then shifts everything to start at column 0.
    private mutating func separate() {
        for rank in 0..<rankCount {
            let members = items.indices.filter { items[$0].rank == rank }
                .sorted { (items[$0].left + items[$0].width / 2, $0) < (items[$1].left + items[$1].width / 2, $1) }
            var free = Int.min
            for member in members {
                if items[member].left < free { items[member].left = free }
                free = items[member].left + items[member].width + 1
            }
        }
        let shift = items.map(\.left).min() ?? 0
        for index in items.indices { items[index].left -= shift }
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
            if item.node != nil, columns.count == 1, columns[0] > item.left, columns[0] < item.left + item.width - 1 {
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

    var width: Int { (items.map { $0.left + $0.width }.max() ?? 0) }

    /// The drawing's lines: top to bottom, or bottom to top when `upward`.
    func render(upward: Bool) -> [String] {
        // Rows: each rank is as tall as its tallest box; each gap has its channels, then a
        // row for arrowheads.
        var bandTop: [Int] = []
        var bandHeight: [Int] = []
        var row = 0
        for rank in 0..<rankCount {
            let height = items.filter { $0.rank == rank && $0.node != nil }.map { nodes[$0.node!].height }.max() ?? 1
            bandTop.append(row)
            bandHeight.append(height)
            row += height
            if rank < rankCount - 1 { row += channelCounts[rank] + 1 }
        }
        var canvas = LineCanvas(width: width, height: row)
        let boxNet = LineCanvas.boxNet
        var boxes: [(node: Int, left: Int, top: Int, bottom: Int)] = []
        for item in items {
            guard let node = item.node else { continue }
            let top = bandTop[item.rank]
            let bottom = top + nodes[node].height - 1
            canvas.box(net: boxNet, left: item.left, top: top, right: item.left + item.width - 1, bottom: bottom)
            boxes.append((node, item.left, top, bottom))
        }
        var netID = 1
        for gap in nets.indices {
            let gapTop = bandTop[gap] + bandHeight[gap]
            let arrowRow = gapTop + channelCounts[gap]
            for net in nets[gap] {
                let id = netID
                netID += 1
                let bottom = net.channel.map { gapTop + $0 } ?? arrowRow
                for source in net.sources {
                    let item = items[source]
                    if let node = item.node {
                        let start = bandTop[item.rank] + nodes[node].height - 1
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
        var drawn = upward ? canvas.flipped() : canvas
        let height = drawn.height
        for gap in nets.indices {
            let arrowRow = bandTop[gap] + bandHeight[gap] + channelCounts[gap]
            for net in nets[gap] where items[net.target].node != nil {
                drawn.write(upward ? "▲" : "▼", x: net.entry, y: upward ? height - 1 - arrowRow : arrowRow)
            }
        }
        for box in boxes {
            let top = upward ? height - 1 - box.bottom : box.top
            let node = nodes[box.node]
            let inner = node.width - 2
            for (offset, line) in node.lines.enumerated() {
                let pad = (inner - line.count) / 2
                drawn.write(line, x: box.left + 1 + pad, y: top + 1 + offset)
            }
        }
        return drawn.render()
    }
}
