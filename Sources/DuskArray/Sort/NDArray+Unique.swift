// NumPy's unique: the sorted distinct elements (or slices along an axis), with the
// indices of their first occurrences, the inverse mapping and the counts on request.

/// What `unique` returns; the optional parts are present when asked for.
public struct UniqueResult: Sendable {
    public var values: NDArray
    /// Index of each value's first occurrence (`int64`).
    public var indices: NDArray?
    /// For each element (or slice), the index of its value in `values` (`int64`).
    public var inverse: NDArray?
    /// How often each value occurs (`int64`).
    public var counts: NDArray?
}

/// Run boundaries of sorted keys: where each run of equal elements starts.
private struct RunStarts: SortVisitor {
    let sorted: NDArray
    let equalNaN: Bool

    func visit<T: SortableElement>(_ type: T.Type) -> [Int] {
        let n = sorted.count
        guard n > 0 else { return [] }
        let p = sorted.pointer(as: T.self)
        var starts = [0]
        var previous = T.key(p[0])
        for i in 1..<n {
            let k = T.key(p[i])
            if k != previous || (!equalNaN && T.isNaN(p[i])) { starts.append(i) }
            previous = k
        }
        return starts
    }
}

/// Whether row `a` and row `b` (of `width` elements) of a contiguous 2-d array hold equal keys.
private struct RowsEqual: SortVisitor {
    let rows: NDArray
    let width: Int
    let order: UnsafePointer<Int64>
    let equalNaN: Bool

    func visit<T: SortableElement>(_ type: T.Type) -> [Int] {
        let count = rows.shape[0]
        guard count > 0 else { return [] }
        let p = rows.pointer(as: T.self)
        var starts = [0]
        for i in 1..<count {
            let (a, b) = (p + Int(order[i - 1]) * width, p + Int(order[i]) * width)
            var same = true
            for j in 0..<width where T.key(a[j]) != T.key(b[j]) || (!equalNaN && T.isNaN(a[j])) {
                same = false
                break
            }
            if !same { starts.append(i) }
        }
        return starts
    }
}

extension NDArray {
    /// NumPy's `unique`: the distinct elements, sorted (or the distinct slices along `axis`,
    /// in lexicographic order). NaNs count as one value when `equalNaN`.
    ///
    /// - Complexity: one sort (a radix sort, see `sorted(axis:)`) and one pass.
    public func unique(axis: Int? = nil, equalNaN: Bool = true, returnIndex: Bool = false,
                       returnInverse: Bool = false, returnCounts: Bool = false) throws(ArrayError) -> UniqueResult {
        if let axis { return try uniqueSlices(axis: axis, equalNaN: equalNaN, returnIndex: returnIndex,
                                              returnInverse: returnInverse, returnCounts: returnCounts) }
        let n = count
        var result: UniqueResult
        if !returnIndex && !returnInverse {
            let sorted = try self.sorted(axis: nil)
            let starts = dtype.dispatchSortable(RunStarts(sorted: sorted, equalNaN: equalNaN))
            let positions = try NDArray(starts.map(Int64.init), shape: [starts.count])
            result = UniqueResult(values: try sorted.indexed([.array(positions)]))
            if returnCounts { result.counts = try NDArray.runLengths(starts, total: n) }
            return result
        }
        let order = try argsort(axis: nil)
        let sorted = try flattened().indexed([.array(order)])
        let starts = dtype.dispatchSortable(RunStarts(sorted: sorted, equalNaN: equalNaN))
        let positions = try NDArray(starts.map(Int64.init), shape: [starts.count])
        result = UniqueResult(values: try sorted.indexed([.array(positions)]))
        if returnIndex { result.indices = try order.indexed([.array(positions)]) }
        if returnInverse { result.inverse = try NDArray.inverse(order: order, starts: starts, shape: shape) }
        if returnCounts { result.counts = try NDArray.runLengths(starts, total: n) }
        return result
    }

    /// `unique(axis=)`: slices compared as rows of their elements, ordered lexicographically.
    private func uniqueSlices(axis: Int, equalNaN: Bool, returnIndex: Bool, returnInverse: Bool,
                              returnCounts: Bool) throws(ArrayError) -> UniqueResult {
        let a = try normalizedAxis(axis, ndim: ndim)
        let moved = try movingAxes(from: [a], to: [0]).copy()
        let n = shape[a]
        let width = n == 0 ? 0 : moved.count / n
        let rows = moved.reshapedContiguous([n, width])
        // A lexicographic order: stable sorts by the last column first.
        var order = try NDArray((0..<Int64(n)).map { $0 }, shape: [n])
        for column in Swift.stride(from: width - 1, through: 0, by: -1) {
            let keys = try rows.indexed([.array(order), .int(column)])
            order = try order.indexed([.array(try keys.argsort(axis: 0))])
        }
        let starts = order.withUnsafeBufferPointer(as: Int64.self) { buffer in
            dtype.dispatchSortable(RowsEqual(rows: rows, width: width, order: buffer.baseAddress!, equalNaN: equalNaN))
        }
        let firsts = try order.indexed([.array(try NDArray(starts.map(Int64.init), shape: [starts.count]))])
        let picked = try rows.indexed([.array(firsts)])
        var valueShape = moved.shape
        valueShape[0] = starts.count
        var result = UniqueResult(values: try picked.reshaped(valueShape).movingAxes(from: [0], to: [a]).copy())
        if returnIndex { result.indices = firsts }
        if returnInverse { result.inverse = try NDArray.inverse(order: order, starts: starts, shape: [n]) }
        if returnCounts { result.counts = try NDArray.runLengths(starts, total: n) }
        return result
    }

    /// The lengths of runs starting at `starts` in a sequence of `total` elements.
    private static func runLengths(_ starts: [Int], total: Int) throws(ArrayError) -> NDArray {
        let counts = try NDArray(uninitialized: .int64, shape: [starts.count])
        let p = counts.pointer(as: Int64.self)
        for (i, start) in starts.enumerated() {
            p[i] = Int64((i + 1 < starts.count ? starts[i + 1] : total) - start)
        }
        return counts
    }

    /// For each original position, the number of the run its element sorted into.
    private static func inverse(order: NDArray, starts: [Int], shape: [Int]) throws(ArrayError) -> NDArray {
        let inverse = try NDArray(uninitialized: .int64, shape: shape)
        let out = inverse.pointer(as: Int64.self)
        let permutation = order.pointer(as: Int64.self)
        var run = -1, next = 0
        for i in 0..<order.count {
            if next < starts.count && starts[next] == i {
                run += 1
                next += 1
            }
            out[Int(permutation[i])] = Int64(run)
        }
        return inverse
    }
}
