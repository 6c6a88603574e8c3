/// Runs tile programs: one block, tile by tile.
///
/// The iteration space is walked in C order as rows of its innermost axis (adjacent axes that
/// every input, generator and output walk in step are merged first, as `StridedRows` does), and
/// each row in tiles of at most `tileSize` elements. Per tile, each step runs once over the
/// tile with the existing tile-level kernels (`UnaryOp.apply`, `BinaryOp.apply`, `DType.cast`):
/// a contiguous input is read where it lies, a strided one gathered into a tile buffer, and a
/// value that does not change along the row (a constant, a broadcast, a `full` generator) is
/// kept as one element (stride 0), so work on it is done once per tile. The only memory
/// allocated is a few tile buffers per run and the output block (or the partial); no
/// block-sized intermediate exists.
///
/// NumPy's floating-point warnings are kept: each step's flags are collected over the run and
/// reported once, under the step's ufunc name, as the unfused kernels report them. Results
/// equal the unfused ones element for element. Reductions sum in another order: pairwise within
/// a tile, tiles combined pairwise along the row (a binary counter of partial sums), rows
/// combined in order; for float sums the result differs from NumPy's pairwise sum of the whole
/// block by a few units in the last place (the tests allow 1e-12 relative for `float64`).
public enum TileVM {
    /// Elements per tile: large enough that the per-step call is amortized, small enough that a
    /// program's live tiles stay in L2.
    public static let tileSize = 4096
}

/// A checked program, ready to run on blocks.
public struct TileKernel: Sendable {
    public let program: TileProgram
    /// The dtype of each value.
    let dtypes: [DType]
    /// For each value, the buffer slot it is computed into (-1: none needed).
    let slots: [Int]
    let slotCount: Int

    /// Checks `program` (see `TileProgram.checkedDTypes()`).
    public init(_ program: TileProgram) throws(ArrayError) {
        self.program = program
        dtypes = try program.checkedDTypes()
        // Buffer slots by liveness: a slot is free again after the last step reading its value.
        var lastUse = Array(program.steps.indices)
        for (index, step) in program.steps.enumerated() { for operand in step.operands { lastUse[operand] = index } }
        switch program.result {
        case .store(let value): lastUse[value] = program.steps.count
        case .reduce(let reduction): lastUse[reduction.value] = program.steps.count
        }
        var slots = [Int](repeating: -1, count: program.steps.count)
        var free: [Int] = []
        var count = 0
        for (index, step) in program.steps.enumerated() {
            if case .constant = step {} else {
                if let slot = free.popLast() { slots[index] = slot } else { slots[index] = count; count += 1 }
            }
            for operand in Set(step.operands) where lastUse[operand] == index && slots[operand] >= 0 {
                free.append(slots[operand])
            }
        }
        self.slots = slots
        slotCount = count
    }

    /// The dtype of the stored value or of the reduced value.
    public var resultDType: DType {
        switch program.result {
        case .store(let value): dtypes[value]
        case .reduce(let reduction): dtypes[reduction.value]
        }
    }

    /// Runs the program over a block of `shape` whose first element has global position
    /// `origin` (generators read it), with the leaf blocks in `leaves`.
    ///
    /// Throws when the leaves do not fit the program, for a negative integer power, and for an
    /// empty reduction without identity (`min` of nothing), as the unfused kernels do.
    public func run(leaves: [NDArray], shape: [Int], origin: [Int]) throws(ArrayError) -> TileOutput {
        let program = self.program
        guard shape.count == program.rank, origin.count == program.rank, leaves.count == program.leaves.count,
              shape.allSatisfy({ $0 >= 0 }) else {
            throw .value("tile program: inputs do not match the program")
        }
        // Streams: each leaf, each generator's argument, then the output; their strides per axis.
        var strides: [[Int]] = []
        var offsets: [Int] = []
        for (index, leaf) in program.leaves.enumerated() {
            let block = leaves[index]
            guard block.dtype == leaf.dtype, block.ndim == leaf.axes.count else {
                throw .value("tile program: leaf \(index) is not a \(leaf.dtype) block of \(leaf.axes.count) dimensions")
            }
            var row = [Int](repeating: 0, count: program.rank)
            var offset = block.offset
            for (dimension, axis) in leaf.axes.enumerated() {
                switch axis {
                case .axis(let a):
                    guard block.shape[dimension] == shape[a] else {
                        throw .value("tile program: leaf \(index) has length \(block.shape[dimension]) along axis \(a), not \(shape[a])")
                    }
                    row[a] += block.strides[dimension]
                case .fixed(let position):
                    guard position < block.shape[dimension] else { throw .value("tile program: leaf \(index) position out of range") }
                    offset += position * block.strides[dimension]
                }
            }
            strides.append(row)
            offsets.append(offset)
        }
        var generatorStream = [Int](repeating: -1, count: program.steps.count)
        for (index, step) in program.steps.enumerated() {
            guard case .generate(let generator) = step else { continue }
            let argument = generator.argument
            generatorStream[index] = strides.count
            strides.append(argument.coefficients)
            var base = argument.offset
            for a in 0..<program.rank { base += argument.coefficients[a] * origin[a] }
            offsets.append(base)
        }
        let outputStream = strides.count
        var keptShape = shape
        var reducedCount = 1
        if case .reduce(let reduction) = program.result {
            for axis in reduction.axes {
                keptShape[axis] = 1
                reducedCount *= shape[axis]
            }
            if reducedCount == 0 && !reduction.kind.hasIdentity {
                throw .value("zero-size array to reduction operation \(reduction.kind.ufuncName) which has no identity")
            }
        }
        strides.append(NDArray.contiguousStrides(for: keptShape).enumerated().map { keptShape[$0] == 1 ? 0 : $1 })
        offsets.append(0)
        let order = walkOrder(shape: shape, strides: strides, outputStream: outputStream)
        let rows = StridedRows(shape: order.map { shape[$0] }, strides: strides.map { stream in order.map { stream[$0] } })

        var state = RunState(kernel: self, streams: offsets.count)
        defer { state.release() }
        switch program.result {
        case .store(let value):
            let output = try NDArray(uninitialized: dtypes[value], shape: shape)
            let base = output.storage.base
            let size = dtypes[value].itemSize
            let dtype = dtypes[value]
            try walk(rows, offsets, &state, leaves: leaves, generatorStream: generatorStream, destination: value,
                     outputStream: outputStream, output: base, outputSize: size) { state, outputOffset, count in
                let target = base + outputOffset * size
                let (pointer, stride) = state.value(value)
                // A value computed into the output already is in place, unless it is one repeated element.
                if pointer != UnsafeRawPointer(target) || stride == 0 {
                    dtype.cast(pointer, stride: stride, to: dtype, target, count: count)
                }
            }
            state.finishFlags()
            return .array(output)
        case .reduce(let reduction):
            let innerReduced = rows.rowStride(outputStream) == 0 && rows.rowLength > 1
            let reducer = makeReducer(reduction, inputDType: dtypes[reduction.value], keptCount: keptShape.reduce(1, *),
                                      innerReduced: innerReduced)
            try walk(rows, offsets, &state, leaves: leaves, generatorStream: generatorStream, destination: -1,
                     outputStream: outputStream, output: nil, outputSize: 0) { state, outputOffset, count in
                let (pointer, stride) = state.value(reduction.value)
                if innerReduced {
                    reducer.reduce(pointer, stride: stride, count: count, into: outputOffset)
                } else {
                    reducer.accumulate(pointer, stride: stride, count: count, from: outputOffset)
                }
            }
            state.finishFlags()
            return try reducer.finish(keptShape: keptShape, resultDType: reduction.resultDType)
        }
    }

    /// The order to walk the block's axes in, outermost first: C order, except that a
    /// reduction walks its rows along the axis where reading is cheapest.
    ///
    /// Per stream, an axis it does not move along costs nothing (one value per row, so a unary
    /// op on it runs once per row), a contiguous one little, a strided one most (a gather, or a
    /// whole random block per element). `(sin(x[:, 0]) * x.T).sum()` thus walks down x's rows:
    /// x.T read contiguously and the sine once per row, instead of both strided. A store
    /// keeps C order (its output is written row by row), and a reduction may only move to the
    /// inside an axis it reduces or one whose outputs are adjacent (the reducers' layout).
    /// Reordering changes only the grouping of a float sum (the tests allow 1e-12 relative).
    func walkOrder(shape: [Int], strides: [[Int]], outputStream: Int) -> [Int] {
        let natural = Array(shape.indices)
        guard case .reduce = program.result, let last = natural.last else { return natural }
        let output = strides[outputStream]
        func cost(_ axis: Int) -> Int {
            strides[..<outputStream].reduce(0) { total, stream in
                total + (stream[axis] == 0 ? 0 : abs(stream[axis]) == 1 ? 1 : 4)
            }
        }
        var best = last
        var bestCost = shape[last] > 1 ? cost(last) : Int.max
        for axis in natural.dropLast() where shape[axis] > 1 && (output[axis] == 0 || output[axis] == 1) {
            let axisCost = cost(axis)
            if axisCost < bestCost { (best, bestCost) = (axis, axisCost) }
        }
        return natural.filter { $0 != best } + [best]
    }

    /// Walks the rows in tiles, evaluating every step per tile, and hands each tile's output
    /// offset and length to `consume`.
    private func walk(_ rows: StridedRows, _ offsets: [Int], _ state: inout RunState, leaves: [NDArray],
                      generatorStream: [Int], destination: Int, outputStream: Int, output: UnsafeMutableRawPointer?,
                      outputSize: Int, _ consume: (inout RunState, Int, Int) -> Void) throws(ArrayError) {
        let length = rows.rowLength
        var failure: ArrayError?
        let rowStrides = (0..<offsets.count).map { rows.rowStride($0) }
        // A row along which no input changes has one value: one tile covers it.
        let uniform = rowStrides[..<outputStream].allSatisfy { $0 == 0 }
        let tile = uniform ? Swift.max(length, 1) : TileVM.tileSize
        // Ctrl-C: a stop request is honoured between tiles, every `slabElements` or so.
        try KernelCancellation.check()
        var sinceCheck = 0
        rows.forEachRow(offsets: offsets) { rowOffsets in
            if failure != nil { return }
            var start = 0
            while start < length {
                let count = Swift.min(tile, length - start)
                do throws(ArrayError) {
                    let outputOffset = rowOffsets[outputStream] + start * rowStrides[outputStream]
                    let target = output.map { $0 + outputOffset * outputSize }
                    try evaluate(&state, leaves: leaves, rowOffsets: rowOffsets, rowStrides: rowStrides, start: start,
                                 count: count, generatorStream: generatorStream, destination: destination, target: target)
                    consume(&state, outputOffset, count)
                    sinceCheck += count
                    if sinceCheck >= KernelCancellation.slabElements {
                        sinceCheck = 0
                        try KernelCancellation.check()
                    }
                } catch {
                    failure = error
                    return
                }
                start += count
            }
        }
        if let failure { throw failure }
    }

    /// Evaluates every step over one tile: `count` elements from `start` along the row.
    private func evaluate(_ state: inout RunState, leaves: [NDArray], rowOffsets: UnsafeBufferPointer<Int>,
                          rowStrides: [Int], start: Int, count: Int, generatorStream: [Int], destination: Int,
                          target: UnsafeMutableRawPointer?) throws(ArrayError) {
        for (index, step) in program.steps.enumerated() {
            let dtype = dtypes[index]
            let buffer = index == destination && target != nil ? target! : state.buffer(slots[index])
            switch step {
            case .load(let leaf):
                let stride = rowStrides[leaf]
                let source = UnsafeRawPointer(leaves[leaf].storage.base)
                    + (rowOffsets[leaf] + start * stride) * dtype.itemSize
                if stride == 0 || stride == 1 {
                    state.set(index, source, stride)
                } else {
                    dtype.cast(source, stride: stride, to: dtype, buffer, count: count)
                    state.set(index, UnsafeRawPointer(buffer), 1)
                }
            case .constant:
                state.set(index, state.constant(index), 0)
            case .generate(let generator):
                let stream = generatorStream[index]
                let step = rowStrides[stream]
                let first = rowOffsets[stream] + start * step
                let n = step == 0 ? 1 : count
                generator.fill(buffer, first: first, step: step, count: n, scratch: state.words)
                state.set(index, UnsafeRawPointer(buffer), step == 0 ? 0 : 1)
            case .cast(let value, let target):
                let (pointer, stride) = state.value(value)
                dtypes[value].cast(pointer, stride: stride, to: target, buffer, count: stride == 0 ? 1 : count)
                state.set(index, UnsafeRawPointer(buffer), stride)
            case .unary(let op, let value):
                let (pointer, stride) = state.value(value)
                let loop = dtypes[value]
                let checksFloat = loop.isFloatingPoint && op.reportsFloatingPointErrors
                if checksFloat { ElementwiseFlags.clearFloatingPointFlags() }
                var flags = op.apply(input: pointer, output: buffer, count: stride == 0 ? 1 : count, loopDType: loop)
                if checksFloat { flags.formUnion(ElementwiseFlags.floatingPointFlags()) }
                state.flags[index].formUnion(flags)
                state.set(index, UnsafeRawPointer(buffer), stride)
            case .binary(let op, let lhs, let rhs):
                let (a, sa) = state.value(lhs)
                let (b, sb) = state.value(rhs)
                let loop = dtypes[lhs]
                let scalar = sa == 0 && sb == 0
                let checksFloat = loop.isFloatingPoint && op.reportsFloatingPointErrors
                if checksFloat { ElementwiseFlags.clearFloatingPointFlags() }
                var flags = op.apply(lhs: a, lhsStride: sa, rhs: b, rhsStride: sb, output: buffer,
                                     count: scalar ? 1 : count, loopDType: loop)
                if checksFloat { flags.formUnion(ElementwiseFlags.floatingPointFlags()) }
                if flags.contains(.negativePower) { throw .negativeIntegerPower }
                state.flags[index].formUnion(flags)
                state.set(index, UnsafeRawPointer(buffer), scalar ? 0 : 1)
            case .select(let condition, let x, let y):
                let c = state.value(condition), a = state.value(x), b = state.value(y)
                let scalar = c.1 == 0 && a.1 == 0 && b.1 == 0
                dtype.dispatch(SelectTile(condition: c, x: a, y: b, output: buffer, count: scalar ? 1 : count))
                state.set(index, UnsafeRawPointer(buffer), scalar ? 0 : 1)
            }
        }
    }
}

/// Per-run scratch: tile buffers, the current tile's value pointers, constants, flags.
struct RunState {
    let kernel: TileKernel
    /// `slotCount` tile buffers of 8-byte elements, then the random words' scratch.
    let memory: UnsafeMutableRawPointer
    let words: UnsafeMutablePointer<UInt64>
    /// Constants' bytes, 8 per step.
    let constants: UnsafeMutableRawPointer
    var pointers: [UnsafeRawPointer?]
    var strides: [Int]
    var flags: [ElementwiseFlags]

    init(kernel: TileKernel, streams: Int) {
        self.kernel = kernel
        let tileBytes = TileVM.tileSize * 8
        memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, (kernel.slotCount + 1) * tileBytes), alignment: 64)
        words = (memory + kernel.slotCount * tileBytes).bindMemory(to: UInt64.self, capacity: TileVM.tileSize)
        let steps = kernel.program.steps
        constants = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, steps.count * 8), alignment: 8)
        for (index, step) in steps.enumerated() {
            if case .constant(let value) = step {
                value.dtype.dispatch(StoreScalar(value: value, into: constants + index * 8))
            }
        }
        pointers = Array(repeating: nil, count: steps.count)
        strides = Array(repeating: 0, count: steps.count)
        flags = Array(repeating: [], count: steps.count)
    }

    func release() {
        memory.deallocate()
        constants.deallocate()
    }

    func buffer(_ slot: Int) -> UnsafeMutableRawPointer {
        memory + Swift.max(slot, 0) * TileVM.tileSize * 8
    }

    func constant(_ index: Int) -> UnsafeRawPointer { UnsafeRawPointer(constants + index * 8) }

    @inline(__always)
    mutating func set(_ index: Int, _ pointer: UnsafeRawPointer, _ stride: Int) {
        pointers[index] = pointer
        strides[index] = stride
    }

    @inline(__always)
    func value(_ index: Int) -> (UnsafeRawPointer, Int) { (pointers[index]!, strides[index]) }

    /// Reports each step's warnings once, under its ufunc's name, as the unfused kernels do.
    func finishFlags() {
        for (index, step) in kernel.program.steps.enumerated() where !flags[index].isEmpty {
            switch step {
            case .unary(let op, _): Warnings.current.emit(flags[index], in: op.numpyName)
            case .binary(let op, _, _): Warnings.current.emit(flags[index], in: op.numpyName)
            default: break
            }
        }
    }
}

/// Writes a scalar's bytes as its dtype's element.
private struct StoreScalar: ElementVisitor {
    let value: Scalar
    let into: UnsafeMutableRawPointer
    func visit<T: NDElement>(_ type: T.Type) {
        into.assumingMemoryBound(to: T.self).pointee = value.value(as: T.self)
    }
}

/// `where` over a tile: each operand contiguous (stride 1) or one repeated value (stride 0).
private struct SelectTile: ElementVisitor {
    let condition: (UnsafeRawPointer, Int)
    let x: (UnsafeRawPointer, Int)
    let y: (UnsafeRawPointer, Int)
    let output: UnsafeMutableRawPointer
    let count: Int

    func visit<T: NDElement>(_ type: T.Type) {
        let c = condition.0.assumingMemoryBound(to: Bool.self), sc = condition.1
        let a = x.0.assumingMemoryBound(to: T.self), sa = x.1
        let b = y.0.assumingMemoryBound(to: T.self), sb = y.1
        let out = output.assumingMemoryBound(to: T.self)
        if sc == 1 && sa == 1 && sb == 1 {
            for i in 0..<count { out[i] = c[i] ? a[i] : b[i] }
        } else {
            for i in 0..<count { out[i] = c[i * sc] ? a[i * sa] : b[i * sb] }
        }
    }
}
