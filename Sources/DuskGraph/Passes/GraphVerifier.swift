/// Checks the invariants of an expression graph and of lowered task graphs; rewrite passes
/// (culling, fusion, slice pushdown) run it after each step in debug builds and tests.
///
/// Each rule is one check with a one-line message naming the node.
public enum GraphVerifier {
    /// The problems found in the graph of `outputs` (empty when the graph is sound).
    public static func problems(in outputs: [GraphOutput]) -> [String] {
        GraphTraversal.arrayNodes(outputs).flatMap { expr in check(expr).map { "\(expr.name): \($0)" } }
    }

    /// The problems of a task graph: dependencies must point backwards, outputs inside.
    public static func problems(in graph: TaskGraph) -> [String] {
        var problems: [String] = []
        for (index, task) in graph.tasks.enumerated() {
            for dependency in task.dependencies where dependency < 0 || dependency >= index {
                problems.append("task \(task.key) depends on task \(dependency), which is not before it")
            }
        }
        for output in graph.outputs where output < 0 || output >= graph.count {
            problems.append("output \(output) is not a task")
        }
        return problems
    }

    private static func check(_ expr: ArrayExpr) -> [String] {
        var problems: [String] = []
        let inputs = expr.arrayInputs
        // Chunks: positive counts per dimension; sizes never negative.
        if expr.chunks.sizes.contains(where: { $0.isEmpty || $0.contains { $0 < 0 } }) {
            problems.append("chunks \(expr.chunks) have an empty dimension or a negative size")
        }
        switch expr.op {
        case .elementwise, .mapBlocks:
            // Blockwise inputs: every dimension that is cut has the output's chunks (for
            // `map_blocks`, which may declare other output chunks, the output's block count).
            let exact: Bool = if case .elementwise = expr.op { true } else { false }
            for input in inputs {
                let offset = expr.ndim - input.ndim
                if offset < 0 { problems.append("input \(input.name) has more dimensions than the output"); continue }
                for dimension in 0..<input.ndim where input.chunks.numblocks[dimension] > 1
                    && (exact ? input.chunks.sizes[dimension] != expr.chunks.sizes[dimension + offset]
                              : input.chunks.numblocks[dimension] != expr.chunks.numblocks[dimension + offset]) {
                    problems.append("input \(input.name) is not aligned along dimension \(dimension)")
                }
            }
        case .fused(let op):
            problems += checkFused(op, expr, inputs)
        case .transpose(let axes):
            if axes.map({ inputs[0].chunks.sizes[$0] }) != expr.chunks.sizes {
                problems.append("chunks are not the input's permuted by \(axes)")
            }
        case .rechunk, .reshape:
            if inputs[0].shape.reduce(1, *) != expr.shape.reduce(1, *) {
                problems.append("size differs from the input's")
            }
            if case .rechunk = expr.op, inputs[0].shape != expr.shape { problems.append("shape differs from the input's") }
            if case .reshape = expr.op, inputs[0].chunks.blockCount != expr.chunks.blockCount {
                problems.append("a reshape needs as many blocks as its input")
            }
        case .reduction(let step) where step.phase == .chunk:
            for axis in step.axes where expr.chunks.sizes[axis] != Array(repeating: 1, count: inputs[0].chunks.numblocks[axis]) {
                problems.append("reduced axis \(axis) must have one length-1 chunk per input block")
            }
        case .mirror(let first, let second):
            if inputs[0].chunks != expr.chunks || expr.chunks.sizes[first] != expr.chunks.sizes[second] {
                problems.append("chunks are not the input's, equal along axes \(first) and \(second)")
            }
        case .concatenate(let axis):
            let joined = inputs.flatMap { $0.chunks.sizes[axis] }
            if joined != expr.chunks.sizes[axis] { problems.append("chunks along axis \(axis) are not the inputs' joined") }
        default:
            break
        }
        return problems
    }

    /// A fused kernel: one leaf per input, each read along axes whose chunks are the iteration
    /// space's, the iteration space on the node's block grid, the program's result the node's dtype.
    private static func checkFused(_ op: FusedOp, _ expr: ArrayExpr, _ inputs: [ArrayExpr]) -> [String] {
        var problems: [String] = []
        let program = op.program
        if program.leaves.count != inputs.count || op.leafBlocks.count != inputs.count {
            return ["the kernel has \(program.leaves.count) leaves for \(inputs.count) inputs"]
        }
        if op.iterationChunks.numblocks != expr.chunks.numblocks { problems.append("the iteration space has another block grid") }
        if case .store = program.result, op.kernel.resultDType != expr.dtype || op.iterationChunks != expr.chunks {
            problems.append("the kernel stores \(op.kernel.resultDType) blocks of other chunks")
        }
        for (slot, input) in inputs.enumerated() {
            let leaf = program.leaves[slot]
            if leaf.dtype != input.dtype || leaf.axes.count != input.ndim || op.leafBlocks[slot].count != input.ndim {
                problems.append("leaf \(slot) does not describe input \(input.name)")
                continue
            }
            for (dimension, axis) in leaf.axes.enumerated() {
                if case .axis(let a) = axis, input.chunks.sizes[dimension] != op.iterationChunks.sizes[a] {
                    problems.append("input \(input.name) is not aligned with iteration axis \(a)")
                }
            }
        }
        return problems
    }
}
