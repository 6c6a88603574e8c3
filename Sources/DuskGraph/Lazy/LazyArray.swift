import DuskArray
import DuskSyntax

/// A lazy chunked array: Dask's `Array`. A node of the expression graph with its metadata;
/// creating one does no work, `compute` runs its graph.
public struct LazyArray: Sendable, CustomStringConvertible {
    /// The graph node this array is the result of.
    public let expr: ArrayExpr

    public init(_ expr: ArrayExpr) {
        self.expr = expr
    }

    /// The node's deterministic name, `add-3f2a9c...`.
    public var name: String { expr.name }
    public var shape: [Int] { expr.shape }
    public var dtype: DType { expr.dtype }
    public var chunks: Chunks { expr.chunks }
    public var ndim: Int { expr.shape.count }
    /// Number of elements.
    public var size: Int { expr.shape.reduce(1, *) }
    public var nbytes: Int { size * dtype.itemSize }
    /// Blocks per dimension.
    public var numblocks: [Int] { expr.chunks.numblocks }
    /// Total number of blocks (Dask's `npartitions`).
    public var npartitions: Int { expr.chunks.blockCount }
    /// The largest chunk along each dimension.
    public var chunksize: [Int] { expr.chunks.chunksize }
    /// Where the expression that made this array was written.
    public var location: SourceLocation? { expr.location }

    /// Dask's text repr: `dusk.array<sin, shape=(10000,), dtype=float64, chunksize=(1000,), chunktype=ndarray>`.
    public var description: String { repr }
}

extension LazyArray {
    /// Makes a node and wraps it: the common tail of every operation. Refuses a node whose
    /// shape or block count is beyond the limits (`Chunks.maxBlocks`).
    static func make(_ prefix: String, op: ArrayOp, inputs: [GraphInput], dtype: DType, chunks: Chunks,
                     token: TokenBuilder, location: SourceLocation?) throws(GraphError) -> LazyArray {
        do { try chunks.checkedForNode(dtype: dtype) } catch { throw error.located(location) }
        var token = token
        token.combine(prefix)
        for input in inputs { token.combine(input.name) }
        token.combine(dtype)
        token.combine(chunks.sizes)
        return LazyArray(ArrayExpr(name: prefix + "-" + token.finalize(), op: op, inputs: inputs, dtype: dtype,
                                   chunks: chunks, location: location))
    }

    /// Normalizes an axis against `ndim` with NumPy's error.
    public static func axis(_ axis: Int, ndim: Int, at location: SourceLocation?) throws(GraphError) -> Int {
        do {
            return try normalizedAxis(axis, ndim: ndim)
        } catch {
            throw GraphError.array(error, at: location)
        }
    }

    /// Normalizes a list of axes (nil: all), rejecting duplicates.
    static func axes(_ axes: [Int]?, ndim: Int, at location: SourceLocation?) throws(GraphError) -> [Int] {
        guard let axes else { return Array(0..<ndim) }
        var result: [Int] = []
        for value in axes {
            let normalized = try axis(value, ndim: ndim, at: location)
            if result.contains(normalized) { throw GraphError.duplicateAxis().located(location) }
            result.append(normalized)
        }
        return result.sorted()
    }
}
