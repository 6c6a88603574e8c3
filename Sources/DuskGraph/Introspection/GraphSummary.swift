import Foundation

/// What `x.dask` shows: the layers of a lazy graph (inputs first) with their task counts.
///
/// Counts are those of the graph before culling, as Dask counts `len(x.dask)`: every block
/// of every layer, plus the split pieces of rechunks.
public struct GraphSummary: Sendable, CustomStringConvertible {
    /// One layer of the graph.
    public struct Layer: Sendable {
        public var name: String
        /// The name without its token: `sum-aggregate`.
        public var prefix: String
        /// What kind of operation: `creation`, `elementwise`, `getitem`, `rechunk`, `reduction`...
        public var operation: String
        public var taskCount: Int
        /// Names of the layers this one reads.
        public var dependencies: [String]
    }

    /// Layers in topological order (every layer after the layers it reads).
    public var layers: [Layer]

    /// Total tasks over all layers (`len(x.dask)`).
    public var taskCount: Int { layers.reduce(0) { $0 + $1.taskCount } }

    /// The summary of one array's graph.
    public init(_ array: LazyArray) {
        self.init([.array(array)])
    }

    /// The summary of the graph shared by several outputs (shared layers counted once).
    public init(_ outputs: [GraphOutput]) {
        let layers = GraphTraversal.topologicalOrder(outputs).map { node in
            GraphSummary.layer(node, dependencies: node.inputs.map(\.name))
        }
        self.layers = layers
    }

    private static func layer(_ input: GraphInput, dependencies: [String]) -> Layer {
        switch input {
        case .delayed(let node):
            return Layer(name: node.key, prefix: GraphNames.prefix(of: node.key), operation: "delayed", taskCount: 1,
                         dependencies: dependencies)
        case .array(let expr):
            var count = expr.chunks.blockCount
            if case .rechunk = expr.op { count += rechunkSplitCount(old: expr.arrayInputs[0].chunks, new: expr.chunks) }
            return Layer(name: expr.name, prefix: expr.prefix, operation: expr.op.kindName, taskCount: count,
                         dependencies: dependencies)
        }
    }

    /// Pieces of a rechunk that are not whole old blocks, each a `rechunk-split` task.
    static func rechunkSplitCount(old: Chunks, new: Chunks) -> Int {
        var total = 1
        var whole = 1
        for dimension in 0..<old.ndim {
            let pieces = RechunkLayout.intersect(old: old.sizes[dimension], new: new.sizes[dimension]).joined()
            total *= pieces.count
            whole *= pieces.filter { $0.start == 0 && $0.stop == old.sizes[dimension][$0.old] }.count
        }
        return total - whole
    }

    /// Dask's text, `HighLevelGraph with N layers.`, then one line per layer.
    public var description: String {
        var lines = ["HighLevelGraph with \(layers.count) layers.", "<dusk.HighLevelGraph with \(taskCount) tasks>"]
        let width = layers.map(\.name.count).max() ?? 0
        for (index, layer) in layers.enumerated() {
            let padded = layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let tasks = layer.taskCount == 1 ? "1 task" : "\(layer.taskCount) tasks"
            lines.append(" \(index). \(padded)  \(layer.operation), \(tasks)")
        }
        return lines.joined(separator: "\n")
    }
}

extension ArrayOp {
    /// A word for the kind of operation, for summaries.
    public var kindName: String {
        switch self {
        case .fromArray: "from-array"
        case .source(let read): read.source.layerPrefix
        case .creation: "creation"
        case .fromDelayed: "from-delayed"
        case .elementwise: "elementwise"
        case .mapBlocks: "map-blocks"
        case .transpose: "transpose"
        case .broadcastTo: "broadcast"
        case .scanBlocks: "scan"
        case .getitem: "getitem"
        case .reshape: "reshape"
        case .concatenate: "concatenate"
        case .stack: "stack"
        case .rechunk: "rechunk"
        case .selectBlocks: "blocks"
        case .reduction(let step): "reduction (\(step.phase.rawValue))"
        case .contraction: "contraction"
        case .fused: "fused"
        case .mirror: "mirror"
        case .blockFunction(let op): op.functionName
        }
    }
}
