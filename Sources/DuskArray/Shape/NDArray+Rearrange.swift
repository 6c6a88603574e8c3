// Rearranging elements: flip, roll, tile, repeat, take, triangles, differences and the
// array API standard's cumulative functions.

extension NDArray {
    /// An index selecting everything, with `entry` on `axis`.
    public static func along(_ axis: Int, ndim: Int, _ entry: Index) -> [Index] {
        (0..<ndim).map { $0 == axis ? entry : .all }
    }

    /// NumPy's `flip`: a view with the elements of `axes` (nil: all) in reverse order.
    public func flipped(axes: [Int]? = nil) throws(ArrayError) -> NDArray {
        var reversed = Set<Int>()
        for axis in axes ?? Array(0..<ndim) { reversed.insert(try normalizedAxis(axis, ndim: ndim)) }
        return try indexed((0..<ndim).map { reversed.contains($0) ? .slice(start: nil, stop: nil, step: -1) : .all })
    }

    /// NumPy's `roll`: elements shifted along `axes` by `shifts` (one shift for every axis, or
    /// one each), wrapping around; with `axes` nil the flattened array rolls and keeps its shape.
    public func rolled(_ shifts: [Int], axes: [Int]?) throws(ArrayError) -> NDArray {
        guard let axes else {
            guard shifts.count == 1 else { throw .value("'shift' and 'axis' should be scalars or 1D sequences") }
            return try flattened().rolled(shifts, axes: [0]).reshaped(shape)
        }
        guard shifts.count == axes.count || shifts.count == 1 || axes.count == 1 else {
            throw .value("'shift' and 'axis' should be scalars or 1D sequences")
        }
        var total = [Int](repeating: 0, count: ndim)
        for i in 0..<Swift.max(shifts.count, axes.count) {
            let axis = try normalizedAxis(axes[axes.count == 1 ? 0 : i], ndim: ndim)
            total[axis] += shifts[shifts.count == 1 ? 0 : i]
        }
        var result = try copy()
        for axis in 0..<ndim where shape[axis] > 0 {
            let n = shape[axis]
            let shift = ((total[axis] % n) + n) % n
            if shift == 0 { continue }
            let head = try result.indexed(NDArray.along(axis, ndim: ndim, .slice(start: n - shift, stop: nil, step: nil)))
            let tail = try result.indexed(NDArray.along(axis, ndim: ndim, .slice(start: nil, stop: n - shift, step: nil)))
            result = try NDArray.concatenate([head, tail], axis: axis)
        }
        return result
    }

    /// NumPy's `tile`: the array repeated `reps` times along each axis (leading axes added as needed).
    ///
    /// The result is allocated first (its size checked), then filled by one strided copy: each
    /// axis of the result seen as (repetition, element) is the source broadcast along the repetitions.
    public func tiled(_ reps: [Int]) throws(ArrayError) -> NDArray {
        guard reps.allSatisfy({ $0 >= 0 }) else { throw .negativeDimensions }
        let rank = Swift.max(ndim, reps.count)
        let source = try reshaped(Array(repeating: 1, count: rank - ndim) + shape)
        let factors = Array(repeating: 1, count: rank - reps.count) + reps
        var target: [Int] = []
        for axis in 0..<rank {
            let (size, overflow) = source.shape[axis].multipliedReportingOverflow(by: factors[axis])
            if overflow { throw .tooBig }
            target.append(size)
        }
        let result = try NDArray(uninitialized: dtype, shape: target)
        if result.count == 0 { return result }
        let pairs = zip(factors, source.shape).flatMap { [$0, $1] }
        let paired = NDArray(dtype: dtype, shape: pairs, strides: NDArray.contiguousStrides(for: pairs), offset: 0,
                             storage: result.storage)
        let spread = NDArray(dtype: dtype, shape: pairs, strides: source.strides.flatMap { [0, $0] },
                             offset: source.offset, storage: source.storage)
        NDArray.copyElements(from: spread, to: paired)
        return result
    }

    /// NumPy's `repeat`: each element (along `axis`; nil: of the flattened array) repeated
    /// `repeats` times, one count for all or one per element. The total is checked before
    /// any index list is made.
    public func repeated(_ repeats: [Int], axis: Int?) throws(ArrayError) -> NDArray {
        let source = axis == nil ? try flattened() : self
        let along = try axis.map { (a: Int) throws(ArrayError) -> Int in try normalizedAxis(a, ndim: ndim) } ?? 0
        let n = source.shape[along]
        guard repeats.count == 1 || repeats.count == n else {
            throw .value("operands could not be broadcast together with shape (\(n),) (\(repeats.count),)")
        }
        guard repeats.allSatisfy({ $0 >= 0 }) else { throw .negativeDimensions }
        var total = 0
        for i in 0..<n {
            let (sum, overflow) = total.addingReportingOverflow(repeats.count == 1 ? repeats[0] : repeats[i])
            if overflow { throw .tooBig }
            total = sum
        }
        var target = source.shape
        target[along] = total
        try NDArray.checkAllocatable(target, dtype: dtype)
        let positions = try NDArray(uninitialized: .int64, shape: [total])
        let p = positions.pointer(as: Int64.self)
        var next = 0
        for i in 0..<n {
            for _ in 0..<(repeats.count == 1 ? repeats[0] : repeats[i]) {
                p[next] = Int64(i)
                next += 1
            }
        }
        return try source.indexed(NDArray.along(along, ndim: source.ndim, .array(positions)))
    }

    /// NumPy's `take`: elements at `indices` along `axis` (nil: of the flattened array).
    public func taken(_ indices: NDArray, axis: Int?) throws(ArrayError) -> NDArray {
        guard indices.dtype.isInteger || indices.count == 0 else {
            throw .type("Cannot cast array data from dtype('\(indices.dtype)') to dtype('int64') according to the rule 'safe'")
        }
        let positions = try indices.converted(to: .int64)
        guard let axis else { return try flattened().indexed([.array(positions)]) }
        let along = try normalizedAxis(axis, ndim: ndim)
        return try indexed(NDArray.along(along, ndim: ndim, .array(positions)))
    }

    /// NumPy's `take_along_axis`: `indices` (same rank) pick elements along `axis`; the other
    /// axes broadcast.
    public func takenAlongAxis(_ indices: NDArray, axis: Int?) throws(ArrayError) -> NDArray {
        guard indices.dtype.isInteger else { throw .index("`indices` must be an integer array") }
        guard let axis else {
            guard indices.ndim == 1 else { throw .value("when axis=None, `indices` must have a single dimension.") }
            return try flattened().taken(indices, axis: 0)
        }
        let along = try normalizedAxis(axis, ndim: ndim)
        guard indices.ndim == ndim else {
            throw .value("`indices` and `arr` must have the same number of dimensions")
        }
        var index: [Index] = []
        for d in 0..<ndim {
            if d == along {
                index.append(.array(try indices.converted(to: .int64)))
            } else {
                var grid = Array(repeating: 1, count: ndim)
                grid[d] = shape[d]
                index.append(.array(try NDArray.arange(stop: .int64(Int64(shape[d])), dtype: .int64).reshaped(grid)))
            }
        }
        return try indexed(index)
    }

    /// NumPy's `tril` (`upper` false) and `triu`: zeros above (below) diagonal `k` of the last two axes.
    public func triangle(k: Int, upper: Bool) throws(ArrayError) -> NDArray {
        guard ndim >= 2 else {
            guard ndim == 1 else { throw .value("input array must be at least 1-d") }
            return try broadcast(to: [shape[0], shape[0]]).triangle(k: k, upper: upper)
        }
        let (rows, columns) = (shape[ndim - 2], shape[ndim - 1])
        let mask = try NDArray(uninitialized: .bool, shape: [rows, columns])
        let m = mask.pointer(as: Bool.self)
        for i in 0..<rows {
            for j in 0..<columns { m[i * columns + j] = upper ? j - i < k : j - i > k }
        }
        return try NDArray.where(mask, .array(NDArray(zeros: dtype, shape: [])), .array(self))
    }

    /// NumPy's `diff`: the `n`-th discrete difference along `axis`, after joining `prepend`
    /// and `append`; booleans differ by `!=`.
    public func diff(n: Int = 1, axis: Int = -1, prepend: NDArray? = nil, append: NDArray? = nil) throws(ArrayError) -> NDArray {
        guard n >= 0 else { throw .value("order must be non-negative but got \(n)") }
        guard ndim > 0 else { throw .value("diff requires input that is at least one dimensional") }
        let along = try normalizedAxis(axis, ndim: ndim)
        var result = self
        func extended(_ piece: NDArray) throws(ArrayError) -> NDArray {
            if piece.ndim > 0 { return piece }
            var target = shape
            target[along] = 1
            return try piece.broadcast(to: target)
        }
        if prepend != nil || append != nil {
            var parts: [NDArray] = []
            if let prepend { parts.append(try extended(prepend)) }
            parts.append(self)
            if let append { parts.append(try extended(append)) }
            result = try NDArray.concatenate(parts, axis: along)
        }
        for _ in 0..<n {
            let length = result.shape[along]
            let later = try result.indexed(NDArray.along(along, ndim: ndim, .slice(start: 1, stop: nil, step: nil)))
            let earlier = try result.indexed(NDArray.along(along, ndim: ndim, .slice(start: nil, stop: Swift.max(length - 1, 0), step: nil)))
            result = try NDArray.binary(result.dtype == .bool ? .not_equal : .subtract, .array(later), .array(earlier))
        }
        return n == 0 ? try result.copy() : result
    }

    /// The array API standard's `cumulative_sum`/`cumulative_prod`: `axis` may be omitted only
    /// for 1-d arrays; `includeInitial` puts the identity first.
    public func cumulative(product: Bool, axis: Int?, dtype requested: DType?, includeInitial: Bool) throws(ArrayError) -> NDArray {
        guard let axis = axis ?? (ndim <= 1 ? 0 : nil) else {
            throw .value("For arrays which have more than one dimension ``axis`` argument is required.")
        }
        let source = ndim == 0 ? try reshaped([1]) : self
        let along = try normalizedAxis(axis, ndim: source.ndim)
        let scanned = try product ? source.cumprod(axis: along, dtype: requested) : source.cumsum(axis: along, dtype: requested)
        guard includeInitial else { return scanned }
        var initialShape = source.shape
        initialShape[along] = 1
        let initial = try NDArray(repeating: product ? .int64(1) : .int64(0), shape: initialShape, dtype: scanned.dtype)
        return try NDArray.concatenate([initial, scanned], axis: along)
    }
}
