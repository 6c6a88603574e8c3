import DuskArray
import Foundation

extension Chunks {
    /// The most blocks one lazy array may have: each block becomes at least one task, and a
    /// graph of ten million tasks already takes gigabytes and minutes to build and schedule.
    /// Layers beyond it are refused before any of their chunk lists or tasks exist.
    public static let maxBlocks = 10_000_000

    /// Checks a shape as NumPy checks a new array's (no negative dimension, a byte count
    /// within `Int`), so that every size derived from it is exact.
    static func checkShape(_ shape: [Int], dtype: DType) throws(GraphError) {
        do { _ = try NDArray.checkedCount(shape, itemSize: dtype.itemSize) } catch { throw .array(error) }
    }

    /// Throws `tooManyChunks` unless cutting `shape` into `counts` blocks per dimension stays
    /// within `maxBlocks`.
    static func checkBlockCount(_ counts: [Int], shape: [Int], chunkShape: [Int], dtype: DType) throws(GraphError) {
        guard let blocks = NDArray.checkedProduct(counts), blocks <= maxBlocks else {
            throw .tooManyChunks(shape: shape, chunkShape: chunkShape, counts: counts, dtype: dtype)
        }
    }

    /// Chunk sizes to suggest for `shape` when the ones given make too many blocks: Dask's
    /// `'auto'` chunks (128 MiB each) when they make few enough, else sizes that cut each
    /// dimension into about as many pieces, `maxBlocks` in all.
    static func suggestedChunkShape(for shape: [Int], dtype: DType) -> [Int] {
        let automatic = try? autoChunks(shape.map { _ in .auto }, shape: shape, limit: ChunkConfiguration.byteLimit,
                                        itemSize: dtype.itemSize, previous: nil)
        if let automatic {
            let sizes = zip(automatic, shape).map { entry, length -> Int in
                switch entry {
                case .number(let value) where value >= 1 && value < 0x1p62: Swift.min(Int(value), length)
                case .sizes(let sizes) where sizes.count == 1: sizes[0]
                default: 0
                }
            }
            let counts = zip(shape, sizes).map { length, size in size == 0 ? Int.max : length / size + (length % size == 0 ? 0 : 1) }
            if let blocks = NDArray.checkedProduct(counts), blocks <= maxBlocks { return sizes }
        }
        let long = shape.filter { $0 > 1 }.count
        guard long > 0 else { return shape }
        let perDimension = Swift.max(1, Int(pow(Double(maxBlocks), 1 / Double(long))))
        return shape.map { $0 <= 1 ? Swift.max($0, 1) : $0 / perDimension + ($0 % perDimension == 0 ? 0 : 1) }
    }

    /// Chunks of a node built from other nodes (broadcasting, outer products): checked against
    /// `maxBlocks` before the node exists.
    func checkedForNode(dtype: DType) throws(GraphError) {
        try Chunks.checkShape(shape, dtype: dtype)
        try Chunks.checkBlockCount(numblocks, shape: shape, chunkShape: chunksize, dtype: dtype)
    }
}

extension GraphError {
    /// `chunks=(1,)` on a shape of 2**40: refused at once, with chunk sizes that would do.
    static func tooManyChunks(shape: [Int], chunkShape: [Int], counts: [Int], dtype: DType) -> GraphError {
        let blocks = NDArray.checkedProduct(counts).map(String.init)
            ?? counts.map(String.init).joined(separator: " × ")
        return GraphError(kind: "ValueError", message:
            "too many chunks: chunks of \(formatTuple(chunkShape)) cut shape \(formatTuple(shape)) into \(blocks) blocks, "
            + "more than a graph may hold (\(Chunks.maxBlocks)); use larger chunks, such as chunks=\(formatTuple(Chunks.suggestedChunkShape(for: shape, dtype: dtype)))")
    }
}
