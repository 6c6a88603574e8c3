import DuskArray

/// Blockwise fusion: a chain of blockwise layers (elementwise math with broadcasting, `astype`,
/// `where`, `clip`, `round`, transposes, `broadcast_to`, index-only `getitem`s, and the
/// per-block step of a reduction at its end) becomes one layer whose block is one run of a tile
/// program, so no intermediate block is ever allocated.
///
/// A layer is folded into the kernel of the layer reading it when that is its only reader and
/// it is not an output; a layer read by several (or an output) ends a kernel of its own, so no
/// work is done twice. Creation functions stay inputs here: `GeneratorFusion` moves them in.
/// `map_blocks` of a user function stays a barrier: its function is opaque, so nothing proves
/// it elementwise.
enum BlockwiseFusion {
    static let pass = OptimizerPass(
        name: "blockwise fusion",
        purpose: "chains of blockwise layers run as one tile program per block, with no intermediate chunks",
        isEnabled: { $0.fuse },
        run: { outputs, context throws(GraphError) in try fuse(outputs, &context) })

    static func fuse(_ outputs: [GraphOutput], _ context: inout RewriteContext) throws(GraphError) -> [GraphOutput] {
        let order = GraphTraversal.topologicalOrder(outputs)
        var readers: [String: Set<String>] = [:]
        var nodes: [String: ArrayExpr] = [:]
        for node in order {
            if case .array(let expr) = node { nodes[expr.name] = expr }
            for input in node.inputs { readers[input.name, default: []].insert(node.name) }
        }
        let outputNames = Set(outputs.map(\.input.name))

        /// Whether `expr` can be part of a kernel it does not end.
        func isBody(_ expr: ArrayExpr) -> Bool {
            switch expr.op {
            case .elementwise, .transpose, .broadcastTo: true
            case .getitem(let plan): TileProgramBuilder.isReindex(plan, input: expr.arrayInputs[0])
            default: false
            }
        }
        /// Whether a kernel can hold `expr`.
        func canHost(_ expr: ArrayExpr) -> Bool {
            if case .reduction(let step) = expr.op { return step.phase == .chunk && !step.kind.isArgReduction }
            return isBody(expr)
        }
        /// Whether `expr` is computed inside its only reader's kernel.
        func isInlined(_ expr: ArrayExpr) -> Bool {
            guard isBody(expr), !outputNames.contains(expr.name), let users = readers[expr.name], users.count == 1,
                  let user = nodes[users.first!] else { return false }
            return canHost(user)
        }

        var fused: [String: (op: FusedOp, leaves: [ArrayExpr], tasksBefore: Int)] = [:]
        for case .array(let root) in order where !isInlined(root) {
            let input: ArrayExpr
            switch root.op {
            case .elementwise:
                input = root
            case .reduction(let step) where step.phase == .chunk && !step.kind.isArgReduction:
                let reduced = root.arrayInputs[0]
                guard isInlined(reduced) || isGenerated(reduced) else { continue }
                input = reduced
            default:
                continue
            }
            // The region: the root and every layer inlined below it.
            var region: Set<String> = [root.name]
            var stack = root.arrayInputs
            while let node = stack.popLast() {
                guard isInlined(node), region.insert(node.name).inserted else { continue }
                stack += node.arrayInputs
            }
            guard let made = try? build(root: root, input: input, region: region) else { continue }
            let tasksBefore = region.reduce(0) { $0 + (nodes[$1]?.chunks.blockCount ?? 0) }
            fused[root.name] = (made.op, made.leaves, tasksBefore)
        }

        let rewriter = GraphRewriter()
        return try rewriter.rewrite(outputs) { expr, original throws(GraphError) in
            guard let (op, leaves, tasksBefore) = fused[original.name] else { return expr }
            let inputs = leaves.map { rewriter.current(.array($0)) }
            var material = TokenBuilder()
            // The bytes are hashed inside withUnsafeBytes: a pointer taken out of it points into
            // a freed array (AddressSanitizer's heap-use-after-free, scripts/sanitize address).
            op.program.encoded().withUnsafeBytes { material.combine(bytes: $0) }
            material.combine(op.iterationChunks.sizes)
            let node = expr.replaced(prefix: expr.prefix, op: .fused(op), inputs: inputs, material: material)
            context.record(.fuse, node.name, "fused \(op.members.joined(separator: ", ")) into one kernel: "
                + "\(Explanation.count(tasksBefore, "task")) \(tasksBefore == 1 ? "becomes" : "become") \(expr.chunks.blockCount)")
            return node
        }
    }

    /// Whether `expr` is a creation function a kernel can generate (see `GeneratorFusion`).
    static func isGenerated(_ expr: ArrayExpr) -> Bool {
        if case .creation(let creation) = expr.op { return GeneratorFusion.generator(creation, expr).isGenerated }
        return false
    }

    /// The kernel for `root` (an elementwise layer, or the per-block step of a reduction of
    /// `input`), over the layers of `region`.
    static func build(root: ArrayExpr, input: ArrayExpr,
                      region: Set<String>) throws(TileProgramBuilder.Unsupported) -> (op: FusedOp, leaves: [ArrayExpr]) {
        var builder = TileProgramBuilder(iterationChunks: input.chunks, region: region)
        let result: TileResult
        if case .reduction(let step) = root.op {
            var value = try builder.emit(input, builder.identity)
            var resultDType: DType?
            switch step.kind {
            case .sum, .prod, .nansum, .nanprod:
                let source = input.dtype
                if let requested = step.dtype, requested != source.sumDType {
                    // As NDArray's accumulating reductions: exact integer sums then cast, else convert first.
                    if !(requested.isInteger && !source.isFloatingPoint) { value = builder.cast(value, to: requested) }
                    resultDType = requested
                }
            default:
                break
            }
            result = .reduce(TileReduction(kind: step.kind, value: value, axes: step.axes, resultDType: resultDType))
        } else {
            result = .store(try builder.emit(root, builder.identity))
        }
        let kernel: TileKernel
        do throws(ArrayError) {
            kernel = try TileKernel(builder.program(result))
        } catch {
            throw TileProgramBuilder.Unsupported(reason: error.message)
        }
        var members = builder.members
        if input !== root { members.insert(root.prefix, at: 0) }
        let op = FusedOp(kernel: kernel, leafBlocks: builder.leafBlocks, iterationChunks: input.chunks, members: members)
        return (op, builder.leafNodes)
    }
}
