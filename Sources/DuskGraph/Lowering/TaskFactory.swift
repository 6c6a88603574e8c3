import DuskArray

/// Makes the tasks of one array layer: a key, dependencies and a function per needed block.
struct TaskFactory {
    let expr: ArrayExpr
    let plan: DependencyPlan
    let inputs: [LoweringLayer]

    init(expr: ArrayExpr, plan: DependencyPlan, inputs: [LoweringLayer]) throws(GraphError) {
        self.expr = expr
        self.plan = plan
        self.inputs = inputs
    }

    /// Appends the task(s) for block `index` and returns the index of the block's task.
    func emit(block index: [Int], linear: Int, dependencies: [Int], into lowering: GraphLowering) -> Int {
        if case .rechunk(let layout) = plan {
            return emitRechunk(block: index, layout: layout, dependencies: dependencies, into: lowering)
        }
        let key = TaskKey(expr.name, index)
        return lowering.append(Task(key: key, dependencies: dependencies, origin: expr.location,
                                    work: .block(expr, index: index), function: function(for: index, key: key)))
    }

    /// The function computing block `index` from its dependencies' values.
    ///
    /// Per-block geometry (ranges, shapes) is worked out when the task runs, from the key's
    /// block index, so that lowering allocates as little as possible per task.
    func function(for index: [Int], key: TaskKey) -> TaskFunction {
        let chunks = expr.chunks
        let dtype = expr.dtype
        switch expr.op {
        case .fromArray(let array):
            return { _ in .array(ChunkKernels.view(array, chunks.blockRanges(key.index))) }
        case .source(let read):
            return { _ in .array(try read.source.read(read.sourceRanges(chunks.blockRanges(key.index)))) }
        case .creation(let creation):
            return ChunkKernels.create(creation, expr: expr, key: key)
        case .fromDelayed:
            let shape = expr.shape
            return { values in
                let block = try ChunkKernels.array(values[0], key: key.description)
                guard block.shape == shape else {
                    throw GraphError.delayedShapeMismatch(expected: shape, got: block.shape)
                }
                return .array(block.dtype == dtype ? block : try block.astype(dtype))
            }
        case .elementwise(let op):
            return ChunkKernels.elementwise(op, dtype: dtype, key: key)
        case .mapBlocks(let op):
            let function = op.function
            let shape = expr.shape
            return { values in
                let blockShape = chunks.blockShape(key.index)
                let info = BlockInfo(blockIndex: key.index, blockShape: blockShape,
                                     origin: chunks.blockRanges(key.index).map(\.lowerBound), arrayShape: shape)
                // Every later step relies on blocks having their chunk's shape: a function that
                // returns another shape is an error here, not memory read out of bounds later.
                let result = try function(values, info)
                if case .array(let block) = result, block.shape != blockShape {
                    throw GraphError.blockShapeMismatch("map_blocks", expected: blockShape, got: block.shape)
                }
                return result
            }
        case .blockFunction(let op):
            let function = op.function, name = op.functionName
            let shape = chunks.blockShape(key.index)
            return { values in
                let result = try function(values)
                if case .array(let block) = result, block.shape != shape {
                    throw GraphError.blockShapeMismatch(name, expected: shape, got: block.shape)
                }
                return result
            }
        case .transpose(let axes):
            return { values in
                let block = try ChunkKernels.array(values[0], key: key.description)
                return .array(try ChunkKernels.run { () throws(ArrayError) in try block.transposed(axes) })
            }
        case .broadcastTo:
            return { values in
                let block = try ChunkKernels.array(values[0], key: key.description)
                return .array(try ChunkKernels.run { () throws(ArrayError) in try block.broadcast(to: chunks.blockShape(key.index)) })
            }
        case .scanBlocks(let scan):
            return { values in
                let block = try ChunkKernels.array(values[0], key: key.description)
                return .array(try ChunkKernels.run { () throws(ArrayError) in
                    try scan.product ? block.cumprod(axis: scan.axis, dtype: scan.dtype)
                                     : block.cumsum(axis: scan.axis, dtype: scan.dtype)
                })
            }
        case .getitem(let getitem):
            return ChunkKernels.getitem(getitem, outputIndex: index, key: key)
        case .reshape:
            return { values in
                let block = try ChunkKernels.array(values[0], key: key.description)
                let shape = chunks.blockShape(key.index)
                return .array(try ChunkKernels.run { () throws(ArrayError) in try block.reshaped(shape) })
            }
        case .concatenate, .selectBlocks:
            return { values in values[0] }
        case .mirror(let first, let second):
            guard index[first] > index[second] else { return { values in values[0] } }
            return { values in
                let block = try ChunkKernels.array(values[0], key: key.description)
                var axes = Array(0..<block.ndim)
                axes.swapAt(first, second)
                return .array(try ChunkKernels.run { () throws(ArrayError) in try block.transposed(axes) })
            }
        case .stack(let axis):
            return { values in
                let block = try ChunkKernels.array(values[0], key: key.description)
                return .array(try ChunkKernels.run { () throws(ArrayError) in try block.expandingDimensions(at: [axis]) })
            }
        case .reduction(let step):
            let input = expr.arrayInputs[0]
            switch step.phase {
            case .chunk:
                return ChunkKernels.reduceChunk(step, inputChunks: input.chunks, key: key)
            case .combine, .aggregate:
                guard case .group(let group) = plan else { preconditionFailure("reduction without a group plan") }
                return ChunkKernels.reduceGroup(step, group: group, outputChunks: chunks, dtype: dtype, key: key)
            }
        case .contraction(let op):
            return ChunkKernels.contract(op, outputChunks: chunks, dtype: dtype, key: key)
        case .fused(let op):
            return ChunkKernels.fused(op, key: key)
        case .rechunk:
            preconditionFailure("rechunk blocks are emitted by emitRechunk")
        }
    }

    /// A rechunked block: one split task per piece that is not a whole old block, then a merge
    /// task (Dask's `rechunk-split` and `rechunk-merge` keys).
    private func emitRechunk(block index: [Int], layout: RechunkLayout, dependencies: [Int],
                             into lowering: GraphLowering) -> Int {
        let splitName = "rechunk-split-" + String(expr.name.dropFirst("rechunk-merge-".count))
        var pieceTasks: [Int] = []
        var piece = 0
        let mergeBytes = lowering.pendingBytes
        layout.forEachPiece(of: index) { oldIndex, ranges in
            let oldShape = layout.oldChunks.blockShape(oldIndex)
            let whole = (0..<ranges.count).allSatisfy { ranges[$0].lowerBound == 0 && ranges[$0].upperBound == oldShape[$0] }
            if whole {
                pieceTasks.append(dependencies[piece])
            } else {
                lowering.pendingBytes = .init(bytes: ranges.reduce(expr.dtype.itemSize) { $0 * $1.count }, allocates: false)
                let key = TaskKey(splitName, index + [piece])
                pieceTasks.append(lowering.append(Task(key: key, dependencies: [dependencies[piece]],
                                                       origin: expr.location, work: .rechunkSplit(ranges: ranges)) { values in
                    .array(ChunkKernels.view(try ChunkKernels.array(values[0], key: key.description), ranges))
                }))
            }
            piece += 1
        }
        let counts = layout.pieceCounts(of: index)
        let dtype = expr.dtype
        let key = TaskKey(expr.name, index)
        lowering.pendingBytes = .init(bytes: mergeBytes.bytes, allocates: pieceTasks.count > 1)
        let work: TaskWork = pieceTasks.count == 1 ? .identity : .rechunkMerge(counts: counts, dtype: dtype)
        let function: TaskFunction
        if pieceTasks.count == 1 {
            function = { values in values[0] }
        } else {
            function = { values in
                .array(try ChunkKernels.merge(try ChunkKernels.arrays(values, key: key.description), counts: counts, dtype: dtype))
            }
        }
        return lowering.append(Task(key: key, dependencies: pieceTasks, origin: expr.location, work: work,
                                    function: function))
    }
}
