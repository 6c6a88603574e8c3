import DuskArray
import DuskGraph
import DuskScheduler

/// The attributes of a lazy `Array`; its methods come from the `ArrayFunction` table.
extension LazyArrayObject {
    public var attributeNames: [String] {
        ["shape", "ndim", "size", "dtype", "chunks", "chunksize", "numblocks", "npartitions", "nbytes", "itemsize",
         "T", "dask", "__dask_graph__", "name", "blocks"] + ArrayFunction.lazyMethods.keys.sorted()
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
        case "dask", "graph": return .object(HighLevelGraphObject([.array(array)]))
        case "__dask_graph__":
            let graph = HighLevelGraphObject([.array(array)])
            return .builtin(Builtin("__dask_graph__()", doc: "The task graph (x.dask).") { _, _ in .object(graph) })
        case "name": return .str(array.name)
        case "blocks": return .object(BlocksAccessor(array))
        default:
            guard let method = ArrayFunction.lazyMethods[name] else { return nil }
            return .boundMethod(BoundMethod(receiver: .object(self), function: .builtin(method), name: name))
        }
    }

    static func lazy(_ value: Value) -> LazyArray { (value.asObject(LazyArrayObject.self))!.array }
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
