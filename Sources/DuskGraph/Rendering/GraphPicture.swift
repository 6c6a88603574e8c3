/// The task graph as Dask's pictures show it: tasks with their keys and dependencies,
/// grouped into layers.
///
/// A picture is either detailed (every task) or collapsed (one entry per layer with its task
/// count), which is what big graphs become: Graphviz needs minutes for tens of thousands
/// of nodes and nobody can read them. Renderers (DOT, text, the cytoscape page) draw either.
public struct GraphPicture: Sendable {
    /// One task: the function node and the data node of Dask's drawing.
    public struct Task: Sendable {
        public var key: TaskKey
        /// Whether the key is a tuple, as a block of an array layer is (`('sum-3f2a', 0, 1)`,
        /// `('sum-aggregate-9b1c',)` for a 0-d array), rather than a string (a delayed call).
        public var isBlock: Bool
        /// Indices of the tasks this one reads, without repeats, in first-use order.
        public var dependencies: [Int]
        /// Index of the task's layer in `layers`.
        public var layer: Int
    }

    /// Tasks sharing a key name (Dask's layer of a high-level graph).
    public struct Layer: Sendable {
        public var name: String
        /// The name without its token: what the function nodes are labelled with.
        public var prefix: String
        public var taskCount: Int
        /// Indices of the layers this one reads, in first-use order.
        public var dependencies: [Int]
    }

    /// Every task in topological order, or empty when the picture is collapsed.
    public var tasks: [Task]
    /// Layers in topological order.
    public var layers: [Layer]
    /// Each task's place in the order a scheduler runs them (0 runs first), when known.
    public var runPositions: [Int]?

    /// Whether the picture has one entry per layer instead of one per task.
    public var isCollapsed: Bool { tasks.isEmpty && !layers.isEmpty }

    /// The number of tasks drawn or summarized.
    public var taskCount: Int { layers.reduce(0) { $0 + $1.taskCount } }

    /// A detailed picture of a task graph.
    ///
    /// - Parameter blockLayers: names of the array layers; their keys are tuples even when
    ///   the block index is empty (a 0-d array).
    public init(_ graph: TaskGraph, blockLayers: Set<String>) {
        var layerIndex: [String: Int] = [:]
        var layers: [Layer] = []
        var tasks: [Task] = []
        tasks.reserveCapacity(graph.count)
        for task in graph.tasks {
            let layer: Int
            if let known = layerIndex[task.key.name] {
                layer = known
                layers[layer].taskCount += 1
            } else {
                layer = layers.count
                layerIndex[task.key.name] = layer
                layers.append(Layer(name: task.key.name, prefix: GraphNames.prefix(of: task.key.name), taskCount: 1,
                                    dependencies: []))
            }
            var dependencies: [Int] = []
            for dependency in task.dependencies where !dependencies.contains(dependency) {
                dependencies.append(dependency)
                let dependencyLayer = tasks[dependency].layer
                if dependencyLayer != layer && !layers[layer].dependencies.contains(dependencyLayer) {
                    layers[layer].dependencies.append(dependencyLayer)
                }
            }
            let isBlock = !task.key.index.isEmpty || blockLayers.contains(task.key.name)
            tasks.append(Task(key: task.key, isBlock: isBlock, dependencies: dependencies, layer: layer))
        }
        self.tasks = tasks
        self.layers = layers
        runPositions = nil
    }

    /// A collapsed picture: the layers of a graph summary, without their tasks.
    public init(collapsing summary: GraphSummary) {
        var index: [String: Int] = [:]
        for (position, layer) in summary.layers.enumerated() { index[layer.name] = position }
        tasks = []
        runPositions = nil
        layers = summary.layers.map { layer in
            Layer(name: layer.name, prefix: layer.prefix, taskCount: layer.taskCount,
                  dependencies: layer.dependencies.compactMap { index[$0] })
        }
    }

    /// This picture with one entry per layer.
    public func collapsed() -> GraphPicture {
        var picture = self
        picture.tasks = []
        picture.runPositions = nil
        return picture
    }

    // MARK: - Labels

    /// Dask's key spelling: `('sum-3f2a', 0, 1)`, `('sum-aggregate-9b1c',)`, `'add-1f0e'`.
    public func keyText(_ task: Int) -> String {
        let task = tasks[task]
        guard task.isBlock else { return "'\(task.key.name)'" }
        return formatTuple(["'\(task.key.name)'"] + task.key.index.map(String.init))
    }

    /// What a task's function node says: its key's name without the token (Dask's `key_split`).
    public func functionLabel(_ task: Int) -> String { layers[tasks[task].layer].prefix }

    /// What a task's data node says (Dask's `box_label`): the block index, `3` for a 1-d
    /// block, `()` for a 0-d one, nothing for a string key.
    public func dataLabel(_ task: Int) -> String {
        let task = tasks[task]
        guard task.isBlock else { return "" }
        return task.key.index.count == 1 ? String(task.key.index[0]) : formatTuple(task.key.index)
    }

    /// What a layer's node says when collapsed: `12 tasks`.
    public func countLabel(_ layer: Int) -> String {
        let count = layers[layer].taskCount
        return count == 1 ? "1 task" : "\(count) tasks"
    }
}
