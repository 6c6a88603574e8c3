// NumPy's searchsorted: insertion points in a sorted 1-d array, by binary search.

/// Binary searches for each value, comparing sort keys (so NaN sorts last, as in `sort`).
private struct SearchKernel: SortVisitor {
    let sorted: NDArray
    let sorter: NDArray?
    let values: NDArray
    let right: Bool
    let output: NDArray

    func visit<T: SortableElement>(_ type: T.Type) {
        let n = sorted.count
        let a = sorted.pointer(as: T.self)
        let order = sorter?.pointer(as: Int64.self)
        let v = values.pointer(as: T.self)
        let out = output.pointer(as: Int64.self)
        for i in 0..<values.count {
            let key = T.key(v[i])
            var low = 0, high = n
            while low < high {
                let middle = (low + high) / 2
                let element = T.key(a[order.map { Int($0[middle]) } ?? middle])
                if right ? element <= key : element < key { low = middle + 1 } else { high = middle }
            }
            out[i] = Int64(low)
        }
    }
}

extension NDArray {
    /// NumPy's `searchsorted(a, v, side, sorter)`: for each element of `values`, the index
    /// where inserting it into this sorted 1-d array keeps it sorted (`right`: after equal
    /// elements). `sorter` holds indices that sort this array when it is not sorted itself.
    ///
    /// - Complexity: O(m log n) for m values.
    public func searchSorted(_ values: NDArray, right: Bool = false, sorter: NDArray? = nil) throws(ArrayError) -> NDArray {
        guard ndim == 1 else { throw .value("object too deep for desired array") }
        if let sorter {
            guard sorter.shape == shape else { throw .value("sorter.size must equal a.size") }
            guard sorter.dtype.isInteger else { throw .type("sorter must only contain integers") }
        }
        let order = try sorter.map { (s: NDArray) throws(ArrayError) -> NDArray in
            let indices = try s.converted(to: .int64).contiguous()
            let p = indices.pointer(as: Int64.self)
            for i in 0..<indices.count where p[i] < 0 || p[i] >= Int64(count) {
                throw .value("Sorter index out of range.")
            }
            return indices
        }
        let common = DType.promote(dtype, values.dtype)
        let haystack = try converted(to: common).contiguous()
        let needles = try values.converted(to: common).contiguous()
        let output = try NDArray(uninitialized: .int64, shape: values.shape)
        common.dispatchSortable(SearchKernel(sorted: haystack, sorter: order, values: needles, right: right, output: output))
        return output
    }
}
