extension GraphPicture {
    /// Above this many tasks, pictures have one node per layer: Graphviz takes minutes over
    /// tens of thousands of nodes (each task is two), and nobody could read them.
    public static let maximumTasks = 1500

    /// The picture of the graph that computes `outputs`.
    ///
    /// - Parameters:
    ///   - optimized: false draws the graph as written, every block of every layer (Dask's
    ///     `optimize_graph=False`); true draws what a compute runs: the graph after the
    ///     optimizer's passes, culled to the blocks the outputs need.
    ///   - maximumTasks: graphs with more tasks are collapsed to one node per layer.
    ///   - ordering: the scheduler's run order of a task graph (task indices, first first),
    ///     to fill in `runPositions`.
    public static func of(_ outputs: [GraphOutput], optimized: Bool, maximumTasks: Int = GraphPicture.maximumTasks,
                          ordering: ((TaskGraph) -> [Int])? = nil) throws(GraphError) -> GraphPicture {
        let drawn = optimized ? try Optimizer.optimize(outputs).outputs : outputs
        let summary = GraphSummary(drawn)
        if !optimized && summary.taskCount > maximumTasks { return GraphPicture(collapsing: summary) }
        let lowered = try Lowering.lower(drawn, options: LoweringOptions(cull: optimized, assemble: false))
        let blockLayers = Set(summary.layers.filter { $0.operation != "delayed" }.map(\.name))
        var picture = GraphPicture(lowered.graph, blockLayers: blockLayers)
        if let ordering {
            var positions = [Int](repeating: 0, count: lowered.graph.count)
            for (position, task) in ordering(lowered.graph).enumerated() { positions[task] = position }
            picture.runPositions = positions
        }
        return picture.taskCount > maximumTasks ? picture.collapsed() : picture
    }
}
