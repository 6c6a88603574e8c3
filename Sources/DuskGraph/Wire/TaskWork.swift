import DuskArray
import Synchronization

/// What a task computes, as data: enough for another process holding Dusk's kernels (a Dask
/// worker, a spawned process worker) to run it without the closure.
///
/// Lowering sets `Task.work` next to `Task.function`; both describe the same computation, and
/// the receiving process rebuilds the function from the work with the same code
/// (`TaskWork.function`), so every task kind has one implementation.
public enum TaskWork: Sendable {
    /// Block `index` of a layer: the layer's operation on its input blocks.
    case block(ArrayExpr, index: [Int])
    /// A piece of a rechunk: elements `ranges` of one input block (a view).
    case rechunkSplit(ranges: [Range<Int>])
    /// A rechunked block assembled from its pieces, laid out on a grid of `counts`.
    case rechunkMerge(counts: [Int], dtype: DType)
    /// The single input's value, unchanged.
    case identity
    /// The blocks of an array (row-major) assembled into one array.
    case assemble(Chunks, DType)
    /// A delayed call.
    case delayed(DelayedNode)
}

extension TaskWork {
    /// The function computing this work from its dependencies' values: what lowering made.
    ///
    /// For a block of a layer rebuilt from bytes (its inputs are stand-ins holding only dtype
    /// and chunks), the dependency plan is worked out again from the stand-ins.
    public func function(key: TaskKey) throws(GraphError) -> TaskFunction {
        switch self {
        case .block(let expr, let index):
            let plan = try DependencyPlan.make(for: expr, inputs: [])
            let factory = try TaskFactory(expr: expr, plan: plan, inputs: [])
            return factory.function(for: index, key: key)
        case .rechunkSplit(let ranges):
            return { values in .array(ChunkKernels.view(try ChunkKernels.array(values[0], key: key.description), ranges)) }
        case .rechunkMerge(let counts, let dtype):
            return { values in
                .array(try ChunkKernels.merge(try ChunkKernels.arrays(values, key: key.description), counts: counts, dtype: dtype))
            }
        case .identity:
            return { values in values[0] }
        case .assemble(let chunks, let dtype):
            return ChunkKernels.assemble(chunks: chunks, dtype: dtype)
        case .delayed(let node):
            return node.function
        }
    }
}
