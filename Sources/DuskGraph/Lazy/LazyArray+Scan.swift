import DuskArray
import DuskSyntax

extension LazyArray {
    /// `cumsum(x, axis, dtype)` (`product: false`) or `cumprod(...)`: each block scanned on its
    /// own (a `scanBlocks` layer), then every block along the axis combined with the running
    /// total carried from the block before it, as Dask's `cumreduction` does. `axis` nil scans
    /// the flattened array.
    public func cumulative(product: Bool, axis: Int?, dtype requested: DType? = nil,
                           at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let source = axis == nil ? try raveled(at: location) : self
        let scanAxis = try LazyArray.axis(axis ?? 0, ndim: source.ndim, at: location)
        // The result dtype is the NDArray kernel's for this input (int32 sums into int64, ...).
        let dtype = try LazyArray.arrayResult { () throws(ArrayError) in
            let probe = try NDArray(uninitialized: source.dtype, shape: [0])
            return try product ? probe.cumprod(axis: 0, dtype: requested).dtype : probe.cumsum(axis: 0, dtype: requested).dtype
        }
        let op = ScanOp(product: product, axis: scanAxis, dtype: dtype)
        let scanned = try LazyArray.make(op.name, op: .scanBlocks(op), inputs: [.array(source.expr)], dtype: dtype,
                                     chunks: source.chunks, token: TokenBuilder(scanAxis, product, dtype.name),
                                     location: location)
        let sizes = source.chunks.sizes[scanAxis]
        if sizes.count <= 1 { return scanned }
        func selecting(_ start: Int, _ stop: Int) -> [Index] {
            (0..<source.ndim).map { $0 == scanAxis ? .slice(start: start, stop: stop, step: nil) : .all }
        }
        var parts: [LazyArray] = []
        var carry: LazyArray?
        var start = 0
        for size in sizes {
            var slab = try scanned.getitem(selecting(start, start + size), at: location)
            if let carry {
                slab = try LazyArray.binary(product ? .multiply : .add, .array(slab), .array(carry), at: location)
            }
            carry = try slab.getitem(selecting(size - 1, size), at: location)
            parts.append(slab)
            start += size
        }
        return try LazyArray.concatenate(parts, axis: scanAxis, at: location)
    }
}
