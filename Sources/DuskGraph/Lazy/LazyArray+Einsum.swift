import DuskArray
import DuskSyntax
import Foundation

extension LazyArray {
    /// `da.einsum(subscripts, *operands)` for one or two operands without repeated labels
    /// within an operand: Dask's chunks (its operands split first when the output's blocks
    /// would outgrow the inputs'), a `tensordot` for pure contractions, otherwise the operands
    /// broadcast over every label, multiplied, and summed over the contracted ones.
    public static func einsum(_ subscripts: EinsumSubscripts, _ operands: [LazyArray],
                              at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard operands.count == 1 || operands.count == 2 else {
            throw GraphError.notImplemented("einsum of lazy arrays takes one or two operands").located(location)
        }
        var sizes: [Character: Int] = [:]
        for (operand, labels) in zip(operands, subscripts.inputs) {
            guard labels.count == operand.ndim else {
                throw GraphError.value("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.").located(location)
            }
            guard Set(labels).count == labels.count else {
                throw GraphError.notImplemented("einsum of a lazy array with a repeated subscript (a diagonal) is not supported yet; compute() it first").located(location)
            }
            for (label, size) in zip(labels, operand.shape) {
                if let known = sizes[label], known != size {
                    throw GraphError.value("operands could not be broadcast together with remapped shapes [original->remapped]").located(location)
                }
                sizes[label] = size
            }
        }
        let output = subscripts.output
        var arrays = operands
        if operands.count > 1 && !output.isEmpty {
            arrays = []
            for (operand, sizes) in zip(operands, einsumChunks(operands, subscripts.inputs, output: output)) {
                arrays.append(try operand.rechunked(to: Chunks(sizes), at: location))
            }
        }
        let dtype = operands.dropFirst().reduce(operands[0].dtype) { DType.promote($0, $1.dtype) }
        var labels = subscripts.inputs
        // Labels no other operand and not the output need are summed on their own operand first.
        for i in arrays.indices {
            let others = Set(output + labels.indices.filter { $0 != i }.flatMap { labels[$0] })
            let summed = labels[i].indices.filter { !others.contains(labels[i][$0]) }
            if !summed.isEmpty {
                arrays[i] = try arrays[i].sum(axes: summed, dtype: dtype, at: location)
                labels[i] = labels[i].enumerated().filter { !summed.contains($0.offset) }.map(\.element)
            }
        }
        var result: LazyArray, resultLabels: [Character]
        if arrays.count == 1 {
            (result, resultLabels) = (arrays[0], labels[0])
        } else {
            let (la, lb) = (labels[0], labels[1])
            let shared = la.filter { lb.contains($0) }
            if shared.allSatisfy({ !output.contains($0) }) {
                // A pure contraction (or an outer product): block products through BLAS, summed
                // over the shared blocks; like NumPy's einsum, no -0.0 products.
                let left = shared.compactMap { la.firstIndex(of: $0) }, right = shared.compactMap { lb.firstIndex(of: $0) }
                result = try tensordot(arrays[0], arrays[1], axes: (left, right), at: location)
                resultLabels = la.filter { !shared.contains($0) } + lb.filter { !shared.contains($0) }
            } else {
                let all = la + lb.filter { !la.contains($0) }
                let product = try binary(.multiply, .array(try spread(arrays[0], la, over: all, at: location)),
                                         .array(try spread(arrays[1], lb, over: all, at: location)), at: location)
                let contracted = all.indices.filter { !output.contains(all[$0]) }
                result = contracted.isEmpty ? product : try product.sum(axes: contracted, dtype: dtype, at: location)
                resultLabels = all.filter { output.contains($0) }
            }
        }
        let order = output.compactMap { resultLabels.firstIndex(of: $0) }
        if order != Array(order.indices) { result = try result.transposed(order, at: location) }
        return result.dtype == dtype ? result : result.astype(dtype, at: location)
    }

    /// `array` (its axes labelled `labels`) transposed into the order of `all` with length-one
    /// axes for the labels it lacks.
    private static func spread(_ array: LazyArray, _ labels: [Character], over all: [Character],
                               at location: SourceLocation?) throws(GraphError) -> LazyArray {
        let present = all.filter { labels.contains($0) }
        let order = present.compactMap { labels.firstIndex(of: $0) }
        let moved = order == Array(order.indices) ? array : try array.transposed(order, at: location)
        let missing = all.indices.filter { !labels.contains(all[$0]) }
        return missing.isEmpty ? moved : try moved.expandingDimensions(at: missing, at: location)
    }

    /// The operands' chunks as Dask's `einsum` sets them: when the output's largest block would
    /// be bigger than the inputs' largest (times `array.chunk-size-tolerance`), the dimensions
    /// of each operand that reach the output are split (Dask's `_calculate_new_chunksizes`).
    static func einsumChunks(_ operands: [LazyArray], _ inputs: [[Character]], output: [Character]) -> [[[Int]]] {
        let tolerance = ChunkConfiguration.tolerance
        func largest(_ sizes: [[Int]]) -> Double { sizes.reduce(1.0) { $0 * Double($1.max() ?? 0) } }
        let contracted = Set(inputs.joined()).subtracting(output)
        var largestInput = 1.0
        var largestPerLabel: [Character: Int] = [:]
        for (operand, labels) in zip(operands, inputs) {
            largestInput = Swift.max(largest(operand.chunks.sizes), largestInput)
            for (i, label) in labels.enumerated() where !contracted.contains(label) {
                largestPerLabel[label] = Swift.max(operand.chunks.sizes[i].max() ?? 0, largestPerLabel[label] ?? 1)
            }
        }
        let largestOutput = largestPerLabel.values.reduce(1.0) { $0 * Double($1) }
        let factor = largestOutput / (largestInput * tolerance)
        return zip(operands, inputs).map { operand, labels in
            let changeable = Set(labels.indices.filter { output.contains(labels[$0]) })
            let f = Swift.max(pow(factor, Double(changeable.count) / Double(output.count)), 1)
            return splitChunks(operand.chunks.sizes, changeable: changeable, maximum: largest(operand.chunks.sizes) / f)
        }
    }

    /// Dask's `_calculate_new_chunksizes`: chunks of the `changeable` dimensions split evenly
    /// until the largest block holds at most `maximum` elements (or those chunks are all 1).
    static func splitChunks(_ input: [[Int]], changeable: Set<Int>, maximum: Double) -> [[Int]] {
        let tolerance = ChunkConfiguration.tolerance
        let maximum = Swift.max(maximum, 1)
        var chunks = input
        var changeable = changeable
        while !changeable.isEmpty {
            let count = Double(changeable.count)
            let increase = chunks.reduce(1.0) { $0 * Double($1.max() ?? 0) } / maximum
            if increase <= 1 { break }
            for i in changeable.sorted() {
                let limit = Double(chunks[i].max() ?? 0) / pow(increase, 1 / count)
                var split: [Int] = []
                for c in input[i] {
                    if Double(c) > tolerance * limit {
                        let pieces = Swift.min(Int((Double(c) / limit).rounded(.up)), c)
                        let (size, remainder) = c.quotientAndRemainder(dividingBy: pieces)
                        split += (0..<pieces).map { $0 < remainder ? size + 1 : size }
                    } else {
                        split.append(c)
                    }
                }
                if split == chunks[i] || split.max() == 1 { changeable.remove(i) }
                chunks[i] = split
            }
        }
        return chunks
    }
}
