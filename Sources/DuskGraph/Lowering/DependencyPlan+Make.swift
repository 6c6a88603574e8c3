extension DependencyPlan {
    /// The plan for `expr`, whose inputs are the given lowering layers (in `expr.inputs` order).
    static func make(for expr: ArrayExpr, inputs: [LoweringLayer]) throws(GraphError) -> DependencyPlan {
        let outputNdim = expr.ndim
        let inputExprs = expr.arrayInputs
        switch expr.op {
        case .fromArray, .source, .creation:
            return .none
        case .fromDelayed:
            return .wholeInputs(count: inputs.count)
        case .elementwise, .mapBlocks, .broadcastTo, .scanBlocks:
            return .affine(inputExprs.map { input in
                broadcastCoefficients(input, outputNdim: outputNdim)
            })
        case .transpose(let axes):
            let input = inputExprs[0]
            let strides = blockStrides(input.chunks.numblocks)
            return .affine([axes.map { input.chunks.numblocks[$0] == 1 ? 0 : strides[$0] }])
        case .reduction(let step) where step.phase == .chunk:
            return .affine([blockStrides(inputExprs[0].chunks.numblocks)])
        case .reduction(let step):
            let input = inputExprs[0]
            let keepdims = step.phase == .combine || step.keepdims
            var outputAxis: [Int?] = []
            var next = 0
            for dimension in 0..<input.ndim {
                if !keepdims && step.isReduced(dimension) {
                    outputAxis.append(nil)
                } else {
                    outputAxis.append(next)
                    next += 1
                }
            }
            let groupSize = (0..<input.ndim).map { step.isReduced($0) ? (step.splitEvery[$0] ?? 1) : 1 }
            return .group(GroupDependencies(inputNumblocks: input.chunks.numblocks, groupSize: groupSize,
                                            outputAxis: outputAxis, strides: blockStrides(input.chunks.numblocks)))
        case .contraction(let op):
            func coefficients(_ input: ArrayExpr, _ labels: [Int]) -> [Int] {
                var row = [Int](repeating: 0, count: outputNdim)
                let strides = blockStrides(input.chunks.numblocks)
                for (dimension, label) in labels.enumerated() where input.chunks.numblocks[dimension] > 1 {
                    row[op.outputIndex.firstIndex(of: label)!] += strides[dimension]
                }
                return row
            }
            return .affine([coefficients(inputExprs[0], op.leftIndex), coefficients(inputExprs[1], op.rightIndex)])
        case .getitem(let plan):
            return .getitem(GetitemDependencies(plan: plan, inputNumblocks: inputExprs[0].chunks.numblocks))
        case .reshape:
            return .sameLinear(inputs: 1)
        case .blockFunction(let op):
            switch op.layout {
            case .sameLinear:
                return .sameLinear(inputs: inputExprs.count)
            case .gatherAll:
                let input = inputExprs[0]
                return .group(GroupDependencies(inputNumblocks: input.chunks.numblocks, groupSize: input.chunks.numblocks,
                                                outputAxis: Array(repeating: nil, count: input.ndim),
                                                strides: blockStrides(input.chunks.numblocks)))
            }
        case .concatenate(let axis):
            var owners: [(slot: Int, block: Int)] = []
            for (slot, input) in inputExprs.enumerated() {
                for block in 0..<input.chunks.numblocks[axis] { owners.append((slot, block)) }
            }
            return .concatenate(axis: axis, owners: owners, strides: inputExprs.map { blockStrides($0.chunks.numblocks) })
        case .stack(let axis):
            return .stack(axis: axis, strides: blockStrides(inputExprs[0].chunks.numblocks))
        case .rechunk:
            return .rechunk(RechunkLayout(old: inputExprs[0].chunks, new: expr.chunks))
        case .fused(let op):
            return .mapped(blocks: op.leafBlocks, strides: inputExprs.map { blockStrides($0.chunks.numblocks) })
        case .mirror(let first, let second):
            return .mirror(first: first, second: second, strides: blockStrides(inputExprs[0].chunks.numblocks))
        case .selectBlocks(let blocks):
            return .selectBlocks(blocks: blocks, strides: blockStrides(inputExprs[0].chunks.numblocks))
        }
    }

    /// Coefficients of a blockwise input aligned to the output's trailing dimensions; dimensions
    /// with one block (broadcast or not) always read block 0.
    static func broadcastCoefficients(_ input: ArrayExpr, outputNdim: Int) -> [Int] {
        var row = [Int](repeating: 0, count: outputNdim)
        let numblocks = input.chunks.numblocks
        let strides = blockStrides(numblocks)
        let offset = outputNdim - input.ndim
        for dimension in 0..<input.ndim where numblocks[dimension] > 1 {
            row[dimension + offset] = strides[dimension]
        }
        return row
    }
}
