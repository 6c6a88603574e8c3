import DuskArray

/// A result asked of a lowering: a lazy array or a delayed call.
public enum GraphOutput: Sendable {
    case array(LazyArray)
    case delayed(DelayedNode)

    /// The output's node.
    public var input: GraphInput {
        switch self {
        case .array(let array): .array(array.expr)
        case .delayed(let node): .delayed(node)
        }
    }
}

/// Choices for `lower`.
public struct LoweringOptions: Sendable {
    /// Make tasks only for blocks the outputs need (slices touch only the chunks they read).
    /// Off, every layer gets all its tasks, as Dask's graph before optimization.
    public var cull: Bool
    /// End each array output with one task assembling its blocks into a single `NDArray`;
    /// off, an array output is all its block tasks in row-major order.
    public var assemble: Bool
    /// Record each task's output bytes (`LoweredGraph.taskBytes`), for `explain`'s estimates.
    public var measures: Bool

    public init(cull: Bool = true, assemble: Bool = true, measures: Bool = false) {
        self.cull = cull
        self.assemble = assemble
        self.measures = measures
    }
}

/// A task graph with a map from requested outputs to its output tasks.
public struct LoweredGraph: Sendable {
    public var graph: TaskGraph
    /// For each requested output, its range in `graph.outputs`: one entry when assembled or
    /// delayed, one per block otherwise.
    public var outputRanges: [Range<Int>]
    /// Per task, the bytes of its value and whether making it allocates them; empty unless
    /// lowered with `LoweringOptions.measures`.
    public var taskBytes: [OptimizationReport.TaskBytes] = []
}

/// Lowers expression graphs to flat task graphs: one task per needed output block of each
/// layer, layers merged by name, in topological order.
///
/// Two passes over the layers in topological order: backwards to mark the blocks each layer
/// must produce (culling), forwards to create their tasks with integer dependencies.
/// - Complexity: linear in the number of tasks and dependencies; about a microsecond per task.
public enum Lowering {
    /// Lowers `outputs` to one task graph.
    public static func lower(_ outputs: [GraphOutput], options: LoweringOptions = LoweringOptions()) throws(GraphError) -> LoweredGraph {
        let lowering = GraphLowering(outputs: outputs)
        return try lowering.run(options: options)
    }

    /// Lowers one array.
    public static func lower(_ array: LazyArray, options: LoweringOptions = LoweringOptions()) throws(GraphError) -> LoweredGraph {
        try lower([.array(array)], options: options)
    }
}

/// One layer during lowering.
final class LoweringLayer {
    enum Node {
        case array(ArrayExpr)
        case delayed(DelayedNode)
    }

    let node: Node
    /// Lowering ids of the node's inputs, in the node's input order.
    var inputs: [Int] = []
    /// Per block (row-major): whether some output needs it.
    var needed: [Bool] = []
    /// Per block: its task's index, or -1.
    var taskIndex: [Int] = []
    /// Whether the whole array is needed as one value (an assembled output, a delayed argument).
    var neededWhole = false
    /// The assembling task, once made.
    var wholeTask = -1
    /// How blocks depend on input blocks.
    var plan: DependencyPlan = .none

    init(node: Node) {
        self.node = node
    }

    var name: String {
        switch node {
        case .array(let expr): expr.name
        case .delayed(let node): node.key
        }
    }
}

final class GraphLowering {
    let requested: [GraphOutput]
    var layers: [LoweringLayer] = []
    var idByName: [String: Int] = [:]
    var tasks: [Task] = []
    /// When measuring: the bytes recorded for each task appended, and those of the next one.
    var taskBytes: [OptimizationReport.TaskBytes]?
    var pendingBytes = OptimizationReport.TaskBytes(bytes: 0, allocates: false)

    init(outputs: [GraphOutput]) {
        self.requested = outputs
    }

    func run(options: LoweringOptions) throws(GraphError) -> LoweredGraph {
        collect()
        if options.measures { taskBytes = [] }
        for layer in layers {
            if case .array(let expr) = layer.node {
                layer.plan = try DependencyPlan.make(for: expr, inputs: layer.inputs.map { layers[$0] })
                let count = expr.chunks.blockCount
                layer.needed = Array(repeating: !options.cull, count: count)
                layer.taskIndex = Array(repeating: -1, count: count)
            } else {
                layer.needed = [!options.cull]
                layer.taskIndex = [-1]
            }
        }
        markOutputs(options: options)
        if options.cull { markDependencies() }
        tasks.reserveCapacity(layers.reduce(0) { $0 + $1.needed.count })
        for layer in layers { try emit(layer) }
        var outputs: [Int] = []
        var ranges: [Range<Int>] = []
        for output in requested {
            let layer = layers[idByName[output.input.name]!]
            let start = outputs.count
            switch output {
            case .delayed:
                outputs.append(layer.taskIndex[0])
            case .array:
                if options.assemble { outputs.append(layer.wholeTask) } else { outputs.append(contentsOf: layer.taskIndex) }
            }
            ranges.append(start..<outputs.count)
        }
        return LoweredGraph(graph: TaskGraph(tasks: tasks, outputs: outputs), outputRanges: ranges,
                            taskBytes: taskBytes ?? [])
    }

    // MARK: - Topological order

    /// Collects the layers reachable from the outputs, inputs first, merging equal names.
    private func collect() {
        for input in GraphTraversal.topologicalOrder(requested) {
            let layer: LoweringLayer
            switch input {
            case .array(let expr): layer = LoweringLayer(node: .array(expr))
            case .delayed(let node): layer = LoweringLayer(node: .delayed(node))
            }
            layer.inputs = input.inputs.map { idByName[$0.name]! }
            idByName[input.name] = layers.count
            layers.append(layer)
        }
    }

    // MARK: - Culling

    private func markOutputs(options: LoweringOptions) {
        for output in requested {
            let layer = layers[idByName[output.input.name]!]
            switch output {
            case .delayed: layer.needed[0] = true
            case .array:
                if options.assemble {
                    layer.neededWhole = true
                }
                for block in layer.needed.indices { layer.needed[block] = true }
            }
        }
    }

    /// Walks the layers from the outputs back, marking the input blocks each needed block reads.
    private func markDependencies() {
        for layer in layers.reversed() {
            switch layer.node {
            case .delayed:
                guard layer.needed[0] else { continue }
                for id in layer.inputs {
                    let input = layers[id]
                    input.neededWhole = true
                    for block in input.needed.indices { input.needed[block] = true }
                }
            case .array(let expr):
                if layer.neededWhole {
                    for block in layer.needed.indices { layer.needed[block] = true }
                }
                let inputs = layer.inputs.map { layers[$0] }
                var index = [Int](repeating: 0, count: expr.ndim)
                let numblocks = expr.chunks.numblocks
                for linear in layer.needed.indices {
                    if layer.needed[linear] {
                        layer.plan.forEachDependency(of: index, linear: linear) { slot, block in
                            inputs[slot].needed[block] = true
                        }
                    }
                    advance(&index, numblocks)
                }
            }
        }
    }

    // MARK: - Tasks

    private func emit(_ layer: LoweringLayer) throws(GraphError) {
        switch layer.node {
        case .delayed(let node):
            guard layer.needed[0] else { return }
            pendingBytes = .init(bytes: 0, allocates: false)
            let dependencies = layer.inputs.map { id in
                let input = layers[id]
                if case .delayed = input.node { return input.taskIndex[0] }
                return input.wholeTask
            }
            layer.taskIndex[0] = append(Task(key: TaskKey(node.key), dependencies: dependencies,
                                             origin: node.location, work: .delayed(node), function: node.function))
        case .array(let expr):
            let inputs = layer.inputs.map { layers[$0] }
            let factory = try TaskFactory(expr: expr, plan: layer.plan, inputs: inputs)
            var index = [Int](repeating: 0, count: expr.ndim)
            let numblocks = expr.chunks.numblocks
            var dependencies: [Int] = []
            for linear in layer.needed.indices {
                if layer.needed[linear] {
                    dependencies.removeAll(keepingCapacity: true)
                    if taskBytes != nil {
                        pendingBytes = .init(bytes: expr.blockBytes(index), allocates: expr.op.allocatesChunks)
                    }
                    layer.plan.forEachDependency(of: index, linear: linear) { slot, block in
                        dependencies.append(inputs[slot].taskIndex[block])
                    }
                    layer.taskIndex[linear] = factory.emit(block: index, linear: linear, dependencies: dependencies,
                                                           into: self)
                }
                advance(&index, numblocks)
            }
            if layer.neededWhole {
                pendingBytes = .init(bytes: expr.nbytes, allocates: expr.chunks.blockCount > 1)
                layer.wholeTask = append(Task(key: TaskKey("finalize-" + expr.name), dependencies: layer.taskIndex,
                                              origin: expr.location, work: .assemble(expr.chunks, expr.dtype),
                                              function: ChunkKernels.assemble(chunks: expr.chunks, dtype: expr.dtype)))
            }
        }
    }

    /// Appends a task and returns its index.
    func append(_ task: Task) -> Int {
        tasks.append(task)
        taskBytes?.append(pendingBytes)
        return tasks.count - 1
    }
}

/// Steps a row-major block index (an odometer) to the next block.
@inline(__always)
func advance(_ index: inout [Int], _ numblocks: [Int]) {
    var dimension = index.count - 1
    while dimension >= 0 {
        index[dimension] += 1
        if index[dimension] < numblocks[dimension] { return }
        index[dimension] = 0
        dimension -= 1
    }
}
