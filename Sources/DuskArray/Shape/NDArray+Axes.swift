extension NDArray {
    /// A view with axes permuted (NumPy's `transpose(axes)`); nil `axes` reverses them.
    public func transposed(_ axes: [Int]? = nil) throws(ArrayError) -> NDArray {
        guard let axes else { return T }
        guard axes.count == ndim else { throw .value("axes don't match array") }
        var seen = [Bool](repeating: false, count: ndim)
        var order: [Int] = []
        for axis in axes {
            let normalized = try normalizedAxis(axis, ndim: ndim)
            if seen[normalized] { throw .value("repeated axis in transpose") }
            seen[normalized] = true
            order.append(normalized)
        }
        return NDArray(dtype: dtype, shape: order.map { shape[$0] }, strides: order.map { strides[$0] },
                       offset: offset, storage: storage)
    }

    /// The view with all axes reversed (NumPy's `.T`).
    public var T: NDArray {
        NDArray(dtype: dtype, shape: shape.reversed(), strides: strides.reversed(), offset: offset, storage: storage)
    }

    /// A view with two axes exchanged.
    public func swappingAxes(_ first: Int, _ second: Int) throws(ArrayError) -> NDArray {
        let a = try normalizedAxis(first, ndim: ndim, argument: "axis1")
        let b = try normalizedAxis(second, ndim: ndim, argument: "axis2")
        var order = Array(0..<ndim)
        order.swapAt(a, b)
        return try transposed(order)
    }

    /// A view with axes moved to new positions, the others keeping their order (NumPy's `moveaxis`).
    public func movingAxes(from source: [Int], to destination: [Int]) throws(ArrayError) -> NDArray {
        guard source.count == destination.count else {
            throw .value("`source` and `destination` arguments must have the same number of elements")
        }
        var from: [Int] = []
        for axis in source { from.append(try normalizedAxis(axis, ndim: ndim, argument: "source")) }
        var to: [Int] = []
        for axis in destination { to.append(try normalizedAxis(axis, ndim: ndim, argument: "destination")) }
        guard Set(from).count == from.count else { throw .value("repeated axis in `source` argument") }
        guard Set(to).count == to.count else { throw .value("repeated axis in `destination` argument") }
        var order = (0..<ndim).filter { !from.contains($0) }
        for (destinationAxis, sourceAxis) in zip(to, from).sorted(by: { $0.0 < $1.0 }) {
            order.insert(sourceAxis, at: destinationAxis)
        }
        return try transposed(order)
    }

    /// Removes length-1 axes: all of them, or those listed (NumPy's `squeeze`).
    public func squeezed(axes: [Int]? = nil) throws(ArrayError) -> NDArray {
        var drop = Set<Int>()
        if let axes {
            for axis in axes {
                let normalized = try normalizedAxis(axis, ndim: ndim)
                guard shape[normalized] == 1 else {
                    throw .value("cannot select an axis to squeeze out which has size not equal to one")
                }
                drop.insert(normalized)
            }
        } else {
            drop = Set(shape.indices.filter { shape[$0] == 1 })
        }
        let keep = shape.indices.filter { !drop.contains($0) }
        return NDArray(dtype: dtype, shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] },
                       offset: offset, storage: storage)
    }

    /// Inserts length-1 axes at the given positions of the result (NumPy's `expand_dims`).
    public func expandingDimensions(at axes: [Int]) throws(ArrayError) -> NDArray {
        let rank = ndim + axes.count
        var inserted = Set<Int>()
        for axis in axes {
            let normalized = try normalizedAxis(axis, ndim: rank)
            guard inserted.insert(normalized).inserted else { throw .value("repeated axis") }
        }
        var newShape: [Int] = [], newStrides: [Int] = []
        var source = 0
        for axis in 0..<rank {
            if inserted.contains(axis) {
                newShape.append(1)
                newStrides.append(0)
            } else {
                newShape.append(shape[source])
                newStrides.append(strides[source])
                source += 1
            }
        }
        return NDArray(dtype: dtype, shape: newShape, strides: newStrides, offset: offset, storage: storage)
    }
}
