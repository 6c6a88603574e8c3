import DuskArray

/// Generator fusion: a creation function read by a fused kernel (`ones`, `zeros`, `full`,
/// `arange`, `linspace`, `eye`, and the counter-based random numbers `random`, `uniform`,
/// `integers`) is generated tile by tile inside the kernel instead of being a stored input:
/// its blocks are never allocated. `full` becomes a constant (one value per tile, so work on it
/// is done once per tile).
///
/// Normal random numbers stay materialized: the ziggurat draws a variable number of random
/// words per value, so a value cannot be computed from its position alone. A generator read by
/// several layers (or an output) is stored when making its values once and reading them back
/// costs less than making them in each reader, within the memory budget (`sharedDecision`):
/// random numbers are (a Philox value costs more than a write and two reads: normalize-then-sum
/// on random data was 2.1x slower fused than unfused when each kernel regenerated them),
/// positions and constants are not.
enum GeneratorFusion {
    static let pass = OptimizerPass(
        name: "generator fusion",
        purpose: "creation functions inside a kernel are generated tile by tile and never stored",
        isEnabled: { $0.fuse },
        run: { outputs, context throws(GraphError) in try fuse(outputs, &context) })

    /// How a creation function appears inside a kernel.
    enum Form {
        case constant(Scalar)
        /// Generated with this kind, in `dtype` (then cast to the layer's dtype if it differs).
        case generator(TileGenerator.Kind, DType)
        /// Stays a layer of its own, for this reason.
        case materialized(String)

        var isGenerated: Bool {
            if case .materialized = self { return false }
            return true
        }
    }

    /// The form of creation layer `expr`.
    static func generator(_ creation: CreationOp, _ expr: ArrayExpr) -> Form {
        switch creation {
        case .sliced(let base, _):
            return generator(base, expr)
        case .full(let value):
            return value.dtype == expr.dtype ? .constant(value) : .materialized("its value is not of its dtype")
        case .arange(let start, let step):
            return .generator(.arange(start: start, step: step), expr.dtype)
        case .linspace(let start, let stop, let num, let endpoint):
            return .generator(.linspace(start: start, stop: stop, num: num, endpoint: endpoint), expr.dtype)
        case .eye(let k):
            return .generator(.eye(k: k), expr.dtype)
        case .random(let spec):
            let p = spec.parameters
            func parameter(_ index: Int, _ fallback: Double) -> Double { index < p.count ? p[index] : fallback }
            switch spec.distribution {
            case "random", "random_sample", "rand":
                return .generator(.uniform(low: 0, high: 1, seed: spec.seed), .float64)
            case "uniform":
                return .generator(.uniform(low: parameter(0, 0), high: parameter(1, 1), seed: spec.seed), .float64)
            case "integers", "randint":
                let (low, high) = (Int64(parameter(0, 0)), Int64(parameter(1, 1)))
                guard expr.dtype.isInteger || expr.dtype.isBool, let bounds = expr.dtype.integerBounds, low < high,
                      low >= bounds.min, high <= 0 || UInt64(high) - 1 <= bounds.max else {
                    return .materialized("its parameters are checked when it runs")
                }
                return .generator(.integers(low: low, high: high, seed: spec.seed), expr.dtype)
            case "normal", "standard_normal", "randn":
                return .materialized("the ziggurat draws a variable number of random words per value, "
                    + "so a value cannot be computed from its position alone")
            default:
                return .materialized("random.\(spec.distribution) has no tile generator")
            }
        }
    }

    /// The steps making `expr`'s values for a kernel reading it with `axes` (block-local) and
    /// `blocks`, appended to `steps`; nil when it stays materialized.
    static func steps(for expr: ArrayExpr, axes: [TileLeafAxis], blocks: [LeafBlock], rank: Int) -> [TileStep]? {
        guard case .creation(let creation) = expr.op else { return nil }
        // Each dimension's global position as an affine function of the iteration space.
        var coordinates: [TileAffine] = []
        for (dimension, axis) in axes.enumerated() {
            var coefficients = [Int](repeating: 0, count: rank)
            var offset = 0
            switch (axis, blocks[dimension]) {
            case (.axis(let a), _): coefficients[a] = 1
            case (.fixed(let local), .fixed(let block)): offset = expr.chunks.offsets[dimension][block] + local
            case (.fixed(let local), .axis): offset = local
            }
            coordinates.append(TileAffine(offset: offset, coefficients: coefficients))
        }
        var shape = expr.shape
        if case .sliced(_, let window) = creation {
            // The source's coordinates: fixed, or an affine function of an output coordinate.
            shape = window.sourceShape
            coordinates = window.dimensions.map { dimension in
                switch dimension {
                case .fixed(let position):
                    return TileAffine(offset: position, coefficients: Array(repeating: 0, count: rank))
                case .range(let start, let step, let axis):
                    let inner = coordinates[axis]
                    return TileAffine(offset: start + step * inner.offset, coefficients: inner.coefficients.map { step * $0 })
                }
            }
        }
        switch generator(creation, expr) {
        case .constant(let value):
            return [.constant(value)]
        case .generator(let kind, let dtype):
            let generate = TileStep.generate(TileGenerator(kind: kind, dtype: dtype, coordinates: coordinates, shape: shape))
            return dtype == expr.dtype ? [generate] : [generate, .cast(-1, to: expr.dtype)]
        case .materialized:
            return nil
        }
    }

    static func fuse(_ outputs: [GraphOutput], _ context: inout RewriteContext) throws(GraphError) -> [GraphOutput] {
        // How many distinct layers (or outputs) read each layer.
        var readers: [String: Set<String>] = [:]
        for node in GraphTraversal.topologicalOrder(outputs) {
            for input in node.inputs { readers[input.name, default: []].insert(node.name) }
        }
        for output in outputs { readers[output.input.name, default: []].insert("") }
        let rewriter = GraphRewriter()
        var reported: Set<String> = []
        return try rewriter.rewrite(outputs) { expr, _ throws(GraphError) in
            guard case .fused(let op) = expr.op else { return expr }
            let program = op.program
            let inputs = expr.inputs
            // Which leaves become steps.
            var replacement: [Int: [TileStep]] = [:]
            var members = op.members
            for (leaf, input) in inputs.enumerated() {
                guard case .array(let source) = input, case .creation(let creation) = source.op else { continue }
                let count = readers[source.name]?.count ?? 1
                let decision = sharedDecision(generator(creation, source), itemSize: source.dtype.itemSize,
                                              bytes: source.nbytes, readers: count, budget: { context.storeBudget })
                if decision == .store {
                    if reported.insert(source.name).inserted {
                        context.record(.materialize, source.name, "\(source.prefix) stays materialized: \(count) layers "
                            + "read it, and making its values once and reading them back costs less than generating them in each")
                    }
                } else if let made = steps(for: source, axes: program.leaves[leaf].axes, blocks: op.leafBlocks[leaf],
                                    rank: program.rank) {
                    replacement[leaf] = made
                    if !members.contains(source.prefix) { members.append(source.prefix) }
                    if reported.insert(source.name).inserted {
                        let blocks = source.chunks.blockCount
                        context.record(.generate, source.name, "\(source.prefix) \(formatTuple(source.shape)) is generated "
                            + "tile by tile inside its kernels; \(blocks == 1 ? "its block is" : "its \(blocks) blocks are") never stored")
                        if case .overBudget(let bytes, let budget) = decision {
                            context.record(.generate, source.name, "\(source.prefix) is generated again in each of the \(count) "
                                + "layers reading it: stored, its \(ByteSize.format(bytes)) would exceed the memory budget "
                                + "(\(ByteSize.format(budget)))")
                        }
                    }
                } else if case .materialized(let reason) = generator(creation, source),
                          reported.insert(source.name).inserted {
                    context.record(.materialize, source.name, "\(source.prefix) stays materialized: \(reason)")
                }
            }
            guard !replacement.isEmpty else { return expr }
            // New leaves: the ones kept, renumbered.
            var leafIndex: [Int: Int] = [:]
            var leaves: [TileLeaf] = []
            var leafBlocks: [[LeafBlock]] = []
            var kept: [GraphInput] = []
            for leaf in program.leaves.indices where replacement[leaf] == nil {
                leafIndex[leaf] = leaves.count
                leaves.append(program.leaves[leaf])
                leafBlocks.append(op.leafBlocks[leaf])
                kept.append(inputs[leaf])
            }
            // New steps: a load of a generated leaf becomes its steps; operands renumbered.
            var steps: [TileStep] = []
            var valueIndex: [Int] = []
            func renumber(_ value: Int) -> Int { valueIndex[value] }
            for step in program.steps {
                switch step {
                case .load(let leaf):
                    if let made = replacement[leaf] {
                        for generated in made {
                            if case .cast(_, let target) = generated {
                                steps.append(.cast(steps.count - 1, to: target))
                            } else {
                                steps.append(generated)
                            }
                        }
                    } else {
                        steps.append(.load(leaf: leafIndex[leaf]!))
                    }
                case .constant, .generate: steps.append(step)
                case .cast(let value, let target): steps.append(.cast(renumber(value), to: target))
                case .unary(let unary, let value): steps.append(.unary(unary, renumber(value)))
                case .binary(let binary, let lhs, let rhs): steps.append(.binary(binary, renumber(lhs), renumber(rhs)))
                case .select(let c, let x, let y): steps.append(.select(renumber(c), renumber(x), renumber(y)))
                }
                valueIndex.append(steps.count - 1)
            }
            let result: TileResult
            switch program.result {
            case .store(let value): result = .store(renumber(value))
            case .reduce(var reduction):
                reduction.value = renumber(reduction.value)
                result = .reduce(reduction)
            }
            let kernel: TileKernel
            do throws(ArrayError) {
                kernel = try TileKernel(TileProgram(rank: program.rank, leaves: leaves, steps: steps, result: result))
            } catch {
                throw GraphError(kind: "RuntimeError", message: "generator fusion made a bad program: \(error.message)")
            }
            let fusedOp = FusedOp(kernel: kernel, leafBlocks: leafBlocks, iterationChunks: op.iterationChunks,
                                  members: members)
            var material = TokenBuilder()
            // The bytes are hashed inside withUnsafeBytes: a pointer taken out of it points into
            // a freed array (AddressSanitizer's heap-use-after-free, scripts/sanitize address).
            kernel.program.encoded().withUnsafeBytes { material.combine(bytes: $0) }
            material.combine(op.iterationChunks.sizes)
            return expr.replaced(prefix: expr.prefix, op: .fused(fusedOp), inputs: kept, material: material)
        }
    }
}
