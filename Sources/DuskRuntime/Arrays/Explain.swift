import DuskGraph
import DuskScheduler

/// `explain(x)`, `x.explain()` and `%explain x`: the stages from the expression graph to the
/// tasks the scheduler runs, printed for a learner (`Explanation` in DuskGraph holds them).
enum Explain {
    static let doc = """
        Prints how lazy values become work: the expression graph as written (each operation with \
        its shape, dtype and chunks), the task graph it lowers to, what the \
        optimizer rewrites (one line each), and what the scheduler runs: tasks, bytes read and \
        allocated, peak memory. optimize_graph=False explains the graph run as written. Several \
        values are explained together, as dask.compute runs them.
        """

    /// Explains the lazy values among `values` (lists, tuples and dicts searched); returns None.
    static func explain(_ values: [Value], optimize: Bool = true, context: ExecutionContext) throws -> Value {
        var collector = DelayedCalls.Collector()
        for value in values { _ = collector.template(value) }
        guard !collector.inputs.isEmpty else {
            throw DuskError.nothingLazy("explain", "explain")
        }
        let outputs: [GraphOutput] = collector.inputs.map {
            switch $0 {
            case .array(let expr): .array(LazyArray(expr))
            case .delayed(let node): .delayed(node)
            }
        }
        let options = OptimizerOptions(optimize: optimize)
        let report = try graphCall { () throws(GraphError) in try GraphCompute.plan(outputs, options: options) }
        var explanation = Explanation(report: report, options: options, ordering: { $0.executionOrder() })
        if SchedulerDefaults.configuration.external?.scheduler is DistributedScheduler, let execution = report.execution {
            explanation.stages.append(try clusterStage(execution.lowered.graph))
        }
        context.output.write(explanation.text)
        return .none
    }

    /// With a Client as the default: the Dask tasks the compute becomes on the cluster.
    static func clusterStage(_ graph: TaskGraph) throws -> Explanation.Stage {
        let remote = try graphCall { () throws(GraphError) in try RemoteGraph(graph) }
        let count = remote.tasks.count
        return Explanation.Stage(
            heading: "On the cluster: \(count) Dask task\(count == 1 ? "" : "s")",
            lines: ["each output chunk's chain of tasks is one Dask task (Dask spends about a millisecond per task)",
                    "\(remote.fetched.count) value\(remote.fetched.count == 1 ? "" : "s") come\(remote.fetched.count == 1 ? "s" : "") back; "
                        + "an array is assembled from its blocks here"])
    }
}
