/// A drawing of an array's chunk grid in box characters, the text counterpart of Dask's SVG:
/// a bar for 1-d arrays, a grid for 2-d, a box with a grid on each visible face for 3-d (and
/// the last three dimensions of higher ones). Lines sit where chunk boundaries fall, in
/// proportion to the shape; when a dimension has more than `maxLines` chunks, every k-th
/// boundary is drawn. Lengths label the edges.
public struct ChunkGridDrawing: Sendable {
    /// Widest front face, in columns.
    public var maxWidth = 36
    /// Tallest front face, in rows.
    public var maxHeight = 12
    /// Most lines drawn inside along one dimension.
    public var maxLines = 10

    public init() {}

    /// The drawing's lines, or nil for a 0-d array.
    public func draw(_ chunks: Chunks) -> [String]? {
        let shape = chunks.shape
        switch chunks.ndim {
        case 0: return nil
        case 1: return drawFront(rows: nil, columns: (shape[0], chunks.offsets[0]), depth: nil)
        case 2: return drawFront(rows: (shape[0], chunks.offsets[0]), columns: (shape[1], chunks.offsets[1]), depth: nil)
        default:
            let n = chunks.ndim
            var lines = drawFront(rows: (shape[n - 2], chunks.offsets[n - 2]), columns: (shape[n - 1], chunks.offsets[n - 1]),
                                  depth: (shape[n - 3], chunks.offsets[n - 3]))
            if n > 3 {
                lines.append("(last 3 of \(n) dimensions; leading shape \(formatTuple(Array(shape.prefix(n - 3)))))")
            }
            return lines
        }
    }

    /// Sizes of the front face in cells, keeping the array's aspect (a character is about
    /// twice as tall as wide) within the limits.
    private func faceSize(rows: Int?, columns: Int) -> (width: Int, height: Int) {
        guard let rows else { return (maxWidth, 1) }
        let ratio = Double(Swift.max(rows, 1)) / Double(Swift.max(columns, 1))
        var width = Double(maxWidth)
        var height = width * ratio / 2
        if height > Double(maxHeight) {
            height = Double(maxHeight)
            width = height * 2 / ratio
        }
        return (Swift.max(4, Swift.min(maxWidth, Int(width.rounded()))), Swift.max(1, Swift.min(maxHeight, Int(height.rounded()))))
    }

    /// Interior line positions (1..<size) for chunk boundaries `offsets` of a dimension of `length`.
    private func lines(_ offsets: [Int], length: Int, size: Int) -> [Int] {
        let boundaries = Array(offsets.dropFirst().dropLast())
        guard length > 0, !boundaries.isEmpty else { return [] }
        let step = (boundaries.count + maxLines - 1) / maxLines
        var positions: [Int] = []
        for (index, boundary) in boundaries.enumerated() where (index + 1) % step == 0 {
            let position = Int((Double(boundary) / Double(length) * Double(size)).rounded())
            if position > 0 && position < size && positions.last != position { positions.append(position) }
        }
        return positions
    }

    /// A size shrunk to a multiple of the chunk count, so regular chunks get equal cells.
    private func snapped(_ size: Int, _ offsets: [Int]) -> Int {
        let count = offsets.count - 1
        guard count > 1 && count <= maxLines && size >= count else { return size }
        return size / count * count
    }

    private func drawFront(rows: (Int, [Int])?, columns: (Int, [Int]), depth: (Int, [Int])?) -> [String] {
        var (width, height) = faceSize(rows: rows?.0, columns: columns.0)
        width = snapped(width, columns.1)
        if let rows { height = snapped(height, rows.1) }
        let depthSize = depth.map { _ in Swift.min(6, Swift.max(3, height / 2 + 1)) } ?? 0
        let rowLabel = rows.map { String($0.0) } ?? ""
        let depthLabel = depth.map { String($0.0) } ?? ""
        let margin = depth == nil ? 0 : depthLabel.count + 1
        let canvasWidth = margin + width + 1 + depthSize + 1 + rowLabel.count + 1
        let canvasHeight = height + 1 + depthSize + 2
        var canvas = TextCanvas(width: canvasWidth, height: canvasHeight)
        let (left, top) = (margin, depthSize)
        let (right, bottom) = (left + width, top + height + (rows == nil ? 0 : 0))
        let columnLines = lines(columns.1, length: columns.0, size: width)
        let rowLines = rows.map { lines($0.1, length: $0.0, size: height) } ?? []
        // The front face: border and grid.
        canvas.horizontal(y: top, from: left, to: right)
        canvas.horizontal(y: bottom + (rows == nil ? 1 : 0), from: left, to: right)
        let faceBottom = bottom + (rows == nil ? 1 : 0)
        canvas.vertical(x: left, from: top, to: faceBottom)
        canvas.vertical(x: right, from: top, to: faceBottom)
        for x in columnLines { canvas.vertical(x: left + x, from: top, to: faceBottom) }
        for y in rowLines { canvas.horizontal(y: top + y, from: left, to: right) }
        if let depth {
            // The top and right faces, receding up and to the right, with a line at each
            // chunk boundary of the leading dimension.
            let depthLines = lines(depth.1, length: depth.0, size: depthSize)
            for step in depthLines + [depthSize] {
                canvas.horizontal(y: top - step, from: left + step, to: right + step)
                canvas.vertical(x: right + step, from: top - step, to: faceBottom - step)
            }
            canvas.diagonal(x: left, y: top, length: depthSize + 1)
            canvas.diagonal(x: right, y: top, length: depthSize + 1)
            canvas.diagonal(x: right, y: faceBottom, length: depthSize + 1)
            canvas.write(depthLabel, x: left + depthSize / 2 - depthLabel.count, y: top - depthSize / 2)
        }
        // Labels: the last dimension's length under the face, the row dimension's to its right.
        let columnLabel = String(columns.0)
        canvas.write(columnLabel, x: left + Swift.max(0, (width - columnLabel.count + 1) / 2), y: faceBottom + 1)
        if rows != nil {
            canvas.write(rowLabel, x: right + depthSize + 2, y: top + height / 2 - depthSize / 2)
        }
        var rendered = canvas.render()
        while rendered.last?.isEmpty == true { rendered.removeLast() }
        return rendered
    }
}
