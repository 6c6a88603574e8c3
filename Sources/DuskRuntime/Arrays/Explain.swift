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
        let explanation = try graphCall { () throws(GraphError) in
            try Explanation(outputs, options: OptimizerOptions(optimize: optimize), ordering: { $0.executionOrder() })
        }
        context.output.write(explanation.text)
        return .none
    }
}
