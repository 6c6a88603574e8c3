import DuskArray
import DuskGraph

/// What the REPL shows for a lazy array: the one-line repr, a summary table like Dask's
/// notebook view (bytes, shape, graph size, data type; array and chunk columns), and a text
/// drawing of the chunk grid for 1-, 2- and 3-d arrays.
enum ArrayDisplay {
    static func render(_ array: LazyArray) -> String {
        var lines = [array.repr]
        lines += table(array)
        let grid = drawing(array)
        if !grid.isEmpty { lines.append(""); lines += grid }
        return lines.joined(separator: "\n")
    }

    /// The summary table.
    static func table(_ array: LazyArray) -> [String] {
        let summary = GraphSummary(array)
        let layers = summary.layers.count
        let chunkBytes = array.chunksize.reduce(1, *) * array.dtype.itemSize
        let rows: [(String, String, String?)] = [
            ("", "Array", "Chunk"),
            ("Bytes", ByteSize.format(array.nbytes), ByteSize.format(chunkBytes)),
            ("Shape", formatShape(array.shape), formatShape(array.chunksize)),
            ("Dask graph", "\(array.npartitions) chunk\(array.npartitions == 1 ? "" : "s") in \(layers) graph layer\(layers == 1 ? "" : "s")", nil),
            ("Data type", "\(array.dtype.name) numpy.ndarray", nil),
        ]
        let first = rows.map(\.0.count).max()! + 2
        let second = rows.filter { $0.2 != nil }.map(\.1.count).max()! + 2
        return rows.map { row in
            let head = row.0.padding(toLength: first, withPad: " ", startingAt: 0)
            guard let third = row.2 else { return head + row.1 }
            return head + row.1.padding(toLength: second, withPad: " ", startingAt: 0) + third
        }.map { "  " + $0.trimmingTrailingSpaces }
    }

    /// The chunk grid of the last two dimensions (one row of blocks for 1-d), with the sizes
    /// along the edges; for 3-d, how many layers deep.
    static func drawing(_ array: LazyArray) -> [String] {
        guard (1...3).contains(array.ndim), array.size > 0 else { return [] }
        let rowsBoundaries: [Int], columnBoundaries: [Int]
        let height: Int, width: Int
        let sizes = array.chunks.sizes
        let columns = sizes[array.ndim - 1]
        let rows: [Int] = array.ndim >= 2 ? sizes[array.ndim - 2] : [1]
        let rowLength = rows.reduce(0, +), columnLength = columns.reduce(0, +)
        let longest = Double(max(rowLength, columnLength))
        width = max(6, Int((36 * Double(columnLength) / longest).rounded()))
        height = array.ndim == 1 ? 2 : max(2, Int((12 * Double(rowLength) / longest).rounded()))
        columnBoundaries = positions(columns, cells: width, minimumGap: 3)
        rowsBoundaries = positions(rows, cells: height, minimumGap: 2)

        var canvas: [[Character]] = Array(repeating: Array(repeating: " ", count: width + 1), count: height + 1)
        let vertical = Set(columnBoundaries), horizontal = Set(rowsBoundaries)
        for y in 0...height {
            for x in 0...width {
                let onRow = horizontal.contains(y), onColumn = vertical.contains(x)
                switch (onRow, onColumn) {
                case (true, true): canvas[y][x] = "+"
                case (true, false): canvas[y][x] = "-"
                case (false, true): canvas[y][x] = "|"
                default: canvas[y][x] = " "
                }
            }
        }
        var lines = canvas.map { String($0) }
        if array.ndim >= 2 {
            let label = String(rowLength)
            lines[height / 2] += " " + label
        }
        let bottom = String(columnLength)
        let pad = max(0, (width + 1 - bottom.count) / 2)
        lines.append(String(repeating: " ", count: pad) + bottom)
        if array.ndim == 3 {
            let depth = array.shape[0], blocks = array.numblocks[0]
            lines.append("× \(depth) deep, in \(blocks) block\(blocks == 1 ? "" : "s")")
        }
        return lines.map { "  " + $0.trimmingTrailingSpaces }
    }

    /// Character positions of the chunk boundaries along one axis of `cells` cells; boundaries
    /// closer than `minimumGap` to the previous one are left out, so many small chunks show as
    /// evenly thinned lines rather than a solid block.
    static func positions(_ chunks: [Int], cells: Int, minimumGap: Int) -> [Int] {
        let total = Double(max(1, chunks.reduce(0, +)))
        var result: [Int] = [0]
        var offset = 0
        for size in chunks.dropLast() {
            offset += size
            let position = Int((Double(offset) / total * Double(cells)).rounded())
            if position - result.last! >= minimumGap && cells - position >= minimumGap { result.append(position) }
        }
        result.append(cells)
        return result
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
