import DuskArray

/// Layers as bytes: what a task of the layer needs in another process.
///
/// A layer travels with its name, operation (every parameter), dtype and chunks, and for each
/// input its dtype and chunks only: the receiver rebuilds an `ArrayExpr` whose inputs are
/// stand-ins (`fromDelayed` nodes of the right metadata), enough for `DependencyPlan.make` and
/// `TaskFactory` to make the same task function as lowering made here. Locations stay home:
/// an error names its task's key, and the sender maps the key back to the source location.
///
/// Not every layer can travel: blocks of an in-memory array (`fromArray`) are sent as data by
/// the caller, and a `map_blocks` function or a source needs `PortableCode` to describe it.
extension ArrayExpr {
    /// The layer as bytes.
    public func wireEncoded() throws(GraphError) -> [UInt8] {
        var w = WireWriter()
        w.string(name)
        w.dtype(dtype)
        w.chunks(chunks)
        w.int(inputs.count)
        for input in inputs {
            switch input {
            case .array(let node):
                w.byte(0)
                w.dtype(node.dtype)
                w.chunks(node.chunks)
            case .delayed:
                w.byte(1)
            }
        }
        try w.op(op, layer: name)
        return w.bytes
    }

    /// Rebuilds a layer from `wireEncoded()`'s bytes.
    public static func wireDecoded(_ bytes: [UInt8]) throws(GraphError) -> ArrayExpr {
        var r = WireReader(bytes)
        let expr = try r.layer()
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        return expr
    }
}

extension WireReader {
    /// A layer, as `ArrayExpr.wireEncoded` writes it.
    mutating func layer() throws(GraphError) -> ArrayExpr {
        let name = try string()
        let dtype = try dtype()
        let chunks = try chunks()
        var inputs: [GraphInput] = []
        for index in 0..<(try count()) {
            switch try byte() {
            case 0:
                let inputDType = try self.dtype()
                let inputChunks = try self.chunks()
                inputs.append(.array(ArrayExpr(name: "\(name)-input-\(index)", op: .fromDelayed, inputs: [],
                                               dtype: inputDType, chunks: inputChunks, location: nil)))
            case 1:
                inputs.append(.delayed(DelayedNode(key: "\(name)-input-\(index)", displayName: "input",
                                                   dependencies: []) { values in values[0] }))
            default:
                throw malformed("layer input")
            }
        }
        let op = try self.op()
        return ArrayExpr(name: name, op: op, inputs: inputs, dtype: dtype, chunks: chunks, location: nil)
    }
}

// MARK: - Fields

extension WireWriter {
    mutating func chunks(_ chunks: Chunks) {
        int(chunks.ndim)
        for sizes in chunks.sizes { ints(sizes) }
    }

    mutating func op(_ op: ArrayOp, layer: String) throws(GraphError) {
        switch op {
        case .fromArray:
            throw GraphError.notPortable("an in-memory array's block (sent as data instead)", key: layer)
        case .source(let read):
            byte(1)
            let descriptor = read.source.descriptor
            string(descriptor.kind)
            string(descriptor.parameters)
            ints(read.origin)
        case .creation(let creation):
            byte(2)
            self.creation(creation)
        case .fromDelayed:
            byte(3)
        case .elementwise(let elementwise):
            byte(4)
            self.elementwise(elementwise)
        case .mapBlocks(let mapBlocks):
            guard let code = mapBlocks.portable else {
                throw GraphError.notPortable("the map_blocks function '\(mapBlocks.functionName)'", key: layer)
            }
            byte(5)
            string(mapBlocks.functionName)
            run(try code.wireEncoded())
        case .transpose(let axes):
            byte(6)
            ints(axes)
        case .broadcastTo:
            byte(7)
        case .scanBlocks(let scan):
            byte(8)
            bool(scan.product)
            int(scan.axis)
            dtype(scan.dtype)
        case .getitem(let plan):
            byte(9)
            getitem(plan)
        case .reshape(let plan):
            byte(10)
            ints(plan.shape)
        case .concatenate(let axis):
            byte(11)
            int(axis)
        case .stack(let axis):
            byte(12)
            int(axis)
        case .rechunk:
            byte(13)
        case .selectBlocks(let blocks):
            byte(14)
            int(blocks.count)
            for block in blocks { ints(block) }
        case .reduction(let step):
            byte(15)
            reduction(step)
        case .fused(let fused):
            byte(17)
            run(fused.program.encoded())
            int(fused.leafBlocks.count)
            for blocks in fused.leafBlocks {
                int(blocks.count)
                for block in blocks {
                    switch block {
                    case .axis(let a): byte(0); int(a)
                    case .fixed(let b): byte(1); int(b)
                    }
                }
            }
            chunks(fused.iterationChunks)
            int(fused.members.count)
            for member in fused.members { string(member) }
        case .contraction(let contraction):
            byte(16)
            switch contraction.kind {
            case .tensordot(let left, let right): byte(0); ints(left); ints(right)
            case .matmul: byte(1)
            }
            ints(contraction.outputIndex)
            ints(contraction.leftIndex)
            ints(contraction.rightIndex)
        case .blockFunction(let blockFunction):
            guard let kernel = blockFunction.kernel else {
                throw GraphError.notPortable("the '\(blockFunction.functionName)' block function", key: layer)
            }
            byte(19)
            string(blockFunction.functionName)
            bool(blockFunction.layout == .gatherAll)
            try blockKernel(kernel)
        case .mirror(let first, let second):
            byte(18)
            int(first)
            int(second)
        }
    }

    mutating func creation(_ creation: CreationOp) {
        switch creation {
        case .full(let value): byte(0); scalar(value)
        case .arange(let start, let step): byte(1); double(start); double(step)
        case .linspace(let start, let stop, let num, let endpoint):
            byte(2); double(start); double(stop); int(num); bool(endpoint)
        case .eye(let k): byte(3); int(k)
        case .random(let spec):
            byte(4)
            string(spec.distribution)
            int(spec.parameters.count)
            for parameter in spec.parameters { double(parameter) }
            word(spec.seed)
        case .sliced(let base, let window):
            byte(5)
            self.creation(base)
            ints(window.sourceShape)
            int(window.dimensions.count)
            for dimension in window.dimensions {
                switch dimension {
                case .fixed(let position): byte(0); int(position)
                case .range(let start, let step, let axis): byte(1); int(start); int(step); int(axis)
                }
            }
        }
    }

    mutating func elementwise(_ op: ElementwiseOp) {
        switch op.function {
        case .unary(let unary): byte(0); string(unary.rawValue)
        case .binary(let binary): byte(1); string(binary.rawValue)
        case .where: byte(2)
        case .clip: byte(3)
        case .astype(let target): byte(4); dtype(target)
        case .round(let decimals): byte(5); int(decimals)
        }
        int(op.operands.count)
        for operand in op.operands {
            switch operand {
            case .input(let index): byte(0); int(index)
            case .int(let value): byte(1); word(UInt64(bitPattern: value))
            case .float(let value): byte(2); double(value)
            case .bool(let value): byte(3); bool(value)
            case .none: byte(4)
            }
        }
    }

    mutating func getitem(_ plan: GetitemPlan) {
        int(plan.dimensions.count)
        for dimension in plan.dimensions {
            switch dimension {
            case .integer(let block, let local): byte(0); int(block); int(local)
            case .pieces(let pieces):
                byte(1)
                int(pieces.count)
                for piece in pieces { int(piece.block); int(piece.start); int(piece.step); int(piece.count) }
            case .take(let takes):
                byte(2)
                int(takes.count)
                for take in takes {
                    ints(take.blocks)
                    int(take.positions.count)
                    for positions in take.positions { ints(positions) }
                    if let order = take.order { byte(1); ints(order) } else { byte(0) }
                }
            }
        }
        int(plan.outputAxes.count)
        for axis in plan.outputAxes {
            switch axis {
            case .input(let index): byte(0); int(index)
            case .newAxis: byte(1)
            }
        }
    }

    mutating func reduction(_ step: ReductionStep) {
        string(step.kind.rawValue)
        switch step.phase {
        case .chunk: byte(0)
        case .combine: byte(1)
        case .aggregate: byte(2)
        }
        ints(step.axes)
        let split = step.splitEvery.sorted { $0.key < $1.key }
        int(split.count)
        for (axis, size) in split { int(axis); int(size) }
        bool(step.keepdims)
        optionalDType(step.dtype)
        double(step.ddof)
        ints(step.inputShape)
    }
}

extension WireReader {
    mutating func chunks() throws(GraphError) -> Chunks {
        var sizes: [[Int]] = []
        for _ in 0..<(try count(itemBytes: 8)) {
            let dimension = try ints()
            guard dimension.allSatisfy({ $0 >= 0 }) else { throw malformed("chunk size") }
            sizes.append(dimension)
        }
        return Chunks(sizes)
    }

    mutating func op() throws(GraphError) -> ArrayOp {
        switch try byte() {
        case 1:
            let descriptor = SourceDescriptor(kind: try string(), parameters: try string())
            let origin = try ints()
            return .source(SourceRead(source: try SourceOpeners.open(descriptor), origin: origin))
        case 2: return .creation(try creation())
        case 3: return .fromDelayed
        case 4: return .elementwise(try elementwise())
        case 5:
            let name = try string()
            let bytes = try run()
            return .mapBlocks(try PortableCodeDecoders.mapBlocks(bytes, name: name))
        case 6: return .transpose(axes: try ints())
        case 7: return .broadcastTo
        case 8: return .scanBlocks(ScanOp(product: try bool(), axis: try int(), dtype: try dtype()))
        case 9: return .getitem(try getitem())
        case 10: return .reshape(ReshapePlan(shape: try ints()))
        case 11: return .concatenate(axis: try int())
        case 12: return .stack(axis: try int())
        case 13: return .rechunk
        case 14:
            var blocks: [[Int]] = []
            for _ in 0..<(try count(itemBytes: 8)) { blocks.append(try ints()) }
            return .selectBlocks(blocks: blocks)
        case 15: return .reduction(try reduction())
        case 16:
            let kind: ContractionOp.Kind
            switch try byte() {
            case 0: kind = .tensordot(left: try ints(), right: try ints())
            case 1: kind = .matmul
            default: throw malformed("contraction")
            }
            return .contraction(ContractionOp(kind: kind, outputIndex: try ints(), leftIndex: try ints(),
                                              rightIndex: try ints()))
        case 17:
            let programBytes = try run()
            let kernel: TileKernel
            do throws(ArrayError) {
                kernel = try TileKernel(try TileProgram(encoded: programBytes))
            } catch {
                throw GraphError.wire("tile program: \(error.message)")
            }
            var leafBlocks: [[LeafBlock]] = []
            for _ in 0..<(try count(itemBytes: 8)) {
                var blocks: [LeafBlock] = []
                for _ in 0..<(try count(itemBytes: 9)) {
                    switch try byte() {
                    case 0: blocks.append(.axis(try int()))
                    case 1: blocks.append(.fixed(try int()))
                    default: throw malformed("leaf block")
                    }
                }
                leafBlocks.append(blocks)
            }
            let iterationChunks = try chunks()
            var members: [String] = []
            for _ in 0..<(try count(itemBytes: 8)) { members.append(try string()) }
            return .fused(FusedOp(kernel: kernel, leafBlocks: leafBlocks, iterationChunks: iterationChunks, members: members))
        case 18: return .mirror(first: try int(), second: try int())
        case 19:
            let name = try string()
            let layout: BlockFunctionOp.Layout = try bool() ? .gatherAll : .sameLinear
            return .blockFunction(BlockFunctionOp(layout: layout, functionName: name, kernel: try blockKernel()))
        default:
            throw malformed("operation")
        }
    }

    mutating func creation() throws(GraphError) -> CreationOp {
        switch try byte() {
        case 0: return .full(try scalar())
        case 1: return .arange(start: try double(), step: try double())
        case 2: return .linspace(start: try double(), stop: try double(), num: try int(), endpoint: try bool())
        case 3: return .eye(k: try int())
        case 4:
            let distribution = try string()
            var parameters: [Double] = []
            for _ in 0..<(try count(itemBytes: 8)) { parameters.append(try double()) }
            return .random(RandomSpec(distribution: distribution, parameters: parameters, seed: try word()))
        case 5:
            let base = try creation()
            let sourceShape = try ints()
            var dimensions: [CreationWindow.Dimension] = []
            for _ in 0..<(try count(itemBytes: 9)) {
                switch try byte() {
                case 0: dimensions.append(.fixed(try int()))
                case 1: dimensions.append(.range(start: try int(), step: try int(), axis: try int()))
                default: throw malformed("creation window")
                }
            }
            return .sliced(base, CreationWindow(sourceShape: sourceShape, dimensions: dimensions))
        default: throw malformed("creation")
        }
    }

    mutating func elementwise() throws(GraphError) -> ElementwiseOp {
        let function: ElementwiseFunction
        switch try byte() {
        case 0:
            guard let op = UnaryOp(rawValue: try string()) else { throw malformed("unary ufunc") }
            function = .unary(op)
        case 1:
            guard let op = BinaryOp(rawValue: try string()) else { throw malformed("binary ufunc") }
            function = .binary(op)
        case 2: function = .where
        case 3: function = .clip
        case 4: function = .astype(try dtype())
        case 5: function = .round(decimals: try int())
        default: throw malformed("elementwise function")
        }
        var operands: [ElementwiseOperand] = []
        for _ in 0..<(try count()) {
            switch try byte() {
            case 0: operands.append(.input(try int()))
            case 1: operands.append(.int(Int64(bitPattern: try word())))
            case 2: operands.append(.float(try double()))
            case 3: operands.append(.bool(try bool()))
            case 4: operands.append(.none)
            default: throw malformed("operand")
            }
        }
        return ElementwiseOp(function: function, operands: operands)
    }

    mutating func getitem() throws(GraphError) -> GetitemPlan {
        var dimensions: [GetitemDimension] = []
        for _ in 0..<(try count()) {
            switch try byte() {
            case 0: dimensions.append(.integer(block: try int(), local: try int()))
            case 1:
                var pieces: [SlicePiece] = []
                for _ in 0..<(try count(itemBytes: 32)) {
                    pieces.append(SlicePiece(block: try int(), start: try int(), step: try int(), count: try int()))
                }
                dimensions.append(.pieces(pieces))
            case 2:
                var takes: [TakeChunk] = []
                for _ in 0..<(try count(itemBytes: 8)) {
                    let blocks = try ints()
                    var positions: [[Int]] = []
                    for _ in 0..<(try count(itemBytes: 8)) { positions.append(try ints()) }
                    let order = try byte() == 1 ? try ints() : nil
                    takes.append(TakeChunk(blocks: blocks, positions: positions, order: order))
                }
                dimensions.append(.take(takes))
            default: throw malformed("getitem dimension")
            }
        }
        var axes: [GetitemAxis] = []
        for _ in 0..<(try count()) {
            switch try byte() {
            case 0: axes.append(.input(try int()))
            case 1: axes.append(.newAxis)
            default: throw malformed("getitem axis")
            }
        }
        return GetitemPlan(dimensions: dimensions, outputAxes: axes)
    }

    mutating func reduction() throws(GraphError) -> ReductionStep {
        guard let kind = Reduction(rawValue: try string()) else { throw malformed("reduction") }
        let phase: ReductionStep.Phase
        switch try byte() {
        case 0: phase = .chunk
        case 1: phase = .combine
        case 2: phase = .aggregate
        default: throw malformed("reduction phase")
        }
        let axes = try ints()
        var splitEvery: [Int: Int] = [:]
        for _ in 0..<(try count(itemBytes: 16)) { splitEvery[try int()] = try int() }
        return ReductionStep(kind: kind, phase: phase, axes: axes, splitEvery: splitEvery, keepdims: try bool(),
                             dtype: try optionalDType(), ddof: try double(), inputShape: try ints())
    }
}
