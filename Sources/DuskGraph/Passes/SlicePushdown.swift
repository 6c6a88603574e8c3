import DuskArray

/// Slice pushdown: an index of integers and slices moves through elementwise layers, `astype`,
/// `where`, `clip`, transposes, `broadcast_to` and rechunks down to the sources, and cuts them: an
/// in-memory array becomes a view of the selected part, a creation function a window of
/// itself, a Zarr source a read of the selected range. So `(x * 10)[0, 0]` multiplies one
/// element, and a slice of a transposed or broadcast expression reads only what it needs.
///
/// New axes (`None`) stay where they were written, as an index of their own above the
/// pushed one (it moves no data, and fusion reads through it). An integer-array index, and
/// layers whose blocks depend on other blocks (reductions, `map_blocks`, concatenations...), stop
/// the index: it stays above them, where culling still reads only the blocks it touches.
/// Normal random numbers stop it too: they cannot be cut out of their blocks.
enum SlicePushdown {
    static let pass = OptimizerPass(
        name: "slice pushdown",
        purpose: "an index moves toward the sources, so only the selected elements are read and computed",
        isEnabled: { _ in true },
        run: { outputs, context throws(GraphError) in try pushDown(outputs, &context) })

    static func pushDown(_ outputs: [GraphOutput], _ context: inout RewriteContext) throws(GraphError) -> [GraphOutput] {
        let rewriter = GraphRewriter()
        return try rewriter.rewrite(outputs) { expr, _ throws(GraphError) in
            guard case .getitem(let plan) = expr.op, let selection = Selection(plan, input: expr.arrayInputs[0]) else {
                return expr
            }
            let input = expr.arrayInputs[0]
            // Every element (`x[:]`, `x[:, None]`): nothing to push.
            guard !selection.isEverything(input) else { return expr }
            let saved = context
            do throws(GraphError) {
                guard var pushed = try push(selection.withoutNewAxes, into: input, &context, at: expr) else {
                    context = saved
                    return expr
                }
                // New axes stay an index of their own above the pushed one (it moves no data).
                if selection.hasNewAxes {
                    pushed = try pushed.getitem(selection.newAxisInsertion(rank: pushed.ndim), at: expr.location)
                }
                // The same array, block for block, or no rewrite (and no lines about it).
                guard pushed.shape == expr.shape, pushed.dtype == expr.dtype, pushed.chunks == expr.chunks else {
                    context = saved
                    return expr
                }
                context.reverseRewrites(since: saved.rewrites.count)
                return pushed.expr
            } catch {
                // A graph operation refused the pushed form: the index stays where it was written,
                // which computes the same array.
                context = saved
                return expr
            }
        }
    }

    /// `input[selection]` with the selection applied below `input`, or nil when it stops here.
    static func push(_ selection: Selection, into input: ArrayExpr, _ context: inout RewriteContext,
                     at index: ArrayExpr) throws(GraphError) -> LazyArray? {
        let location = index.location
        switch input.op {
        case .elementwise(let op):
            var operands: [LazyOperand?] = []
            let arrays = input.arrayInputs
            for operand in op.operands {
                switch operand {
                case .input(let slot):
                    let cut = try selection.forBroadcastInput(arrays[slot], of: input)
                    operands.append(.array(try applied(cut, to: LazyArray(arrays[slot]), &context, at: index)))
                case .int(let v): operands.append(.int(v))
                case .float(let v): operands.append(.float(v))
                case .bool(let v): operands.append(.bool(v))
                case .none: operands.append(nil)
                }
            }
            let result = try LazyArray.elementwise(op.function, operands, dtype: input.dtype, name: input.prefix, at: location)
            context.record(.pushdown, result.name, "pushed \(selection) below \(input.prefix)")
            return result
        case .transpose(let axes):
            let inner = LazyArray(input.arrayInputs[0])
            var items = [Selection.Item](repeating: .integer(0), count: axes.count)
            for (position, axis) in axes.enumerated() { items[axis] = selection.items[position] }
            let cut = try applied(Selection(items: items), to: inner, &context, at: index)
            // The kept dimensions of the transposed output, in the output's order, as positions in
            // `cut` (which keeps them in the input's order).
            let kept = axes.indices.filter { !selection.items[$0].isInteger }.map { axes[$0] }
            let permutation = kept.map { axis in kept.count(where: { $0 < axis }) }
            context.record(.pushdown, input.name, "pushed \(selection) below transpose")
            return permutation == Array(permutation.indices) ? cut : try cut.transposed(permutation, at: location)
        case .broadcastTo:
            let inner = input.arrayInputs[0]
            let cut = try applied(try selection.forBroadcastInput(inner, of: input), to: LazyArray(inner), &context, at: index)
            context.record(.pushdown, input.name, "pushed \(selection) below broadcast_to")
            return try cut.broadcast(to: selection.shape(of: input), at: location)
        case .rechunk:
            // The selected part of the input, cut into the chunks the index would have cut
            // (often already its own: then the rechunk is gone).
            let cut = try applied(selection, to: LazyArray(input.arrayInputs[0]), &context, at: index)
            context.record(.pushdown, input.name, "pushed \(selection) below rechunk")
            return try cut.rechunked(to: try selection.chunks(of: input), at: location)
        case .fromArray(let array):
            let view = try ChunkKernels.run { () throws(ArrayError) in try array.indexed(selection.indices) }
            context.record(.pushdown, input.name, "\(input.prefix)\(selection) reads \(view.count) of \(array.count) elements")
            return LazyArray(input.replaced(prefix: input.prefix, op: .fromArray(view), inputs: [],
                                            chunks: try selection.chunks(of: input), material: TokenBuilder(input.name, selection.description)))
        case .creation(let creation):
            guard let cut = creation.window(selection, of: input) else { return nil }
            let chunks = try selection.chunks(of: input)
            context.record(.pushdown, input.name, "\(input.prefix)\(selection) is created alone: "
                + "\(chunks.shape.reduce(1, *)) of \(input.shape.reduce(1, *)) elements")
            return LazyArray(input.replaced(prefix: input.prefix, op: .creation(cut), inputs: [], chunks: chunks,
                                            material: TokenBuilder(input.name, selection.description)))
        case .source(let read):
            // Sources read ranges: step-1 slices and integers (a range of one, dropped above).
            guard selection.items.allSatisfy({ $0.isInteger || $0.step == 1 }) else { return nil }
            let kept = try selection.chunks(of: input).sizes
            var sizes: [[Int]] = []
            var drop: [Index] = []
            var next = 0
            for item in selection.items {
                if item.isInteger {
                    sizes.append([1])
                    drop.append(.int(0))
                } else {
                    sizes.append(kept[next])
                    next += 1
                    drop.append(.all)
                }
            }
            let origin = zip(read.origin, selection.items).map { $0 + $1.start }
            let narrowed = try LazyArray.sourceLayer(SourceRead(source: read.source, origin: origin), chunks: Chunks(sizes),
                                                 at: location)
            context.record(.pushdown, input.name, "\(input.prefix)\(selection) reads \(narrowed.size) of \(input.shape.reduce(1, *)) elements")
            return drop.allSatisfy(\.isFullSlice) ? narrowed : try narrowed.getitem(drop, at: location)
        default:
            return nil
        }
    }

    /// `array[selection]`, pushed further down when it can be.
    static func applied(_ selection: Selection, to array: LazyArray, _ context: inout RewriteContext,
                        at index: ArrayExpr) throws(GraphError) -> LazyArray {
        if selection.isEverything(array.expr) { return array }
        if let pushed = try push(selection, into: array.expr, &context, at: index) { return pushed }
        return try array.getitem(selection.indices, at: index.location)
    }
}

