extension NDArray {
    /// This array if it is already C-contiguous, otherwise a C-contiguous copy.
    public func contiguous() throws(ArrayError) -> NDArray {
        isContiguous ? self : try copy()
    }

    /// A new C-contiguous array with the same elements (NumPy's `copy()`).
    public func copy() throws(ArrayError) -> NDArray {
        let result = try NDArray(uninitialized: dtype, shape: shape)
        NDArray.copyElements(from: self, to: result)
        return result
    }

    /// A copy converted to `dtype` with NumPy's casting (wrapping, truncation, `!= 0` for bool).
    ///
    /// Like NumPy's `astype(dtype, copy=True)`: always a new array.
    public func astype(_ dtype: DType) throws(ArrayError) -> NDArray {
        let result = try NDArray(uninitialized: dtype, shape: shape)
        NDArray.copyElements(from: self, to: result)
        return result
    }

    /// This array if it already has `dtype`, otherwise a converted copy (`astype(copy=False)`).
    public func converted(to dtype: DType) throws(ArrayError) -> NDArray {
        dtype == self.dtype ? self : try astype(dtype)
    }

    /// Copies every element of `source` into `destination`, casting as NumPy's `astype` does.
    ///
    /// Both must have the same shape (broadcast `source` first); either may have any strides.
    /// The two must not overlap unless they are the same elements in the same layout.
    public static func copyElements(from source: NDArray, to destination: NDArray) {
        precondition(source.shape == destination.shape, "copyElements needs equal shapes")
        source.dtype.dispatch(CopySource(source: source, destination: destination))
    }
}

private struct CopySource: ElementVisitor {
    let source: NDArray
    let destination: NDArray
    func visit<S: NDElement>(_ type: S.Type) {
        destination.dtype.dispatch(CopyKernel<S>(source: source, destination: destination))
    }
}

private struct CopyKernel<S: NDElement>: ElementVisitor {
    let source: NDArray
    let destination: NDArray

    func visit<D: NDElement>(_ type: D.Type) {
        let rows = StridedRows(shape: source.shape, strides: [source.strides, destination.strides])
        let src = source.storage.base.assumingMemoryBound(to: S.self)
        let dst = destination.storage.base.assumingMemoryBound(to: D.self)
        let length = rows.rowLength
        let sourceStride = rows.rowStride(0)
        let destinationStride = rows.rowStride(1)
        rows.forEachRow(offsets: [source.offset, destination.offset]) { offsets in
            castRow(src + offsets[0], sourceStride, dst + offsets[1], destinationStride, length)
        }
    }
}

/// Copies `count` elements with casting; the contiguous same-type case is a `memmove`.
@inlinable @inline(__always)
func castRow<S: NDElement, D: NDElement>(_ src: UnsafePointer<S>, _ sourceStride: Int,
                                         _ dst: UnsafeMutablePointer<D>, _ destinationStride: Int, _ count: Int) {
    if S.self == D.self && sourceStride == 1 && destinationStride == 1 {
        UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count * MemoryLayout<S>.stride)
    } else if sourceStride == 1 && destinationStride == 1 {
        for i in 0..<count { dst[i] = D.numpyCast(src[i]) }
    } else if sourceStride == 0 {
        let value = D.numpyCast(src[0])
        if destinationStride == 1 {
            dst.update(repeating: value, count: count)
        } else {
            for i in 0..<count { dst[i * destinationStride] = value }
        }
    } else {
        for i in 0..<count { dst[i * destinationStride] = D.numpyCast(src[i * sourceStride]) }
    }
}
