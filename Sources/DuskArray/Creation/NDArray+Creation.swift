extension NDArray {
    /// NumPy's `zeros(shape, dtype)`.
    public static func zeros(_ shape: [Int], dtype: DType = .float64) throws(ArrayError) -> NDArray {
        try NDArray(zeros: dtype, shape: shape)
    }

    /// NumPy's `ones(shape, dtype)`. Not interruptible (`full(shape, 1)` is).
    public static func ones(_ shape: [Int], dtype: DType = .float64) throws(ArrayError) -> NDArray {
        try NDArray(repeating: .int(1, .int64), shape: shape, dtype: dtype)
    }

    /// NumPy's `empty(shape, dtype)`: contents undefined.
    public static func empty(_ shape: [Int], dtype: DType = .float64) throws(ArrayError) -> NDArray {
        try NDArray(uninitialized: dtype, shape: shape)
    }

    /// NumPy's `full(shape, fill_value, dtype)`: the dtype defaults to the fill value's
    /// (`int64` for a Python int, `float64` for a float, `bool`, or an array's dtype); an
    /// array fill value broadcasts.
    public static func full(_ shape: [Int], _ value: Operand, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        let resolved = dtype ?? value.defaultDType
        let source = try value.checkedScalarArray(dtype: resolved)
        // The shape is checked (negative dimensions, too big) before the fill broadcasts.
        let result = try NDArray(uninitialized: resolved, shape: shape)
        let broadcast: NDArray
        do { broadcast = try source.broadcast(to: shape) } catch {
            throw .broadcastInto(from: source.shape, to: shape)
        }
        if source.count == 1 {
            // One value: filled in slabs, stopping on Ctrl-C (page faults make a fill of
            // gigabytes take seconds).
            let value = try source.converted(to: resolved).item()
            resolved.dispatch(FillKernel(array: result, value: value, stopsOnRequest: true))
            try KernelCancellation.check()
        } else {
            copyElements(from: broadcast, to: result)
        }
        return result
    }

    /// NumPy's `zeros_like`: same shape, this dtype unless given.
    public func zerosLike(dtype: DType? = nil) throws(ArrayError) -> NDArray { try .zeros(shape, dtype: dtype ?? self.dtype) }
    /// NumPy's `ones_like`.
    public func onesLike(dtype: DType? = nil) throws(ArrayError) -> NDArray { try .ones(shape, dtype: dtype ?? self.dtype) }
    /// NumPy's `empty_like`.
    public func emptyLike(dtype: DType? = nil) throws(ArrayError) -> NDArray { try .empty(shape, dtype: dtype ?? self.dtype) }
    /// NumPy's `full_like`: the fill value is cast to this array's dtype unless `dtype` is given.
    public func fullLike(_ value: Operand, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        try .full(shape, value, dtype: dtype ?? self.dtype)
    }

    /// NumPy's `asarray`: an array as it is (or converted when `dtype` differs), or one built from nested lists.
    public static func asarray(_ value: NestedValue, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        if case .array(let array) = value { return try dtype.map { d throws(ArrayError) in try array.converted(to: d) } ?? array }
        return try from(nested: value, dtype: dtype)
    }

    /// NumPy's `arange(start, stop, step, dtype)`.
    ///
    /// All-integer arguments give `int64`, any float gives `float64`. The length is
    /// `ceil((stop - start) / step)`; values are `start + i * delta` with
    /// `delta = (start + step) - start` computed in the result dtype, as NumPy fills them.
    public static func arange(start: Scalar = .int64(0), stop: Scalar, step: Scalar = .int64(1),
                              dtype: DType? = nil) throws(ArrayError) -> NDArray {
        let integral = [start, stop, step].allSatisfy { $0.dtype.kind != "f" }
        let resolved = dtype ?? (integral ? .int64 : .float64)
        let length: Int
        if integral {
            let a = start.int64Value, b = stop.int64Value, s = step.int64Value
            guard s != 0 else { throw .value("division by zero") }
            // In 128 bits the span and the ceiling division are exact for any 64-bit bounds.
            let span = Int128(b) - Int128(a)
            let quotient = span / Int128(s), hasRemainder = span % Int128(s) != 0
            let exact = Swift.max(0, quotient + (hasRemainder && (span > 0) == (s > 0) ? 1 : 0))
            guard exact <= Int128(Int.max) else { throw .tooBig }
            length = Int(exact)
        } else {
            let s = step.doubleValue
            guard s != 0 else { throw .value("division by zero") }
            let span = (stop.doubleValue - start.doubleValue) / s
            guard !span.isNaN else { throw .value("arange: cannot compute length") }
            guard span < 9.2e18 else { throw .value("Maximum allowed size exceeded") }
            length = Swift.max(0, Int(span.rounded(.up)))
        }
        let result = try NDArray(uninitialized: resolved, shape: [length])
        resolved.dispatch(ArangeFill(result: result, start: start, step: step, integral: integral))
        return result
    }

    /// NumPy's `linspace(start, stop, num, endpoint, dtype)`: `float64` unless `dtype` is
    /// given; integer dtypes floor the values, as NumPy 2 does.
    public static func linspace(start: Double, stop: Double, count: Int = 50, endpoint: Bool = true,
                                dtype: DType = .float64) throws(ArrayError) -> NDArray {
        guard count >= 0 else { throw .value("Number of samples, \(count), must be non-negative.") }
        let divisions = endpoint ? count - 1 : count
        let delta = stop - start
        let result = try NDArray(uninitialized: .float64, shape: [count])
        let values = result.pointer(as: Double.self)
        let step = divisions > 0 ? delta / Double(divisions) : .nan
        for i in 0..<count {
            let position = Double(i)
            if divisions > 0 {
                values[i] = (step == 0 ? position / Double(divisions) * delta : position * step) + start
            } else {
                values[i] = position * delta + start
            }
        }
        if endpoint && count > 1 { values[count - 1] = stop }
        if dtype.isInteger || dtype == .bool {
            for i in 0..<count { values[i] = values[i].rounded(.down) }
        }
        return try result.converted(to: dtype)
    }

    /// NumPy's `eye(N, M, k, dtype)`: ones on the `k`-th diagonal.
    public static func eye(_ rows: Int, _ columns: Int? = nil, k: Int = 0, dtype: DType = .float64) throws(ArrayError) -> NDArray {
        let columns = columns ?? rows
        let result = try NDArray.zeros([rows, columns], dtype: dtype)
        let first = k < 0 ? (k == Int.min ? Int.max : -k) : 0
        var row = first
        while row < rows && row + k < columns {
            try result.setElement(.int(1, .int64), at: [row, row + k])
            row += 1
        }
        return result
    }

    /// NumPy's `identity(n, dtype)`.
    public static func identity(_ size: Int, dtype: DType = .float64) throws(ArrayError) -> NDArray {
        try eye(size, dtype: dtype)
    }
}

private struct ArangeFill: ElementVisitor {
    let result: NDArray
    let start: Scalar
    let step: Scalar
    let integral: Bool

    func visit<T: NDElement>(_ type: T.Type) {
        let count = result.count
        guard count > 0 else { return }
        let output = result.pointer(as: T.self)
        if integral && T.dtype.isInteger {
            let first = start.int64Value, delta = step.int64Value
            for i in 0..<count { output[i] = T.numpyCast(first &+ Int64(i) &* delta) }
            return
        }
        // NumPy computes the first two values, then fills with their difference.
        let first = start.doubleValue
        let second = first + step.doubleValue
        if T.dtype == .float32 {
            let a = Float(first), delta = Float(second) - Float(first)
            for i in 0..<count { output[i] = T.numpyCast(a + Float(i) * delta) }
        } else {
            let a = T.numpyCast(first).doubleValue
            let delta = T.numpyCast(second).doubleValue - a
            for i in 0..<count { output[i] = T.numpyCast(a + Double(i) * delta) }
        }
    }
}
