import DuskArray

extension ChunkKernels {
    /// The function cutting output block `outputIndex` of a `getitem` from its input block.
    ///
    /// Integers, slices and new axes are a view of the input block; an integer array on one
    /// axis gathers its positions with NDArray's fancy indexing.
    static func getitem(_ plan: GetitemPlan, outputIndex: [Int], key: TaskKey) -> TaskFunction {
        // Per input dimension: the element (integer) or the piece (slice, positions).
        var outputAxisOf = [Int?](repeating: nil, count: plan.dimensions.count)
        for (position, axis) in plan.outputAxes.enumerated() {
            if case .input(let dimension) = axis { outputAxisOf[dimension] = position }
        }
        var selections: [Selection] = []
        var gatherAxis: Int?
        var gatherPositions: [Int] = []
        for (dimension, entry) in plan.dimensions.enumerated() {
            switch entry {
            case .integer(_, let local):
                selections.append(.element(local))
            case .pieces(let pieces):
                let piece = pieces[outputIndex[outputAxisOf[dimension]!]]
                if let positions = piece.positions {
                    selections.append(.range(start: 0, step: 1, count: -1))
                    gatherAxis = outputAxisOf[dimension]
                    gatherPositions = positions
                } else {
                    selections.append(.range(start: piece.start, step: piece.step, count: piece.count))
                }
            }
        }
        let axes = plan.outputAxes
        let positions = try! NDArray(gatherPositions.map { Int64($0) }, shape: [gatherPositions.count])
        return { [selections, gatherAxis] values in
            let block = try array(values[0], key: key.description)
            let sliced = slicedView(block, selections, axes)
            guard let gatherAxis else { return .array(sliced) }
            var index = Array(repeating: Index.all, count: sliced.ndim)
            index[gatherAxis] = .array(positions)
            return .array(try run { () throws(ArrayError) in try sliced.indexed(index) })
        }
    }

    /// What one input dimension keeps: one element (the dimension goes), or a strided range
    /// (`count` -1: the whole dimension).
    enum Selection: Sendable {
        case element(Int)
        case range(start: Int, step: Int, count: Int)
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
