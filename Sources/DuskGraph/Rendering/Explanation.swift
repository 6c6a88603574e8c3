/// What `explain(x)` prints: the way from the program's expression graph to the tasks a
/// scheduler runs, stage by stage, each with its size, for a learner.
///
/// The stages: the expression graph as written (one row per operation: shape, dtype, chunks,
/// blocks, inputs), the task graph it would lower to as written (every block of every layer,
/// Dask's `len(x.dask)`), each optimizer pass with one line per rewrite, the optimized graph
/// lowered and culled to what the outputs need, and what the scheduler runs (tasks, bytes
/// read and allocated, peak memory). It renders the optimizer's `OptimizationReport`;
/// everything printed is deterministic (names come from tokens, rows from shapes), so golden
/// files hold it.
public struct Explanation: Sendable {
    /// One stage: a heading with its size, then lines saying what it holds or did.
    public struct Stage: Sendable {
        public var heading: String
        public var lines: [String]

        public init(heading: String, lines: [String]) {
            self.heading = heading
            self.lines = lines
        }
    }

    public var title: String
    public var stages: [Stage]

    /// The explanation of the graph computing `outputs`, optimized with `options`.
    ///
    /// - Parameter ordering: the scheduler's run order of a task graph, for the peak memory
    ///   estimate (nil: tasks in index order).
    public init(_ outputs: [GraphOutput], options: OptimizerOptions = OptimizerOptions(),
                ordering: ((TaskGraph) -> [Int])? = nil) throws(GraphError) {
        self.init(report: try GraphCompute.plan(outputs, options: options), options: options, ordering: ordering)
    }

    /// The explanation of a plan (`GraphCompute.plan`) made with `options`.
    public init(report: OptimizationReport, options: OptimizerOptions = OptimizerOptions(),
                ordering: ((TaskGraph) -> [Int])? = nil) {
        title = "explain: " + report.written.map(Explanation.describe).joined(separator: "; ")
        let written = report.stages.first
        stages = [Explanation.written(report.written, bytes: written?.bytes)]
        let size = written?.size ?? OptimizationReport.GraphSize(report.written)
        stages.append(Stage(heading: "Lowered as written: \(Explanation.count(size.tasks, "task")) in "
                            + "\(Explanation.count(size.layers, "layer"))",
                            lines: ["one task per block of every layer (what len(x.dask) counts)"]))
        let passes = report.stages.dropFirst().filter { $0.outputs != nil }
        if !options.optimize {
            stages.append(Stage(heading: "Optimized: skipped", lines: ["optimize_graph=False: the graph runs as written"]))
        } else {
            for pass in passes { stages.append(Explanation.pass(pass)) }
            let off = Optimizer.passes.filter { !$0.isEnabled(options) }.map(\.name)
            if !off.isEmpty {
                let why = options.fuse ? "turned off for this compute" : "optimization.fuse.active is False (dask.config.set)"
                stages.append(Stage(heading: "Not run: " + off.joined(separator: ", "), lines: [why]))
            }
        }
        if let execution = report.execution {
            stages.append(Explanation.culled(report.optimized, execution.lowered.graph))
            let delayed = GraphTraversal.topologicalOrder(report.optimized).contains {
                if case .delayed = $0 { true } else { false }
            }
            stages.append(Explanation.scheduled(execution, countsDelayed: delayed, ordering: ordering))
        }
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

    private static func written(_ outputs: [GraphOutput], bytes: OptimizationReport.Bytes?) -> Stage {
        let nodes = GraphTraversal.topologicalOrder(outputs)
        var rows: [String: Int] = [:]
        for (row, node) in nodes.enumerated() { rows[node.name] = row }
        var table: [[String]] = [["#", "operation", "shape", "dtype", "chunks", "blocks", "reads"]]
        var blocks = 0
        for (row, node) in nodes.enumerated() {
            let reads = node.inputs.compactMap { rows[$0.name] }.map { "#\($0)" }.joined(separator: ", ")
            switch node {
            case .array(let expr):
                blocks += expr.chunks.blockCount
                table.append(["\(row)", expr.explanation(rows: rows), formatTuple(expr.shape), expr.dtype.name,
                              formatTuple(expr.chunks.chunksize), "\(expr.chunks.blockCount)", reads])
            case .delayed(let call):
                blocks += 1
                table.append(["\(row)", "delayed \(call.displayName)", "", "", "", "1", reads])
            }
        }
        var lines = aligned(table, rightAligned: [0, 5])
        if let bytes, bytes.read > 0 || bytes.allocated > 0 {
            lines.append("computed as written, every block: reads \(ByteSize.format(bytes.read)), "
                         + "allocates \(ByteSize.format(bytes.allocated))")
        }
        return Stage(heading: "As written: \(count(nodes.count, "operation")), \(count(blocks, "block")) in all", lines: lines)
    }

    private static func pass(_ stage: OptimizationReport.Stage) -> Stage {
        var lines = ["why: " + stage.purpose]
        lines += stage.rewrites.isEmpty ? ["no change"] : stage.rewrites.map(\.text)
        return Stage(heading: "\(stage.name.prefix(1).uppercased() + stage.name.dropFirst()): "
                     + "\(count(stage.size.tasks, "task")) in \(count(stage.size.layers, "layer"))", lines: lines)
    }

    private static func culled(_ optimized: [GraphOutput], _ graph: TaskGraph) -> Stage {
        let summary = GraphSummary(optimized)
        var kept: [String: Int] = [:]
        var assembled = 0
        for task in graph.tasks {
            var name = task.key.name
            if name.hasPrefix("finalize-") { assembled += 1; continue }
            if name.hasPrefix("rechunk-split-") { name = "rechunk-merge-" + name.dropFirst("rechunk-split-".count) }
            kept[name, default: 0] += 1
        }
        var lines: [String] = []
        var dropped = 0
        for layer in summary.layers where (kept[layer.name] ?? 0) < layer.taskCount {
            dropped += layer.taskCount - (kept[layer.name] ?? 0)
            lines.append("\(layer.prefix): \(kept[layer.name] ?? 0) of \(layer.taskCount) tasks kept")
        }
        if lines.isEmpty { lines = ["nothing dropped: the outputs need every block"] }
        if assembled > 0 {
            lines.append("+ \(count(assembled, "task")) joining each array output's blocks into one array")
        }
        let heading = "Lowered and culled: \(count(graph.count, "task"))" + (dropped > 0 ? " (\(dropped) dropped: no output needs them)" : "")
        return Stage(heading: heading, lines: lines)
    }

    private static func scheduled(_ execution: OptimizationReport.Execution, countsDelayed: Bool,
                                  ordering: ((TaskGraph) -> [Int])?) -> Stage {
        let graph = execution.lowered.graph
        var lines = [count(graph.count, "task") + ", "
                     + "reading \(ByteSize.format(execution.bytes.read)) of inputs, "
                     + "allocating \(ByteSize.format(execution.bytes.allocated)) of new chunks"]
        let peak = execution.peakBytes(order: ordering?(graph))
        lines.append("peak memory, running one task at a time: about \(ByteSize.format(peak))")
        if execution.resultBytes > 0 { lines.append("result: \(ByteSize.format(execution.resultBytes))") }
        if countsDelayed { lines.append("(delayed results are not counted: their sizes are known only when they run)") }
        return Stage(heading: "What the scheduler runs", lines: lines)
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
