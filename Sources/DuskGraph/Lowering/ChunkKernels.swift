import DuskArray

/// The per-block work of each layer, as calls into `NDArray` operations.
///
/// Nothing here loops over elements: views are index arithmetic, and everything else is an
/// NDArray kernel. Fusion will later replace chains of these calls with one tiled kernel.
enum ChunkKernels {
    /// The array in a task value, or an error naming the task.
    @inline(__always)
    static func array(_ value: TaskValue, key: @autoclosure () -> String) throws(GraphError) -> NDArray {
        if case .array(let array) = value { return array }
        throw GraphError.unexpectedTaskValue("an array", key: key())
    }

    /// The arrays in task values.
    static func arrays(_ values: [TaskValue], key: @autoclosure () -> String) throws(GraphError) -> [NDArray] {
        var result: [NDArray] = []
        result.reserveCapacity(values.count)
        for value in values { result.append(try array(value, key: key())) }
        return result
    }

    /// Runs an NDArray operation, turning its error into a graph error.
    @inline(__always)
    static func run<R>(_ body: () throws(ArrayError) -> R) throws(GraphError) -> R {
        do { return try body() } catch { throw GraphError.array(error) }
    }

    // MARK: - Views

    /// The view of `array` over `ranges` (one per dimension): no copy.
    static func view(_ array: NDArray, _ ranges: [Range<Int>]) -> NDArray {
        var offset = array.offset
        for dimension in ranges.indices { offset += ranges[dimension].lowerBound * array.strides[dimension] }
        return NDArray(dtype: array.dtype, shape: ranges.map(\.count), strides: array.strides, offset: offset,
                       storage: array.storage)
    }

    // MARK: - Assembly

    /// A task function that assembles the blocks of `chunks` (given in row-major order) into one array.
    static func assemble(chunks: Chunks, dtype: DType) -> TaskFunction {
        { values in
            if values.count == 1, case .array(let only) = values[0], only.shape == chunks.shape {
                return .array(only)
            }
            let result = try NDArray(uninitialized: dtype, shape: chunks.shape)
            var index = [Int](repeating: 0, count: chunks.ndim)
            let numblocks = chunks.numblocks
            for value in values {
                let block = try array(value, key: "finalize")
                let ranges = chunks.blockRanges(index)
                guard block.shape == ranges.map(\.count) else {
                    throw GraphError.blockShapeMismatch("finalize", expected: ranges.map(\.count), got: block.shape)
                }
                NDArray.copyElements(from: block, to: view(result, ranges))
                advance(&index, numblocks)
            }
            return .array(result)
        }
    }

    /// Copies pieces laid out on a grid (`counts` per dimension, row-major) into one new array.
    static func merge(_ pieces: [NDArray], counts: [Int], dtype: DType) throws(ArrayError) -> NDArray {
        let ndim = counts.count
        // Each piece's extent along a dimension is the same across the grid's other dimensions.
        var sizes: [[Int]] = (0..<ndim).map { _ in [] }
        let strides = blockStrides(counts)
        for dimension in 0..<ndim {
            for position in 0..<counts[dimension] {
                sizes[dimension].append(pieces[position * strides[dimension]].shape[dimension])
            }
        }
        let grid = Chunks(sizes)
        let result = try NDArray(uninitialized: dtype, shape: grid.shape)
        var index = [Int](repeating: 0, count: ndim)
        for piece in pieces {
            let ranges = grid.blockRanges(index)
            guard piece.shape == ranges.map(\.count) else {
                throw .value("rechunk: blocks do not line up on a grid (a block of shape \(formatTuple(piece.shape)) where \(formatTuple(ranges.map(\.count))) belongs)")
            }
            NDArray.copyElements(from: piece, to: view(result, ranges))
            advance(&index, counts)
        }
        return result
    }
}
