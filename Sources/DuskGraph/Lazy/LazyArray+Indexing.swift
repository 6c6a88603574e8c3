import DuskArray
import DuskSyntax

extension Index {
    /// Whether this is the full slice `:`.
    var isFullSlice: Bool {
        if case .slice(nil, nil, nil) = self { return true }
        if case .slice(nil, nil, 1?) = self { return true }
        return false
    }

    var isNewAxis: Bool {
        if case .newAxis = self { return true }
        return false
    }

    var isEllipsis: Bool {
        if case .ellipsis = self { return true }
        return false
    }
}

extension LazyArray {
    /// `x[index]`: basic indexing (integers, slices, `None`, `...`) and one integer or boolean
    /// array on one axis. Only the blocks the index touches become tasks: `x[:10, 0]` of a
    /// 10×10-chunk array reads one block column's first block.
    public func getitem(_ items: [Index], at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let expanded = try expand(items, at: location)
        if expanded.allSatisfy(\.isFullSlice) { return self }
        var dimensions: [GetitemDimension] = []
        var outputAxes: [GetitemAxis] = []
        var outputChunks: [[Int]] = []
        var token = TokenBuilder()
        var dimension = 0
        var sawArray = false
        for item in expanded {
            switch item {
            case .newAxis:
                outputAxes.append(.newAxis)
                outputChunks.append([1])
                token.combine(word: 0xA1)
            case .ellipsis:
                preconditionFailure("expanded above")
            case .int(let value):
                let size = shape[dimension]
                let position = value < 0 ? value + size : value
                guard position >= 0 && position < size else {
                    // Dask's message (NumPy's begins with a lower-case "index").
                    throw GraphError.array(.index("Index \(value) is out of bounds for axis \(dimension) with size \(size)"), at: location)
                }
                let block = chunks.block(containing: position, along: dimension)
                dimensions.append(.integer(block: block, local: position - chunks.offsets[dimension][block]))
                token.combine(word: 0xA2)
                token.combine(position)
                dimension += 1
            case .slice(let start, let stop, let step):
                let resolved = try LazyArray.resolveSlice(start, stop, step, length: shape[dimension], at: location)
                let (first, count, stride) = (resolved.start, resolved.count, resolved.step)
                let pieces = slicePieces(dimension: dimension, first: first, count: count, step: stride)
                dimensions.append(.pieces(pieces))
                outputAxes.append(.input(dimension))
                outputChunks.append(pieces.map(\.count))
                token.combine(word: 0xA3)
                token.combine([first, count, stride])
                dimension += 1
            case .array(let index):
                if sawArray {
                    throw GraphError.notImplemented("Dusk indexes with at most one array at a time").located(location)
                }
                sawArray = true
                let positions = try arrayPositions(index, dimension: dimension, at: location)
                let chunksTaken = takeChunks(dimension: dimension, positions: positions)
                dimensions.append(.take(chunksTaken))
                outputAxes.append(.input(dimension))
                outputChunks.append(chunksTaken.map(\.count))
                token.combine(word: 0xA4)
                token.combine(positions)
                dimension += 1
            }
        }
        let plan = GetitemPlan(dimensions: dimensions, outputAxes: outputAxes)
        return try LazyArray.make("getitem", op: .getitem(plan), inputs: [.array(expr)], dtype: dtype,
                              chunks: Chunks(outputChunks), token: token, location: location)
    }

    /// The items with `...` replaced by full slices and missing trailing slices added.
    private func expand(_ items: [Index], at location: SourceLocation?) throws(GraphError) -> [Index] {
        let consuming = items.filter { !$0.isNewAxis && !$0.isEllipsis }.count
        if items.filter(\.isEllipsis).count > 1 {
            throw GraphError.index("an index can only have a single ellipsis ('...')").located(location)
        }
        guard consuming <= ndim else {
            throw GraphError.array(.tooManyIndices(ndim: ndim, given: consuming), at: location)
        }
        let fill = Array(repeating: Index.all, count: ndim - consuming)
        if let ellipsis = items.firstIndex(where: \.isEllipsis) {
            return Array(items[..<ellipsis]) + fill + Array(items[(ellipsis + 1)...])
        }
        return items + fill
    }

    /// Python's `slice.indices`, with the error pointing at `location`.
    static func resolveSlice(_ start: Int?, _ stop: Int?, _ step: Int?, length: Int,
                             at location: SourceLocation?) throws(GraphError) -> ResolvedSlice {
        do {
            return try ResolvedSlice(start: start, stop: stop, step: step, length: length)
        } catch {
            throw GraphError.array(error, at: location)
        }
    }

    /// Output chunks of a slice along `dimension`: one piece per input block it touches, in
    /// the slice's order (blocks it skips make no piece).
    private func slicePieces(dimension: Int, first: Int, count: Int, step: Int) -> [SlicePiece] {
        guard count > 0 else { return [SlicePiece(block: 0, start: 0, step: 1, count: 0)] }
        let offsets = chunks.offsets[dimension]
        var pieces: [SlicePiece] = []
        var position = first
        var remaining = count
        while remaining > 0 {
            let block = chunks.block(containing: position, along: dimension)
            let (low, high) = (offsets[block], offsets[block + 1])
            // Elements of the slice inside [low, high), starting at `position`.
            let inBlock = step > 0 ? (high - 1 - position) / step + 1 : (position - low) / -step + 1
            let taken = Swift.min(inBlock, remaining)
            pieces.append(SlicePiece(block: block, start: position - low, step: step, count: taken))
            remaining -= taken
            position += taken * step
        }
        return pieces
    }

    /// Positions selected by an integer or boolean index array along `dimension`.
    private func arrayPositions(_ index: NDArray, dimension: Int, at location: SourceLocation?) throws(GraphError) -> [Int] {
        let size = shape[dimension]
        guard index.ndim == 1 else {
            throw GraphError.notImplemented("Dusk indexes lazy arrays with 1-d index arrays only").located(location)
        }
        if index.dtype == .bool {
            guard index.shape[0] == size else {
                throw GraphError.array(.booleanIndexMismatch(axis: dimension, size: size, maskSize: index.shape[0]),
                                       at: location)
            }
            let mask = try LazyArray.arrayResult { () throws(ArrayError) in try index.toArray(of: Bool.self) }
            return mask.indices.filter { mask[$0] }
        }
        guard index.dtype.isInteger else {
            throw GraphError.index("arrays used as indices must be of integer (or boolean) type").located(location)
        }
        var positions: [Int] = []
        for value in try LazyArray.arrayResult({ () throws(ArrayError) in try index.toArray(of: Int64.self) }) {
            let position = value < 0 ? Int(value) + size : Int(value)
            guard position >= 0 && position < size else {
                // Dask's message for an index array (it names no index).
                throw GraphError.array(.index("Index is out of bounds for axis \(dimension) with size \(size)"), at: location)
            }
            positions.append(position)
        }
        return positions
    }

    /// Output chunks of an index array, as Dask cuts them: runs of `length / numblocks`
    /// positions (the average chunk), each gathering from the input blocks it touches.
    private func takeChunks(dimension: Int, positions: [Int]) -> [TakeChunk] {
        guard !positions.isEmpty else { return [TakeChunk(blocks: [0], positions: [[]], order: nil)] }
        let average = Swift.max(1, shape[dimension] / numblocks[dimension])
        var result: [TakeChunk] = []
        for start in stride(from: 0, to: positions.count, by: average) {
            let group = positions[start..<Swift.min(positions.count, start + average)]
            var byBlock: [Int: [Int]] = [:]
            var source: [(block: Int, slot: Int)] = []
            for position in group {
                let block = chunks.block(containing: position, along: dimension)
                source.append((block, byBlock[block, default: []].count))
                byBlock[block, default: []].append(position - chunks.offsets[dimension][block])
            }
            let blocks = byBlock.keys.sorted()
            var base: [Int: Int] = [:]
            var offset = 0
            for block in blocks {
                base[block] = offset
                offset += byBlock[block]!.count
            }
            let order = source.map { base[$0.block]! + $0.slot }
            let identity = order.enumerated().allSatisfy { $0.offset == $0.element }
            result.append(TakeChunk(blocks: blocks, positions: blocks.map { byBlock[$0]! }, order: identity ? nil : order))
        }
        return result
    }
}
