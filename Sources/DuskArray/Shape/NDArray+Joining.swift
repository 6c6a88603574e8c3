extension NDArray {
    /// Joins arrays along an existing axis (NumPy's `concatenate`); dtypes are promoted.
    ///
    /// `axis: nil` flattens every input first, as NumPy does.
    public static func concatenate(_ arrays: [NDArray], axis: Int? = 0) throws(ArrayError) -> NDArray {
        guard let first = arrays.first else { throw .value("need at least one array to concatenate") }
        guard let axis else {
            return try concatenate(arrays.map { a throws(ArrayError) in try a.raveled() }, axis: 0)
        }
        guard first.ndim > 0 else { throw .value("zero-dimensional arrays cannot be concatenated") }
        let along = try normalizedAxis(axis, ndim: first.ndim)
        var total = 0
        for (index, array) in arrays.enumerated() {
            guard array.ndim == first.ndim else {
                throw .value("all the input arrays must have same number of dimensions, but the array at index 0 has \(first.ndim) dimension(s) and the array at index \(index) has \(array.ndim) dimension(s)")
            }
            for dimension in 0..<first.ndim where dimension != along && array.shape[dimension] != first.shape[dimension] {
                throw .value("all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(dimension), the array at index 0 has size \(first.shape[dimension]) and the array at index \(index) has size \(array.shape[dimension])")
            }
            total += array.shape[along]
        }
        var shape = first.shape
        shape[along] = total
        let dtype = DType.promote(arrays.map(\.dtype))!
        let result = try NDArray(uninitialized: dtype, shape: shape)
        var start = 0
        for array in arrays {
            let part = NDArray(dtype: dtype, shape: array.shape, strides: result.strides,
                               offset: start * result.strides[along], storage: result.storage)
            NDArray.copyElements(from: array, to: part)
            start += array.shape[along]
        }
        return result
    }

    /// Joins same-shaped arrays along a new axis (NumPy's `stack`).
    public static func stack(_ arrays: [NDArray], axis: Int = 0) throws(ArrayError) -> NDArray {
        guard let first = arrays.first else { throw .value("need at least one array to stack") }
        guard arrays.allSatisfy({ $0.shape == first.shape }) else {
            throw .value("all input arrays must have the same shape")
        }
        let along = try normalizedAxis(axis, ndim: first.ndim + 1)
        let expanded = try arrays.map { (array) throws(ArrayError) in try array.expandingDimensions(at: [along]) }
        return try concatenate(expanded, axis: along)
    }
}
