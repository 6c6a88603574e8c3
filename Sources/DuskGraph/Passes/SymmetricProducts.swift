/// Symmetric products: the block products of `x @ x.T` (the right operand is the left one
/// transposed over its last two axes) are symmetric, block `(i, k, j)` being block `(j, k, i)`
/// transposed, so only the blocks with `i ≤ j` are computed and the others are views of them.
/// Culling then drops the rest: about half the operations, as NumPy's `syrk` saves for
/// `x @ x.T` in memory. The diagonal blocks, whose operands share memory, go through `syrk`
/// themselves (`MatrixProduct.runBLAS`).
enum SymmetricProducts {
    static let pass = OptimizerPass(
        name: "symmetric products",
        purpose: "x @ x.T computes the block products on and above the diagonal; those below are their transposes",
        isEnabled: { _ in true },
        run: { outputs, context throws(GraphError) in
            let rewriter = GraphRewriter()
            return try rewriter.rewrite(outputs) { expr, _ throws(GraphError) in
                guard let (first, second) = mirrorAxes(expr) else { return expr }
                context.record(.symmetry, expr.name, "\(expr.name): the right operand is the left one transposed, "
                               + "so the block products below the diagonal are the transposes of those above it")
                var material = TokenBuilder()
                material.combine(first)
                material.combine(second)
                return expr.replaced(prefix: "mirror", op: .mirror(first: first, second: second),
                                     inputs: [.array(expr)], material: material)
            }
        })

    /// The output axes of the two block indices that mirror each other, when `expr` is the
    /// block products of `a @ b` with one operand the other transposed over its last two axes
    /// (`x @ x.T` or `x.T @ x`).
    static func mirrorAxes(_ expr: ArrayExpr) -> (Int, Int)? {
        guard case .contraction(let op) = expr.op, op.kind == .matmul else { return nil }
        let inputs = expr.arrayInputs
        guard inputs.count == 2, isTranspose(inputs[1], of: inputs[0]) || isTranspose(inputs[0], of: inputs[1]) else {
            return nil
        }
        // Output blocks are (batch..., i, k, j): i from the left's rows, j from the right's columns.
        let ndim = inputs[0].ndim
        return (ndim - 2, ndim)
    }

    /// Whether `expr` is `source` with its last two axes swapped.
    private static func isTranspose(_ expr: ArrayExpr, of source: ArrayExpr) -> Bool {
        guard case .transpose(let axes) = expr.op, expr.arrayInputs[0].name == source.name else { return false }
        let ndim = source.ndim
        return ndim >= 2 && axes == Array(0..<(ndim - 2)) + [ndim - 1, ndim - 2]
    }
}
