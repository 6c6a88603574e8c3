import DuskArray

/// Translates a region of blockwise layers into one tile program: what the fusion pass does
/// for each kernel it makes.
///
/// Walks from the root down. Each node is reached with a *map*: for each of its dimensions,
/// the iteration axis it runs along, or the fixed global position it stays at (an integer
/// index, a broadcast dimension of length 1). Elementwise layers pass maps on with
/// broadcasting, transposes permute them, `broadcast_to` and index-only `getitem`s fix or drop
/// dimensions; a node outside the region becomes a leaf read through its map. Ufunc operands
/// are cast to the loop dtype NumPy picks (`resolve`), and Python scalars become constants of
/// that dtype, exactly as the unfused NDArray kernels convert them.
struct TileProgramBuilder {
    /// A dimension of a node as the iteration space reads it.
    enum Ref: Hashable {
        case axis(Int)
        /// A global position along the node's dimension.
        case fixed(Int)
    }

    /// The node cannot be fused (the pass leaves the region as it was).
    struct Unsupported: Error {
        var reason: String
    }

    let rank: Int
    let iterationChunks: Chunks
    /// Nodes whose values the program computes (the rest are leaves).
    let region: Set<String>
    private(set) var leaves: [TileLeaf] = []
    private(set) var leafNodes: [ArrayExpr] = []
    private(set) var leafBlocks: [[LeafBlock]] = []
    private(set) var steps: [TileStep] = []
    private(set) var dtypes: [DType] = []
    /// Layer prefixes the program holds, in the order first reached.
    private(set) var members: [String] = []
    private var memberNames: Set<String> = []
    private var valueOf: [NodeKey: Int] = [:]
    private var stepIndex: [TileStep: Int] = [:]

    private struct NodeKey: Hashable {
        var name: String
        var map: [Ref]
    }

    init(iterationChunks: Chunks, region: Set<String>) {
        self.rank = iterationChunks.ndim
        self.iterationChunks = iterationChunks
        self.region = region
    }

    /// The identity map of the iteration space.
    var identity: [Ref] { (0..<rank).map { .axis($0) } }

    /// The program storing `value`, or reducing it.
    func program(_ result: TileResult) -> TileProgram {
        TileProgram(rank: rank, leaves: leaves, steps: steps, result: result)
    }

    // MARK: - Steps

    /// Appends a step (or finds the same step already made) and returns its value.
    mutating func add(_ step: TileStep, _ dtype: DType) -> Int {
        if let existing = stepIndex[step] { return existing }
        steps.append(step)
        dtypes.append(dtype)
        stepIndex[step] = steps.count - 1
        return steps.count - 1
    }

    /// `value` converted to `dtype` (itself when it already is).
    mutating func cast(_ value: Int, to dtype: DType) -> Int {
        dtypes[value] == dtype ? value : add(.cast(value, to: dtype), dtype)
    }

    /// A Python scalar as a constant of `dtype`, converted as NumPy converts it into a loop.
    mutating func constant(_ operand: ElementwiseOperand, _ dtype: DType) throws(Unsupported) -> Int {
        let scalar: Scalar
        switch operand {
        case .int(let value): scalar = .int(value, .int64)
        case .float(let value): scalar = .float(value, .float64)
        case .bool(let value): scalar = .bool(value)
        case .input, .none: throw Unsupported(reason: "not a scalar")
        }
        guard let converted = try? NDArray(scalar: scalar, dtype: dtype).item() else {
            throw Unsupported(reason: "constant \(scalar) in \(dtype)")
        }
        return add(.constant(converted), dtype)
    }

    // MARK: - Nodes

    /// The value of `node` read through `map`.
    mutating func emit(_ node: ArrayExpr, _ map: [Ref]) throws(Unsupported) -> Int {
        let key = NodeKey(name: node.name, map: map)
        if let value = valueOf[key] { return value }
        let value = region.contains(node.name) ? try emitComputed(node, map) : try emitLeaf(node, map)
        guard dtypes[value] == node.dtype else {
            throw Unsupported(reason: "\(node.prefix) gives \(dtypes[value]), the layer says \(node.dtype)")
        }
        valueOf[key] = value
        return value
    }

    private mutating func emitLeaf(_ node: ArrayExpr, _ map: [Ref]) throws(Unsupported) -> Int {
        var axes: [TileLeafAxis] = []
        var blocks: [LeafBlock] = []
        for (dimension, ref) in map.enumerated() {
            switch ref {
            case .axis(let a):
                guard node.chunks.sizes[dimension] == iterationChunks.sizes[a] else {
                    throw Unsupported(reason: "\(node.prefix) is not aligned with the kernel's blocks")
                }
                axes.append(.axis(a))
                blocks.append(node.chunks.numblocks[dimension] == 1 ? .fixed(0) : .axis(a))
            case .fixed(let position):
                let block = node.chunks.block(containing: position, along: dimension)
                axes.append(.fixed(position - node.chunks.offsets[dimension][block]))
                blocks.append(.fixed(block))
            }
        }
        leaves.append(TileLeaf(dtype: node.dtype, axes: axes))
        leafNodes.append(node)
        leafBlocks.append(blocks)
        return add(.load(leaf: leaves.count - 1), node.dtype)
    }

    private mutating func note(_ node: ArrayExpr) {
        if memberNames.insert(node.name).inserted { members.append(node.prefix) }
    }

    private mutating func emitComputed(_ node: ArrayExpr, _ map: [Ref]) throws(Unsupported) -> Int {
        note(node)
        let inputs = node.arrayInputs
        switch node.op {
        case .elementwise(let op):
            let maps = inputs.map { TileProgramBuilder.broadcastMap($0, into: node, map) }
            return try elementwise(op, inputs: inputs, maps: maps, node: node)
        case .transpose(let axes):
            var inner = [Ref](repeating: .fixed(0), count: axes.count)
            for (position, axis) in axes.enumerated() { inner[axis] = map[position] }
            return try emit(inputs[0], inner)
        case .broadcastTo:
            return try emit(inputs[0], TileProgramBuilder.broadcastMap(inputs[0], into: node, map))
        case .getitem(let plan):
            var outputPosition: [Int: Int] = [:]
            for (position, axis) in plan.outputAxes.enumerated() {
                if case .input(let dimension) = axis { outputPosition[dimension] = position }
            }
            var inner: [Ref] = []
            for (dimension, entry) in plan.dimensions.enumerated() {
                switch entry {
                case .integer(let block, let local):
                    inner.append(.fixed(inputs[0].chunks.offsets[dimension][block] + local))
                case .pieces:
                    inner.append(map[outputPosition[dimension]!])
                case .take:
                    throw Unsupported(reason: "integer-array index")
                }
            }
            return try emit(inputs[0], inner)
        default:
            throw Unsupported(reason: "\(node.op.kindName) is not blockwise elementwise")
        }
    }

    /// The map of an input aligned to the trailing dimensions of `node`, with dimensions of
    /// length 1 that broadcast fixed at 0.
    static func broadcastMap(_ input: ArrayExpr, into node: ArrayExpr, _ map: [Ref]) -> [Ref] {
        let offset = node.ndim - input.ndim
        return (0..<input.ndim).map { d in
            input.shape[d] == 1 && node.shape[d + offset] != 1 ? .fixed(0) : map[d + offset]
        }
    }

    /// Whether a `getitem` only picks whole blocks' elements in place (integers, `:` and new
    /// axes): then it is a change of map, fusable.
    static func isReindex(_ plan: GetitemPlan, input: ArrayExpr) -> Bool {
        for (dimension, entry) in plan.dimensions.enumerated() {
            switch entry {
            case .integer: continue
            case .take: return false
            case .pieces(let pieces):
                let sizes = input.chunks.sizes[dimension]
                guard pieces.count == sizes.count else { return false }
                for (block, piece) in pieces.enumerated()
                    where piece.block != block || piece.start != 0 || piece.step != 1 || piece.count != sizes[block] {
                    return false
                }
            }
        }
        return true
    }

    // MARK: - Elementwise functions

    private mutating func elementwise(_ op: ElementwiseOp, inputs: [ArrayExpr], maps: [[Ref]],
                                      node: ArrayExpr) throws(Unsupported) -> Int {
        // Operands: a value (with its dtype) or a Python scalar.
        var values: [Int?] = []
        for operand in op.operands {
            if case .input(let slot) = operand { values.append(try emit(inputs[slot], maps[slot])) } else { values.append(nil) }
        }
        func probe(_ index: Int) -> Operand {
            switch op.operands[index] {
            case .input: .array(LazyOperand.placeholder(dtypes[values[index]!]))
            case .int(let v): .int(v)
            case .float(let v): .float(v)
            case .bool(let v): .bool(v)
            case .none: .int(0)
            }
        }
        func resolved<R>(_ body: () throws(ArrayError) -> R) throws(Unsupported) -> R {
            do { return try body() } catch { throw Unsupported(reason: error.message) }
        }
        /// Operand `index` in `dtype`.
        func operand(_ index: Int, _ dtype: DType, _ builder: inout TileProgramBuilder) throws(Unsupported) -> Int {
            if let value = values[index] { return builder.cast(value, to: dtype) }
            return try builder.constant(op.operands[index], dtype)
        }
        switch op.function {
        case .unary(let unary):
            let (loop, _) = try resolved { () throws(ArrayError) in try unary.resolve(dtypes[values[0]!]) }
            let input = cast(values[0]!, to: loop)
            return add(.unary(unary, input), try resolved { () throws(ArrayError) in try unary.resolve(loop).result })
        case .binary(let binary):
            let (loop, result) = try resolved { () throws(ArrayError) in try binary.resolve(probe(0), probe(1)) }
            let lhs = try operand(0, loop, &self)
            let rhs = try operand(1, loop, &self)
            return add(.binary(binary, lhs, rhs), result)
        case .where:
            let dtype = Operand.resultDType([probe(1), probe(2)])
            let condition = try operand(0, .bool, &self)
            let x = try operand(1, dtype, &self)
            let y = try operand(2, dtype, &self)
            return add(.select(condition, x, y), dtype)
        case .astype(let target):
            return cast(values[0]!, to: target)
        case .clip:
            // NDArray.clipped: maximum with the lower bound, then minimum with the upper one.
            var current = values[0]!
            var lower: Int? = op.operands[1] == .none ? nil : 1
            var upper: Int? = op.operands[2] == .none ? nil : 2
            let dtype = dtypes[current]
            if dtype.isInteger, let bounds = dtype.integerBounds {
                if case .int(let v) = op.operands[1], v <= bounds.min { lower = nil }
                if case .int(let v) = op.operands[2], v >= 0, UInt64(v) >= bounds.max { upper = nil }
            }
            if lower == nil && upper == nil {
                current = add(.unary(dtype == .bool ? .absolute : .positive, current), dtype)
            }
            for (binary, index) in [(BinaryOp.maximum, lower), (BinaryOp.minimum, upper)] {
                guard let index else { continue }
                let currentProbe = Operand.array(LazyOperand.placeholder(dtypes[current]))
                let (loop, result) = try resolved { () throws(ArrayError) in try binary.resolve(currentProbe, probe(index)) }
                let lhs = cast(current, to: loop)
                let rhs = try operand(index, loop, &self)
                current = add(.binary(binary, lhs, rhs), result)
            }
            return cast(current, to: node.dtype)
        case .round(let decimals):
            // NDArray.rounded: scale by 10**|decimals|, round half to even, scale back, cast back.
            let x = values[0]!
            let dtype = dtypes[x]
            if dtype == .bool && decimals != 0 { throw Unsupported(reason: "round of bool with decimals") }
            if decimals == 0 && !(dtype.isFloatingPoint || dtype == .bool) { return x }
            if decimals == 0 {
                let (loop, result) = try resolved { () throws(ArrayError) in try UnaryOp.rint.resolve(dtype) }
                return add(.unary(.rint, cast(x, to: loop)), result)
            }
            if !dtype.isFloatingPoint && decimals > 0 { return x }
            let factor = NDArray.powerOfTen(decimals.magnitude)
            let (scale, unscale) = decimals > 0 ? (BinaryOp.multiply, BinaryOp.divide) : (.divide, .multiply)
            var current = x
            for (index, binary) in [scale, unscale].enumerated() {
                let currentProbe = Operand.array(LazyOperand.placeholder(dtypes[current]))
                let (loop, result) = try resolved { () throws(ArrayError) in try binary.resolve(currentProbe, .float(factor)) }
                let lhs = cast(current, to: loop)
                let rhs = try constant(.float(factor), loop)
                current = add(.binary(binary, lhs, rhs), result)
                if index == 0 {
                    let (rintLoop, rintResult) = try resolved { () throws(ArrayError) in try UnaryOp.rint.resolve(dtypes[current]) }
                    current = add(.unary(.rint, cast(current, to: rintLoop)), rintResult)
                }
            }
            return cast(current, to: dtype)
        }
    }
}
