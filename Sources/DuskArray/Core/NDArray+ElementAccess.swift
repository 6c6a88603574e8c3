extension NDArray {
    /// The storage offset (in elements) of the element at `index`, after bounds checks.
    ///
    /// Negative indices count from the end, as in NumPy.
    public func elementOffset(at index: [Int]) throws(ArrayError) -> Int {
        guard index.count == ndim else {
            if index.count > ndim { throw .tooManyIndices(ndim: ndim, given: index.count) }
            throw .index("expected \(ndim) indices to address one element, got \(index.count)")
        }
        var position = offset
        for axis in 0..<ndim {
            var i = index[axis]
            if i < 0 { i += shape[axis] }
            guard i >= 0 && i < shape[axis] else {
                throw .indexOutOfBounds(index: index[axis], axis: axis, size: shape[axis])
            }
            position += i * strides[axis]
        }
        return position
    }

    /// The element at `index` (one integer per axis; negative counts from the end).
    public func element(at index: [Int]) throws(ArrayError) -> Scalar {
        let position = try elementOffset(at: index)
        return dtype.dispatch(ReadElement(base: storage.base, position: position))
    }

    /// Writes `value` (cast to this array's dtype) at `index`. Writes are seen by every view of the storage.
    public func setElement(_ value: Scalar, at index: [Int]) throws(ArrayError) {
        let position = try elementOffset(at: index)
        dtype.dispatch(WriteElement(base: storage.base, position: position, value: value))
    }

    /// The only element of a 0-d or one-element array (NumPy's `item()`).
    public func item() throws(ArrayError) -> Scalar {
        guard count == 1 else { throw .value("can only convert an array of size 1 to a Python scalar") }
        return dtype.dispatch(ReadElement(base: storage.base, position: offset))
    }

    /// All elements in C order, cast to `T` (for tests and small conversions, not for kernels).
    public func toArray<T: NDElement>(of type: T.Type) throws(ArrayError) -> [T] {
        let converted = try self.converted(to: T.dtype).contiguous()
        return converted.withUnsafeBufferPointer(as: T.self) { Array($0) }
    }

    /// All elements in C order as scalars (for tests and printing small arrays).
    public var scalars: [Scalar] {
        dtype.dispatch(ReadAll(array: self))
    }
}

private struct ReadElement: ElementVisitor {
    let base: UnsafeMutableRawPointer
    let position: Int
    func visit<T: NDElement>(_ type: T.Type) -> Scalar {
        Scalar(base.assumingMemoryBound(to: T.self)[position])
    }
}

private struct WriteElement: ElementVisitor {
    let base: UnsafeMutableRawPointer
    let position: Int
    let value: Scalar
    func visit<T: NDElement>(_ type: T.Type) {
        base.assumingMemoryBound(to: T.self)[position] = value.value(as: T.self)
    }
}

private struct ReadAll: ElementVisitor {
    let array: NDArray
    func visit<T: NDElement>(_ type: T.Type) -> [Scalar] {
        var result: [Scalar] = []
        result.reserveCapacity(array.count)
        let rows = StridedRows(shape: array.shape, strides: [array.strides])
        let base = array.storage.base.assumingMemoryBound(to: T.self)
        let length = rows.rowLength, step = rows.rowStride(0)
        rows.forEachRow(offsets: [array.offset]) { offsets in
            for i in 0..<length { result.append(Scalar(base[offsets[0] + i * step])) }
        }
        return result
    }
}
