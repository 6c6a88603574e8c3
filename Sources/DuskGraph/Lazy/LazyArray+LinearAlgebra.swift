import DuskArray
import DuskSyntax

extension LazyArray {
    /// `tensordot(a, b, axes=(left, right))`: block products for every combination of
    /// contracted blocks (kept as a length-1 axis), then a tree sum over those axes, as Dask does.
    public static func tensordot(_ a: LazyArray, _ b: LazyArray, axes: (left: [Int], right: [Int]),
                                 at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard axes.left.count == axes.right.count else {
            throw GraphError.value("shape-mismatch for sum").located(location)
        }
        let left = try axes.left.map { (axis) throws(GraphError) -> Int in try LazyArray.axis(axis, ndim: a.ndim, at: location) }
        let right = try axes.right.map { (axis) throws(GraphError) -> Int in try LazyArray.axis(axis, ndim: b.ndim, at: location) }
        for (l, r) in zip(left, right) where a.shape[l] != b.shape[r] {
            throw GraphError.value("shape-mismatch for sum").located(location)
        }
        // Blockwise indices: a's dimensions, then b's; contracted b dimensions take a's labels.
        let leftIndex = Array(0..<a.ndim)
        var rightIndex = Array(a.ndim..<(a.ndim + b.ndim))
        var outputIndex = leftIndex + rightIndex
        for (l, r) in zip(left, right) {
            outputIndex.removeAll { $0 == rightIndex[r] }
            rightIndex[r] = leftIndex[l]
        }
        // Contracted dimensions need the same chunks on both sides.
        var (x, y) = (a, b)
        var xSizes = a.chunks.sizes
        var ySizes = b.chunks.sizes
        for (l, r) in zip(left, right) {
            let common = try Chunks.commonBlockdim([a.chunks.sizes[l], b.chunks.sizes[r]])
            xSizes[l] = common
            ySizes[r] = common
        }
        x = try a.rechunked(to: Chunks(xSizes), at: location)
        y = try b.rechunked(to: Chunks(ySizes), at: location)
        let dtype = DType.promote(a.dtype, b.dtype)
        let outputSizes: [[Int]] = outputIndex.map { label in
            if label < a.ndim {
                return left.contains(label) ? Array(repeating: 1, count: xSizes[label].count) : xSizes[label]
            }
            return ySizes[label - a.ndim]
        }
        let op = ContractionOp(kind: .tensordot(left: left, right: right), outputIndex: outputIndex,
                               leftIndex: leftIndex, rightIndex: rightIndex)
        let products = try make("tensordot", op: .contraction(op), inputs: [.array(x.expr), .array(y.expr)], dtype: dtype,
                            chunks: Chunks(outputSizes), token: TokenBuilder(left, right), location: location)
        return try products.reduce(.sum, axes: left, keepdims: false, dtype: dtype, requested: nil, splitEvery: nil,
                                   at: location)
    }

    /// `dot(a, b)`: `tensordot` over a's last axis and b's second to last (its only one when 1-d).
    public static func dot(_ a: LazyArray, _ b: LazyArray, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try tensordot(a, b, axes: ([a.ndim - 1], [Swift.max(b.ndim - 2, 0)]), at: location)
    }

    /// `a @ b`: NumPy's `matmul` with batch broadcasting; block products `(..., i, k, j)` then
    /// a tree sum over `k`, as Dask does. 1-d operands get a length-1 axis added and removed.
    public static func matmul(_ a: LazyArray, _ b: LazyArray, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard a.ndim > 0 && b.ndim > 0 else {
            throw GraphError.value("matmul: Input operand does not have enough dimensions").located(location)
        }
        var (x, y) = (a, b)
        if a.ndim == 1 { x = try a.getitem([.newAxis, .all], at: location) }
        if b.ndim == 1 { y = try b.getitem([.all, .newAxis], at: location) }
        if x.ndim < y.ndim {
            x = try x.getitem(Array(repeating: .newAxis, count: y.ndim - x.ndim) + [.ellipsis], at: location)
        } else if x.ndim > y.ndim {
            y = try y.getitem(Array(repeating: .newAxis, count: x.ndim - y.ndim) + [.ellipsis], at: location)
        }
        let ndim = x.ndim
        guard x.shape[ndim - 1] == y.shape[ndim - 2] else {
            throw GraphError.value("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(y.shape[ndim - 2]) is different from \(x.shape[ndim - 1]))").located(location)
        }
        var batch: [Int] = []
        do {
            batch = try NDArray.broadcastShapes(Array(x.shape.dropLast(2)), Array(y.shape.dropLast(2)))
        } catch {
            throw GraphError.array(error, at: location)
        }
        // Unify the contracted dimension and the batch dimensions that are not broadcast.
        var xSizes = x.chunks.sizes
        var ySizes = y.chunks.sizes
        let contracted = try Chunks.commonBlockdim([xSizes[ndim - 1], ySizes[ndim - 2]])
        xSizes[ndim - 1] = contracted
        ySizes[ndim - 2] = contracted
        var batchSizes: [[Int]] = []
        for dimension in 0..<(ndim - 2) {
            let candidates = [xSizes[dimension], ySizes[dimension]].filter { $0.reduce(0, +) > 1 }
            let common = candidates.isEmpty ? xSizes[dimension] : try Chunks.commonBlockdim(candidates)
            if x.shape[dimension] > 1 { xSizes[dimension] = common }
            if y.shape[dimension] > 1 { ySizes[dimension] = common }
            batchSizes.append(batch[dimension] > 1 ? common : [batch[dimension]])
        }
        x = try x.rechunked(to: Chunks(xSizes), at: location)
        y = try y.rechunked(to: Chunks(ySizes), at: location)
        let leftIndex = Array(0..<ndim)
        let rightIndex = Array(0..<(ndim - 2)) + [ndim - 1, ndim]
        let outputIndex = Array(0...ndim)
        let outputSizes = batchSizes + [xSizes[ndim - 2], Array(repeating: 1, count: contracted.count), ySizes[ndim - 1]]
        let op = ContractionOp(kind: .matmul, outputIndex: outputIndex, leftIndex: leftIndex, rightIndex: rightIndex)
        let dtype = DType.promote(a.dtype, b.dtype)
        let products = try make("matmul", op: .contraction(op), inputs: [.array(x.expr), .array(y.expr)], dtype: dtype,
                            chunks: Chunks(outputSizes), token: TokenBuilder(), location: location)
        var result = try products.reduce(.sum, axes: [ndim - 1], keepdims: false, dtype: dtype,
                                         requested: nil, splitEvery: nil, names: ("chunk_sum", "_chunk_sum-partial", "_chunk_sum-aggregate"),
                                         at: location)
        if a.ndim == 1 { result = try result.getitem(Array(repeating: .all, count: result.ndim - 2) + [.int(0), .all], at: location) }
        if b.ndim == 1 { result = try result.getitem(Array(repeating: .all, count: result.ndim - 1) + [.int(0)], at: location) }
        return result
    }
}
