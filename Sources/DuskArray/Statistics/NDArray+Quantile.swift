// NumPy's quantile, percentile and median (and their NaN-skipping forms): each lane sorted,
// then order statistics read and interpolated exactly as NumPy's `_quantile` does.

/// NumPy's `method=` of `quantile`/`percentile`: how a quantile between two order statistics
/// is estimated (Hyndman and Fan's nine methods and NumPy's four discrete variants).
public enum QuantileMethod: String, CaseIterable, Sendable {
    case inverted_cdf, averaged_inverted_cdf, closest_observation, interpolated_inverted_cdf
    case hazen, weibull, linear, median_unbiased, normal_unbiased
    case lower, higher, midpoint, nearest

    /// Whether the result interpolates (a float) rather than picks an element (the input's dtype).
    public var interpolates: Bool {
        switch self {
        case .inverted_cdf, .closest_observation, .lower, .higher, .nearest: false
        default: true
        }
    }

    /// The two order statistics around quantile `q` of `n` sorted values and the weight of
    /// the second, as NumPy's `_quantile` computes them (indices already clipped to `0..<n`).
    func positions(n: Int, q: Double) -> (previous: Int, next: Int, gamma: Double) {
        let count = Double(n)
        func discrete(_ index: Double, usePrevious: (Double, Double) -> Bool) -> Int {
            let previous = index.rounded(.down)
            let chosen = usePrevious(index - previous, index) ? previous : previous + 1
            return Swift.min(Swift.max(Int(chosen), 0), n - 1)
        }
        func virtual(_ alpha: Double, _ beta: Double) -> Double { count * q + (alpha + q * (1 - alpha - beta)) - 1 }
        let index: Double
        switch self {
        case .inverted_cdf:
            let i = discrete(count * q - 1) { gamma, _ in gamma == 0 }
            return (i, i, 0)
        case .closest_observation:
            let i = discrete(count * q - 1 - 0.5) { gamma, index in gamma == 0 && index.rounded(.down).truncatingRemainder(dividingBy: 2) == 1 }
            return (i, i, 0)
        case .lower:
            let i = Int(((count - 1) * q).rounded(.down))
            return (i, i, 0)
        case .higher:
            let i = Int(((count - 1) * q).rounded(.up))
            return (i, i, 0)
        case .nearest:
            let i = Int(((count - 1) * q).rounded(.toNearestOrEven))
            return (i, i, 0)
        case .averaged_inverted_cdf: index = count * q - 1
        case .interpolated_inverted_cdf: index = virtual(0, 1)
        case .hazen: index = virtual(0.5, 0.5)
        case .weibull: index = virtual(0, 0)
        case .linear: index = (count - 1) * q
        case .median_unbiased: index = virtual(1 / 3.0, 1 / 3.0)
        case .normal_unbiased: index = virtual(3 / 8.0, 3 / 8.0)
        case .midpoint:
            let scaled = (count - 1) * q
            index = 0.5 * (scaled.rounded(.down) + scaled.rounded(.up))
        }
        var previous = index.rounded(.down), next = previous + 1
        if index >= count - 1 {
            previous = -1
            next = -1
        }
        if index < 0 {
            previous = 0
            next = 0
        }
        var gamma = index - previous
        switch self {
        case .averaged_inverted_cdf: gamma = gamma == 0 ? 0.5 : 1
        case .midpoint: gamma = index.truncatingRemainder(dividingBy: 1) == 0 ? 0 : 0.5
        default: break
        }
        func clipped(_ i: Double) -> Int { i < 0 ? n - 1 : Int(i) }
        return (clipped(previous), clipped(next), gamma)
    }
}

/// Reads quantiles from sorted lanes into `output` (lane-major, quantiles last), interpolating
/// as NumPy's `_lerp`: `a + (b - a) * t`, or `b - (b - a) * (1 - t)` from `t = 0.5` on.
private struct QuantileKernel: SortVisitor {
    let sorted: SortLanes
    let quantiles: [Double]
    let method: QuantileMethod
    let skipNaN: Bool
    let median: Bool
    let output: NDArray

    func visit<T: SortableElement>(_ type: T.Type) -> Bool {
        let n = sorted.length
        let lanes = n == 0 ? output.count / Swift.max(quantiles.count, 1) : sorted.data.count / n
        let values = sorted.data.pointer(as: T.self)
        var sawEmpty = false
        for lane in 0..<lanes {
            let p = values + lane * n
            var valid = n
            if skipNaN { while valid > 0 && T.isNaN(p[valid - 1]) { valid -= 1 } }
            let hasNaN = !skipNaN && n > 0 && T.isNaN(p[n - 1])
            for (j, q) in quantiles.enumerated() {
                let slot = lane * quantiles.count + j
                if valid == 0 || hasNaN {
                    if valid == 0 { sawEmpty = true }
                    store(Double.nan, at: slot, exact: nil as T?)
                    continue
                }
                if median {
                    let middle = valid / 2
                    if valid % 2 == 1 {
                        store(T.toDouble(p[middle]), at: slot, exact: p[middle])
                    } else if output.dtype == .float32 {
                        let (a, b) = (Float(T.toDouble(p[middle - 1])), Float(T.toDouble(p[middle])))
                        output.pointer(as: Float.self)[slot] = (a + b) / 2
                    } else {
                        output.pointer(as: Double.self)[slot] = (T.toDouble(p[middle - 1]) + T.toDouble(p[middle])) / 2
                    }
                    continue
                }
                let (previous, next, gamma) = method.positions(n: valid, q: q)
                if !method.interpolates {
                    store(T.toDouble(p[previous]), at: slot, exact: p[previous])
                } else {
                    // NumPy subtracts the two order statistics in the data's type (wrapping for
                    // integers), then interpolates in the result's.
                    let (a, b) = (p[previous], p[next])
                    let difference = T.dtype.isFloatingPoint ? T.toDouble(b) - T.toDouble(a)
                        : T.toDouble(T.numpyCast(Int64.numpyCast(b) &- Int64.numpyCast(a)))
                    if output.dtype == .float32 {
                        let (x, y, d, t) = (Float(T.toDouble(a)), Float(T.toDouble(b)), Float(difference), Float(gamma))
                        output.pointer(as: Float.self)[slot] = t >= 0.5 ? y - d * (1 - t) : x + d * t
                    } else {
                        let d = T.dtype == .float32 ? Double(Float(difference)) : difference
                        output.pointer(as: Double.self)[slot] = gamma >= 0.5 ? T.toDouble(b) - d * (1 - gamma) : T.toDouble(a) + d * gamma
                    }
                }
            }
        }
        return sawEmpty
    }

    /// A value written in the output's dtype (`exact` when the output has the input's dtype).
    private func store<T: SortableElement>(_ value: Double, at slot: Int, exact: T? = nil) {
        if output.dtype == T.dtype && !T.dtype.isFloatingPoint {
            // An integer result has no NaN: an empty lane's entry is 0.
            output.pointer(as: T.self)[slot] = exact ?? T.wrapping(0)
        } else if let exact, output.dtype == T.dtype {
            output.pointer(as: T.self)[slot] = exact
        } else if output.dtype == .float32 {
            output.pointer(as: Float.self)[slot] = Float(value)
        } else {
            output.pointer(as: Double.self)[slot] = value
        }
    }
}

extension NDArray {
    /// NumPy's `quantile(a, q, axis, method, keepdims)` (and, with `skipNaN`, `nanquantile`):
    /// for each quantile in `q` (values in [0, 1], any shape), the estimate over `axes` (nil:
    /// all). The result's shape is `q.shape` followed by the kept axes. `weakQ` says `q` was a
    /// Python number, which keeps `float32` data in `float32`.
    public func quantile(_ q: NDArray, axes: [Int]?, method: QuantileMethod = .linear, keepdims: Bool = false,
                         skipNaN: Bool = false, weakQ: Bool = false) throws(ArrayError) -> NDArray {
        let quantiles = try q.converted(to: .float64).contiguous().toArray(of: Double.self)
        guard quantiles.allSatisfy({ $0 >= 0 && $0 <= 1 }) else { throw .value("Quantiles must be in the range [0, 1]") }
        if dtype == .bool && method.interpolates {
            throw .type("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
        }
        let resultDType: DType
        if !method.interpolates {
            resultDType = dtype
        } else {
            resultDType = dtype == .float32 && (weakQ || q.dtype == .float32) ? .float32 : .float64
        }
        return try orderStatistics(quantiles, qShape: q.shape, axes: axes, keepdims: keepdims, method: method,
                                   skipNaN: skipNaN, median: false, dtype: resultDType)
    }

    /// NumPy's `median` (and, with `skipNaN`, `nanmedian`): the middle value, or the mean of the
    /// two middle values, over `axes` (nil: all). NaN where a lane holds NaN (or only NaN).
    public func median(axes: [Int]?, keepdims: Bool = false, skipNaN: Bool = false) throws(ArrayError) -> NDArray {
        try orderStatistics([0.5], qShape: [], axes: axes, keepdims: keepdims, method: .linear, skipNaN: skipNaN,
                            median: true, dtype: dtype == .float32 ? .float32 : .float64)
    }

    private func orderStatistics(_ quantiles: [Double], qShape: [Int], axes: [Int]?, keepdims: Bool,
                                 method: QuantileMethod, skipNaN: Bool, median: Bool,
                                 dtype resultDType: DType) throws(ArrayError) -> NDArray {
        // NumPy's nan-forms of an empty array answer as `nanmean` does.
        if skipNaN && count == 0 { return try nanmean(axes: axes, keepdims: keepdims) }
        let mask = try reducedAxisMask(axes)
        let kept = (0..<ndim).filter { !mask[$0] }
        let reduced = (0..<ndim).filter { mask[$0] }
        // The reduced axes last and merged: one lane per kept position.
        let moved = try transposed(kept + reduced)
        let keptShape = kept.map { shape[$0] }
        let laneLength = reduced.reduce(1) { $0 * shape[$1] }
        if laneLength == 0 && !median && !skipNaN && keptShape.reduce(1, *) > 0 {
            throw .index("index -1 is out of bounds for axis 0 with size 0")
        }
        let lanes = try SortLanes(try moved.copy().reshaped(keptShape + [laneLength]), axis: -1)
        try dtype.dispatchSortable(SortKernel(lanes: lanes))
        let output = try NDArray(uninitialized: resultDType, shape: keptShape + [quantiles.count])
        let sawEmpty = dtype.dispatchSortable(QuantileKernel(sorted: lanes, quantiles: quantiles, method: method,
                                                             skipNaN: skipNaN, median: median, output: output))
        if sawEmpty && output.count > 0 {
            Warnings.current.emit(skipNaN ? "RuntimeWarning: All-NaN slice encountered"
                                         : "RuntimeWarning: Mean of empty slice")
        }
        // Quantiles first, then the kept axes (with the reduced ones as 1 for keepdims).
        let qFirst = try output.movingAxes(from: [-1], to: [0]).copy()
        var shapeOut = qShape
        if keepdims {
            shapeOut += (0..<ndim).map { mask[$0] ? 1 : shape[$0] }
        } else {
            shapeOut += keptShape
        }
        return try qFirst.reshaped(shapeOut)
    }
}

/// Dask's approximate percentiles of a chunked 1-d array: each chunk's percentiles at
/// `[0] + q + [100]` with its element count (`chunk`), then those merged by weighting each
/// chunk's percentile steps by its count (`merge`, Dask's `merge_percentiles`).
public enum ChunkedPercentile {
    /// The percentiles `[0] + q + [100]` of one chunk followed by its element count, in
    /// `float64` (NaN values and a count of 0 for an empty chunk).
    public static func chunk(_ block: NDArray, q: [Double], method: QuantileMethod) throws(ArrayError) -> NDArray {
        let calc = [0] + q + [100]
        guard block.count > 0 else { return try NDArray(Array(repeating: Double.nan, count: calc.count) + [0]) }
        let quantiles = try NDArray(calc.map { $0 / 100 })
        let values = try block.quantile(quantiles, axes: nil, method: method).converted(to: .float64).toArray(of: Double.self)
        return try NDArray(values + [Double(block.count)])
    }

    /// Dask's `merge_percentiles` of the chunk results (each `chunk(...)`'s output), as `dtype`.
    public static func merge(_ chunks: [NDArray], q: [Double], method: QuantileMethod, dtype: DType) throws(ArrayError) -> NDArray {
        let calc = [0] + q + [100]
        var values: [Double] = [], counts: [Double] = []
        var total = 0.0
        for chunk in chunks {
            let row = try chunk.contiguous().toArray(of: Double.self)
            let n = row[row.count - 1]
            if n == 0 { continue }
            total += n
            for i in calc.indices {
                values.append(row[i])
                counts.append((i == 0 ? calc[0] : calc[i] - calc[i - 1]) * n)
            }
        }
        guard !values.isEmpty else { throw .value("No non-trivial arrays found") }
        let order = try NDArray(values).argsort(axis: 0).toArray(of: Int64.self)
        let sortedValues = order.map { values[Int($0)] }
        var cumulative: [Double] = []
        var running = 0.0
        for i in order {
            running += counts[Int(i)]
            cumulative.append(running)
        }
        let desired = q.map { $0 * total }
        var result: [Double] = []
        if method == .linear {
            result = try NDArray.interp(try NDArray(desired), try NDArray(cumulative), try NDArray(sortedValues)).toArray(of: Double.self)
        } else {
            let last = sortedValues.count - 1
            for d in desired {
                let left = Swift.min(cumulative.firstIndex { $0 >= d } ?? cumulative.count, last)
                let right = (cumulative.firstIndex { $0 > d } ?? cumulative.count) - 1
                let (lower, upper) = (Swift.min(left, right), Swift.max(left, right))
                switch method {
                case .lower: result.append(sortedValues[lower])
                case .higher: result.append(sortedValues[upper])
                case .midpoint: result.append(0.5 * (sortedValues[lower] + sortedValues[upper]))
                case .nearest:
                    let nearerUpper = abs(cumulative[lower] - d) > abs(cumulative[upper] - d)
                    result.append(sortedValues[nearerUpper ? upper : lower])
                default:
                    throw .value("interpolation method can only be 'linear', 'lower', 'higher', 'midpoint', or 'nearest'")
                }
            }
        }
        return try NDArray(result).converted(to: dtype)
    }
}
