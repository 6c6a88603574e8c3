// NumPy's interp and gradient.

extension NDArray {
    /// NumPy's `interp(x, xp, fp, left, right, period)`: piecewise-linear interpolation of the
    /// points `(xp, fp)` (`xp` increasing) at `x`, in `float64`, with NumPy's slope arithmetic.
    public static func interp(_ x: NDArray, _ xp: NDArray, _ fp: NDArray, left: Double? = nil, right: Double? = nil,
                              period: Double? = nil) throws(ArrayError) -> NDArray {
        guard xp.ndim == 1, fp.ndim == 1 else { throw .value("object too deep for desired array") }
        guard xp.count == fp.count else { throw .value("fp and xp are not of the same length.") }
        guard xp.count > 0 else { throw .value("array of sample points is empty") }
        var dx = try xp.converted(to: .float64).contiguous().toArray(of: Double.self)
        var dy = try fp.converted(to: .float64).contiguous().toArray(of: Double.self)
        var values = try x.converted(to: .float64).contiguous().toArray(of: Double.self)
        var (leftValue, rightValue) = (left ?? dy[0], right ?? dy[dy.count - 1])
        if let period {
            guard period != 0 else { throw .value("period must be a non-zero value") }
            let p = abs(period)
            func wrap(_ v: Double) -> Double { let r = v.truncatingRemainder(dividingBy: p); return r < 0 ? r + p : r }
            values = values.map(wrap)
            let order = dx.map(wrap).enumerated().sorted { $0.element < $1.element }.map(\.offset)
            let wrapped = dx.map(wrap)
            let xs = order.map { wrapped[$0] }, ys = order.map { dy[$0] }
            dx = [xs[xs.count - 1] - p] + xs + [xs[0] + p]
            dy = [ys[ys.count - 1]] + ys + [ys[0]]
            (leftValue, rightValue) = (dy[0], dy[dy.count - 1])
        }
        let n = dx.count
        let result = try NDArray(uninitialized: .float64, shape: x.shape)
        let out = result.pointer(as: Double.self)
        for (i, v) in values.enumerated() {
            if v.isNaN { out[i] = v; continue }
            if n == 1 { out[i] = v < dx[0] ? leftValue : (v > dx[0] ? rightValue : dy[0]); continue }
            if v > dx[n - 1] { out[i] = rightValue; continue }
            if v < dx[0] { out[i] = leftValue; continue }
            if v == dx[n - 1] { out[i] = dy[n - 1]; continue }
            var low = 0, high = n - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if dx[middle] <= v { low = middle } else { high = middle }
            }
            let j = low
            if v == dx[j] { out[i] = dy[j]; continue }
            let slope = (dy[j + 1] - dy[j]) / (dx[j + 1] - dx[j])
            var value = slope * (v - dx[j]) + dy[j]
            if value.isNaN {
                value = slope * (v - dx[j + 1]) + dy[j + 1]
                if value.isNaN && dy[j] == dy[j + 1] { value = dy[j] }
            }
            out[i] = value
        }
        return result
    }

    /// NumPy's `gradient` along one axis: central differences inside, one-sided differences
    /// (first or second order) at the edges; `spacing` is a step or the coordinates along the axis.
    ///
    /// As in NumPy, a uniform spacing computes in the data's float type (`float32` stays
    /// `float32`); coordinates compute their coefficients in `float64`.
    public func gradient(axis: Int, spacing: NDArray? = nil, edgeOrder: Int = 1) throws(ArrayError) -> NDArray {
        guard edgeOrder == 1 || edgeOrder == 2 else { throw .value("'edge_order' greater than 2 not supported") }
        let a = try normalizedAxis(axis, ndim: ndim)
        let n = shape[a]
        guard n >= edgeOrder + 1 else {
            throw .value("Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.")
        }
        var coordinates: [Double]? = nil
        var step = 1.0
        if let spacing {
            if spacing.ndim == 0 {
                step = try spacing.converted(to: .float64).item().doubleValue
            } else {
                guard spacing.ndim == 1, spacing.count == n else {
                    throw .value("when 1d, distances must match the length of the corresponding dimension")
                }
                let c = try spacing.converted(to: .float64).contiguous().toArray(of: Double.self)
                let differences = (1..<n).map { c[$0] - c[$0 - 1] }
                if differences.allSatisfy({ $0 == differences[0] }) { step = differences[0] } else { coordinates = c }
            }
        }
        let single = dtype == .float32
        let f = try movingAxes(from: [a], to: [-1]).converted(to: single ? .float32 : .float64).copy()
        let out = try NDArray(uninitialized: f.dtype, shape: f.shape)
        if single {
            NDArray.gradientLanes(f.pointer(as: Float.self), out.pointer(as: Float.self), lanes: f.count / n, n: n,
                                  step: step, coordinates: coordinates, edgeOrder: edgeOrder)
        } else {
            NDArray.gradientLanes(f.pointer(as: Double.self), out.pointer(as: Double.self), lanes: f.count / n, n: n,
                                  step: step, coordinates: coordinates, edgeOrder: edgeOrder)
        }
        return try out.movingAxes(from: [-1], to: [a]).copy()
    }

    private static func gradientLanes<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ q: UnsafeMutablePointer<T>, lanes: Int, n: Int,
                                                             step: Double, coordinates: [Double]?, edgeOrder: Int) {
        for lane in 0..<lanes {
            let y = p + lane * n, g = q + lane * n
            if let c = coordinates {
                // Coefficients in float64, results cast to the data's type.
                func v(_ i: Int) -> Double { Double(y[i]) }
                let d = (1..<n).map { c[$0] - c[$0 - 1] }
                for i in 1..<(n - 1) {
                    let (dx1, dx2) = (d[i - 1], d[i])
                    let aa = -dx2 / (dx1 * (dx1 + dx2)), b = (dx2 - dx1) / (dx1 * dx2), cc = dx1 / (dx2 * (dx1 + dx2))
                    g[i] = T(aa * v(i - 1) + b * v(i) + cc * v(i + 1))
                }
                if edgeOrder == 1 {
                    g[0] = T(Double(y[1] - y[0]) / d[0])
                    g[n - 1] = T(Double(y[n - 1] - y[n - 2]) / d[n - 2])
                } else {
                    var (dx1, dx2) = (d[0], d[1])
                    var aa = -(2 * dx1 + dx2) / (dx1 * (dx1 + dx2)), b = (dx1 + dx2) / (dx1 * dx2), cc = -dx1 / (dx2 * (dx1 + dx2))
                    g[0] = T(aa * v(0) + b * v(1) + cc * v(2))
                    (dx1, dx2) = (d[n - 3], d[n - 2])
                    aa = dx2 / (dx1 * (dx1 + dx2))
                    b = -(dx2 + dx1) / (dx1 * dx2)
                    cc = (2 * dx2 + dx1) / (dx2 * (dx1 + dx2))
                    g[n - 1] = T(aa * v(n - 3) + b * v(n - 2) + cc * v(n - 1))
                }
            } else {
                // Python-float coefficients: computed in float64, then rounded to the data's type.
                let (twice, once) = (T(2 * step), T(step))
                for i in 1..<(n - 1) { g[i] = (y[i + 1] - y[i - 1]) / twice }
                if edgeOrder == 1 {
                    g[0] = (y[1] - y[0]) / once
                    g[n - 1] = (y[n - 1] - y[n - 2]) / once
                } else {
                    g[0] = T(-1.5 / step) * y[0] + T(2 / step) * y[1] + T(-0.5 / step) * y[2]
                    g[n - 1] = T(0.5 / step) * y[n - 3] + T(-2 / step) * y[n - 2] + T(1.5 / step) * y[n - 1]
                }
            }
        }
    }

    /// NumPy's `kron`: the Kronecker product (blocks of `b` scaled by each element of `a`).
    public static func kron(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        let rank = Swift.max(a.ndim, b.ndim)
        let x = try a.reshaped(Array(repeating: 1, count: rank - a.ndim) + a.shape)
        let y = try b.reshaped(Array(repeating: 1, count: rank - b.ndim) + b.shape)
        var xShape: [Int] = [], yShape: [Int] = []
        for d in 0..<rank {
            xShape += [x.shape[d], 1]
            yShape += [1, y.shape[d]]
        }
        let product = try NDArray.binary(.multiply, .array(try x.reshaped(xShape)), .array(try y.reshaped(yShape)))
        return try product.reshaped((0..<rank).map { x.shape[$0] * y.shape[$0] })
    }
}
