/// An index expression interpreted against an array: a basic view (slices, integers and
/// new axes applied; advanced axes kept whole) plus the advanced (integer array) indices.
///
/// NumPy's rules: integers next to arrays count as advanced; boolean masks become one integer
/// array per masked axis; advanced indices broadcast together, and their result axes go where
/// the advanced indices stood when those were adjacent, else first.
struct IndexPlan {
    /// The array after basic indexing.
    var view: NDArray
    /// Axes of `view` addressed by advanced indices, in index order.
    var advancedAxes: [Int] = []
    /// The advanced indices broadcast to `broadcastShape`, normalized to `0..<size`, `int64`, C-contiguous.
    var indices: [NDArray] = []
    /// The broadcast shape of the advanced indices.
    var broadcastShape: [Int] = []
    /// Whether the advanced indices were adjacent in the index expression.
    var adjacent = true

    var isBasic: Bool { advancedAxes.isEmpty }

    /// Axes of `view` not addressed by advanced indices, in order.
    var innerAxes: [Int] { view.shape.indices.filter { !advancedAxes.contains($0) } }

    /// The shape of the indexing result.
    var resultShape: [Int] {
        if isBasic { return view.shape }
        let inner = innerAxes.map { view.shape[$0] }
        if adjacent {
            let position = advancedAxes.first!
            return Array(inner.prefix(position)) + broadcastShape + Array(inner.dropFirst(position))
        }
        return broadcastShape + inner
    }

    /// Where the broadcast axes sit in the result (the rest are the inner axes, in order).
    var broadcastPosition: Int { adjacent && !isBasic ? advancedAxes.first! : 0 }

    init(array: NDArray, index: [Index]) throws(ArrayError) {
        let ellipses = index.filter { if case .ellipsis = $0 { true } else { false } }.count
        guard ellipses <= 1 else { throw .index("an index can only have a single ellipsis ('...')") }
        let consumed = index.reduce(0) { $0 + $1.consumedAxes }
        guard consumed <= array.ndim else { throw .tooManyIndices(ndim: array.ndim, given: consumed) }

        // Expand `...` (or a missing tail) into full slices.
        var expanded: [Index] = []
        for entry in index {
            if case .ellipsis = entry {
                expanded.append(contentsOf: repeatElement(Index.all, count: array.ndim - consumed))
            } else {
                expanded.append(entry)
            }
        }
        if ellipses == 0 {
            expanded.append(contentsOf: repeatElement(Index.all, count: array.ndim - consumed))
        }
        let hasArrays = expanded.contains { if case .array = $0 { true } else { false } }

        var shape: [Int] = [], strides: [Int] = []
        var offset = array.offset
        var axis = 0
        var rawIndices: [(array: NDArray, inputAxis: Int)] = []
        var advancedPositions: [Int] = []
        for (position, entry) in expanded.enumerated() {
            switch entry {
            case .int(let i) where !hasArrays:
                let size = array.shape[axis]
                let normalized = i < 0 ? i + size : i
                guard normalized >= 0 && normalized < size else {
                    throw .indexOutOfBounds(index: i, axis: axis, size: size)
                }
                offset += normalized * array.strides[axis]
                axis += 1
            case .slice(let start, let stop, let step):
                let resolved = try ResolvedSlice(start: start, stop: stop, step: step, length: array.shape[axis])
                if resolved.count > 0 { offset += resolved.start * array.strides[axis] }
                shape.append(resolved.count)
                strides.append(array.strides[axis] * resolved.step)
                axis += 1
            case .newAxis:
                shape.append(1)
                strides.append(0)
            case .ellipsis:
                break
            case .int(let i):
                // An integer among arrays is a 0-d advanced index.
                rawIndices.append((try NDArray(scalar: .int(Int64(i), .int64)), axis))
                advancedPositions.append(position)
                advancedAxes.append(shape.count)
                shape.append(array.shape[axis])
                strides.append(array.strides[axis])
                axis += 1
            case .array(let indexArray) where indexArray.dtype == .bool:
                guard indexArray.ndim > 0 else {
                    throw .index("0-dimensional boolean indices are not supported")
                }
                for k in 0..<indexArray.ndim where indexArray.shape[k] != array.shape[axis + k] {
                    throw .booleanIndexMismatch(axis: axis + k, size: array.shape[axis + k], maskSize: indexArray.shape[k])
                }
                for (k, coordinate) in try indexArray.nonzero().enumerated() {
                    rawIndices.append((coordinate, axis + k))
                    advancedPositions.append(position)
                    advancedAxes.append(shape.count)
                    shape.append(array.shape[axis + k])
                    strides.append(array.strides[axis + k])
                }
                axis += indexArray.ndim
            case .array(let indexArray):
                guard indexArray.dtype.isInteger else {
                    throw .index("arrays used as indices must be of integer (or boolean) type")
                }
                rawIndices.append((indexArray, axis))
                advancedPositions.append(position)
                advancedAxes.append(shape.count)
                shape.append(array.shape[axis])
                strides.append(array.strides[axis])
                axis += 1
            }
        }
        view = NDArray(dtype: array.dtype, shape: shape, strides: strides, offset: offset, storage: array.storage)
        guard !rawIndices.isEmpty else { return }

        adjacent = zip(advancedPositions, advancedPositions.dropFirst()).allSatisfy { $1 - $0 <= 1 }
        do {
            broadcastShape = try NDArray.broadcastShapes(rawIndices.map(\.array.shape))
        } catch {
            throw .index("shape mismatch: indexing arrays could not be broadcast together with shapes "
                         + rawIndices.map { formatShape($0.array.shape) }.joined(separator: " ") + " ")
        }
        for (raw, inputAxis) in rawIndices {
            let size = array.shape[inputAxis]
            let normalized = try raw.broadcast(to: broadcastShape).astype(.int64)
            let values = normalized.pointer(as: Int64.self)
            for i in 0..<normalized.count {
                let value = values[i]
                let wrapped = value < 0 ? value + Int64(size) : value
                guard wrapped >= 0 && wrapped < Int64(size) else {
                    throw .indexOutOfBounds(index: Int(value), axis: inputAxis, size: size)
                }
                values[i] = wrapped
            }
            indices.append(normalized)
        }
    }

    /// Storage offsets into `view`'s storage of each broadcast position's first element.
    func viewBases() -> [Int] {
        let count = broadcastShape.reduce(1, *)
        var bases = [Int](repeating: view.offset, count: count)
        for (k, index) in indices.enumerated() {
            let stride = view.strides[advancedAxes[k]]
            let values = index.pointer(as: Int64.self)
            for i in 0..<count { bases[i] += Int(values[i]) * stride }
        }
        return bases
    }

    /// `array` (shaped like the result) with its axes ordered broadcast axes first, inner axes after.
    func broadcastFirst(_ array: NDArray) -> NDArray {
        let rank = broadcastShape.count
        let position = broadcastPosition
        let order = Array(position..<(position + rank)) + Array(0..<position)
            + Array((position + rank)..<array.ndim)
        return NDArray(dtype: array.dtype, shape: order.map { array.shape[$0] }, strides: order.map { array.strides[$0] },
                       offset: array.offset, storage: array.storage)
    }
}
