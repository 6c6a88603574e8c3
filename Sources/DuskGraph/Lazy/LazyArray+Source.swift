import DuskArray
import DuskSyntax

extension LazyArray {
    /// A lazy array over `source` (`da.from_zarr`), cut into `chunks`: by default the
    /// source's stored chunks, so each task reads one stored chunk.
    ///
    /// The name is `<prefix>-<token>` of the source's token and the chunks (Dask's
    /// `from-zarr-<token>`) unless `name` is given.
    public static func fromSource(_ source: any ArraySource, chunks spec: ChunkSpec? = nil, name: String? = nil,
                                  at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let stored = source.storedChunks.map { ChunkSpec.perDimension($0.map { .size($0) }) }
        let chunks = try normalize(spec ?? stored ?? .auto, shape: source.shape, dtype: source.dtype, at: location)
        let read = SourceRead(source: source, origin: Array(repeating: 0, count: source.shape.count))
        return try sourceLayer(read, chunks: chunks, name: name, at: location)
    }

    /// A layer reading the part of `read.source` that starts at `read.origin` and has the
    /// shape of `chunks`: what slice pushdown makes of a slice of a source layer.
    public static func sourceLayer(_ read: SourceRead, chunks: Chunks, name: String? = nil,
                                   at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let dtype = read.source.dtype
        if let name {
            return LazyArray(ArrayExpr(name: name, op: .source(read), inputs: [], dtype: dtype, chunks: chunks,
                                       location: location))
        }
        return try make(read.source.layerPrefix, op: .source(read), inputs: [], dtype: dtype, chunks: chunks,
                    token: TokenBuilder(read.source.token, read.origin), location: location)
    }
}
