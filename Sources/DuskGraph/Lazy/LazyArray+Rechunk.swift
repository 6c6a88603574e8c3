import DuskArray
import DuskSyntax

extension LazyArray {
    /// `x.rechunk(chunks)`: the same values cut into new chunks.
    ///
    /// As in Dask, `None` entries and missing dictionary axes keep the current chunks, `'auto'`
    /// follows the current chunks' aspect, and a big change goes through intermediate
    /// chunkings (`plan_rechunk`) so that no step builds a huge graph.
    public func rechunk(_ spec: ChunkSpec, threshold: Double? = nil, blockSizeLimit: Int? = nil,
                        at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        if ndim > 0 && shape.allSatisfy({ $0 == 0 }) { return self }
        var spec = spec
        switch spec {
        case .byAxis(let table):
            var entries: [DimensionChunks] = []
            for axis in 0..<ndim { entries.append(.explicit(chunks.sizes[axis])) }
            for (axis, entry) in table {
                let normalized = try LazyArray.axis(axis, ndim: ndim, at: location)
                if entry != .whole { entries[normalized] = entry }
            }
            spec = .perDimension(entries)
        case .perDimension(let entries) where entries.count == ndim:
            spec = .perDimension(entries.enumerated().map { $1 == .whole ? .explicit(chunks.sizes[$0]) : $1 })
        default:
            break
        }
        let target: Chunks
        do {
            target = try Chunks.normalize(spec, shape: shape, dtype: dtype, previous: chunks.sizes, limit: blockSizeLimit)
        } catch {
            throw error.located(location)
        }
        guard target.ndim == ndim else { throw GraphError.rechunkRank(ndim, given: target.ndim).located(location) }
        return try rechunked(to: target, threshold: threshold, blockSizeLimit: blockSizeLimit, at: location)
    }

    /// Rechunks to exact chunks (which must match the shape), in as many steps as Dask's plan takes.
    func rechunked(to target: Chunks, threshold: Double? = nil, blockSizeLimit: Int? = nil,
                   at location: SourceLocation?) throws(GraphError) -> LazyArray {
        if target == chunks { return self }
        let steps = RechunkPlanner.plan(old: chunks.sizes, new: target.sizes, itemSize: dtype.itemSize,
                                        threshold: threshold ?? RechunkPlanner.defaultThreshold,
                                        blockSizeLimit: blockSizeLimit)
        var current = self
        for step in steps {
            current = try current.rechunkStep(Chunks(step), at: location)
        }
        return current
    }

    /// One `rechunk-merge` layer.
    private func rechunkStep(_ target: Chunks, at location: SourceLocation?) throws(GraphError) -> LazyArray {
        if target == chunks { return self }
        return try LazyArray.make("rechunk-merge", op: .rechunk, inputs: [.array(expr)], dtype: dtype, chunks: target,
                              token: TokenBuilder(), location: location)
    }
}
