import DuskArray
import DuskGraph
import DuskScheduler

/// The attributes and methods of a lazy `Array`.
extension LazyArrayObject {
    public var attributeNames: [String] {
        ["shape", "ndim", "size", "dtype", "chunks", "chunksize", "numblocks", "npartitions", "nbytes", "itemsize",
         "T", "dask", "name", "blocks"] + LazyArrayObject.methods.keys.sorted()
    }

    public func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "shape": return .tuple(array.shape.map { .int($0) })
        case "ndim": return .int(array.ndim)
        case "size": return .int(array.size)
        case "dtype": return .object(DTypeObject(array.dtype))
        case "chunks": return .tuple(array.chunks.sizes.map { .tuple($0.map { .int($0) }) })
        case "chunksize": return .tuple(array.chunksize.map { .int($0) })
        case "numblocks": return .tuple(array.numblocks.map { .int($0) })
        case "npartitions": return .int(array.npartitions)
        case "nbytes": return .int(array.nbytes)
        case "itemsize": return .int(array.dtype.itemSize)
        case "T": return LazyArrayObject.wrap(array.T)
        case "dask", "graph": return .object(GraphSummaryObject(GraphSummary(array)))
        case "name": return .str(array.name)
        case "blocks": return .object(BlocksAccessor(array))
        default:
            guard let method = LazyArrayObject.methods[name] else { return nil }
            return .boundMethod(BoundMethod(receiver: .object(self), function: .builtin(method), name: name))
        }
    }

    static func lazy(_ value: Value) -> LazyArray { (value.asObject(LazyArrayObject.self))!.array }

    /// The methods, each taking the array as `self`.
    static let methods: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        func add(_ signature: String, _ doc: String, _ body: @escaping Builtin.Body) {
            let b = Builtin(signature, doc: doc, body)
            table[b.name] = b
        }
        for reduction in ArrayReduction.allCases where reduction.isMethod {
            table[reduction.rawValue] = reduction.builtin(receiver: "self", module: nil)
        }
        add("compute(self, **kwargs)", """
            Runs the graph and returns an ndarray. Keywords: scheduler='threads'|'sync'|'processes', \
            num_workers=N, progress=True|False.
            """) { args, ctx in
            let config = try ComputeRunner.configuration(args.extraKeywords)
            return ArrayConvert.wrap(try ComputeRunner.compute(lazy(args[0]), configuration: config, context: ctx))
        }
        add("persist(self, **kwargs)", "Computes the array and returns a lazy array over the results (same chunks).") { args, ctx in
            let config = try ComputeRunner.configuration(args.extraKeywords)
            return try DelayedLibrary.persist(args[0], configuration: config, context: ctx)
        }
        add("rechunk(self, chunks='auto', threshold=None, block_size_limit=None)", "The same values in new chunks.") { args, ctx in
            let spec = try ChunkArgument.spec(args[1])
            let threshold = args[2].isNone ? nil : try ArrayConvert.double(args[2], "threshold")
            let limit = args[3].isNone ? nil : try ArrayConvert.int(args[3], "block_size_limit")
            let at = currentCallLocation(ctx)
            let x = lazy(args[0])
            return wrap(try graphCall { () throws(GraphError) in try x.rechunk(spec, threshold: threshold, blockSizeLimit: limit, at: at) })
        }
        add("map_blocks(self, func, *args, dtype=None, chunks=None, name=None, **kwargs)",
            "func applied to every block (see da.map_blocks).") { args, ctx in
            try MapBlocks.call(function: args[1], arrays: [args[0]] + args.variadic, dtype: args["dtype"],
                               chunks: args["chunks"], name: args["name"], keywords: args.extraKeywords, context: ctx)
        }
        add("visualize(self, *args, **kwargs)", "A picture of the graph (not available yet).") { _, _ in
            throw DuskError.visualizeUnavailable()
        }
        add("astype(self, dtype, copy=True)", "Elements cast to dtype (lazy).") { args, ctx in
            guard let dtype = try ArrayConvert.dtype(args[1]) else { throw DuskError(.typeError, "astype() needs a dtype") }
            return try ArrayShapeOps.astype(args[0], dtype, context: ctx)
        }
        add("reshape(self, *shape, merge_chunks=True)", "The same data in a new shape (lazy).") { args, ctx in
            try ArrayShapeOps.reshape(args[0], try ArrayShapeOps.shapeArguments(args.variadic), context: ctx)
        }
        add("ravel(self)", "A 1-d lazy array of the elements in row-major order.") { args, ctx in
            try ArrayShapeOps.ravel(args[0], context: ctx)
        }
        add("flatten(self)", "A 1-d lazy array of the elements in row-major order.") { args, ctx in
            try ArrayShapeOps.ravel(args[0], context: ctx)
        }
        add("transpose(self, *axes)", "The axes reversed, or permuted as given (lazy).") { args, ctx in
            let axes = args.variadic.isEmpty ? nil : try ArrayShapeOps.shapeArguments(args.variadic)
            return try ArrayShapeOps.transpose(args[0], axes, context: ctx)
        }
        add("swapaxes(self, axis1, axis2)", "Two axes exchanged (lazy).") { args, ctx in
            try ArrayShapeOps.swapaxes(args[0], try ArrayConvert.int(args[1], "axis1"), try ArrayConvert.int(args[2], "axis2"), context: ctx)
        }
        add("squeeze(self, axis=None)", "Axes of length one removed (lazy).") { args, ctx in
            try ArrayShapeOps.squeeze(args[0], try ArrayConvert.axes(args[1]), context: ctx)
        }
        add("dot(self, b)", "Dot product with b (lazy).") { args, ctx in try ArrayShapeOps.dot(args[0], args[1], context: ctx) }
        add("clip(self, min=None, max=None)", "Values limited to [min, max] (lazy).") { args, ctx in
            try ArrayShapeOps.clip(args[0], args[1], args[2], context: ctx)
        }
        add("round(self, decimals=0)", "Values rounded to the given number of decimals (lazy).") { args, ctx in
            try ArrayShapeOps.round(args[0], decimals: try ArrayConvert.int(args[1], "decimals"), context: ctx)
        }
        add("copy(self)", "Lazy arrays are immutable: returns the same array.") { args, _ in args[0] }
        return table
    }()
}

/// `x.dask`: the graph's layers and task count. `len(x.dask)` is the number of tasks.
final class GraphSummaryObject: RuntimeObject {
    let summary: GraphSummary
    init(_ summary: GraphSummary) { self.summary = summary }

    var typeName: String { "HighLevelGraph" }
    var repr: String { summary.description }
    func length() throws -> Int? { summary.taskCount }
    var attributeNames: [String] { ["layers", "dependencies"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "layers":
            return try Value.makeDict(summary.layers.map { (.str($0.name), .str("\($0.operation), \($0.taskCount) tasks")) })
        case "dependencies":
            return try Value.makeDict(summary.layers.map { layer in
                (.str(layer.name), .set(try SetRef(layer.dependencies.map { .str($0) })))
            })
        default: return nil
        }
    }
}

/// `x.blocks`: indexing selects whole blocks (`x.blocks[0, 1]`, `x.blocks[:, ::2]`).
final class BlocksAccessor: RuntimeObject {
    let array: LazyArray
    init(_ array: LazyArray) { self.array = array }

    var typeName: String { "BlockView" }
    var repr: String { "BlockView<shape=\(formatShape(array.numblocks))>" }
    var attributeNames: [String] { ["shape", "size"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "shape": return .tuple(array.numblocks.map { .int($0) })
        case "size": return .int(array.npartitions)
        default: return nil
        }
    }

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        let entries = try ArrayConvert.index(index, context: context)
        let at = currentCallLocation(context)
        return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try array.blocks(entries, at: at) })
    }
}
