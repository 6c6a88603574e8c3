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

    /// `da.roll(x, shift, axis)`: per axis, the tail slice joined before the head slice;
    /// with `axes` nil the flattened array rolls and is reshaped back.
    public func rolled(_ shifts: [Int], axes: [Int]?, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        var result = axes == nil ? try raveled(at: location) : self
        let targets = axes ?? [0]
        guard shifts.count == targets.count || shifts.count == 1 || targets.count == 1 else {
            throw GraphError.value("'shift' and 'axis' should be scalars or 1D sequences").located(location)
        }
        for i in 0..<Swift.max(shifts.count, targets.count) {
            let axis = try LazyArray.axis(targets[targets.count == 1 ? 0 : i], ndim: result.ndim, at: location)
            let n = result.shape[axis]
            if n == 0 { continue }
            let shift = ((-shifts[shifts.count == 1 ? 0 : i]) % n + n) % n
            if shift == 0 { continue }
            let head = try result.getitem(NDArray.along(axis, ndim: result.ndim, .slice(start: shift, stop: nil, step: nil)), at: location)
            let tail = try result.getitem(NDArray.along(axis, ndim: result.ndim, .slice(start: nil, stop: shift, step: nil)), at: location)
            result = try LazyArray.concatenate([head, tail], axis: axis, at: location)
        }
        return axes == nil ? try result.reshaped(shape, at: location) : result
    }

    /// `da.tile(x, reps)`: copies joined along each axis.
    public func tiled(_ reps: [Int], at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard reps.allSatisfy({ $0 >= 0 }) else { throw GraphError.value("negative dimensions are not allowed").located(location) }
        let rank = Swift.max(ndim, reps.count)
        var result = rank > ndim ? try getitem(Array(repeating: .newAxis, count: rank - ndim) + Array(repeating: .all, count: ndim), at: location) : self
        let factors = Array(repeating: 1, count: rank - reps.count) + reps
        for axis in 0..<rank where factors[axis] != 1 {
            if factors[axis] == 0 {
                result = try result.getitem(NDArray.along(axis, ndim: rank, .slice(start: 0, stop: 0, step: nil)), at: location)
            } else {
                result = try LazyArray.concatenate(Array(repeating: result, count: factors[axis]), axis: axis, at: location)
            }
        }
        return result
    }

    /// `da.repeat(x, repeats, axis)`: each block's elements repeated (an integer count only, as Dask).
    public func repeated(_ repeats: Int, axis: Int, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard repeats >= 0 else { throw GraphError.value("repeats may not contain negative values.").located(location) }
        let along = try LazyArray.axis(axis, ndim: ndim, at: location)
        var sizes = chunks.sizes
        sizes[along] = sizes[along].map { $0 * repeats }
        return try LazyArray.mapBlocks([self], functionName: "repeat", token: "repeat|\(repeats)|\(along)", dtype: dtype,
                                       chunks: sizes, at: location) { blocks, _ in
            guard case .array(let block) = blocks[0] else { return blocks[0] }
            return .array(try block.repeated([repeats], axis: along))
        }
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
