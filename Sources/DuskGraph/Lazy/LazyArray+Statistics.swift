import DuskArray
import DuskSyntax

/// Order statistics and histograms of lazy arrays, with Dask's graphs: `median`/`quantile`
/// along axes held in one chunk, the approximate chunk-and-merge `percentile` of 1-d arrays,
/// `histogram` as one row of counts per block summed in a tree.
extension LazyArray {
    /// A NumPy function reducing `axes` applied to each block once those axes are one chunk
    /// (Dask's `median`, `nanmedian`, `quantile`): the axes are rechunked whole (the others
    /// `'auto'`) when they are cut; `leading` new axes of one chunk each come first (the
    /// quantiles).
    public func reducedAlongAxes(_ axes: [Int], name: String, token: String, keepdims: Bool, leading: [Int], dtype result: DType,
                                 statistic: BlockKernel.AlongAxes.Statistic, skipNaN: Bool,
                                 at location: SourceLocation?) throws(GraphError) -> LazyArray {
        let reduced = try LazyArray.axes(axes, ndim: ndim, at: location)
        var source = self
        if reduced.contains(where: { numblocks[$0] > 1 }) {
            var spec: [Int: DimensionChunks] = [:]
            for axis in 0..<ndim { spec[axis] = reduced.contains(axis) ? .size(-1) : .auto }
            source = try rechunk(.byAxis(spec), at: location)
        }
        var sizes = leading.map { [$0] }
        for axis in 0..<ndim {
            if reduced.contains(axis) {
                if keepdims { sizes.append([1]) }
            } else {
                sizes.append(source.chunks.sizes[axis])
            }
        }
        let op = BlockFunctionOp(layout: .sameLinear, functionName: name, kernel: .alongAxes(BlockKernel.AlongAxes(
            statistic: statistic, reduced: reduced, keepdims: keepdims, skipNaN: skipNaN, leading: leading)))
        return try LazyArray.make(name, op: .blockFunction(op), inputs: [.array(source.expr)], dtype: result,
                              chunks: Chunks(sizes), token: TokenBuilder(token), location: location)
    }

    /// `da.percentile(x, q, method)` of a 1-d array, as Dask computes it: each chunk's
    /// percentiles at `[0] + q + [100]` with its count (`percentile_chunk`), merged into one
    /// block (`percentile`); approximate where the chunks' values interleave.
    public func chunkedPercentile(_ q: [Double], method: QuantileMethod, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard ndim == 1 else { throw GraphError.value("percentile of chunks needs a 1-d array").located(location) }
        let rows = numblocks[0]
        let width = q.count + 3
        let token = "percentile|\(q)|\(method.rawValue)"
        let chunk = BlockFunctionOp(layout: .sameLinear, functionName: "percentile_chunk",
                                    kernel: .percentileChunk(q: q, method: method))
        let partials = try LazyArray.make("percentile_chunk", op: .blockFunction(chunk), inputs: [.array(expr)], dtype: .float64,
                                      chunks: Chunks([Array(repeating: width, count: rows)]), token: TokenBuilder(token),
                                      location: location)
        let result: DType = method.interpolates || method == .linear ? .float64 : dtype
        let merge = BlockFunctionOp(layout: .gatherAll, functionName: "percentile",
                                    kernel: .percentileMerge(q: q, method: method, dtype: result))
        return try LazyArray.make("percentile", op: .blockFunction(merge), inputs: [.array(partials.expr)], dtype: result,
                              chunks: Chunks([[q.count]]), token: TokenBuilder(token), location: location)
    }

    /// `da.histogram(x, bins=edges)`: one row of counts per block (`histogram-sum`), summed
    /// over the rows. `weights` has the array's chunks.
    public func histogram(edges: NDArray, weights: LazyArray?, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        if let weights, weights.chunks != chunks {
            throw GraphError.value("Input array and weights must have the same chunked structure").located(location)
        }
        let bins = Swift.max(edges.count - 1, 0)
        let blocks = npartitions
        let function = BlockFunctionOp(layout: .sameLinear, functionName: "histogram", kernel: .histogram(edges: edges))
        var token = TokenBuilder("histogram")
        token.combine(edges)
        var inputs: [GraphInput] = [.array(expr)]
        if let weights { inputs.append(.array(weights.expr)) }
        let rows = try LazyArray.make("histogram-sum", op: .blockFunction(function), inputs: inputs,
                                  dtype: weights?.dtype ?? .int64, chunks: Chunks([Array(repeating: 1, count: blocks), [bins]]),
                                  token: token, location: location)
        return try rows.sum(axes: [0], at: location)
    }

    /// `da.isclose(a, b, rtol, atol, equal_nan)`: NumPy's `isclose` on aligned blocks (one `isclose` layer).
    public static func isclose(_ a: LazyArray, _ b: LazyArray, rtol: Double, atol: Double, equalNaN: Bool,
                               at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try mapBlocks([a, b], functionName: "isclose", token: "isclose|\(rtol)|\(atol)|\(equalNaN)", dtype: .bool,
                      at: location) { blocks, _ in
            guard case .array(let x) = blocks[0], case .array(let y) = blocks[1] else { return blocks[0] }
            return .array(try NDArray.isclose(x, y, rtol: rtol, atol: atol, equalNaN: equalNaN))
        }
    }
}

extension LazyArray {
    /// `da.gradient(f, spacing, axis, edge_order)` along one axis: NumPy's central differences
    /// inside and one-sided ones at the edges, from slices of the whole array, joined and cut
    /// back into the array's chunks (the values and chunks of Dask's `map_overlap` of
    /// `np.gradient`). `coordinates` gives non-uniform positions along the axis.
    public func gradient(axis: Int, step: Double, coordinates: [Double]?, edgeOrder: Int,
                         at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let a = try LazyArray.axis(axis, ndim: ndim, at: location)
        // Dask names the first chunk that is too small.
        if let small = chunks.sizes[a].first(where: { $0 < edgeOrder + 1 }) {
            throw GraphError.value("Chunk size must be larger than edge_order + 1. Minimum chunk for axis \(a) is \(small). Rechunk to proceed.").located(location)
        }
        let f = dtype.isFloatingPoint ? self : astype(.float64, at: location)
        let n = shape[a]
        func slice(_ start: Int, _ stop: Int) throws(GraphError) -> LazyArray {
            try f.getitem(NDArray.along(a, ndim: ndim, .slice(start: start, stop: stop, step: nil)), at: location)
        }
        func combine(_ first: (LazyOperand, LazyArray), _ rest: (LazyOperand, LazyArray)...) throws(GraphError) -> LazyArray {
            var total = try LazyArray.binary(.multiply, first.0, .array(first.1), at: location)
            for (coefficient, term) in rest {
                let product = try LazyArray.binary(.multiply, coefficient, .array(term), at: location)
                total = try LazyArray.binary(.add, .array(total), .array(product), at: location)
            }
            return total
        }
        func along(_ values: [Double]) throws(GraphError) -> LazyOperand {
            var shape = Array(repeating: 1, count: ndim)
            shape[a] = values.count
            do {
                return .ndarray(try NDArray(values).reshaped(shape))
            } catch {
                throw GraphError.array(error, at: location)
            }
        }
        let interior: LazyArray, first: LazyArray, last: LazyArray
        if let c = coordinates {
            // Coefficients in float64 (NumPy's arrays and scalars of them), results cast back.
            let wide = f.astype(.float64, at: location)
            func wideSlice(_ start: Int, _ stop: Int) throws(GraphError) -> LazyArray {
                try wide.getitem(NDArray.along(a, ndim: ndim, .slice(start: start, stop: stop, step: nil)), at: location)
            }
            func difference(_ upper: Int, _ lower: Int, over width: Double) throws(GraphError) -> LazyArray {
                let raw = try LazyArray.binary(.subtract, .array(try slice(upper, upper + 1)), .array(try slice(lower, lower + 1)), at: location)
                return try LazyArray.binary(.divide, .array(raw.astype(.float64, at: location)), .float(width), at: location)
            }
            let d = (1..<n).map { c[$0] - c[$0 - 1] }
            let dx1 = Array(d.dropLast()), dx2 = Array(d.dropFirst())
            let pa = zip(dx1, dx2).map { -$1 / ($0 * ($0 + $1)) }
            let pb = zip(dx1, dx2).map { ($1 - $0) / ($0 * $1) }
            let pc = zip(dx1, dx2).map { $0 / ($1 * ($0 + $1)) }
            interior = try combine((try along(pa), try wideSlice(0, n - 2)), (try along(pb), try wideSlice(1, n - 1)),
                                    (try along(pc), try wideSlice(2, n))).astype(f.dtype, at: location)
            if edgeOrder == 1 {
                first = try difference(1, 0, over: d[0]).astype(f.dtype, at: location)
                last = try difference(n - 1, n - 2, over: d[n - 2]).astype(f.dtype, at: location)
            } else {
                var (x1, x2) = (d[0], d[1])
                first = try combine((try along([-(2 * x1 + x2) / (x1 * (x1 + x2))]), try wideSlice(0, 1)),
                                     (try along([(x1 + x2) / (x1 * x2)]), try wideSlice(1, 2)),
                                     (try along([-x1 / (x2 * (x1 + x2))]), try wideSlice(2, 3))).astype(f.dtype, at: location)
                (x1, x2) = (d[n - 3], d[n - 2])
                last = try combine((try along([x2 / (x1 * (x1 + x2))]), try wideSlice(n - 3, n - 2)),
                                    (try along([-(x2 + x1) / (x1 * x2)]), try wideSlice(n - 2, n - 1)),
                                    (try along([(2 * x2 + x1) / (x2 * (x1 + x2))]), try wideSlice(n - 1, n))).astype(f.dtype, at: location)
            }
        } else {
            interior = try LazyArray.binary(.divide, .array(try LazyArray.binary(.subtract, .array(try slice(2, n)), .array(try slice(0, n - 2)), at: location)),
                                            .float(2 * step), at: location)
            if edgeOrder == 1 {
                first = try LazyArray.binary(.divide, .array(try LazyArray.binary(.subtract, .array(try slice(1, 2)), .array(try slice(0, 1)), at: location)),
                                             .float(step), at: location)
                last = try LazyArray.binary(.divide, .array(try LazyArray.binary(.subtract, .array(try slice(n - 1, n)), .array(try slice(n - 2, n - 1)), at: location)),
                                            .float(step), at: location)
            } else {
                first = try combine((.float(-1.5 / step), try slice(0, 1)), (.float(2 / step), try slice(1, 2)), (.float(-0.5 / step), try slice(2, 3)))
                last = try combine((.float(0.5 / step), try slice(n - 3, n - 2)), (.float(-2 / step), try slice(n - 2, n - 1)), (.float(1.5 / step), try slice(n - 1, n)))
            }
        }
        let joined = try LazyArray.concatenate([first, interior, last], axis: a, at: location)
        return try joined.rechunked(to: f.chunks, at: location)
    }
}
