extension NDArray {
    /// A C-contiguous array holding `values` in C order with the given shape (default: 1-D).
    ///
    /// `values.count` must equal the product of `shape`.
    public init<T: NDElement>(_ values: [T], shape: [Int]? = nil) throws(ArrayError) {
        let shape = shape ?? [values.count]
        let size = shape.reduce(1, *)
        guard size == values.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw .reshape(size: values.count, shape: shape)
        }
        try self.init(uninitialized: T.dtype, shape: shape)
        let destination = pointer(as: T.self)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { destination.update(from: base, count: size) }
        }
    }

    /// A 0-d array holding `scalar`, cast to `dtype` (default: the scalar's own dtype).
    public init(scalar: Scalar, dtype: DType? = nil) throws(ArrayError) {
        try self.init(uninitialized: dtype ?? scalar.dtype, shape: [])
        self.dtype.dispatch(FillKernel(array: self, value: scalar))
    }

    /// A new array of `shape` with every element set to `value` cast to `dtype`. Not
    /// interruptible: for arrays a user sizes, `NDArray.full` stops on Ctrl-C.
    public init(repeating value: Scalar, shape: [Int], dtype: DType? = nil) throws(ArrayError) {
        try self.init(uninitialized: dtype ?? value.dtype, shape: shape)
        self.dtype.dispatch(FillKernel(array: self, value: value))
    }

    /// Sets every element (through this view) to `value`, cast to this array's dtype.
    public func fill(_ value: Scalar) {
        dtype.dispatch(FillKernel(array: self, value: value))
    }
}

struct FillKernel: ElementVisitor {
    let array: NDArray
    let value: Scalar
    /// Stop early, leaving the rest unwritten, once Ctrl-C asks (`KernelCancellation`): the
    /// caller then throws `ArrayError.interrupted` and never hands the array out.
    var stopsOnRequest = false

    /// Thrown out of the row walk to stop it.
    private struct Stopped: Error {}

    func visit<T: NDElement>(_ type: T.Type) {
        let element = value.value(as: T.self)
        let rows = StridedRows(shape: array.shape, strides: [array.strides])
        let base = array.storage.base.assumingMemoryBound(to: T.self)
        let length = rows.rowLength
        let step = rows.rowStride(0)
        let slab = stopsOnRequest ? KernelCancellation.slabElements : Int.max
        var sinceCheck = 0
        try? rows.forEachRow(offsets: [array.offset]) { offsets in
            let start = base + offsets[0]
            var done = 0
            while done < length {
                let n = Swift.min(length - done, slab - sinceCheck)
                if step == 1 {
                    (start + done).update(repeating: element, count: n)
                } else {
                    for i in done..<(done + n) { start[i * step] = element }
                }
                done += n
                sinceCheck += n
                if sinceCheck >= slab {
                    if KernelCancellation.isRequested { throw Stopped() }
                    sinceCheck = 0
                }
            }
        }
    }
}
