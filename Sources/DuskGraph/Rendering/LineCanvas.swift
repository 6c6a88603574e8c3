/// A grid that the text drawing of a graph is drawn on: lines as the sides each cell is left
/// through (rendered as `─ │ ┌ ┬ ┼ ...`), and text over them.
///
/// Every line belongs to a net (one group of edges, or `boxNet` for box borders). Where lines
/// of different nets meet, sides merge into a junction, except where one edge net only passes
/// straight across another: there the vertical line is drawn whole (`│`), so a crossing never
/// reads as a join.
struct LineCanvas {
    struct Sides: OptionSet {
        let rawValue: UInt8
        static let up = Sides(rawValue: 1)
        static let down = Sides(rawValue: 2)
        static let left = Sides(rawValue: 4)
        static let right = Sides(rawValue: 8)
        static let vertical: Sides = [.up, .down]
        static let horizontal: Sides = [.left, .right]

        /// The same sides upside down.
        var flipped: Sides {
            var result = intersection(.horizontal)
            if contains(.up) { result.insert(.down) }
            if contains(.down) { result.insert(.up) }
            return result
        }

        /// The same sides left to right.
        var mirrored: Sides {
            var result = intersection(.vertical)
            if contains(.left) { result.insert(.right) }
            if contains(.right) { result.insert(.left) }
            return result
        }

        /// The same sides reflected in the main diagonal: up is left, down is right.
        var transposed: Sides {
            Sides(rawValue: (rawValue & 0b0011) << 2 | (rawValue & 0b1100) >> 2)
        }
    }

    private struct Cell {
        var nets: [(net: Int, sides: Sides)] = []
        var text: Character?
    }

    /// The net of box borders: lines meeting a border always join it.
    static let boxNet = 0

    let width: Int
    let height: Int
    /// Which line stays whole where an edge crosses another net's straight line: the edges of a
    /// drawing run along its ranks' axis (vertical when ranks are rows), so the canvas keeps
    /// that one (`transposed()` turns it).
    private var crossingKeeps: Sides = .vertical
    private var cells: [Cell]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Cell(), count: Swift.max(0, width * height))
    }

    private func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    private mutating func add(_ sides: Sides, net: Int, x: Int, y: Int) {
        guard contains(x, y) else { return }
        let index = y * width + x
        if let slot = cells[index].nets.firstIndex(where: { $0.net == net }) {
            cells[index].nets[slot].sides.formUnion(sides)
        } else {
            cells[index].nets.append((net, sides))
        }
    }

    /// A horizontal line of `net` on row `y` from column `x1` to `x2` (either order).
    mutating func horizontal(net: Int, y: Int, from x1: Int, to x2: Int) {
        let (a, b) = (Swift.min(x1, x2), Swift.max(x1, x2))
        guard b > a else { return }
        for x in a...b {
            var sides: Sides = []
            if x > a { sides.insert(.left) }
            if x < b { sides.insert(.right) }
            add(sides, net: net, x: x, y: y)
        }
    }

    /// A vertical line of `net` in column `x` from row `y1` to `y2` (either order).
    mutating func vertical(net: Int, x: Int, from y1: Int, to y2: Int) {
        let (a, b) = (Swift.min(y1, y2), Swift.max(y1, y2))
        guard b > a else { return }
        for y in a...b {
            var sides: Sides = []
            if y > a { sides.insert(.up) }
            if y < b { sides.insert(.down) }
            add(sides, net: net, x: x, y: y)
        }
    }

    /// A rectangle's border, as net `net`.
    mutating func box(net: Int, left: Int, top: Int, right: Int, bottom: Int) {
        horizontal(net: net, y: top, from: left, to: right)
        horizontal(net: net, y: bottom, from: left, to: right)
        vertical(net: net, x: left, from: top, to: bottom)
        vertical(net: net, x: right, from: top, to: bottom)
    }

    /// Marks one side of one cell (a line leaving a box through its border).
    mutating func mark(_ sides: Sides, net: Int, x: Int, y: Int) { add(sides, net: net, x: x, y: y) }

    /// Writes text at a position, over any line, clipped to the canvas.
    mutating func write(_ string: String, x: Int, y: Int) {
        for (offset, character) in string.enumerated() where contains(x + offset, y) {
            cells[y * width + x + offset].text = character
        }
    }

    /// The canvas upside down: rows in reverse order, `up` and `down` exchanged. Text stays
    /// as written; write labels after flipping.
    func flipped() -> LineCanvas {
        var result = self
        for y in 0..<height {
            for x in 0..<width {
                var cell = cells[y * width + x]
                cell.nets = cell.nets.map { ($0.net, $0.sides.flipped) }
                if let text = cell.text { cell.text = LineCanvas.flippedArrows[text] ?? text }
                result.cells[(height - 1 - y) * width + x] = cell
            }
        }
        return result
    }

    private static let flippedArrows: [Character: Character] = ["▼": "▲", "▲": "▼"]

    /// The canvas left to right: columns in reverse order, `left` and `right` exchanged. Write
    /// text after mirroring.
    func mirrored() -> LineCanvas {
        var result = self
        for y in 0..<height {
            for x in 0..<width {
                var cell = cells[y * width + x]
                cell.nets = cell.nets.map { ($0.net, $0.sides.mirrored) }
                result.cells[y * width + (width - 1 - x)] = cell
            }
        }
        return result
    }

    /// The canvas reflected in its main diagonal: rows become columns, so a drawing whose
    /// ranks were rows has them as columns. Write text after transposing.
    func transposed() -> LineCanvas {
        var result = LineCanvas(width: height, height: width)
        result.crossingKeeps = crossingKeeps.transposed
        for y in 0..<height {
            for x in 0..<width {
                var cell = cells[y * width + x]
                cell.nets = cell.nets.map { ($0.net, $0.sides.transposed) }
                result.cells[x * height + y] = cell
            }
        }
        return result
    }

    /// The canvas as lines, trailing spaces removed.
    func render() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                line.append(cell.text ?? LineCanvas.character(for: cell.nets, crossingKeeps: crossingKeeps))
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    private static func character(for nets: [(net: Int, sides: Sides)], crossingKeeps: Sides) -> Character {
        var sides: Sides = []
        for entry in nets { sides.formUnion(entry.sides) }
        if nets.count > 1 && !nets.contains(where: { $0.net == boxNet }) {
            // A straight vertical over a straight horizontal of another net: a crossing.
            let straight = nets.allSatisfy { $0.sides.isSubset(of: .vertical) || $0.sides.isSubset(of: .horizontal) }
            let hasVertical = nets.contains { !$0.sides.isEmpty && $0.sides.isSubset(of: .vertical) }
            let hasHorizontal = nets.contains { !$0.sides.isEmpty && $0.sides.isSubset(of: .horizontal) }
            if straight && hasVertical && hasHorizontal { return crossingKeeps == .vertical ? "│" : "─" }
        }
        return BoxCharacters.character(up: sides.contains(.up), down: sides.contains(.down),
                                       left: sides.contains(.left), right: sides.contains(.right))
    }
}

/// The box-drawing character for lines leaving a cell through the given sides.
enum BoxCharacters {
    static func character(up: Bool, down: Bool, left: Bool, right: Bool) -> Character {
        switch (up, down, left, right) {
        case (false, false, false, false): " "
        case (false, false, _, _): "─"
        case (_, _, false, false): "│"
        case (false, true, false, true): "┌"
        case (false, true, true, false): "┐"
        case (true, false, false, true): "└"
        case (true, false, true, false): "┘"
        case (true, true, false, true): "├"
        case (true, true, true, false): "┤"
        case (false, true, true, true): "┬"
        case (true, false, true, true): "┴"
        case (true, true, true, true): "┼"
        }
    }
}
