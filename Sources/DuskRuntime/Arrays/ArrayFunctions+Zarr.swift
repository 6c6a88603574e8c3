import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax
import DuskZarr

/// `da.to_zarr(x, url)` and `x.to_zarr(url)`: each block written by its own task.
extension ArrayFunction {
    static let zarrFunctions: [ArrayFunction] = [
        ArrayFunction("to_zarr(arr, url, component=None, storage_options=None, region=None, compute=True, "
                      + "return_stored=False, mode='a', **zarr_array_kwargs)", """
            Stores the lazy array in a Zarr array: url is a path (a new array with the lazy array's chunks, \
            irregular chunks made regular first; keywords such as zarr_format=, compressors=, fill_value=, \
            overwrite=True go to zarr.create_array; mode='w' replaces an existing array) or an Array from \
            zarr.open (rechunked to its chunks when blocks would share a stored chunk). Each block is written \
            by its own task, in parallel; compute=False returns a Delayed that writes when computed.
            """, in: [.dask, .method], eager: nil, lazy: { x, args, context in
                try ZarrWrite.toZarr(x, args, context: context)
            }),
    ]
}

/// Writing lazy arrays to Zarr through the scheduler.
enum ZarrWrite {
    static func toZarr(_ x: LazyArray, _ args: Args, context: ExecutionContext) throws -> Value {
        if !args["region"].isNone {
            throw DuskError(.notImplementedError, "to_zarr(region=) is not supported by Dusk yet: write a slice with z[a:b] = x.compute()")
        }
        if try args.bool(named: "return_stored") {
            throw DuskError(.notImplementedError, "to_zarr(return_stored=True) is not supported by Dusk; "
                            + "read the stored array back with da.from_zarr")
        }
        var x = x
        if args["url"].asObject(ZarrArrayObject.self) == nil && !regular(x.chunks) {
            context.output.write("""
                UserWarning: The array uses irregular chunk sizes. Rechunking to regular (uniform) chunks to ensure \
                the data can be written safely. If you want to avoid this automatic rechunking, manually rechunk the \
                array so that all chunks, except possibly the final chunk, in each dimension—have the same size \
                (e.g., arr = arr.rechunk(...)).\n
                """, to: .standardError)
            let spec = ChunkSpec.perDimension(x.chunks.sizes.map { .size(Swift.max($0.max() ?? 1, 1)) })
            let at = currentCallLocation(context)
            x = try graphCall { () throws(GraphError) in try x.rechunk(spec, at: at) }
        }
        let target = try targetArray(x, args)
        guard target.shape == x.shape else {
            throw DuskError(.valueError, "cannot store an array of shape \(formatShape(x.shape)) in a Zarr array of shape "
                            + formatShape(target.shape))
        }
        let at = currentCallLocation(context)
        var source = x
        if !aligned(x.chunks, to: target.chunks) {
            // Blocks that share a stored chunk would race to rewrite it: cut them on the store's chunks.
            let spec = ChunkSpec.perDimension(target.chunks.map { .size($0) })
            source = try graphCall { () throws(GraphError) in try x.rechunk(spec, at: at) }
        }
        if source.dtype != target.dtype {
            source = try graphCall { () throws(GraphError) in try source.astype(target.dtype, at: at) }
        }
        let stores = try storeLayer(source, into: target, at: at)
        if try args.bool(named: "compute") {
            _ = try ComputeRunner.compute(stores, configuration: SchedulerDefaults.configuration, context: context)
            return .none
        }
        let none = TaskValues.taskValue(.none)
        let node = DelayedNode(displayName: "store", token: nil, dependencies: [.array(stores.expr)], location: at) { _ in none }
        return .object(DelayedObject(node: node))
    }

    /// The Zarr array to write into: an open one, or a new one at the path with the lazy array's chunks.
    private static func targetArray(_ x: LazyArray, _ args: Args) throws -> ZarrArray {
        if let object = args["url"].asObject(ZarrArrayObject.self) {
            let array = object.array
            guard !array.readOnly else { throw DuskError(.valueError, ZarrLibrary.readOnlyMessage) }
            return array
        }
        let root = try ZarrValues.storePath(args["url"], "url")
        let path = args["component"].isNone ? "" : try ZarrValues.string(args["component"], "component")
        let mode = try ZarrValues.string(args["mode"], "mode")
        guard ["a", "w", "w-", "r+"].contains(mode) else {
            throw DuskError(.valueError, mode == "r" ? "Cannot use mode `r` (read-only) when writing to zarr."
                            : "invalid mode '\(mode)'; expected one of 'a', 'w', 'w-', 'r+'")
        }
        var keywords = args.extraKeywords
        var overwrite = mode == "w"
        if let given = keywords.first(where: { $0.0 == "overwrite" }) {
            if case .bool(let b) = given.1 { overwrite = overwrite || b }
            keywords.removeAll { $0.0 == "overwrite" }
        }
        let format = try keywords.first { $0.0 == "zarr_format" }.map { try ArrayConvert.int($0.1, "zarr_format") } ?? 3
        keywords.removeAll { $0.0 == "zarr_format" || $0.0 == "shape" || $0.0 == "dtype" || $0.0 == "chunks" }
        keywords += [("shape", .tuple(x.shape.map { .int($0) })), ("dtype", .str(x.dtype.name)),
                     ("chunks", .tuple(x.chunksize.map { .int(Swift.max($0, 1)) }))]
        let created = try ZarrLibrary.createArray(LocalStore(root), path: path, format: format, keywords: keywords,
                                                  overwrite: overwrite)
        guard let array = created.asObject(ZarrArrayObject.self)?.array else {
            throw DuskError(.runtimeError, "to_zarr did not create an array")
        }
        return array
    }

    /// Whether every chunk along each dimension has the first one's size, but the last, which may be smaller.
    static func regular(_ chunks: Chunks) -> Bool {
        chunks.sizes.allSatisfy { sizes in
            guard let first = sizes.first else { return true }
            return sizes.dropLast().allSatisfy { $0 == first } && (sizes.last ?? 0) <= first
        }
    }

    /// Whether every block boundary falls on a stored chunk boundary (or the array's end).
    static func aligned(_ chunks: Chunks, to stored: [Int]) -> Bool {
        for (sizes, chunk) in zip(chunks.sizes, stored) {
            var boundary = 0
            for size in sizes.dropLast() {
                boundary += size
                if boundary % chunk != 0 { return false }
            }
        }
        return true
    }

    /// One task per block, writing it at its place; each gives a one-element array, so the
    /// layer can be computed (or depended on) like any other.
    private static func storeLayer(_ x: LazyArray, into target: ZarrArray, at location: SourceLocation?) throws -> LazyArray {
        let options = ZarrIOOptions(parallel: false, isCancelled: { Interruption.isRequested })
        let ones = x.numblocks.map { [Int](repeating: 1, count: $0) }
        // Where each block starts along each dimension (the layer's own blocks are 1 element each).
        let starts = x.chunks.sizes.map { sizes in sizes.reduce(into: [0]) { $0.append($0.last! + $1) } }
        return try graphCall { () throws(GraphError) in
            try LazyArray.mapBlocks([x], functionName: "store-map", token: nil, dtype: .bool, chunks: ones, at: location) { blocks, info in
                guard case .array(let block) = blocks[0] else { throw DuskError(.runtimeError, "store-map received no array") }
                let selection = info.blockIndex.indices.map { d in
                    DimensionSelection(start: starts[d][info.blockIndex[d]], count: block.shape[d])
                }
                try target.write(block, at: selection, options: options)
                return .array(try NDArray(repeating: .bool(true), shape: block.shape.map { _ in 1 }, dtype: .bool))
            }
        }
    }
}
