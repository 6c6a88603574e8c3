/// What `explain(x)` prints: the way from the program's expression graph to the tasks a
/// scheduler runs, stage by stage, each with its size, for a learner.
///
/// The stages: the expression graph as written (one row per operation: shape, dtype, chunks,
/// blocks, inputs), the task graph it lowers to (every block of every layer, Dask's
/// `len(x.dask)`), that graph culled to what the outputs need, and what the scheduler runs.
/// Everything printed is deterministic (names come from tokens, rows from shapes), so golden
/// files hold it.
public struct Explanation: Sendable {
    /// One stage: a heading with its size, then lines saying what it holds or did.
    public struct Stage: Sendable {
        public var heading: String
        public var lines: [String]
    }

    public var title: String
    public var stages: [Stage]

    /// The explanation of the graph computing `outputs`.
    ///
    /// - Parameter ordering: the scheduler's run order of a task graph, to estimate the peak
    ///   number of values held (nil: not estimated).
    public init(_ outputs: [GraphOutput], ordering: ((TaskGraph) -> [Int])? = nil) throws(GraphError) {
        title = "explain: " + outputs.map(Explanation.describe).joined(separator: "; ")
        let nodes = GraphTraversal.topologicalOrder(outputs)
        var rows: [String: Int] = [:]
        for (row, node) in nodes.enumerated() { rows[node.name] = row }
        let summary = GraphSummary(outputs)
        stages = [Explanation.written(nodes, rows: rows, summary: summary)]

        let full = try GraphPicture.of(outputs, optimized: false, maximumTasks: .max)
        stages.append(Stage(heading: "Lowered: \(Explanation.count(full.taskCount, "task")) in "
                            + "\(Explanation.count(full.layers.count, "layer"))",
                            lines: ["one task per block of every layer (what len(x.dask) counts)"]))

        let lowered = try Lowering.lower(outputs, options: LoweringOptions(cull: true, assemble: false))
        let culled = GraphPicture(lowered.graph, blockLayers: [])
        stages.append(Explanation.culled(full: full, culled: culled))
        stages.append(Stage(heading: "Optimized: no rewrites",
                            lines: ["blockwise fusion, slice pushdown and constant folding are not in this build yet"]))
        stages.append(Explanation.scheduled(lowered.graph, culled: culled, outputs: outputs, ordering: ordering))
    }

    /// The text, stages numbered, a blank line between them.
    public var text: String {
        var lines = [title]
        for (number, stage) in stages.enumerated() {
            lines.append("")
            lines.append("\(number + 1). \(stage.heading)")
            lines += stage.lines.map { "   " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Stages

    private static func written(_ nodes: [GraphInput], rows: [String: Int], summary: GraphSummary) -> Stage {
        var table: [[String]] = [["#", "operation", "shape", "dtype", "chunks", "blocks", "reads"]]
        for (row, node) in nodes.enumerated() {
            let reads = node.inputs.compactMap { rows[$0.name] }.map { "#\($0)" }.joined(separator: ", ")
            switch node {
            case .array(let expr):
                table.append(["\(row)", expr.explanation(rows: rows), formatTuple(expr.shape), expr.dtype.name,
                              formatTuple(expr.chunks.chunksize), "\(expr.chunks.blockCount)", reads])
            case .delayed(let call):
                table.append(["\(row)", "delayed \(call.displayName)", "", "", "", "1", reads])
            }
        }
        let heading = "As written: \(count(nodes.count, "operation")), \(count(summary.taskCount, "block")) in all"
        return Stage(heading: heading, lines: aligned(table, rightAligned: [0, 5]))
    }

    private static func culled(full: GraphPicture, culled: GraphPicture) -> Stage {
        let dropped = full.taskCount - culled.taskCount
        guard dropped > 0 else {
            return Stage(heading: "Culled: \(count(culled.taskCount, "task"))",
                         lines: ["nothing dropped: the outputs need every block"])
        }
        var kept: [String: Int] = [:]
        for layer in culled.layers { kept[layer.name] = layer.taskCount }
        var lines: [String] = []
        for layer in full.layers where (kept[layer.name] ?? 0) < layer.taskCount {
            lines.append("\(layer.prefix): \(kept[layer.name] ?? 0) of \(layer.taskCount) tasks kept")
        }
        return Stage(heading: "Culled: \(count(culled.taskCount, "task")) (\(dropped) dropped: no output needs them)",
                     lines: lines)
    }

    private static func scheduled(_ graph: TaskGraph, culled: GraphPicture, outputs: [GraphOutput],
                                  ordering: ((TaskGraph) -> [Int])?) -> Stage {
        var lines = ["\(count(graph.count, "task")) in \(count(culled.layers.count, "layer"))"]
        let resultBytes = outputs.reduce(0) { total, output in
            if case .array(let array) = output { return total + array.nbytes }
            return total
        }
        if resultBytes > 0 { lines.append("result: \(ByteSize.format(resultBytes))") }
        if let ordering {
            let order = ordering(graph)
            lines.append("held at once, running one task at a time: at most \(count(peakValues(graph, order: order), "value"))")
        }
        return Stage(heading: "What the scheduler runs", lines: lines)
    }

    /// The most values alive at once when tasks run in `order`, each freed after its last reader.
    static func peakValues(_ graph: TaskGraph, order: [Int]) -> Int {
        var readers = [Int](repeating: 0, count: graph.count)
        for task in graph.tasks { for dependency in task.dependencies { readers[dependency] += 1 } }
        for output in graph.outputs { readers[output] += 1 }
        var live = 0
        var peak = 0
        for index in order {
            live += 1
            peak = Swift.max(peak, live)
            for dependency in graph.tasks[index].dependencies {
                readers[dependency] -= 1
                if readers[dependency] == 0 { live -= 1 }
            }
            if readers[index] == 0 { live -= 1 }
        }
        return peak
    }

    // MARK: - Text

    static func describe(_ output: GraphOutput) -> String {
        switch output {
        case .array(let array): "\(array.expr.prefix), shape \(formatTuple(array.shape)), \(array.dtype.name)"
        case .delayed(let node): "Delayed \(node.displayName)"
        }
    }

    static func count(_ value: Int, _ noun: String) -> String { value == 1 ? "1 \(noun)" : "\(value) \(noun)s" }

    /// Rows as columns two spaces apart, trailing spaces removed.
    static func aligned(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = Swift.max(widths[column], cell.count) } }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                if column > 0 { line += "  " }
                line += rightAligned.contains(column) ? pad + cell : cell + pad
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
