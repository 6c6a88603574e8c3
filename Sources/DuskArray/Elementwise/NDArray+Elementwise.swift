extension NDArray {
    /// NumPy's `op(lhs, rhs)`: broadcasting, NEP 50 promotion, a new C-contiguous result.
    ///
    /// Warnings (division by zero, overflow, invalid values) go to `Warnings.current`, once each.
    public static func binary(_ op: BinaryOp, _ lhs: Operand, _ rhs: Operand) throws(ArrayError) -> NDArray {
        let (loop, result) = try op.resolve(lhs, rhs)
        let a = try lhs.checkedScalarArray(dtype: loop)
        let b = try rhs.checkedScalarArray(dtype: loop)
        let shape = try broadcastShapes(a.shape, b.shape)
        let output = try NDArray(uninitialized: result, shape: shape)
        try finishBinary(op, loop: loop, lhs: a, rhs: b, output: output)
        return output
    }

    /// Runs the kernel over inputs already converted for `loop` into an output of the result
    /// dtype whose rows are contiguous; reports warnings, throws for negative integer powers.
    static func finishBinary(_ op: BinaryOp, loop: DType, lhs: NDArray, rhs: NDArray, output: NDArray) throws(ArrayError) {
        let checksFloat = loop.isFloatingPoint && op.reportsFloatingPointErrors
        if checksFloat { ElementwiseFlags.clearFloatingPointFlags() }
        var flags = loop.dispatch(BinaryDriver(op: op, lhs: lhs, rhs: rhs, output: output))
        if checksFloat { flags.formUnion(ElementwiseFlags.floatingPointFlags()) }
        if flags.contains(.interrupted) { throw .interrupted }
        if flags.contains(.negativePower) { throw .negativeIntegerPower }
        Warnings.current.emit(flags, in: op.numpyName)
    }

    /// NumPy's `op(lhs, rhs)` for two arrays (see `binary(_:_:_:)` with operands).
    ///
    /// When `lhs` is a temporary (its storage referenced by nothing else, as for the
    /// `a * b` in `a * b + c`) of the result's dtype and shape, the result is written into
    /// it instead of new memory, as NumPy's temporary elision does.
    public static func binary(_ op: BinaryOp, _ lhs: consuming NDArray, _ rhs: NDArray) throws(ArrayError) -> NDArray {
        if lhs.count >= elisionThreshold && lhs.isContiguous && isKnownUniquelyReferenced(&lhs.storage) {
            let (loop, result) = try op.resolve(.array(lhs), .array(rhs))
            if loop == lhs.dtype && result == lhs.dtype && rhs.dtype == loop && rhs.storage !== lhs.storage,
               (try? broadcastShapes(lhs.shape, rhs.shape)) == lhs.shape {
                try finishBinary(op, loop: loop, lhs: lhs, rhs: rhs, output: lhs)
                return lhs
            }
        }
        return try binary(op, .array(lhs), .array(rhs))
    }

    /// Temporaries smaller than this are not reused (allocation is cheap below the pool's threshold).
    static let elisionThreshold = BufferPool.largeThreshold / 8

    /// NumPy's `op(self)`: a new C-contiguous array of the op's result dtype.
    public func unary(_ op: UnaryOp) throws(ArrayError) -> NDArray {
        let (loop, result) = try op.resolve(dtype)
        let output = try NDArray(uninitialized: result, shape: shape)
        let checksFloat = loop.isFloatingPoint && op.reportsFloatingPointErrors
        if checksFloat { ElementwiseFlags.clearFloatingPointFlags() }
        var flags = loop.dispatch(UnaryDriver(op: op, input: self, output: output))
        if checksFloat { flags.formUnion(ElementwiseFlags.floatingPointFlags()) }
        if flags.contains(.interrupted) { throw .interrupted }
        Warnings.current.emit(flags, in: op.numpyName)
        return output
    }
}

/// Elements per tile when inputs must be cast or gathered before a kernel runs.
let elementwiseTileSize = 1024

/// Points at `count` elements of `array` (from storage offset `start`, step `stride`) as `T`
/// with stride 0 or 1: the array's own memory when it already fits, else `buffer` filled by
/// casting or gathering.
@inlinable @inline(__always)
func prepareTile<T: NDElement>(_ array: NDArray, start: Int, stride: Int, count: Int,
                               buffer: UnsafeMutablePointer<T>) -> (UnsafePointer<T>, Int) {
    if array.dtype == T.dtype && (stride == 0 || stride == 1) {
        return (UnsafePointer(array.storage.base.assumingMemoryBound(to: T.self) + start), stride)
    }
    let n = stride == 0 ? 1 : count
    array.dtype.dispatch(CastIntoTile(source: array.storage.base, start: start, stride: stride,
                                      count: n, destination: UnsafeMutableRawPointer(buffer), destinationType: T.self))
    return (UnsafePointer(buffer), stride == 0 ? 0 : 1)
}

@usableFromInline
struct CastIntoTile<D: NDElement>: ElementVisitor {
    let source: UnsafeMutableRawPointer
    let start: Int
    let stride: Int
    let count: Int
    let destination: UnsafeMutableRawPointer
    let destinationType: D.Type

    @usableFromInline
    init(source: UnsafeMutableRawPointer, start: Int, stride: Int, count: Int,
         destination: UnsafeMutableRawPointer, destinationType: D.Type) {
        self.source = source
        self.start = start
        self.stride = stride
        self.count = count
        self.destination = destination
        self.destinationType = destinationType
    }

    @usableFromInline
    func visit<S: NDElement>(_ type: S.Type) {
        castRow(source.assumingMemoryBound(to: S.self) + start, stride,
                destination.assumingMemoryBound(to: D.self), 1, count)
    }
}

struct BinaryDriver: ElementVisitor {
    let op: BinaryOp
    let lhs: NDArray
    let rhs: NDArray
    let output: NDArray

    func visit<T: NDElement>(_ type: T.Type) -> ElementwiseFlags {
        let shape = output.shape
        let rows = StridedRows(shape: shape, strides: [lhs.broadcastStrides(to: shape)!, rhs.broadcastStrides(to: shape)!,
                                                       output.strides])
        let length = rows.rowLength
        let lhsStride = rows.rowStride(0), rhsStride = rows.rowStride(1)
        let outputBase = output.storage.base
        let outputSize = output.dtype.itemSize
        var flags: ElementwiseFlags = []
        let direct = lhs.dtype == T.dtype && rhs.dtype == T.dtype && (lhsStride == 0 || lhsStride == 1)
            && (rhsStride == 0 || rhsStride == 1)
        if direct {
            let a = lhs.storage.base.assumingMemoryBound(to: T.self)
            let b = rhs.storage.base.assumingMemoryBound(to: T.self)
            rows.forEachRow(offsets: [lhs.offset, rhs.offset, output.offset]) { offsets in
                var done = 0
                while done < length {
                    if KernelCancellation.isRequested { flags.insert(.interrupted); return }
                    let n = Swift.min(KernelCancellation.slabElements, length - done)
                    flags.formUnion(op.apply(a + offsets[0] + done * lhsStride, lhsStride, b + offsets[1] + done * rhsStride,
                                             rhsStride, into: outputBase + (offsets[2] + done) * outputSize, count: n))
                    done += n
                }
            }
            return flags
        }
        withUnsafeTemporaryAllocation(of: T.self, capacity: 2 * elementwiseTileSize) { buffers in
            let bufferA = buffers.baseAddress!, bufferB = bufferA + elementwiseTileSize
            var sinceCheck = 0
            rows.forEachRow(offsets: [lhs.offset, rhs.offset, output.offset]) { offsets in
                var done = 0
                while done < length {
                    if sinceCheck >= KernelCancellation.slabElements {
                        if KernelCancellation.isRequested { flags.insert(.interrupted); return }
                        sinceCheck = 0
                    }
                    let n = Swift.min(elementwiseTileSize, length - done)
                    sinceCheck += n
                    let (a, sa) = prepareTile(lhs, start: offsets[0] + done * lhsStride, stride: lhsStride, count: n, buffer: bufferA)
                    let (b, sb) = prepareTile(rhs, start: offsets[1] + done * rhsStride, stride: rhsStride, count: n, buffer: bufferB)
                    flags.formUnion(op.apply(a, sa, b, sb, into: outputBase + (offsets[2] + done) * outputSize, count: n))
                    done += n
                }
            }
        }
        return flags
    }
}

struct UnaryDriver: ElementVisitor {
    let op: UnaryOp
    let input: NDArray
    let output: NDArray

    func visit<T: NDElement>(_ type: T.Type) -> ElementwiseFlags {
        let rows = StridedRows(shape: input.shape, strides: [input.strides, output.strides])
        let length = rows.rowLength
        let inputStride = rows.rowStride(0)
        let outputBase = output.storage.base
        let outputSize = output.dtype.itemSize
        var flags: ElementwiseFlags = []
        if input.dtype == T.dtype && inputStride == 1 {
            let x = input.storage.base.assumingMemoryBound(to: T.self)
            rows.forEachRow(offsets: [input.offset, output.offset]) { offsets in
                var done = 0
                while done < length {
                    if KernelCancellation.isRequested { flags.insert(.interrupted); return }
                    let n = Swift.min(KernelCancellation.slabElements, length - done)
                    flags.formUnion(op.apply(x + offsets[0] + done, into: outputBase + (offsets[1] + done) * outputSize,
                                             count: n))
                    done += n
                }
            }
            return flags
        }
        withUnsafeTemporaryAllocation(of: T.self, capacity: elementwiseTileSize) { buffer in
            let tile = buffer.baseAddress!
            var sinceCheck = 0
            rows.forEachRow(offsets: [input.offset, output.offset]) { offsets in
                var done = 0
                while done < length {
                    if sinceCheck >= KernelCancellation.slabElements {
                        if KernelCancellation.isRequested { flags.insert(.interrupted); return }
                        sinceCheck = 0
                    }
                    let n = Swift.min(elementwiseTileSize, length - done)
                    sinceCheck += n
                    let (x, sx) = prepareTile(input, start: offsets[0] + done * inputStride, stride: inputStride,
                                              count: n, buffer: tile)
                    if sx == 0 {
                        // A broadcast row: gather the one value into the tile.
                        tile.update(repeating: x[0], count: n)
                    }
                    flags.formUnion(op.apply(sx == 0 ? UnsafePointer(tile) : x, into: outputBase + (offsets[1] + done) * outputSize, count: n))
                    done += n
                }
            }
        }
        return flags
    }
}
