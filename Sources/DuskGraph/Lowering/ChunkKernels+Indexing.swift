import DuskArray

extension ChunkKernels {
    /// The function cutting output block `outputIndex` of a `getitem` from its input block(s).
    ///
    /// Integers, slices and new axes are a view of the input block. An integer array gathers
    /// its positions from each input block it reads with NDArray's fancy indexing, joins the
    /// pieces and puts them back in the index's order.
    static func getitem(_ plan: GetitemPlan, outputIndex: [Int], key: TaskKey) -> TaskFunction {
        var outputAxisOf = [Int?](repeating: nil, count: plan.dimensions.count)
        for (position, axis) in plan.outputAxes.enumerated() {
            if case .input(let dimension) = axis { outputAxisOf[dimension] = position }
        }
        var selections: [Selection] = []
        var take: (axis: Int, chunk: TakeChunk)?
        for (dimension, entry) in plan.dimensions.enumerated() {
            switch entry {
            case .integer(_, let local):
                selections.append(.element(local))
            case .pieces(let pieces):
                let piece = pieces[outputIndex[outputAxisOf[dimension]!]]
                selections.append(.range(start: piece.start, step: piece.step, count: piece.count))
            case .take(let chunks):
                selections.append(.range(start: 0, step: 1, count: -1))
                take = (outputAxisOf[dimension]!, chunks[outputIndex[outputAxisOf[dimension]!]])
            }
        }
        let axes = plan.outputAxes
        guard let take else {
            return { [selections] values in .array(slicedView(try array(values[0], key: key.description), selections, axes)) }
        }
        return { [selections] values in
            var pieces: [NDArray] = []
            for (slot, value) in values.enumerated() {
                let sliced = slicedView(try array(value, key: key.description), selections, axes)
                var index = Array(repeating: Index.all, count: sliced.ndim)
                index[take.axis] = .array(try positionArray(take.chunk.positions[slot]))
                pieces.append(try run { () throws(ArrayError) in try sliced.indexed(index) })
            }
            var gathered = pieces[0]
            if pieces.count > 1 {
                gathered = try run { () throws(ArrayError) in try NDArray.concatenate(pieces, axis: take.axis) }
            }
            guard let order = take.chunk.order else { return .array(gathered) }
            var index = Array(repeating: Index.all, count: gathered.ndim)
            index[take.axis] = .array(try positionArray(order))
            return .array(try run { () throws(ArrayError) in try gathered.indexed(index) })
        }
    }

    /// What one input dimension keeps: one element (the dimension goes), or a strided range
    /// (`count` -1: the whole dimension).
    enum Selection: Sendable {
        case element(Int)
        case range(start: Int, step: Int, count: Int)
    }

    /// A list of positions as an int64 array, made when the task runs (it may be a MemoryError).
    private static func positionArray(_ list: [Int]) throws(GraphError) -> NDArray {
        try run { () throws(ArrayError) in try NDArray(list.map { Int64($0) }, shape: [list.count]) }
    }

    /// The view of `block` selecting `selections` per input dimension, with output axes in `axes` order.
    static func slicedView(_ block: NDArray, _ selections: [Selection], _ axes: [GetitemAxis]) -> NDArray {
        var offset = block.offset
        var keptShape = [Int](repeating: 0, count: selections.count)
        var keptStrides = [Int](repeating: 0, count: selections.count)
        for (dimension, selection) in selections.enumerated() {
            switch selection {
            case .element(let position):
                offset += position * block.strides[dimension]
            case .range(let start, let step, let count):
                offset += start * block.strides[dimension]
                keptShape[dimension] = count < 0 ? block.shape[dimension] : count
                keptStrides[dimension] = block.strides[dimension] * step
            }
        }
        var shape: [Int] = []
        var strides: [Int] = []
        for axis in axes {
            switch axis {
            case .input(let dimension):
                shape.append(keptShape[dimension])
                strides.append(keptStrides[dimension])
            case .newAxis:
                shape.append(1)
                strides.append(0)
            }
        }
        return NDArray(dtype: block.dtype, shape: shape, strides: strides, offset: offset, storage: block.storage)
    }
}
