extension NDArray {
    /// The indices of the nonzero elements, one `int64` array per axis (NumPy's `nonzero`).
    ///
    /// A 0-d array is treated as 1-D, as NumPy's deprecated behaviour does.
    public func nonzero() throws(ArrayError) -> [NDArray] {
        let flags = try self.converted(to: .bool).contiguous()
        let rank = Swift.max(ndim, 1)
        let dims = ndim == 0 ? [1] : shape
        let total = flags.count
        let mask = flags.pointer(as: Bool.self)
        var selected = 0
        for i in 0..<total where mask[i] { selected += 1 }
        let results = try (0..<rank).map { _ throws(ArrayError) in try NDArray(uninitialized: .int64, shape: [selected]) }
        let outputs = results.map { $0.pointer(as: Int64.self) }
        var index = [Int64](repeating: 0, count: rank)
        var written = 0
        for i in 0..<total {
            if mask[i] {
                for axis in 0..<rank { outputs[axis][written] = index[axis] }
                written += 1
            }
            // Advance the C-order multi-index.
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < Int64(dims[axis]) { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return results
    }

    /// The number of nonzero elements (NumPy's `count_nonzero` with no axis).
    public func countNonzero() throws(ArrayError) -> Int {
        let flags = try self.converted(to: .bool).contiguous()
        // A bool is stored as one byte, 0 or 1: summing bytes vectorizes.
        let bytes = UnsafeRawPointer(flags.pointer(as: Bool.self)).assumingMemoryBound(to: UInt8.self)
        var selected = 0
        for i in 0..<flags.count { selected &+= Int(bytes[i]) }
        return selected
    }
}
