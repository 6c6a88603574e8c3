// NumPy's histogram and bincount.

extension NDArray {
    /// NumPy's `histogram` with `bins` equal bins over `range` (nil: the data's min and max;
    /// a range of one value widens by 0.5 each side). Returns the counts (`int64`, or the
    /// weights' dtype) and the `bins + 1` edges. Values outside the range (and NaN) are left out.
    public func histogram(bins: Int, range: (Double, Double)?, weights: NDArray? = nil,
                          density: Bool = false) throws(ArrayError) -> (counts: NDArray, edges: NDArray) {
        guard bins >= 1 else { throw .value("`bins` must be positive, when an integer") }
        var (first, last): (Double, Double)
        if let range {
            guard range.0 <= range.1 else { throw .value("max must be larger than min in range parameter.") }
            guard range.0.isFinite && range.1.isFinite else {
                throw .value("supplied range of [\(Scalar.float64(range.0).str), \(Scalar.float64(range.1).str)] is not finite")
            }
            (first, last) = range
        } else if count == 0 {
            (first, last) = (0, 1)
        } else {
            let low = try amin().converted(to: .float64).item().doubleValue
            let high = try amax().converted(to: .float64).item().doubleValue
            guard low.isFinite && high.isFinite else {
                throw .value("autodetected range of [\(Scalar.float64(low).str), \(Scalar.float64(high).str)] is not finite")
            }
            (first, last) = (low, high)
        }
        if first == last {
            first -= 0.5
            last += 0.5
        }
        // float32 data has float32 edges; NumPy's linspace works in float32 too when the range
        // comes from the data (float32 scalars), in float64 when it was given (Python floats).
        let single = dtype == .float32
        let edges = single && range == nil
            ? try NDArray.singleLinspace(start: Float(first), stop: Float(last), count: bins + 1)
            : try NDArray.linspace(start: first, stop: last, count: bins + 1, endpoint: true, dtype: single ? .float32 : .float64)
        let w = try weights.map { (w: NDArray) throws(ArrayError) -> [Double] in
            guard w.shape == shape else { throw .value("weights should have the same shape as a.") }
            return try w.converted(to: .float64).contiguous().toArray(of: Double.self)
        }
        let e = try edges.converted(to: .float64).toArray(of: Double.self)
        var counts = [Double](repeating: 0, count: bins)
        if single {
            NDArray.uniformBins(try converted(to: .float32).contiguous().toArray(of: Float.self), first: first, last: last, bins: bins,
                                edges: e.map { Float($0) }, weights: w, counts: &counts)
        } else {
            NDArray.uniformBins(try converted(to: .float64).contiguous().toArray(of: Double.self), first: first, last: last, bins: bins,
                                edges: e, weights: w, counts: &counts)
        }
        return (try NDArray.histogramCounts(counts, edges: e, weights: weights, density: density), edges)
    }

    /// NumPy's bin index of each value in `[first, last]`, with its one-ULP corrections at the edges.
    private static func uniformBins<T: BinaryFloatingPoint>(_ values: [T], first: Double, last: Double, bins: Int, edges: [T],
                                                            weights: [Double]?, counts: inout [Double]) {
        let (low, width, scale) = (T(first), T(last - first), T(bins))
        let high = T(last)
        for (i, x) in values.enumerated() where x >= low && x <= high {
            var index = Int((x - low) / width * scale)
            if index == bins { index -= 1 }
            if x < edges[index] { index -= 1 }
            if index + 1 < edges.count && x >= edges[index + 1] && index != bins - 1 { index += 1 }
            counts[index] += weights?[i] ?? 1
        }
    }

    /// NumPy's `histogram` with explicit, increasing bin `edges`: the last bin includes its right edge.
    public func histogram(edges: NDArray, weights: NDArray? = nil, density: Bool = false) throws(ArrayError) -> (counts: NDArray, edges: NDArray) {
        guard edges.ndim == 1, edges.count >= 1 else { throw .value("`bins` must be 1d, when an array") }
        let e = try edges.converted(to: .float64).contiguous().toArray(of: Double.self)
        for i in 1..<Swift.max(e.count, 1) where e[i] < e[i - 1] {
            throw .value("`bins` must increase monotonically, when an array")
        }
        let values = try converted(to: .float64).contiguous().toArray(of: Double.self)
        let w = try weights.map { (w: NDArray) throws(ArrayError) -> [Double] in
            guard w.shape == shape else { throw .value("weights should have the same shape as a.") }
            return try w.converted(to: .float64).contiguous().toArray(of: Double.self)
        }
        var counts = [Double](repeating: 0, count: Swift.max(e.count - 1, 0))
        for (i, x) in values.enumerated() where !counts.isEmpty && x >= e[0] && x <= e[e.count - 1] {
            // The last edge <= x (the last bin also takes x equal to the final edge).
            var low = 0, high = e.count - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if e[middle] <= x { low = middle } else { high = middle }
            }
            counts[low] += w?[i] ?? 1
        }
        return (try NDArray.histogramCounts(counts, edges: e, weights: weights, density: density), try edges.contiguous())
    }

    /// NumPy's `linspace` of float32 endpoints (`count` >= 2), computed in float32.
    private static func singleLinspace(start: Float, stop: Float, count: Int) throws(ArrayError) -> NDArray {
        let divisions = Float(count - 1), delta = stop - start
        let step = delta / divisions
        let values = (0..<count).map { i in
            (i == count - 1) ? stop : (step == 0 ? Float(i) / divisions * delta : Float(i) * step) + start
        }
        let result = try NDArray(uninitialized: .float32, shape: [count])
        let p = result.pointer(as: Float.self)
        for (i, value) in values.enumerated() { p[i] = value }
        return result
    }

    /// The counts in `int64` (or the weights' dtype), or as a density.
    private static func histogramCounts(_ counts: [Double], edges: [Double], weights: NDArray?,
                                        density: Bool) throws(ArrayError) -> NDArray {
        if density {
            let total = counts.reduce(0, +)
            return try NDArray(counts.indices.map { counts[$0] / (edges[$0 + 1] - edges[$0]) / total })
        }
        let raw = try NDArray(counts)
        return try raw.converted(to: weights?.dtype ?? .int64)
    }

    /// NumPy's `bincount`: how often each non-negative integer occurs (or the sum of its
    /// weights), at least `minlength` entries.
    public func bincount(weights: NDArray? = nil, minlength: Int = 0) throws(ArrayError) -> NDArray {
        guard ndim == 1 else { throw .value("object too deep for desired array") }
        guard dtype.isInteger || dtype == .bool || count == 0 else {
            throw .type("Cannot cast array data from dtype('\(dtype.name)') to dtype('int64') according to the rule 'safe'")
        }
        guard minlength >= 0 else { throw .value("'minlength' must not be negative") }
        let values = try converted(to: .int64).contiguous().toArray(of: Int64.self)
        if let negative = values.first(where: { $0 < 0 }) {
            _ = negative
            throw .value("'list' argument must have no negative elements")
        }
        let length = Swift.max(Int(values.max() ?? -1) + 1, minlength)
        if let weights {
            guard weights.shape == shape else { throw .value("The weights and list don't have the same length.") }
            let w = try weights.converted(to: .float64).contiguous().toArray(of: Double.self)
            var sums = [Double](repeating: 0, count: length)
            for (i, v) in values.enumerated() { sums[Int(v)] += w[i] }
            return try NDArray(sums)
        }
        var counts = [Int64](repeating: 0, count: length)
        for v in values { counts[Int(v)] += 1 }
        return try NDArray(counts)
    }
}

extension NDArray {
    /// NumPy's `isclose`: `|a - b| <= atol + rtol * |b|` elementwise (broadcasting), infinities
    /// close only to themselves, NaN close to NaN with `equalNaN`.
    public static func isclose(_ a: NDArray, _ b: NDArray, rtol: Double = 1e-5, atol: Double = 1e-8,
                               equalNaN: Bool = false) throws(ArrayError) -> NDArray {
        let x = try a.converted(to: .float64), y = try b.converted(to: .float64)
        let difference = try binary(.subtract, .array(x), .array(y)).unary(.absolute)
        let bound = try binary(.add, .float(atol), .array(try binary(.multiply, .float(rtol), .array(try y.unary(.absolute)))))
        var close = try binary(.less_equal, .array(difference), .array(bound))
        close = try binary(.logical_or, .array(close), .array(try binary(.equal, .array(x), .array(y))))
        if equalNaN {
            let bothNaN = try binary(.logical_and, .array(try x.unary(.isnan)), .array(try y.unary(.isnan)))
            close = try binary(.logical_or, .array(close), .array(bothNaN))
        }
        return close
    }
}
