extension NDArray {
    /// Which axes a reduction over `axes` reduces: `nil` means all of them; negative axes
    /// count from the end. Errors as NumPy's: out of bounds, or an axis given twice.
    public func reducedAxisMask(_ axes: [Int]?) throws(ArrayError) -> [Bool] {
        guard let axes else { return [Bool](repeating: true, count: ndim) }
        var mask = [Bool](repeating: false, count: ndim)
        for axis in axes {
            let normalized = try normalizeAxis(axis)
            if mask[normalized] { throw ArrayError.value("duplicate value in 'axis'") }
            mask[normalized] = true
        }
        return mask
    }

    /// `axis` as an index in `0..<ndim` (negative axes count from the end).
    public func normalizeAxis(_ axis: Int) throws(ArrayError) -> Int {
        let normalized = axis < 0 ? axis + ndim : axis
        guard normalized >= 0 && normalized < ndim else {
            throw ArrayError.axisOutOfBounds(axis: axis, ndim: ndim)
        }
        return normalized
    }

    /// The shape of a reduction's result: reduced axes removed, or kept with length 1.
    static func reducedShape(_ shape: [Int], mask: [Bool], keepdims: Bool) -> [Int] {
        keepdims ? shape.indices.map { mask[$0] ? 1 : shape[$0] }
                 : shape.indices.filter { !mask[$0] }.map { shape[$0] }
    }

    /// The same contiguous data seen with another shape of the same size.
    func reshapedContiguous(_ shape: [Int]) -> NDArray {
        precondition(isContiguous || count == 0)
        return NDArray(dtype: dtype, shape: shape, strides: NDArray.contiguousStrides(for: shape),
                       offset: offset, storage: storage)
    }
}
