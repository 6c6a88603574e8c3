import DuskArray
import DuskSyntax

extension LazyArray {
    /// `transpose(x, axes)`: axes permuted (reversed by default); block `(i, j)` of `x.T` is
    /// block `(j, i)` of `x` transposed. Always a layer, as in Dask.
    public func transposed(_ axes: [Int]? = nil, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let permutation: [Int]
        if let axes {
            guard axes.count == ndim else { throw GraphError.value("axes don't match array").located(location) }
            var seen = Set<Int>()
            var normalized: [Int] = []
            for axis in axes {
                let value = try LazyArray.axis(axis, ndim: ndim, at: location)
                guard seen.insert(value).inserted else { throw GraphError.value("repeated axis in transpose").located(location) }
                normalized.append(value)
            }
            permutation = normalized
        } else {
            permutation = Array((0..<ndim).reversed())
        }
        return try LazyArray.make("transpose", op: .transpose(axes: permutation), inputs: [.array(expr)], dtype: dtype,
                              chunks: Chunks(permutation.map { chunks.sizes[$0] }),
                              token: TokenBuilder(permutation), location: location)
    }

    /// `x.T`.
    public var T: LazyArray { try! transposed() }

    /// `x.reshape(shape)`: where input chunks line up with output chunks (rechunking first
    /// where they do not, as Dask's `reshape_rechunk` plans), one reshape per block.
    public func reshaped(_ newShape: [Int], at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        var target = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        if unknown.count > 1 { throw GraphError.value("can only specify one unknown dimension").located(location) }
        if let hole = unknown.first {
            if newShape.count == 1 && ndim == 1 { return self }
            guard let known = NDArray.checkedProduct(newShape.filter { $0 != -1 }), known != 0, size % known == 0 else {
                throw GraphError.array(.reshape(size: size, shape: newShape), at: location)
            }
            target[hole] = size / known
        }
        if target.contains(where: { $0 < 0 }) {
            throw GraphError.value("negative dimensions not allowed").located(location)
        }
        // A product that overflows cannot equal `size`.
        guard NDArray.checkedProduct(target) == size else {
            throw GraphError.value("total size of new array must be unchanged").located(location)
        }
        if target == shape { return self }
        if npartitions == 1 {
            return try LazyArray.make("reshape", op: .reshape(ReshapePlan(shape: target)), inputs: [.array(expr)],
                                  dtype: dtype, chunks: Chunks(singleChunkOf: target),
                                  token: TokenBuilder(target), location: location)
        }
        let plan: (input: [[Int]], output: [[Int]])
        do {
            plan = try ReshapePlanner.plan(inShape: shape, outShape: target, inChunks: chunks.sizes)
        } catch {
            throw error.located(location)
        }
        let source = try rechunked(to: Chunks(plan.input), at: location)
        return try LazyArray.make("reshape", op: .reshape(ReshapePlan(shape: target)), inputs: [.array(source.expr)],
                              dtype: dtype, chunks: Chunks(plan.output), token: TokenBuilder(target), location: location)
    }

    /// `x.ravel()`: the elements as one dimension, in C order.
    public func raveled(at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        ndim == 1 ? self : try reshaped([size], at: location)
    }

    /// `concatenate(arrays, axis)`: arrays joined along an existing axis, converted to their
    /// common dtype; chunks of the other axes are unified first.
    public static func concatenate(_ arrays: [LazyArray], axis: Int = 0,
                                   at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard let first = arrays.first else {
            throw GraphError.value("Need array(s) to concatenate").located(location)
        }
        guard first.ndim > 0 else {
            throw GraphError.value("zero-dimensional arrays cannot be concatenated").located(location)
        }
        let along = try LazyArray.axis(axis, ndim: first.ndim, at: location)
        let dtype = DType.promote(arrays.map(\.dtype))!
        for (index, array) in arrays.enumerated() {
            guard array.ndim == first.ndim else {
                throw GraphError.value("all the input arrays must have same number of dimensions, but the array at index 0 has \(first.ndim) dimension(s) and the array at index \(index) has \(array.ndim) dimension(s)").located(location)
            }
            for dimension in 0..<first.ndim where dimension != along && array.shape[dimension] != first.shape[dimension] {
                throw GraphError.value("Shapes do not align: \(arrays.map { formatTuple($0.shape) })").located(location)
            }
        }
        var sequence = arrays.map { $0.astype(dtype, at: location) }
        let nonEmpty = sequence.filter { $0.size > 0 }
        if !nonEmpty.isEmpty { sequence = nonEmpty }
        if sequence.count == 1 { return sequence[0] }
        sequence = try unifyExcept(axis: along, sequence, at: location)
        var sizes = sequence[0].chunks.sizes
        sizes[along] = sequence.flatMap { $0.chunks.sizes[along] }
        return try make("concatenate", op: .concatenate(axis: along), inputs: sequence.map { .array($0.expr) },
                    dtype: dtype, chunks: Chunks(sizes), token: TokenBuilder(along), location: location)
    }

    /// `stack(arrays, axis)`: same-shaped arrays joined along a new axis.
    public static func stack(_ arrays: [LazyArray], axis: Int = 0,
                             at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard let first = arrays.first else { throw GraphError.value("Need array(s) to stack").located(location) }
        guard arrays.allSatisfy({ $0.shape == first.shape }) else {
            throw GraphError.value("Stacked arrays must have the same shape.").located(location)
        }
        let along = try LazyArray.axis(axis, ndim: first.ndim + 1, at: location)
        let dtype = DType.promote(arrays.map(\.dtype))!
        var sequence = arrays.map { $0.astype(dtype, at: location) }
        sequence = try unifyExcept(axis: nil, sequence, at: location)
        var sizes = sequence[0].chunks.sizes
        sizes.insert(Array(repeating: 1, count: sequence.count), at: along)
        return try make("stack", op: .stack(axis: along), inputs: sequence.map { .array($0.expr) },
                    dtype: dtype, chunks: Chunks(sizes), token: TokenBuilder(along), location: location)
    }

    /// Rechunks same-rank arrays to common chunks on every axis but `axis`.
    private static func unifyExcept(axis: Int?, _ arrays: [LazyArray], at location: SourceLocation?) throws(GraphError) -> [LazyArray] {
        let ndim = arrays[0].ndim
        var common: [[Int]?] = []
        for dimension in 0..<ndim {
            if dimension == axis { common.append(nil); continue }
            common.append(try Chunks.commonBlockdim(arrays.map { $0.chunks.sizes[dimension] }))
        }
        return try arrays.map { (array) throws(GraphError) in
            let target = Chunks((0..<ndim).map { common[$0] ?? array.chunks.sizes[$0] })
            return try array.rechunked(to: target, at: location)
        }
    }

    /// `x.blocks[...]`: an array of whole blocks; each item selects block indices along one
    /// dimension (an integer keeps the dimension, with one block).
    public func blocks(_ items: [Index], at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let consuming = items.filter { !$0.isEllipsis }
        guard consuming.count <= ndim else {
            throw GraphError.array(.tooManyIndices(ndim: ndim, given: consuming.count), at: location)
        }
        var expanded = items
        if let ellipsis = items.firstIndex(where: \.isEllipsis) {
            expanded = Array(items[..<ellipsis]) + Array(repeating: .all, count: ndim - consuming.count)
                + Array(items[(ellipsis + 1)...])
        } else {
            expanded += Array(repeating: .all, count: ndim - items.count)
        }
        var selected: [[Int]] = []
        for (dimension, item) in expanded.enumerated() {
            let count = numblocks[dimension]
            switch item {
            case .int(let value):
                let block = value < 0 ? value + count : value
                guard block >= 0 && block < count else {
                    throw GraphError.array(.indexOutOfBounds(index: value, axis: dimension, size: count), at: location)
                }
                selected.append([block])
            case .slice(let start, let stop, let step):
                let resolved = try LazyArray.resolveSlice(start, stop, step, length: count, at: location)
                selected.append((0..<resolved.count).map { resolved.start + $0 * resolved.step })
            case .array(let index):
                var blocks: [Int] = []
                for value in try LazyArray.arrayResult({ () throws(ArrayError) in try index.toArray(of: Int64.self) }) {
                    let block = value < 0 ? Int(value) + count : Int(value)
                    guard block >= 0 && block < count else {
                        throw GraphError.array(.indexOutOfBounds(index: Int(value), axis: dimension, size: count), at: location)
                    }
                    blocks.append(block)
                }
                selected.append(blocks)
            case .newAxis, .ellipsis:
                throw GraphError.index("blocks indexing takes integers, slices and lists only").located(location)
            }
        }
        if selected.contains(where: \.isEmpty) {
            throw GraphError.index("the block selection is empty").located(location)
        }
        let sizes = (0..<ndim).map { dimension in selected[dimension].map { chunks.sizes[dimension][$0] } }
        return try LazyArray.make("blocks", op: .selectBlocks(blocks: selected), inputs: [.array(expr)], dtype: dtype,
                              chunks: Chunks(sizes), token: TokenBuilder(selected), location: location)
    }
}
