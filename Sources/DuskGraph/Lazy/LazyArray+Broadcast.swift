import DuskArray
import DuskSyntax

extension LazyArray {
    /// `broadcast_to(x, shape)`: each block a read-only view of one input block, as Dask's
    /// `broadcast_to` makes it. New leading dimensions and dimensions of length 1 that grow
    /// become one chunk each (Dask's chunks) unless `grownChunks` gives theirs (Dask's
    /// `broadcast_to(x, shape, chunks=)`); no element is copied, so `-0.0` stays `-0.0`.
    public func broadcast(to target: [Int], grownChunks: Chunks? = nil,
                          at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        if target == shape { return self }
        try LazyArray.checkShape(target, at: location)
        let added = target.count - ndim
        guard added >= 0, (0..<ndim).allSatisfy({ shape[$0] == 1 || shape[$0] == target[added + $0] }) else {
            throw GraphError.value("cannot broadcast shape \(formatTuple(shape)) to shape \(formatTuple(target))")
                .located(location)
        }
        var sizes = target[..<added].map { [$0] }
        for dimension in 0..<ndim {
            let grows = shape[dimension] == 1 && target[added + dimension] != 1
            sizes.append(grows ? [target[added + dimension]] : chunks.sizes[dimension])
        }
        if let grownChunks {
            for dimension in 0..<target.count where dimension < added || shape[dimension - added] != target[dimension] {
                sizes[dimension] = grownChunks.sizes[dimension]
            }
        }
        return try LazyArray.make("broadcast_to", op: .broadcastTo, inputs: [.array(expr)], dtype: dtype,
                              chunks: Chunks(sizes), token: TokenBuilder(target), location: location)
    }

    /// `squeeze(x, axis)`: axes of length one removed (all of them when `axes` is nil), as an
    /// index taking element 0 of each, as Dask does.
    public func squeezed(axes: [Int]? = nil, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        var targets: [Int] = []
        if let axes {
            for axis in axes {
                let normalized = try LazyArray.axis(axis, ndim: ndim, at: location)
                guard shape[normalized] == 1 else {
                    throw GraphError.value("cannot select an axis to squeeze out which has size not equal to one")
                        .located(location)
                }
                targets.append(normalized)
            }
        } else {
            targets = shape.indices.filter { shape[$0] == 1 }
        }
        if targets.isEmpty { return self }
        return try getitem((0..<ndim).map { targets.contains($0) ? .int(0) : .all }, at: location)
    }

    /// `expand_dims(x, axis)`: new axes of length one at the given positions of the result.
    public func expandingDimensions(at axes: [Int], at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let rank = ndim + axes.count
        var targets = Set<Int>()
        for axis in axes {
            guard targets.insert(try LazyArray.axis(axis, ndim: rank, at: location)).inserted else {
                throw GraphError.value("repeated axis").located(location)
            }
        }
        return try getitem((0..<rank).map { targets.contains($0) ? .newAxis : .all }, at: location)
    }
}
