import Foundation

/// The SVG drawing of an array's chunk grid that Dask shows in notebooks (`Array.to_svg`),
/// line for line: a bar for 1-d arrays, a grid for 2-d, a box with a grid on each visible
/// face for 3-d, and groups of those side by side for more dimensions.
///
/// Each dimension gets a length in pixels from its share of the largest one (ratios up to
/// e shown as they are, larger ones on a log scale, capped at about 113:1); chunk boundaries
/// fall in proportion along it. At most `size / 6` lines are drawn per direction, picked
/// evenly, and a grid with that many chunks is filled darker. The numbers are formatted as
/// Python prints them, so the text equals Dask's for the same chunks.
public struct ChunkGridSVG: Sendable {
    /// The rough size of the drawing in pixels (Dask's `array.svg.size` is 120 in notebooks).
    public var size: Int

    public init(size: Int = 120) { self.size = size }

    /// The SVG text, or nil for a 0-d array or one with a zero-length dimension (Dask draws
    /// none for those).
    public func draw(_ chunks: Chunks) -> String? {
        let shape = chunks.shape
        guard !shape.isEmpty, !shape.contains(0) else { return nil }
        return Self.draw(chunks.sizes, size: size, sizes: nil, offset: (0, 0))
    }

    /// Dispatch on the number of dimensions.
    private static func draw(_ chunks: [[Int]], size: Int, sizes: [Double]?, offset: (Double, Double)) -> String {
        switch chunks.count {
        // A 1-d array is a 2-d one of one row (its pixel sizes recomputed for that shape).
        case 1: return draw2D([[1]] + chunks, size: size, sizes: nil, offset: offset)
        case 2: return draw2D(chunks, size: size, sizes: sizes, offset: offset)
        case 3: return draw3D(chunks, size: size, sizes: sizes, offset: offset)
        default: return drawND(chunks, size: size)
        }
    }

    private static let textStyle = #"font-size="1.0rem" font-weight="100" text-anchor="middle""#

    private static func header(width: Double, height: Double) -> String {
        #"<svg width="\#(Int(width))" height="\#(Int(height))" style="stroke:rgb(0,0,0);stroke-width:1" >"# + "\n"
    }

    private static func draw2D(_ chunks: [[Int]], size: Int, sizes: [Double]?, offset: (Double, Double)) -> String {
        let shape = chunks.map { $0.reduce(0, +) }
        let sizes = sizes ?? drawSizes(shape, size: size)
        let points = gridPoints(chunks, sizes)
        let (y, x) = (points[0], points[1])
        let grid = Grid(x: x, y: y, offset: offset, skew: (0, 0), size: size)
        let rotate = shape[0] >= 100 ? -90 : 0
        let text = [
            "",
            "  <!-- Text -->",
            #"  <text x="\#(py(grid.maxX / 2))" y="\#(py(grid.maxY + 20))" \#(textStyle) >\#(shape[1])</text>"#,
            #"  <text x="\#(py(grid.maxX + 20))" y="\#(py(grid.maxY / 2))" \#(textStyle) "#
                + #"transform="rotate(\#(rotate),\#(py(grid.maxX + 20)),\#(py(grid.maxY / 2)))">\#(shape[0])</text>"#,
        ]
        return header(width: grid.maxX + 50, height: grid.maxY + 50) + (grid.lines + text).joined(separator: "\n") + "\n</svg>"
    }

    private static func draw3D(_ chunks: [[Int]], size: Int, sizes: [Double]?, offset: (Double, Double)) -> String {
        let shape = chunks.map { $0.reduce(0, +) }
        let sizes = sizes ?? drawSizes(shape, size: size)
        let points = gridPoints(chunks, sizes)
        let (x, y, z) = (points[0], points[1], points[2])
        let receding = x.map { $0 / 1.7 }
        let (ox, oy) = offset
        let front = Grid(x: receding, y: y, offset: (ox + 10, oy + 0), skew: (1, 0), size: size)
        let top = Grid(x: z, y: receding, offset: (ox + 10, oy + 0), skew: (0, 1), size: size)
        let side = Grid(x: z, y: y, offset: (ox + top.maxY + 10, oy + top.maxY), skew: (0, 0), size: size)
        let rotate = shape[1] >= 100 ? -90 : 0
        let depthX = (front.minX + front.maxX) / 2 - 10
        let depthY = front.maxY - (front.maxX - front.minX) / 2 + 20
        let text = [
            "",
            "  <!-- Text -->",
            #"  <text x="\#(py((side.minX + side.maxX) / 2))" y="\#(py(side.maxY + 20))" \#(textStyle) >\#(shape[2])</text>"#,
            #"  <text x="\#(py(side.maxX + 20))" y="\#(py((side.minY + side.maxY) / 2))" \#(textStyle) "#
                + #"transform="rotate(\#(rotate),\#(py(side.maxX + 20)),\#(py((side.minY + side.maxY) / 2)))">\#(shape[1])</text>"#,
            #"  <text x="\#(py(depthX))" y="\#(py(depthY))" \#(textStyle) transform="rotate(45,\#(py(depthX)),\#(py(depthY)))">\#(shape[0])</text>"#,
        ]
        return header(width: side.maxX + 50, height: side.maxY + 50)
            + (front.lines + top.lines + side.lines + text).joined(separator: "\n") + "\n</svg>"
    }

    /// More than three dimensions: groups of two or three, left to right (a leading
    /// dimension of one chunk is added when one would be left alone).
    private static func drawND(_ chunks: [[Int]], size: Int) -> String {
        let chunks = chunks.count % 3 == 1 ? [[1]] + chunks : chunks
        let sizes = drawSizes(chunks.map { $0.reduce(0, +) }, size: size)
        var rest = chunks[...]
        var restSizes = sizes[...]
        var parts: [String] = []
        var left = 0.0
        var height = 0.0
        while !rest.isEmpty {
            let n = rest.count % 3 == 0 ? 3 : rest.count % 3
            // Dask draws the groups at its default size (200), whatever the size asked for.
            let group = draw(Array(rest.prefix(n)), size: 200, sizes: Array(restSizes.prefix(n)), offset: (left, 0))
            rest = rest.dropFirst(n)
            restSizes = restSizes.dropFirst(n)
            var lines = group.split(separator: "\n", omittingEmptySubsequences: false)
            let (groupWidth, groupHeight) = headerSize(lines[0])
            height = Swift.max(height, groupHeight)
            left += groupWidth + 10
            lines.removeFirst()
            lines.removeLast()
            parts.append(lines.joined(separator: "\n"))
        }
        return header(width: left, height: height) + parts.joined(separator: "\n\n") + "\n</svg>"
    }

    /// The width and height written in an `<svg ...>` header line.
    private static func headerSize(_ line: Substring) -> (Double, Double) {
        func attribute(_ name: String) -> Double {
            guard let start = line.range(of: name + "=\"")?.upperBound,
                  let end = line[start...].firstIndex(of: "\"") else { return 0 }
            return Double(line[start..<end]) ?? 0
        }
        return (attribute("width"), attribute("height"))
    }

    /// Pixels per dimension: the largest gets `size`, the others shrink by their ratio to it
    /// (as is up to e, then logarithmically, capped).
    static func drawSizes(_ shape: [Int], size: Int) -> [Double] {
        let largest = Double(shape.max() ?? 1)
        return shape.map { length in
            let ratio = largest / Swift.max(0.1, Double(length))
            return Double(size) / ratioResponse(ratio)
        }
    }

    private static func ratioResponse(_ ratio: Double) -> Double {
        let e = 2.718281828459045
        if ratio < e { return ratio }
        if ratio <= 100 { return log(ratio + 12.4) }
        return log(100 + 12.4)
    }

    /// Positions of the chunk boundaries along each dimension, in pixels.
    private static func gridPoints(_ chunks: [[Int]], _ sizes: [Double]) -> [[Double]] {
        zip(chunks, sizes).map { lengths, pixels in
            var boundaries = [0]
            for length in lengths { boundaries.append(boundaries[boundaries.count - 1] + length) }
            let total = Double(boundaries[boundaries.count - 1])
            return boundaries.map { Double($0) * pixels / total }
        }
    }

    /// One face: its lines, its filled rectangle, and its extent.
    private struct Grid {
        var lines: [String] = []
        var minX = 0.0, maxX = 0.0, minY = 0.0, maxY = 0.0

        /// A grid with lines at `x` (vertical) and `y` (horizontal), moved by `offset`;
        /// `skew.0` slants the horizontal lines down by x, `skew.1` the vertical ones right by y.
        init(x: [Double], y: [Double], offset: (Double, Double), skew: (Double, Double), size: Int) {
            let lastX = x[x.count - 1], lastY = y[y.count - 1]
            let maxXPoint = x.max() ?? 0, maxYPoint = y.max() ?? 0
            // Horizontal lines.
            var x1 = y.map { _ in offset.0 }
            let y1 = y.map { $0 + offset.1 }
            var x2 = y.map { _ in lastX + offset.0 }
            var y2 = y.map { $0 + offset.1 }
            if skew.0 != 0 { y2 = y2.map { $0 + maxXPoint * skew.0 } }
            if skew.1 != 0 {
                x1 = zip(x1, y).map { $0 + skew.1 * $1 }
                x2 = zip(x2, y).map { $0 + skew.1 * $1 }
            }
            minX = Swift.min(x1.min()!, x2.min()!)
            minY = Swift.min(y1.min()!, y2.min()!)
            maxX = Swift.max(x1.max()!, x2.max()!)
            maxY = Swift.max(y1.max()!, y2.max()!)
            let most = size / 6
            lines = ["", "  <!-- Horizontal lines -->"] + Self.svgLines(x1, y1, x2, y2, most: most)

            // Vertical lines.
            let vx1 = x.map { $0 + offset.0 }
            var vy1 = x.map { _ in offset.1 }
            var vx2 = x.map { $0 + offset.0 }
            var vy2 = x.map { _ in lastY + offset.1 }
            if skew.0 != 0 {
                vy1 = zip(vy1, x).map { $0 + skew.0 * $1 }
                vy2 = zip(vy2, x).map { $0 + skew.0 * $1 }
            }
            if skew.1 != 0 { vx2 = vx2.map { $0 + skew.1 * maxYPoint } }
            lines += ["", "  <!-- Vertical lines -->"] + Self.svgLines(vx1, vy1, vx2, vy2, most: most)

            let color = x.count < most && y.count < most ? "ECB172" : "8B4903"
            let last = x.count - 1
            let corners = "\(py(vx1[0])),\(py(vy1[0])) \(py(vx1[last])),\(py(vy1[last])) "
                + "\(py(vx2[last])),\(py(vy2[last])) \(py(vx2[0])),\(py(vy2[0]))"
            lines += ["", "  <!-- Colored Rectangle -->",
                      #"  <polygon points="\#(corners)" style="fill:#\#(color)A0;stroke-width:0"/>"#]
        }

        /// `<line>` elements, at most `most` of them picked evenly; the first and last thick.
        static func svgLines(_ x1: [Double], _ y1: [Double], _ x2: [Double], _ y2: [Double], most: Int) -> [String] {
            let n = x1.count
            let indices: [Int]
            if n > most {
                // NumPy's linspace(0, n - 1, most) rounded down, its last point exact.
                let step = Double(n - 1) / Double(most - 1)
                indices = (0..<most).map { $0 == most - 1 ? n - 1 : Int((Double($0) * step).rounded(.down)) }
            } else {
                indices = Array(0..<n)
            }
            var lines = indices.map { i in
                #"  <line x1="\#(Int(x1[i]))" y1="\#(Int(y1[i]))" x2="\#(Int(x2[i]))" y2="\#(Int(y2[i]))" />"#
            }
            lines[0] = lines[0].replacingFirst(" />", with: #" style="stroke-width:2" />"#)
            lines[lines.count - 1] = lines[lines.count - 1].replacingFirst(" />", with: #" style="stroke-width:2" />"#)
            return lines
        }
    }
}

/// A number as Python's `str(float)` writes it (`60.0`, `24.9485979497544`).
private func py(_ value: Double) -> String { value.description }

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
