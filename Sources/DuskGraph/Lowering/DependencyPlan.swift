/// Which input blocks each output block of a layer reads, precomputed once per layer.
///
/// Dependencies are reported as `(input slot, linear block number of that input)`, in the order
/// the layer's task function receives them.
enum DependencyPlan {
    /// A source: no inputs.
    case none
    /// One block per input, `Σ index[d] * coefficients[slot][d]` (blockwise operations, with
    /// broadcasting as zero coefficients and transposes as permuted ones).
    case affine([[Int]])
    /// Block 0 of every input (a delayed value).
    case wholeInputs(count: Int)
    /// Same row-major block number in each of `inputs` inputs (reshape, block functions).
    case sameLinear(inputs: Int)
    case getitem(GetitemDependencies)
    /// Output block along `axis` → (input slot, input block along axis); other axes unchanged.
    case concatenate(axis: Int, owners: [(slot: Int, block: Int)], strides: [[Int]])
    /// Input slot = index[axis]; the rest of the index is the input block.
    case stack(axis: Int, strides: [Int])
    case rechunk(RechunkLayout)
    case selectBlocks(blocks: [[Int]], strides: [Int])
    case group(GroupDependencies)
    /// One block per input: per input dimension, the output block's index along an axis or a
    /// fixed block (fused kernels).
    case mapped(blocks: [[LeafBlock]], strides: [[Int]])
    /// The same block, or below the diagonal of the two axes the block with them swapped.
    case mirror(first: Int, second: Int, strides: [Int])

    /// Calls `body(slot, block)` for every input block that output block `index` reads.
    @inline(__always)
    func forEachDependency(of index: [Int], linear: Int, _ body: (Int, Int) -> Void) {
        switch self {
        case .none:
            return
        case .affine(let coefficients):
            for slot in coefficients.indices {
                let row = coefficients[slot]
                var block = 0
                for dimension in row.indices { block += index[dimension] * row[dimension] }
                body(slot, block)
            }
        case .wholeInputs(let count):
            for slot in 0..<count { body(slot, 0) }
        case .sameLinear(let inputs):
            for slot in 0..<inputs { body(slot, linear) }
        case .getitem(let plan):
            var block = 0
            for dimension in plan.dimensions.indices where dimension != plan.takeDimension {
                block += plan.inputBlock(dimension, index) * plan.strides[dimension]
            }
            if let take = plan.takeDimension, case .take(let chunks) = plan.dimensions[take] {
                for taken in chunks[index[plan.outputAxis[take]!]].blocks {
                    body(0, block + taken * plan.strides[take])
                }
            } else {
                body(0, block)
            }
        case .concatenate(let axis, let owners, let strides):
            let (slot, local) = owners[index[axis]]
            var block = 0
            for dimension in index.indices {
                block += (dimension == axis ? local : index[dimension]) * strides[slot][dimension]
            }
            body(slot, block)
        case .stack(let axis, let strides):
            var block = 0
            var inputDimension = 0
            for dimension in index.indices where dimension != axis {
                block += index[dimension] * strides[inputDimension]
                inputDimension += 1
            }
            body(index[axis], block)
        case .rechunk(let layout):
            layout.forEachPiece(of: index) { oldIndex, _ in
                var block = 0
                for dimension in oldIndex.indices { block += oldIndex[dimension] * layout.oldStrides[dimension] }
                body(0, block)
            }
        case .selectBlocks(let blocks, let strides):
            var block = 0
            for dimension in index.indices { block += blocks[dimension][index[dimension]] * strides[dimension] }
            body(0, block)
        case .group(let plan):
            plan.forEachInputBlock(of: index) { body(0, $0) }
        case .mapped(let blocks, let strides):
            for slot in blocks.indices {
                var block = 0
                for (dimension, entry) in blocks[slot].enumerated() {
                    switch entry {
                    case .axis(let axis): block += index[axis] * strides[slot][dimension]
                    case .fixed(let fixed): block += fixed * strides[slot][dimension]
                    }
                }
                body(slot, block)
            }
        case .mirror(let first, let second, let strides):
            let swapped = index[first] > index[second]
            var block = 0
            for dimension in index.indices {
                let source = !swapped ? dimension : dimension == first ? second : dimension == second ? first : dimension
                block += index[source] * strides[dimension]
            }
            body(0, block)
        }
    }
}

/// Row-major strides of a block grid.
func blockStrides(_ numblocks: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: numblocks.count)
    var step = 1
    for dimension in stride(from: numblocks.count - 1, through: 0, by: -1) {
        strides[dimension] = step
        step *= numblocks[dimension]
    }
    return strides
}

/// `getitem` dependencies: the input block along each input dimension.
struct GetitemDependencies {
    let plan: GetitemPlan
    /// For each input dimension, the output axis that indexes its pieces (nil for an integer).
    let outputAxis: [Int?]
    let strides: [Int]
    /// The input dimension indexed by an integer array, if any: its output blocks read several input blocks.
    let takeDimension: Int?

    var dimensions: [GetitemDimension] { plan.dimensions }

    init(plan: GetitemPlan, inputNumblocks: [Int]) {
        self.plan = plan
        var outputAxis = [Int?](repeating: nil, count: plan.dimensions.count)
        for (position, axis) in plan.outputAxes.enumerated() {
            if case .input(let dimension) = axis { outputAxis[dimension] = position }
        }
        self.outputAxis = outputAxis
        self.strides = blockStrides(inputNumblocks)
        self.takeDimension = plan.dimensions.firstIndex { if case .take = $0 { true } else { false } }
    }

    @inline(__always)
    func inputBlock(_ dimension: Int, _ index: [Int]) -> Int {
        switch plan.dimensions[dimension] {
        case .integer(let block, _): block
        case .pieces(let pieces): pieces[index[outputAxis[dimension]!]].block
        case .take: 0
        }
    }
}

/// How new chunks are cut from old ones, per dimension (Dask's `old_to_new`).
struct RechunkLayout {
    struct Piece: Hashable {
        var old: Int
        var start: Int
        var stop: Int
    }

    let oldChunks: Chunks
    let newChunks: Chunks
    /// `pieces[d][j]`: the old-block slices that make new block `j` along dimension `d`.
    let pieces: [[[Piece]]]
    let oldStrides: [Int]

    init(old: Chunks, new: Chunks) {
        oldChunks = old
        newChunks = new
        pieces = (0..<old.ndim).map { RechunkLayout.intersect(old: old.sizes[$0], new: new.sizes[$0]) }
        oldStrides = blockStrides(old.numblocks)
    }

    /// The pieces of each new chunk of one dimension.
    static func intersect(old: [Int], new: [Int]) -> [[Piece]] {
        var result: [[Piece]] = []
        result.reserveCapacity(new.count)
        var oldIndex = 0
        var oldStart = 0
        var newStart = 0
        for size in new {
            let newStop = newStart + size
            var pieces: [Piece] = []
            if size == 0 {
                // An empty chunk: an empty slice of the old block at this position.
                let block = Swift.min(oldIndex, old.count - 1)
                let start = Swift.min(newStart - oldStart, old[block])
                pieces.append(Piece(old: block, start: start, stop: start))
            }
            while size > 0 && oldIndex < old.count {
                let oldStop = oldStart + old[oldIndex]
                let start = Swift.max(newStart, oldStart)
                let stop = Swift.min(newStop, oldStop)
                if stop > start {
                    pieces.append(Piece(old: oldIndex, start: start - oldStart, stop: stop - oldStart))
                }
                if oldStop <= newStop {
                    oldIndex += 1
                    oldStart = oldStop
                    if oldStop == newStop { break }
                } else {
                    break
                }
            }
            result.append(pieces)
            newStart = newStop
        }
        return result
    }

    /// Calls `body(oldBlockIndex, pieceRanges)` for each piece of new block `index`, in row-major order.
    func forEachPiece(of index: [Int], _ body: ([Int], [Range<Int>]) -> Void) {
        let ndim = index.count
        let lists = (0..<ndim).map { pieces[$0][index[$0]] }
        var counter = [Int](repeating: 0, count: ndim)
        let counts = lists.map(\.count)
        if counts.contains(0) { return }
        var oldIndex = [Int](repeating: 0, count: ndim)
        var ranges = [Range<Int>](repeating: 0..<0, count: ndim)
        while true {
            for dimension in 0..<ndim {
                let piece = lists[dimension][counter[dimension]]
                oldIndex[dimension] = piece.old
                ranges[dimension] = piece.start..<piece.stop
            }
            body(oldIndex, ranges)
            var dimension = ndim - 1
            while dimension >= 0 {
                counter[dimension] += 1
                if counter[dimension] < counts[dimension] { break }
                counter[dimension] = 0
                dimension -= 1
            }
            if dimension < 0 { return }
        }
    }

    /// How many pieces new block `index` has along each dimension.
    func pieceCounts(of index: [Int]) -> [Int] {
        (0..<index.count).map { pieces[$0][index[$0]].count }
    }
}

/// The input blocks a tree-reduction step merges into one output block.
struct GroupDependencies {
    /// Blocks of the input along each dimension.
    let inputNumblocks: [Int]
    /// For each input dimension: how many blocks one group spans (1 for kept dimensions).
    let groupSize: [Int]
    /// For each input dimension, the output axis that indexes it, or nil when the output drops it.
    let outputAxis: [Int?]
    let strides: [Int]

    /// The input block range along `dimension` for output block `index`.
    @inline(__always)
    func range(_ dimension: Int, _ index: [Int]) -> Range<Int> {
        guard let axis = outputAxis[dimension] else { return 0..<inputNumblocks[dimension] }
        let start = index[axis] * groupSize[dimension]
        return start..<Swift.min(inputNumblocks[dimension], start + groupSize[dimension])
    }

    /// Input block ranges for output block `index`.
    func ranges(of index: [Int]) -> [Range<Int>] {
        (0..<inputNumblocks.count).map { range($0, index) }
    }

    /// Calls `body(linearInputBlock)` for every block of the group, in row-major order.
    func forEachInputBlock(of index: [Int], _ body: (Int) -> Void) {
        let ranges = ranges(of: index)
        if ranges.contains(where: \.isEmpty) { return }
        var current = ranges.map(\.lowerBound)
        let ndim = current.count
        while true {
            var block = 0
            for dimension in 0..<ndim { block += current[dimension] * strides[dimension] }
            body(block)
            var dimension = ndim - 1
            while dimension >= 0 {
                current[dimension] += 1
                if current[dimension] < ranges[dimension].upperBound { break }
                current[dimension] = ranges[dimension].lowerBound
                dimension -= 1
            }
            if dimension < 0 { return }
        }
    }
}
