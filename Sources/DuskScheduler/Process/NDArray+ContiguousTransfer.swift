import DuskArray

extension NDArray {
    /// This array if it is C-contiguous, else a C-order copy of its elements.
    func contiguousForTransfer() throws -> NDArray {
        if isContiguous || count == 0 { return self }
        let copy = try NDArray(uninitialized: dtype, shape: shape)
        switch dtype.itemSize {
        case 1: gatherElements(into: copy, as: UInt8.self)
        case 2: gatherElements(into: copy, as: UInt16.self)
        case 4: gatherElements(into: copy, as: UInt32.self)
        default: gatherElements(into: copy, as: UInt64.self)
        }
        return copy
    }

    /// Copies the elements, visited in C order, into the contiguous `target`, moving
    /// them as opaque words of the dtype's width.
    private func gatherElements<Word: FixedWidthInteger>(into target: NDArray, as word: Word.Type) {
        let width = MemoryLayout<Word>.size
        let source = UnsafeRawPointer(storage.base) + offset * width
        let destination = target.storage.base
        let rank = ndim
        if rank == 0 {
            destination.storeBytes(of: source.loadUnaligned(as: Word.self), as: Word.self)
            return
        }
        let inner = shape[rank - 1]
        let innerStride = strides[rank - 1] * width
        var index = [Int](repeating: 0, count: rank)
        var written = 0
        let total = count
        while written < total {
            var start = 0
            for axis in 0 ..< rank - 1 { start += index[axis] * strides[axis] }
            var from = source + start * width
            var to = destination + written * width
            for _ in 0 ..< inner {
                to.storeBytes(of: from.loadUnaligned(as: Word.self), as: Word.self)
                from += innerStride
                to += width
            }
            written += inner
            // Odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
