extension LazyArray {
    /// The notebook summary as HTML, laid out as Dask's `Array._repr_html_`: the table of
    /// bytes, shape, graph size and dtype (array and one chunk) beside the SVG drawing of the
    /// chunk grid (`ChunkGridSVG` at Dask's notebook size, 120). The text counterpart is
    /// `summary`; the chunk type reads `ndarray`, as in the repr.
    public var htmlSummary: String {
        let layers = GraphSummary(self).layers.count
        let chunkBytes = chunksize.reduce(1, *) * dtype.itemSize
        let grid = ChunkGridSVG(size: 120).draw(chunks) ?? ""
        let row = String(repeating: " ", count: 20)
        return """
            <table>
                <tr>
                    <td>
                        <table style="border-collapse: collapse;">
                            <thead>
                                <tr>
                                    <td> </td>
                                    <th> Array </th>
                                    <th> Chunk </th>
                                </tr>
                            </thead>
                            <tbody>
            \(row)
                                <tr>
                                    <th> Bytes </th>
                                    <td> \(ByteSize.format(nbytes)) </td>
                                    <td> \(ByteSize.format(chunkBytes)) </td>
                                </tr>
            \(row)
                                <tr>
                                    <th> Shape </th>
                                    <td> \(formatTuple(shape)) </td>
                                    <td> \(formatTuple(chunksize)) </td>
                                </tr>
                                <tr>
                                    <th> Dask graph </th>
                                    <td colspan="2"> \(npartitions) chunks in \(layers) graph layer\(layers == 1 ? "" : "s") </td>
                                </tr>
                                <tr>
                                    <th> Data type </th>
                                    <td colspan="2"> \(dtype.name) ndarray </td>
                                </tr>
                            </tbody>
                        </table>
                    </td>
                    <td>
                    \(grid)
                    </td>
                </tr>
            </table>
            """
    }
}
