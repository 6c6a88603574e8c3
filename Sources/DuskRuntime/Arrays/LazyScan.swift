import DuskArray
import DuskGraph
import DuskSyntax

/// `cumsum` and `cumprod` of a lazy array, built from existing graph operations as Dask
/// builds them: each block is scanned on its own, then every block along the axis is
/// combined with the running total carried from the block before it.
enum LazyScan {
    /// The cumulative sum (`product: false`) or product along `axis` (nil: over the flattened array).
    static func scan(_ a: LazyArray, product: Bool, axis: Int?, dtype: DType?,
                     at location: SourceLocation?) throws -> LazyArray {
        let source = axis == nil ? try graphCall { () throws(GraphError) in try a.raveled(at: location) } : a
        var ax = axis ?? 0
        if ax < 0 { ax += source.ndim }
        guard ax >= 0, ax < source.ndim else {
            throw DuskError(.axisError, "axis \(axis ?? 0) is out of bounds for array of dimension \(source.ndim)")
        }
        // The result dtype is NumPy's for this input dtype (int32 sums into int64, ...).
        let probe = NDArray(zeros: source.dtype, shape: [0])
        let resultDType = try arrayCall { () throws(ArrayError) in
            try product ? probe.cumprod(axis: 0, dtype: dtype).dtype : probe.cumsum(axis: 0, dtype: dtype).dtype
        }
        let scanAxis = ax
        let name = product ? "cumprod" : "cumsum"
        return try graphCall { () throws(GraphError) -> LazyArray in
            let scanned = try LazyArray.mapBlocks([source], functionName: name, token: "\(name)|\(scanAxis)|\(resultDType)",
                                                  dtype: resultDType, at: location) { blocks, _ in
                guard case .array(let block) = blocks[0] else { return blocks[0] }
                return .array(try product ? block.cumprod(axis: scanAxis, dtype: resultDType)
                                          : block.cumsum(axis: scanAxis, dtype: resultDType))
            }
            let sizes = source.chunks.sizes[scanAxis]
            if sizes.count <= 1 { return scanned }
            var parts: [LazyArray] = []
            var carry: LazyArray?
            var start = 0
            for size in sizes {
                var slab = try scanned.getitem(selecting(scanAxis, start, start + size, rank: source.ndim), at: location)
                if let carry {
                    slab = try LazyArray.binary(product ? .multiply : .add, .array(slab), .array(carry), name: nil, at: location)
                }
                carry = try slab.getitem(selecting(scanAxis, size - 1, size, rank: source.ndim), at: location)
                parts.append(slab)
                start += size
            }
            return try LazyArray.concatenate(parts, axis: scanAxis, at: location)
        }
    }

    /// An index taking `start..<stop` along `axis` and everything along the other axes.
    private static func selecting(_ axis: Int, _ start: Int, _ stop: Int, rank: Int) -> [Index] {
        (0..<rank).map { $0 == axis ? .slice(start: start, stop: stop, step: nil) : .slice(start: nil, stop: nil, step: nil) }
    }
}
