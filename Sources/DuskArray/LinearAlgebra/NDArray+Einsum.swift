// NumPy's einsum for one or two operands: the subscripts parsed into labels, repeated
// labels of one operand taken as diagonals, then a tensordot (BLAS) for pure contractions or
// a broadcast product and sum when labels are shared with the output.

/// Parsed `einsum` subscripts: one label list per operand and the output's.
public struct EinsumSubscripts: Sendable, Equatable {
    public var inputs: [[Character]]
    public var output: [Character]

    /// Parses `"ij,jk->ik"`; without `->` the output is the labels seen once, sorted (NumPy's rule).
    public init(_ text: String, operands: Int) throws(ArrayError) {
        let spaced = text.filter { $0 != " " }
        guard !spaced.contains(".") else { throw .value("einsum with '...' (ellipsis) is not supported") }
        let parts = spaced.components(separatedBy: "->")
        guard parts.count <= 2 else { throw .value("einsum(): invalid subscript '->' in the output") }
        inputs = parts[0].split(separator: ",", omittingEmptySubsequences: false).map(Array.init)
        guard inputs.count == operands else {
            throw .value("more operands provided to einstein sum function than specified in the subscripts string")
        }
        for label in inputs.joined() where !label.isLetter {
            throw .value("invalid subscript '\(label)' in einstein sum subscripts string, subscripts must be letters")
        }
        if parts.count == 2 {
            output = Array(parts[1])
            for (i, label) in output.enumerated() where output[..<i].contains(label) {
                throw .value("einstein sum subscripts string includes output subscript '\(label)' multiple times")
            }
            for label in output where !inputs.joined().contains(label) {
                throw .value("einstein sum subscripts string included output subscript '\(label)' which never appeared in an input")
            }
        } else {
            let all = inputs.joined()
            output = Set(all).filter { label in all.filter { $0 == label }.count == 1 }.sorted()
        }
    }
}

extension NDArray {
    /// NumPy's `einsum` for one or two operands (no ellipsis).
    public static func einsum(_ subscripts: String, _ operands: [NDArray]) throws(ArrayError) -> NDArray {
        guard operands.count == 1 || operands.count == 2 else { throw .value("einsum() takes one or two operands here") }
        let parsed = try EinsumSubscripts(subscripts, operands: operands.count)
        var arrays: [(array: NDArray, labels: [Character])] = []
        var sizes: [Character: Int] = [:]
        for (array, labels) in zip(operands, parsed.inputs) {
            guard labels.count == array.ndim else {
                throw .value("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.")
            }
            for (label, size) in zip(labels, array.shape) {
                if let known = sizes[label], known != size, known != 1, size != 1 {
                    throw .value("operands could not be broadcast together with remapped shapes [original->remapped]")
                }
                sizes[label] = Swift.max(sizes[label] ?? size, size)
            }
            arrays.append(try diagonalized(array, labels))
        }
        // Labels no one else needs are summed on their own operand first.
        for i in arrays.indices {
            let others = Set(parsed.output + arrays.indices.filter { $0 != i }.flatMap { arrays[$0].labels })
            let summed = arrays[i].labels.indices.filter { !others.contains(arrays[i].labels[$0]) }
            if !summed.isEmpty {
                arrays[i] = (try arrays[i].array.sum(axes: summed), arrays[i].labels.enumerated().filter { !summed.contains($0.offset) }.map(\.element))
            }
        }
        var result: NDArray, labels: [Character]
        if arrays.count == 1 {
            (result, labels) = arrays[0]
        } else {
            let (a, la) = arrays[0], (b, lb) = arrays[1]
            let shared = la.filter { lb.contains($0) }
            if shared.allSatisfy({ !parsed.output.contains($0) }) {
                // A pure contraction: tensordot over the shared labels.
                result = try tensordot(a, b, axes: .pairs(shared.compactMap { la.firstIndex(of: $0) }, shared.compactMap { lb.firstIndex(of: $0) }))
                labels = la.filter { !shared.contains($0) } + lb.filter { !shared.contains($0) }
            } else {
                // Broadcast both over every label, multiply, sum the contracted ones.
                let all = la + lb.filter { !la.contains($0) }
                func spread(_ x: NDArray, _ l: [Character]) throws(ArrayError) -> NDArray {
                    let moved = try x.transposed(all.compactMap { l.firstIndex(of: $0) })
                    return try moved.reshaped(all.map { label in l.firstIndex(of: label).map { x.shape[$0] } ?? 1 })
                }
                let product = try binary(.multiply, .array(try spread(a, la)), .array(try spread(b, lb)))
                let contracted = all.indices.filter { !parsed.output.contains(all[$0]) }
                result = contracted.isEmpty ? product : try product.sum(axes: contracted)
                labels = all.filter { parsed.output.contains($0) }
            }
        }
        let order = parsed.output.compactMap { labels.firstIndex(of: $0) }
        let final = try result.transposed(order)
        return final.storage === operands[0].storage ? final : try final.contiguous()
    }

    /// The array with each label repeated within it replaced by its diagonal (`einsum('ii->i')`).
    private static func diagonalized(_ array: NDArray, _ labels: [Character]) throws(ArrayError) -> (NDArray, [Character]) {
        var current = array, currentLabels = labels
        while let (first, second) = repeatedPair(currentLabels) {
            guard current.shape[first] == current.shape[second] else {
                throw .value("dimensions in operand for collapsing index '\(currentLabels[first])' don't match (\(current.shape[first]) != \(current.shape[second]))")
            }
            var shape = current.shape, strides = current.strides
            strides[first] += strides[second]
            shape.remove(at: second)
            strides.remove(at: second)
            current = NDArray(dtype: current.dtype, shape: shape, strides: strides, offset: current.offset, storage: current.storage)
            currentLabels.remove(at: second)
        }
        return (current, currentLabels)
    }

    private static func repeatedPair(_ labels: [Character]) -> (Int, Int)? {
        for i in labels.indices {
            if let j = labels[(i + 1)...].firstIndex(of: labels[i]) { return (i, j) }
        }
        return nil
    }
}
