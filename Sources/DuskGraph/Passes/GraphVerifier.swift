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
            // Blockwise inputs: every dimension that is cut has the output's chunks.
            for input in inputs {
                let offset = expr.ndim - input.ndim
                if offset < 0 { problems.append("input \(input.name) has more dimensions than the output"); continue }
                for dimension in 0..<input.ndim where input.chunks.numblocks[dimension] > 1
                    && input.chunks.sizes[dimension] != expr.chunks.sizes[dimension + offset] {
                    problems.append("input \(input.name) is not aligned along dimension \(dimension)")
                }
            }
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
        case .concatenate(let axis):
            let joined = inputs.flatMap { $0.chunks.sizes[axis] }
            if joined != expr.chunks.sizes[axis] { problems.append("chunks along axis \(axis) are not the inputs' joined") }
        default:
            break
        }
        return problems
    }
}
