extension NDArray {
    /// NumPy's `a[index] = value`: writes through basic views, integer arrays and masks,
    /// broadcasting `value` to the indexed shape and casting it to this array's dtype.
    ///
    /// A Python int that does not fit this array's integer dtype is an error, as in NumPy 2.
    /// Where integer indices repeat, the last write wins.
    public func setSubscript(_ index: [Index], value: Operand) throws(ArrayError) {
        var source = try value.checkedScalarArray(dtype: dtype)
        if source.storage === storage { source = try source.copy() }

        if let mask = fullMask(index) {
            try assign(source, toMask: mask)
            return
        }
        let plan = try IndexPlan(array: self, index: index)
        let target = plan.resultShape
        if plan.isBasic {
            let broadcast: NDArray
            do {
                broadcast = try NDArray.trimmingLeadingOnes(source, toRank: target.count).broadcast(to: target)
            } catch {
                throw .broadcastInto(from: source.shape, to: target)
            }
            NDArray.copyElements(from: broadcast, to: plan.view)
            return
        }
        let broadcast: NDArray
        do {
            broadcast = try NDArray.trimmingLeadingOnes(source, toRank: target.count).broadcast(to: target)
        } catch {
            throw .value("shape mismatch: value array of shape \(formatShape(source.shape)) could not be broadcast to indexing result of shape \(formatShape(target))")
        }
        let values = plan.broadcastFirst(try broadcast.converted(to: dtype))
        let blockRank = plan.broadcastShape.count
        let inner = plan.innerAxes
        IndexedCopy(
            innerShape: inner.map { plan.view.shape[$0] },
            source: values,
            sourceBases: enumerateOffsets(shape: plan.broadcastShape, strides: Array(values.strides.prefix(blockRank)),
                                          base: values.offset),
            sourceInnerStrides: Array(values.strides.dropFirst(blockRank)),
            destination: plan.view,
            destinationBases: plan.viewBases(),
            destinationInnerStrides: inner.map { plan.view.strides[$0] }
        ).run()
    }

    /// `a[index] = value` for an array value.
    public func setSubscript(_ index: [Index], value: NDArray) throws(ArrayError) {
        try setSubscript(index, value: .array(value))
    }

    /// `a[mask] = value` for a mask of the array's shape: one value for all, or one per selected element.
    private func assign(_ source: NDArray, toMask mask: NDArray) throws(ArrayError) {
        if source.count == 1 {
            let single = try source.converted(to: dtype).contiguous()
            let packed = NDArray(dtype: dtype, shape: [1], strides: [1], offset: single.offset, storage: single.storage)
            dtype.dispatch(MaskKernel(array: self, mask: mask, values: packed, mode: .fill))
            return
        }
        let selected = try mask.countNonzero()
        let flat = NDArray.trimmingLeadingOnes(source, toRank: 1)
        guard flat.shape == [selected] else {
            throw .value("NumPy boolean array indexing assignment cannot assign \(source.count) input values to the \(selected) output values where the mask is true")
        }
        let packed = try flat.converted(to: dtype).contiguous()
        dtype.dispatch(MaskKernel(array: self, mask: mask, values: packed, mode: .scatter))
    }

    /// Drops leading length-1 axes while the array has more than `rank` axes (NumPy allows
    /// `a[0] = [[1, 2, 3]]` into a row).
    static func trimmingLeadingOnes(_ array: NDArray, toRank rank: Int) -> NDArray {
        var result = array
        while result.ndim > rank && result.shape[0] == 1 {
            result = NDArray(dtype: result.dtype, shape: Array(result.shape.dropFirst()),
                             strides: Array(result.strides.dropFirst()), offset: result.offset, storage: result.storage)
        }
        return result
    }
}
