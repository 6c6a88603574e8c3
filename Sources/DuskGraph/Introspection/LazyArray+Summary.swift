extension LazyArray {
    /// The notebook summary of Dask in text: a table of bytes, shape, graph size and dtype for
    /// the array and one chunk, beside a drawing of the chunk grid. What the REPL shows for a
    /// lazy array.
    ///
    /// ```
    /// ┌────────────┬────────────────┬──────────────┐
    /// │            │ Array          │ Chunk        │
    /// ├────────────┼────────────────┼──────────────┤
    /// │ Bytes      │ 762.94 MiB     │ 7.63 MiB     │
    /// │ Shape      │ (10000, 10000) │ (1000, 1000) │
    /// │ Dask graph │ 100 chunks in 1 graph layer   │
    /// │ Data type  │ float64 ndarray               │
    /// └────────────┴───────────────────────────────┘
    /// ```
    public var summary: String {
        let table = summaryTable
        guard let drawing = ChunkGridDrawing().draw(chunks) else { return table.joined(separator: "\n") }
        return sideBySide(table, drawing, gap: 3).joined(separator: "\n")
    }

    /// The table part of `summary`, one string per line.
    public var summaryTable: [String] {
        let layers = GraphSummary(self).layers.count
        let chunkBytes = chunksize.reduce(1, *) * dtype.itemSize
        var rows: [(String, String, String?)] = []
        if nbytes > 0 { rows.append(("Bytes", ByteSize.format(nbytes), ByteSize.format(chunkBytes))) }
        rows.append(("Shape", formatTuple(shape), formatTuple(chunksize)))
        rows.append(("Dask graph", "\(npartitions) chunks in \(layers) graph layer\(layers == 1 ? "" : "s")", nil))
        rows.append(("Data type", "\(dtype.name) ndarray", nil))
        let first = (rows.map(\.0) + [""]).map(\.count).max()!
        var second = (rows.filter { $0.2 != nil }.map(\.1) + ["Array"]).map(\.count).max()!
        var third = (rows.compactMap(\.2) + ["Chunk"]).map(\.count).max()!
        // A row spanning both columns must fit in their combined width.
        let spanning = rows.filter { $0.2 == nil }.map(\.1.count).max() ?? 0
        if spanning > second + third + 3 { third = spanning - second - 3 }
        second = Swift.max(second, 0)
        func cell(_ text: String, _ width: Int) -> String { " " + text + String(repeating: " ", count: width - text.count) + " " }
        func rule(_ left: String, _ middle1: String, _ middle2: String, _ right: String) -> String {
            left + String(repeating: "─", count: first + 2) + middle1 + String(repeating: "─", count: second + 2) + middle2
                + String(repeating: "─", count: third + 2) + right
        }
        var lines = [rule("┌", "┬", "┬", "┐"),
                     "│" + cell("", first) + "│" + cell("Array", second) + "│" + cell("Chunk", third) + "│",
                     rule("├", "┼", "┼", "┤")]
        for (label, array, chunk) in rows {
            if let chunk {
                lines.append("│" + cell(label, first) + "│" + cell(array, second) + "│" + cell(chunk, third) + "│")
            } else {
                lines.append("│" + cell(label, first) + "│" + cell(array, second + third + 3) + "│")
            }
        }
        let lastSpans = rows.last?.2 == nil
        lines.append(rule("└", "┴", lastSpans ? "─" : "┴", "┘"))
        return lines
    }
}

/// Two blocks of lines side by side, the left padded to its widest line.
func sideBySide(_ left: [String], _ right: [String], gap: Int) -> [String] {
    let width = left.map(\.count).max() ?? 0
    let count = Swift.max(left.count, right.count)
    let leftTop = Swift.max(0, (count - left.count) / 2)
    let rightTop = Swift.max(0, (count - right.count) / 2)
    return (0..<count).map { row in
        let l = row >= leftTop && row - leftTop < left.count ? left[row - leftTop] : ""
        let r = row >= rightTop && row - rightTop < right.count ? right[row - rightTop] : ""
        let line = l + String(repeating: " ", count: width - l.count + gap) + r
        return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }
}
