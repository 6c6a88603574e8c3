/// A grid of characters that box-drawing lines are drawn on: each cell remembers which of its
/// four sides a line leaves through, and renders as the matching box character (`┼`, `├`, `┐`).
struct TextCanvas {
    private struct Sides: OptionSet {
        let rawValue: UInt8
        static let up = Sides(rawValue: 1)
        static let down = Sides(rawValue: 2)
        static let left = Sides(rawValue: 4)
        static let right = Sides(rawValue: 8)
    }

    let width: Int
    let height: Int
    private var sides: [Sides]
    private var text: [Character?]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        sides = Array(repeating: [], count: width * height)
        text = Array(repeating: nil, count: width * height)
    }

    private func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// A horizontal line from column `x1` to `x2` on row `y`.
    mutating func horizontal(y: Int, from x1: Int, to x2: Int) {
        guard x2 > x1 else { return }
        for x in x1...x2 where contains(x, y) {
            if x > x1 { sides[y * width + x].insert(.left) }
            if x < x2 { sides[y * width + x].insert(.right) }
        }
    }

    /// A vertical line from row `y1` to `y2` in column `x`.
    mutating func vertical(x: Int, from y1: Int, to y2: Int) {
        guard y2 > y1 else { return }
        for y in y1...y2 where contains(x, y) {
            if y > y1 { sides[y * width + x].insert(.up) }
            if y < y2 { sides[y * width + x].insert(.down) }
        }
    }

    /// A diagonal `╱` going up and right from `(x, y)` for `length` cells (the start excluded).
    mutating func diagonal(x: Int, y: Int, length: Int) {
        for step in 1..<Swift.max(length, 1) { put("╱", x: x + step, y: y - step) }
    }

    /// Writes text at a position (over any line), clipped to the canvas.
    mutating func write(_ string: String, x: Int, y: Int) {
        for (offset, character) in string.enumerated() { put(character, x: x + offset, y: y) }
    }

    private mutating func put(_ character: Character, x: Int, y: Int) {
        if contains(x, y) { text[y * width + x] = character }
    }

    /// The canvas as lines, trailing spaces removed.
    func render() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let index = y * width + x
                line.append(text[index] ?? TextCanvas.box(sides[index]))
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    private static func box(_ sides: Sides) -> Character {
        BoxCharacters.character(up: sides.contains(.up), down: sides.contains(.down),
                                left: sides.contains(.left), right: sides.contains(.right))
    }
}
