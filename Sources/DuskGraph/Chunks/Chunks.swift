/// How an array is cut into blocks: for each dimension, the sizes of its chunks in order.
///
/// Dask's `chunks`, a tuple of tuples: `((1000, 1000, 500), (400,))` cuts a 2500×400 array into
/// three blocks along axis 0 and one along axis 1. A 0-d array has no dimensions and one block.
/// Zero-length dimensions hold one chunk of size 0.
///
/// Blocks are addressed by a block index (one entry per dimension) or by its row-major linear
/// number, which is how the lowering pass stores per-block tables.
public struct Chunks: Hashable, Sendable, CustomStringConvertible {
    /// Chunk sizes per dimension.
    public let sizes: [[Int]]
    /// Start offsets per dimension: `offsets[d][i]` is where chunk `i` of dimension `d` begins;
    /// one extra entry at the end holds the dimension's length.
    public let offsets: [[Int]]

    /// Chunks from explicit per-dimension sizes, which the caller has already validated.
    public init(_ sizes: [[Int]]) {
        self.sizes = sizes
        self.offsets = sizes.map { dimension in
            var starts = [0]
            starts.reserveCapacity(dimension.count + 1)
            var total = 0
            for size in dimension {
                total += size
                starts.append(total)
            }
            return starts
        }
    }

    /// Regular chunks of `chunkShape` (the last chunk of a dimension may be smaller).
    public init(shape: [Int], chunkShape: [Int]) {
        self.init(zip(shape, chunkShape).map { Chunks.regular(length: $0, chunk: $1) })
    }

    /// One chunk covering the whole array.
    public init(singleChunkOf shape: [Int]) {
        self.init(shape.map { [$0] })
    }

    /// `length` cut into pieces of `chunk` (at least 1), the last one possibly shorter; `[0]` for an empty dimension.
    public static func regular(length: Int, chunk: Int) -> [Int] {
        if length == 0 { return [0] }
        let chunk = Swift.max(chunk, 1)
        var result = [Int](repeating: chunk, count: length / chunk)
        if length % chunk != 0 { result.append(length % chunk) }
        return result
    }

    public var ndim: Int { sizes.count }

    /// The array's shape: the sum of each dimension's chunks.
    public var shape: [Int] { offsets.map { $0[$0.count - 1] } }

    /// Blocks per dimension.
    public var numblocks: [Int] { sizes.map(\.count) }

    /// Total number of blocks (1 for a 0-d array).
    public var blockCount: Int { sizes.reduce(1) { $0 * $1.count } }

    /// The largest chunk along each dimension (Dask's `chunksize`).
    public var chunksize: [Int] { sizes.map { $0.max() ?? 0 } }

    /// Whether every dimension is one chunk.
    public var isSingleChunk: Bool { sizes.allSatisfy { $0.count == 1 } }

    /// The shape of the block at `index`.
    public func blockShape(_ index: [Int]) -> [Int] {
        (0..<sizes.count).map { sizes[$0][index[$0]] }
    }

    /// The element ranges the block at `index` covers, one per dimension.
    public func blockRanges(_ index: [Int]) -> [Range<Int>] {
        (0..<sizes.count).map { offsets[$0][index[$0]]..<offsets[$0][index[$0] + 1] }
    }

    /// The block index along `dimension` that holds element `position` (which must be in bounds).
    public func block(containing position: Int, along dimension: Int) -> Int {
        let starts = offsets[dimension]
        // Last start <= position, skipping empty chunks: binary search on the offsets.
        var low = 0
        var high = starts.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= position { low = middle } else { high = middle }
        }
        return low
    }

    /// The row-major number of the block at `index`.
    public func linearIndex(_ index: [Int]) -> Int {
        var linear = 0
        for dimension in 0..<sizes.count {
            linear = linear * sizes[dimension].count + index[dimension]
        }
        return linear
    }

    /// The block index of row-major block number `linear`.
    public func blockIndex(_ linear: Int) -> [Int] {
        var index = [Int](repeating: 0, count: sizes.count)
        var rest = linear
        for dimension in stride(from: sizes.count - 1, through: 0, by: -1) {
            let count = sizes[dimension].count
            index[dimension] = rest % count
            rest /= count
        }
        return index
    }

    /// Every block index in row-major order.
    public var allBlockIndices: [[Int]] {
        (0..<blockCount).map(blockIndex)
    }

    /// Dask's spelling: `((5, 5), (3,))`.
    public var description: String {
        formatTuple(sizes.map(formatTuple))
    }
}

/// A list as Python prints a tuple: `(3,)`, `(2, 3)`, `()`.
func formatTuple(_ items: [String]) -> String {
    items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
}

/// Integers as Python prints a tuple.
func formatTuple(_ items: [Int]) -> String {
    formatTuple(items.map(String.init))
}
