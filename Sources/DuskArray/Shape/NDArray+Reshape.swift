extension NDArray {
    /// NumPy's `reshape`: a view when the layout allows it, otherwise a C-order copy.
    ///
    /// One dimension may be `-1` and is inferred from the size.
    public func reshaped(_ newShape: [Int]) throws(ArrayError) -> NDArray {
        let target = try resolveShape(newShape)
        if target == shape { return self }
        if let viewStrides = reshapeStrides(to: target) {
            return NDArray(dtype: dtype, shape: target, strides: viewStrides, offset: offset, storage: storage)
        }
        let copied = try copy()
        return NDArray(dtype: dtype, shape: target, strides: NDArray.contiguousStrides(for: target),
                       offset: 0, storage: copied.storage)
    }

    /// The shape `reshape` would produce, with `-1` resolved.
    public func resolveShape(_ newShape: [Int]) throws(ArrayError) -> [Int] {
        try NDArray.checkRank(newShape.count)
        let unknown = newShape.indices.filter { newShape[$0] < 0 }
        if unknown.count > 1 { throw .value("can only specify one unknown dimension") }
        if let bad = newShape.first(where: { $0 < -1 }) {
            throw .value("negative dimensions not allowed (got \(bad))")
        }
        // A product that overflows cannot equal `count`, which fits in an `Int`.
        let known = NDArray.checkedProduct(newShape.filter { $0 >= 0 })
        guard let hole = unknown.first else {
            guard known == count else { throw .reshape(size: count, shape: newShape) }
            return newShape
        }
        guard let known, known != 0, count % known == 0 else {
            // NumPy spells the unknown axis `newaxis`, except in first place where it drops it.
            let spelled = newShape.enumerated().compactMap { axis, size in
                size < 0 ? (axis == 0 ? nil : "newaxis") : String(size)
            }
            let text = "(" + spelled.joined(separator: ",") + ")"
            throw .value("cannot reshape array of size \(count) into shape \(text)")
        }
        var resolved = newShape
        resolved[hole] = count / known
        return resolved
    }

    /// Strides that view this array's elements, in C order, as `target`; nil when a copy is needed.
    ///
    /// Works axis group by axis group: each run of old axes that multiply to a run of new axes
    /// must be contiguous among themselves.
    func reshapeStrides(to target: [Int]) -> [Int]? {
        if count == 0 || isContiguous { return NDArray.contiguousStrides(for: target) }
        // Drop length-1 axes of the source; they carry no layout information.
        let oldAxes = shape.indices.filter { shape[$0] != 1 }
        let oldShape = oldAxes.map { shape[$0] }
        let oldStrides = oldAxes.map { strides[$0] }
        var result = [Int](repeating: 0, count: target.count)
        var oi = 0, ni = 0
        while ni < target.count {
            if target[ni] == 1 {
                result[ni] = ni + 1 < target.count ? 0 : 1
                ni += 1
                continue
            }
            guard oi < oldShape.count else { return nil }
            // Grow a group of old and new axes until their products agree.
            var oldProduct = oldShape[oi], newProduct = target[ni]
            let oldStart = oi, newStart = ni
            while oldProduct != newProduct {
                if oldProduct < newProduct {
                    oi += 1
                    guard oi < oldShape.count else { return nil }
                    oldProduct *= oldShape[oi]
                } else {
                    ni += 1
                    guard ni < target.count else { return nil }
                    newProduct *= target[ni]
                }
            }
            // The old axes of the group must be mutually contiguous.
            for k in oldStart..<oi where oldStrides[k] != oldStrides[k + 1] * oldShape[k + 1] {
                return nil
            }
            var step = oldStrides[oi]
            for k in stride(from: ni, through: newStart, by: -1) {
                result[k] = step
                step *= target[k]
            }
            oi += 1
            ni += 1
        }
        return oi == oldShape.count ? result : nil
    }

    /// The elements in C order as a 1-D array: a view when possible (NumPy's `ravel`).
    public func raveled() throws(ArrayError) -> NDArray {
        if let view = try? reshaped([count]) { return view }
        return try copy()
    }

    /// A 1-D copy of the elements in C order (NumPy's `flatten`).
    public func flattened() throws(ArrayError) -> NDArray {
        let copied = try copy()
        return NDArray(dtype: dtype, shape: [count], strides: [1], offset: 0, storage: copied.storage)
    }
}
