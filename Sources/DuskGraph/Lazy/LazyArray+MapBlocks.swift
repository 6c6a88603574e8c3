import DuskArray
import DuskSyntax

extension LazyArray {
    /// `map_blocks(f, *arrays, dtype=, chunks=)`: a user function applied to aligned blocks.
    ///
    /// Arrays broadcast and have their chunks unified as for elementwise operations. The output
    /// has the unified chunks unless `chunks` gives each block's sizes (one entry per output
    /// block along each dimension, so the block grid is unchanged).
    ///
    /// - Parameters:
    ///   - functionName: the layer's name (`lambda`, the function's name).
    ///   - token: identifies the function and its extra arguments, so equal calls merge;
    ///     nil makes a name that never merges.
    ///   - portable: the function as data, for workers in other processes (nil: it cannot travel).
    public static func mapBlocks(_ arrays: [LazyArray], functionName: String, token: String?, dtype: DType,
                                 chunks outputChunks: [[Int]]? = nil, at location: SourceLocation? = nil,
                                 portable: (any PortableCode)? = nil, function: @escaping MapBlocksFunction) throws(GraphError) -> LazyArray {
        guard !arrays.isEmpty else { throw GraphError.value("map_blocks needs at least one array").located(location) }
        let shape: [Int]
        do {
            shape = try NDArray.broadcastShapes(arrays.map(\.shape))
        } catch {
            throw GraphError.array(error, at: location)
        }
        let unified = try Chunks.unifyBroadcasting(arrays.map(\.chunks), outputShape: shape)
        let inputs = try arrays.indices.map { (i) throws(GraphError) in try arrays[i].rechunked(to: unified.inputs[i], at: location) }
        var chunks = unified.output
        if let outputChunks {
            guard outputChunks.map(\.count) == chunks.numblocks else {
                throw GraphError.value("map_blocks: chunks \(Chunks(outputChunks)) do not match the block grid \(formatTuple(chunks.numblocks))").located(location)
            }
            chunks = Chunks(outputChunks)
        }
        var builder = TokenBuilder(functionName)
        if let token { builder.combine(token) } else { builder.combine(word: DelayedNode.nextUnique()) }
        return try make(functionName, op: .mapBlocks(MapBlocksOp(function: function, functionName: functionName, portable: portable)),
                    inputs: inputs.map { .array($0.expr) }, dtype: dtype, chunks: chunks, token: builder,
                    location: location)
    }
}
