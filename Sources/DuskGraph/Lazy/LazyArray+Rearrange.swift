import DuskArray
import DuskSyntax

/// Rearranging elements lazily, with Dask's graphs: `flip` and `take` are indexing, `roll`,
/// `tile` and `diff` slice and join, `repeat`, `tril` and `triu` work block by block.
extension LazyArray {
    /// `da.flip(x, axis)`: reversed slices along `axes` (nil: all).
    public func flipped(axes: [Int]?, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let reversed = Set(try LazyArray.axes(axes, ndim: ndim, at: location))
        return try getitem((0..<ndim).map { reversed.contains($0) ? .slice(start: nil, stop: nil, step: -1) : .all }, at: location)
    }

    /// `da.roll(x, shift, axis)`: per axis, the slice from the shift on joined before the slice
    /// up to it (always both, as Dask builds it); with `axes` nil the flattened array rolls and
    /// is reshaped back.
    public func rolled(_ shifts: [Int], axes: [Int]?, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        var result = axes == nil ? try raveled(at: location) : self
        let targets = axes ?? [0]
        guard shifts.count == targets.count else {
            throw GraphError.value("Must have the same number of shifts as axes.").located(location)
        }
        for (target, shift) in zip(targets, shifts) {
            let axis = try LazyArray.axis(target, ndim: result.ndim, at: location)
            let n = result.shape[axis]
            let start = n == 0 ? 0 : ((-shift) % n + n) % n
            let head = try result.getitem(NDArray.along(axis, ndim: result.ndim, .slice(start: start, stop: nil, step: nil)), at: location)
            let tail = try result.getitem(NDArray.along(axis, ndim: result.ndim, .slice(start: nil, stop: start, step: nil)), at: location)
            result = try LazyArray.concatenate([head, tail], axis: axis, at: location)
        }
        return try result.reshaped(shape, at: location)
    }

    /// `da.tile(x, reps)`: copies joined along each axis (Dask's `block`); a zero repetition
    /// gives an empty array of the result's shape.
    public func tiled(_ reps: [Int], at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard reps.allSatisfy({ $0 >= 0 }) else { throw GraphError.value("Negative `reps` are not allowed.").located(location) }
        let rank = Swift.max(ndim, reps.count)
        let factors = Array(repeating: 1, count: rank - reps.count) + reps
        if factors.contains(0) {
            let padded = Array(repeating: 1, count: rank - ndim) + shape
            return try LazyArray.empty(zip(padded, factors).map { $0 * $1 }, dtype: dtype, at: location)
        }
        var result = rank > ndim ? try getitem(Array(repeating: .newAxis, count: rank - ndim) + Array(repeating: .all, count: ndim), at: location) : self
        for axis in 0..<rank where factors[axis] != 1 {
            result = try LazyArray.concatenate(Array(repeating: result, count: factors[axis]), axis: axis, at: location)
        }
        return result
    }

    /// `da.repeat(x, repeats, axis)` as Dask builds it: each block cut into `repeats - 1` slabs
    /// (at rounded `linspace` points), each slab's elements repeated by `np.repeat`, the slabs
    /// joined. Integer counts only, as in Dask.
    public func repeated(_ repeats: Int, axis: Int, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard repeats >= 0 else { throw GraphError.value("Number of samples, \(repeats), must be non-negative.").located(location) }
        let along = try LazyArray.axis(axis, ndim: ndim, at: location)
        if repeats == 0 { return try getitem(NDArray.along(along, ndim: ndim, .slice(start: 0, stop: 0, step: nil)), at: location) }
        if repeats == 1 { return self }
        var slabs: [LazyArray] = []
        let starts = chunks.offsets[along]
        for block in 0..<(starts.count - 1) {
            let (low, high) = (Double(starts[block]), Double(starts[block + 1]))
            let points = (0..<repeats).map { i in
                (low + (high - low) * Double(i) / Double(repeats - 1)).rounded(.toNearestOrEven)
            }
            for (a, b) in zip(points, points.dropFirst()) where a != b {
                let slab = try getitem(NDArray.along(along, ndim: ndim, .slice(start: Int(a), stop: Int(b), step: nil)), at: location)
                var sizes = slab.chunks.sizes
                sizes[along] = [sizes[along][0] * repeats]
                slabs.append(try LazyArray.mapBlocks([slab], functionName: "repeat", token: "repeat|\(repeats)|\(along)",
                                                     dtype: dtype, chunks: sizes, at: location) { blocks, _ in
                    guard case .array(let block) = blocks[0] else { return blocks[0] }
                    return .array(try block.repeated([repeats], axis: along))
                })
            }
        }
        return try LazyArray.concatenate(slabs, axis: along, at: location)
    }

    /// `da.broadcast_arrays(*args)`: chunks unified across the arrays (as Dask's
    /// `unify_chunks`), each broadcast to the common shape with the common chunks.
    public static func broadcastArrays(_ arrays: [LazyArray], at location: SourceLocation? = nil) throws(GraphError) -> [LazyArray] {
        let shape: [Int]
        do {
            shape = try NDArray.broadcastShapes(arrays.map(\.shape))
        } catch {
            throw GraphError.array(error, at: location)
        }
        let unified = try Chunks.unifyBroadcasting(arrays.map(\.chunks), outputShape: shape)
        var result: [LazyArray] = []
        for (array, target) in zip(arrays, unified.inputs) {
            result.append(try array.rechunked(to: target, at: location).broadcast(to: shape, grownChunks: unified.output, at: location))
        }
        return result
    }

    /// `da.tril` (`upper` false) and `da.triu`: each block masked by where it sits in the matrix.
    public func triangle(k: Int, upper: Bool, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard ndim >= 2 else { throw GraphError.value("input must be at least 2-d").located(location) }
        let rank = ndim
        return try LazyArray.mapBlocks([self], functionName: upper ? "triu" : "tril", token: "\(upper ? "triu" : "tril")|\(k)",
                                       dtype: dtype, at: location) { blocks, info in
            guard case .array(let block) = blocks[0] else { return blocks[0] }
            let shift = info.origin[rank - 1] - info.origin[rank - 2]
            return .array(try block.triangle(k: k - shift, upper: upper))
        }
    }

    /// `da.diff(x, n, axis, prepend, append)`: `prepend` and `append` joined first, then the
    /// later slice minus the earlier one, `n` times.
    public func diff(n: Int, axis: Int, prepend: LazyArray? = nil, append: LazyArray? = nil,
                     at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard n >= 0 else { throw GraphError.value("order must be non-negative but got \(n)").located(location) }
        let along = try LazyArray.axis(axis, ndim: ndim, at: location)
        var result = self
        if prepend != nil || append != nil {
            result = try LazyArray.concatenate([prepend, self, append].compactMap { $0 }, axis: along, at: location)
        }
        for _ in 0..<n {
            let length = result.shape[along]
            let later = try result.getitem(NDArray.along(along, ndim: ndim, .slice(start: 1, stop: nil, step: nil)), at: location)
            let earlier = try result.getitem(NDArray.along(along, ndim: ndim, .slice(start: nil, stop: Swift.max(length - 1, 0), step: nil)),
                                             at: location)
            result = try LazyArray.binary(dtype == .bool ? .not_equal : .subtract, .array(later), .array(earlier), at: location)
        }
        return result
    }
}

extension LazyArray {
    /// `da.meshgrid(*xi, sparse, indexing)` as Dask builds it: each vector flattened and given
    /// new axes, then (unless sparse) all broadcast together; `xy` swaps the first two.
    public static func meshgrid(_ vectors: [LazyArray], sparse: Bool, cartesian: Bool,
                                at location: SourceLocation? = nil) throws(GraphError) -> [LazyArray] {
        var xi: [LazyArray] = []
        for vector in vectors { xi.append(vector.ndim == 1 ? vector : try vector.raveled(at: location)) }
        let swap = cartesian && xi.count > 1
        if swap { xi.swapAt(0, 1) }
        var grid: [LazyArray] = []
        for (i, x) in xi.enumerated() {
            grid.append(try x.getitem((0..<xi.count).map { $0 == i ? .all : .newAxis }, at: location))
        }
        if !sparse { grid = try broadcastArrays(grid, at: location) }
        if swap { grid.swapAt(0, 1) }
        return grid
    }
}
