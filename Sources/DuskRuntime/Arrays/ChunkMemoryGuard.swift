import DuskArray
import DuskGraph
import DuskScheduler

/// Refuses, before anything runs, a computation one of whose chunks cannot fit in memory:
/// the task making such a chunk could only fail midway.
enum ChunkMemoryGuard {
    /// The largest chunk any layer the outputs depend on allocates, with the layer that has it.
    ///
    /// Judge the optimized graph: a creation function fused into a kernel is generated tile by
    /// tile and allocates nothing, and views (slices, transposes, broadcasts) allocate nothing.
    static func largestChunk(in outputs: [GraphOutput]) -> (bytes: Int, layer: ArrayExpr)? {
        var largest: (bytes: Int, layer: ArrayExpr)?
        // Inputs first: on ties the layer nearer the sources wins, where the chunking was chosen.
        for node in GraphTraversal.arrayNodes(outputs) where node.op.allocatesChunks {
            let bytes = node.chunkBytes
            if bytes > (largest?.bytes ?? -1) { largest = (bytes, node) }
        }
        return largest
    }

    /// Throws a `MemoryError` naming the layer and its chunk size when one chunk alone is
    /// larger than the memory available now.
    static func check(_ outputs: [GraphOutput]) throws {
        guard let (bytes, layer) = largestChunk(in: outputs),
              let available = recentAvailableMemoryBytes(), bytes > available else { return }
        let shape = "(" + layer.chunks.chunksize.map(String.init).joined(separator: ", ")
            + (layer.chunks.chunksize.count == 1 ? ",)" : ")")
        throw DuskError(.memoryError, "cannot compute: a chunk of \(formatBytes(bytes)) in layer '\(layer.prefix)' "
            + "(chunks \(shape)) does not fit in available memory (\(formatBytes(available))); use smaller chunks")
    }
}
