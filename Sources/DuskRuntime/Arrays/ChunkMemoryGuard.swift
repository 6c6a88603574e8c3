import DuskArray
import DuskGraph
import DuskScheduler

/// Refuses, before anything runs, a computation one of whose chunks cannot fit in memory:
/// every task holds at least one whole chunk, so such a graph could only fail midway.
enum ChunkMemoryGuard {
    /// The largest chunk of any layer the outputs depend on, with the layer that has it.
    static func largestChunk(in outputs: [GraphOutput]) -> (bytes: Int, layer: ArrayExpr)? {
        var seen = Set<ObjectIdentifier>()
        var pending: [ArrayExpr] = []
        for case .array(let array) in outputs { pending.append(array.expr) }
        var largest: (bytes: Int, layer: ArrayExpr)?
        while let node = pending.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            let (elements, overflow) = node.chunks.chunksize.reduce((1, false)) { partial, size in
                let product = partial.0.multipliedReportingOverflow(by: size)
                return (product.partialValue, partial.1 || product.overflow)
            }
            let bytes = overflow ? Int.max : elements.multipliedReportingOverflow(by: node.dtype.itemSize).partialValue
            // On ties the layer nearer the sources wins: that is where the chunking was chosen.
            if bytes >= (largest?.bytes ?? 0) { largest = (bytes, node) }
            pending += node.arrayInputs
        }
        return largest
    }

    /// Throws a `MemoryError` naming the layer and its chunk size when one chunk alone is
    /// larger than the memory available now.
    static func check(_ outputs: [GraphOutput]) throws {
        guard let (bytes, layer) = largestChunk(in: outputs),
              let available = availableMemoryBytes(), bytes > available else { return }
        let shape = "(" + layer.chunks.chunksize.map(String.init).joined(separator: ", ")
            + (layer.chunks.chunksize.count == 1 ? ",)" : ")")
        throw DuskError(.memoryError, "cannot compute: a chunk of \(formatBytes(bytes)) in layer '\(layer.prefix)' "
            + "(chunks \(shape)) does not fit in available memory (\(formatBytes(available))); use smaller chunks")
    }
}
