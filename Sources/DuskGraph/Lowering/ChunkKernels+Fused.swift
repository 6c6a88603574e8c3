import DuskArray

extension ChunkKernels {
    /// The function running a fused kernel's tile program over one block.
    static func fused(_ op: FusedOp, key: TaskKey) -> TaskFunction {
        let kernel = op.kernel
        let chunks = op.iterationChunks
        return { values in
            let leaves = try arrays(values, key: key.description)
            let ranges = chunks.blockRanges(key.index)
            let output = try run { () throws(ArrayError) in
                try kernel.run(leaves: leaves, shape: ranges.map(\.count), origin: ranges.map(\.lowerBound))
            }
            switch output {
            case .array(let array): return .array(array)
            case .moments(let moments): return .object(moments)
            }
        }
    }
}
