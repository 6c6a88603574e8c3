import DuskArray
import DuskGraph
import DuskSyntax
import DuskZarr

/// `persist` on a cluster: the values are computed and kept on the workers, as futures, and
/// the lazy value returned reads them there.
extension ClientSession {
    /// A lazy array becomes one over its blocks on the workers (each block a future), a delayed
    /// value one whose result is on the workers; other values stay as they are.
    func persist(_ value: Value, context: ExecutionContext) throws -> Value {
        let location = context.callLocation
        switch value {
        case .object(let delayed as DelayedObject):
            let key = try submit([.delayed(delayed.node)])[0]
            let handle = FutureHandle(session: self, key: key, location: location)
            return .object(DelayedObject(node: handle.node(), nout: delayed.nout))
        case .object(let lazy as LazyArrayObject):
            let array = lazy.array
            let handles = try submitBlocks(array).map { FutureHandle(session: self, key: $0, location: location) }
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try ClientSession.assemble(array.chunks, dtype: array.dtype, from: handles, at: location)
            })
        default:
            return value
        }
    }

    /// Submits an array's blocks; their keys, in row-major block order.
    private func submitBlocks(_ array: LazyArray) throws -> [String] {
        try ensureOpen()
        try preflight()
        let optimized = try graphCall { () throws(GraphError) in try Optimizer.optimize([.array(array)]) }
        let lowered = try graphCall { () throws(GraphError) in try Lowering.lower(optimized.outputs) }
        let graph = lowered.graph
        let output = graph.outputs[lowered.outputRanges[0].lowerBound]
        var blocks = [output]
        if case .assemble? = graph.tasks[output].work { blocks = graph.tasks[output].dependencies }
        let remote = try graphCall { () throws(GraphError) in try RemoteGraph(graph) }
        let indices = blocks.compactMap { remote.remoteIndex[$0] }
        guard blocks.count == array.chunks.numblocks.reduce(1, *), indices.count == blocks.count else {
            throw DuskError(.runtimeError, "the persisted array's blocks are not tasks of its graph")
        }
        let (tasks, buffers) = try DistributedScheduler.describe(remote, graph: graph)
        let reply: BridgeProcess.Reply
        do {
            reply = try bridge.request("submit", [("client", .int(id)), ("compute", .string(DistributedScheduler.nextToken())),
                                                  ("tasks", .array(tasks)), ("outputs", .array(indices.map { .int(Int64($0)) }))],
                                       buffers: buffers)
        } catch let failure as BridgeFailure {
            throw DistributedScheduler.error(failure, graph: graph, remote: remote)
        }
        let keys = (reply.header["keys"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard keys.count == blocks.count else {
            throw DuskError(.runtimeError, "the Dask bridge sent \(keys.count) keys for \(blocks.count) blocks")
        }
        return keys
    }

    /// An array of `chunks` whose blocks (row-major) are the values the handles hold: one
    /// `from-value` layer per block, joined along each axis.
    private static func assemble(_ chunks: Chunks, dtype: DType, from handles: [FutureHandle],
                                 at location: SourceLocation?) throws(GraphError) -> LazyArray {
        let numblocks = chunks.numblocks
        var next = 0
        func build(_ index: [Int]) throws(GraphError) -> LazyArray {
            let axis = index.count
            if axis == numblocks.count {
                defer { next += 1 }
                let shape = index.enumerated().map { chunks.sizes[$0.offset][$0.element] }
                return try LazyArray.fromDelayed(handles[next].node(), shape: shape, dtype: dtype, at: location)
            }
            var parts: [LazyArray] = []
            for block in 0..<numblocks[axis] { parts.append(try build(index + [block])) }
            return parts.count == 1 ? parts[0] : try LazyArray.concatenate(parts, axis: axis, at: location)
        }
        return try build([])
    }
}
