/// What the optimizer did to a graph, stage by stage: the data `explain(x)` and
/// `visualize(optimize_graph=True)` show.
///
/// A report holds the expression graph as written and as optimized, one `Stage` per step
/// (the graph as written, each rewrite pass, the lowered and culled task graph) with its size,
/// its byte estimates and one `Rewrite` line per change a pass made, and, when the graph was
/// lowered, the task graph the scheduler runs with an estimate of its cost. Everything in it is
/// deterministic (names are tokens, lines are built from shapes and names, stages come in pass
/// order), so a rendering of it can be held by golden tests.
///
/// Made by `GraphCompute.plan(_:options:)` (every stage, lines recorded, lowered) or, as a
/// by-product of computing, by `Optimizer.optimize(_:options:)`.
public struct OptimizationReport: Sendable {
    /// The size of a graph at one stage.
    public struct GraphSize: Sendable, Equatable, CustomStringConvertible {
        /// Layers (expression nodes; for a task graph, distinct key names).
        public var layers: Int
        /// Tasks: for an expression graph, every block of every layer as Dask counts
        /// `len(x.dask)`; for the lowered graph, the tasks that will run.
        public var tasks: Int

        public init(layers: Int, tasks: Int) {
            self.layers = layers
            self.tasks = tasks
        }

        public var description: String {
            "\(layers) layer\(layers == 1 ? "" : "s"), \(tasks) task\(tasks == 1 ? "" : "s")"
        }
    }

    /// Estimated bytes moved by the graph at one stage.
    public struct Bytes: Sendable, Equatable {
        /// Bytes tasks read from their inputs (chunks of sources and of intermediate layers).
        public var read: Int
        /// Bytes of new chunks tasks allocate (views such as slices and transposes allocate none;
        /// a fused kernel allocates only its output).
        public var allocated: Int

        public init(read: Int, allocated: Int) {
            self.read = read
            self.allocated = allocated
        }
    }

    /// What kind of change a rewrite made.
    public enum RewriteKind: String, Sendable, Hashable {
        /// A slice or integer index moved toward the sources.
        case pushdown
        /// Values computed while optimizing (a constant, a reduction of a constant).
        case fold
        /// Blockwise layers joined into one fused kernel.
        case fuse
        /// A creation function generated per tile inside a fused kernel.
        case generate
        /// A creation function that stays a materialized layer, and why.
        case materialize
        /// Tasks dropped because no output needs them.
        case cull
        /// Blocks of a symmetric product taken from their mirror image instead of computed.
        case symmetry
    }

    /// One change, for a learner: which layer, what happened, and why.
    public struct Rewrite: Sendable, Equatable, CustomStringConvertible {
        public var kind: RewriteKind
        /// The layer the change made or kept (a node name, `mul-3f2a...`).
        public var layer: String
        /// One line: `fused sin, mul, transpose, ones and the per-chunk sum into one kernel`.
        public var text: String

        public init(kind: RewriteKind, layer: String, text: String) {
            self.kind = kind
            self.layer = layer
            self.text = text
        }

        public var description: String { text }
    }

    /// One step of the pipeline.
    public struct Stage: Sendable {
        /// `as written`, a pass name (`slice pushdown`, `constant folding`, `blockwise fusion`,
        /// `generator fusion`), or `lowered and culled`.
        public var name: String
        /// Why the stage exists, in one line (a pass's purpose).
        public var purpose: String
        public var size: GraphSize
        public var bytes: Bytes
        /// The changes this stage made, in the order it made them (empty when lines were not
        /// recorded, or when it changed nothing).
        public var rewrites: [Rewrite]
        /// The expression graph after this stage (nil for the lowered stage).
        public var outputs: [GraphOutput]?

        public init(name: String, purpose: String, size: GraphSize, bytes: Bytes, rewrites: [Rewrite],
                    outputs: [GraphOutput]?) {
            self.name = name
            self.purpose = purpose
            self.size = size
            self.bytes = bytes
            self.rewrites = rewrites
            self.outputs = outputs
        }
    }

    /// What the scheduler will run: the lowered, culled task graph and its estimated cost.
    public struct Execution: Sendable {
        public var lowered: LoweredGraph
        /// Per task (indices of `lowered.graph.tasks`): bytes of the value it produces and
        /// whether producing it allocates them (false for views and passed-through values).
        public var taskBytes: [TaskBytes]
        public var bytes: Bytes
        /// Bytes of the outputs' values (the assembled arrays).
        public var resultBytes: Int

        public var taskCount: Int { lowered.graph.count }

        /// The most bytes held at once when the tasks run one at a time in `order` (the
        /// scheduler's priority order; nil: index order), each value freed after its last
        /// reader: an estimate of peak memory for one worker.
        public func peakBytes(order: [Int]? = nil) -> Int {
            let graph = lowered.graph
            var readers = [Int](repeating: 0, count: graph.count)
            for task in graph.tasks { for dependency in task.dependencies { readers[dependency] += 1 } }
            for output in graph.outputs { readers[output] += 1 }
            var live = 0
            var peak = 0
            for index in order ?? Array(graph.tasks.indices) {
                if taskBytes[index].allocates { live += taskBytes[index].bytes }
                peak = Swift.max(peak, live)
                for dependency in graph.tasks[index].dependencies {
                    readers[dependency] -= 1
                    if readers[dependency] == 0 && taskBytes[dependency].allocates { live -= taskBytes[dependency].bytes }
                }
                if readers[index] == 0 && taskBytes[index].allocates { live -= taskBytes[index].bytes }
            }
            return peak
        }
    }

    /// The output bytes of one task.
    public struct TaskBytes: Sendable, Equatable {
        public var bytes: Int
        public var allocates: Bool

        public init(bytes: Int, allocates: Bool) {
            self.bytes = bytes
            self.allocates = allocates
        }
    }

    /// The outputs as the program wrote them.
    public var written: [GraphOutput]
    /// The outputs after every pass: what is lowered and run.
    public var optimized: [GraphOutput]
    /// The stages in pipeline order: `as written`, each pass that ran, then (when lowered)
    /// `lowered and culled`.
    public var stages: [Stage]
    /// The task graph to run, when the report was made by lowering (`GraphCompute.plan`).
    public var execution: Execution?

    public init(written: [GraphOutput], optimized: [GraphOutput], stages: [Stage], execution: Execution?) {
        self.written = written
        self.optimized = optimized
        self.stages = stages
        self.execution = execution
    }

    /// Every rewrite of every stage, in order.
    public var rewrites: [Rewrite] { stages.flatMap(\.rewrites) }
}

extension OptimizationReport.GraphSize {
    /// Layers and unculled tasks of an expression graph, as `GraphSummary` counts them.
    public init(_ outputs: [GraphOutput]) {
        let summary = GraphSummary(outputs)
        self.init(layers: summary.layers.count, tasks: summary.taskCount)
    }
}

extension OptimizationReport.Bytes {
    /// Estimates for an expression graph with every block computed: each layer reads its
    /// array inputs whole and allocates its output unless it is a view (`allocatesChunks`).
    public init(_ outputs: [GraphOutput]) {
        var read = 0
        var allocated = 0
        for node in GraphTraversal.arrayNodes(outputs) {
            if node.op.allocatesChunks { allocated = allocated.addingClamped(node.nbytes) }
            read = read.addingClamped(node.estimatedBytesRead)
        }
        self.init(read: read, allocated: allocated)
    }
}

extension Int {
    /// The sum, or `Int.max` when it overflows (byte estimates of huge graphs).
    func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
