import Synchronization

/// Settings of the graph optimizer for one compute.
public struct OptimizerOptions: Sendable, Equatable {
    /// Run the rewrite passes (`compute(optimize_graph=False)` turns them all off; lowering
    /// still culls the tasks no output needs, as it always does).
    public var optimize: Bool
    /// Fuse blockwise chains into tile programs (Dask's `optimization.fuse.active`); off,
    /// the expression-level passes (slice pushdown, constant folding) still run.
    public var fuse: Bool
    /// Check the graph with `GraphVerifier` after every pass (on in debug builds and tests).
    public var verify: Bool
    /// Record a `Rewrite` line for every change (what `explain` prints); off while computing.
    public var recordsRewrites: Bool
    /// Bytes a generated array read by several kernels may take when generator fusion stores
    /// it once (`GeneratorFusion.sharedDecision`); nil: half the memory available.
    public var storeBudget: Int?

    /// Options from the process-wide defaults (`OptimizerOptions.fuseActive`).
    public init(optimize: Bool = true, fuse: Bool? = nil, verify: Bool? = nil, recordsRewrites: Bool = false,
                storeBudget: Int? = nil) {
        self.optimize = optimize
        self.fuse = fuse ?? OptimizerOptions.fuseActive
        self.verify = verify ?? OptimizerOptions.verifiesByDefault
        self.recordsRewrites = recordsRewrites
        self.storeBudget = storeBudget
    }

    /// The `optimization.fuse.active` setting (`dask.config.set`) of the running session
    /// (`OptimizerSettings.current`).
    public static var fuseActive: Bool {
        get { OptimizerSettings.current.fuse }
        set { OptimizerSettings.current.fuse = newValue }
    }

    /// Debug builds verify after every pass; release builds do not.
    public static var verifiesByDefault: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }
}

/// The optimizer settings a program changes (`dask.config.set({'optimization.fuse.active': False})`).
///
/// Each session binds its own as `current` while it runs code, so a script turning fusion off
/// does not turn it off for the other sessions and tests running in the same process; code
/// outside any session shares `shared`. (Tasks on the scheduler's worker threads see `shared`:
/// a compute started inside a delayed function fuses as the process default says.)
public final class OptimizerSettings: Sendable {
    /// The settings of code that runs outside any session.
    public static let shared = OptimizerSettings()
    /// The settings of the running session.
    @TaskLocal public static var current: OptimizerSettings = shared

    private let fuseState = Mutex(true)

    public init() {}

    /// Whether blockwise chains are fused (`optimization.fuse.active`).
    public var fuse: Bool {
        get { fuseState.withLock { $0 } }
        set { fuseState.withLock { $0 = newValue } }
    }
}

/// A graph after the optimizer, with the report of what it did.
public struct OptimizedGraph: Sendable {
    /// The outputs to lower and run, in the order asked.
    public var outputs: [GraphOutput]
    public var report: OptimizationReport
}

/// The graph optimizer: an ordered list of rewrite passes over the expression graph, each
/// small, each checked by `GraphVerifier` in debug builds and tests.
///
/// A pass maps every node of the graph (inputs first) to a node computing the same values,
/// possibly cheaper; nodes it does not touch keep their names, so identical work still merges
/// by token after every pass (common subexpressions stay computed once). Culling happens
/// afterwards, block by block, when the optimized graph is lowered.
public enum Optimizer {
    /// The passes, in the order they run. Symmetric products before fusion: it recognizes
    /// `x.T` as a transpose layer, which fusion would fold into a tile program.
    static let passes: [OptimizerPass] = [SlicePushdown.pass, ConstantFolding.pass, SymmetricProducts.pass, BlockwiseFusion.pass,
                                          GeneratorFusion.pass]

    /// Runs the passes on `outputs`.
    ///
    /// Throws `GraphError` when a rewrite finds a problem the program has (a constant whose
    /// computation fails) or, in verifying builds, when a pass broke an invariant.
    public static func optimize(_ outputs: [GraphOutput],
                                options: OptimizerOptions = OptimizerOptions()) throws(GraphError) -> OptimizedGraph {
        var stages = [stage("as written", purpose: "the expression graph the program built", outputs, [], options)]
        var current = outputs
        if options.optimize {
            for pass in passes where pass.isEnabled(options) {
                var context = RewriteContext(recordsRewrites: options.recordsRewrites, storeBudget: options.storeBudget)
                current = try pass.run(current, &context)
                if options.verify {
                    let problems = GraphVerifier.problems(in: current)
                    if !problems.isEmpty {
                        throw GraphError(kind: "RuntimeError", message:
                            "optimizer pass '\(pass.name)' broke the graph: " + problems.joined(separator: "; "))
                    }
                }
                stages.append(stage(pass.name, purpose: pass.purpose, current, context.rewrites, options))
            }
        }
        return OptimizedGraph(outputs: current, report: OptimizationReport(written: outputs, optimized: current,
                                                                          stages: stages, execution: nil))
    }

    /// A stage record; sizes and byte estimates only when lines are recorded (they walk the graph).
    private static func stage(_ name: String, purpose: String, _ outputs: [GraphOutput],
                              _ rewrites: [OptimizationReport.Rewrite], _ options: OptimizerOptions) -> OptimizationReport.Stage {
        guard options.recordsRewrites else {
            return OptimizationReport.Stage(name: name, purpose: purpose, size: .init(layers: 0, tasks: 0),
                                            bytes: .init(read: 0, allocated: 0), rewrites: rewrites, outputs: nil)
        }
        return OptimizationReport.Stage(name: name, purpose: purpose, size: .init(outputs), bytes: .init(outputs),
                                        rewrites: rewrites, outputs: outputs)
    }
}

/// One rewrite of the expression graph.
struct OptimizerPass: Sendable {
    /// What `explain` calls the stage: `slice pushdown`.
    let name: String
    /// Why it exists, one line.
    let purpose: String
    /// Whether the options let it run.
    let isEnabled: @Sendable (OptimizerOptions) -> Bool
    let run: @Sendable ([GraphOutput], inout RewriteContext) throws(GraphError) -> [GraphOutput]
}

/// What a pass collects while it runs (the lines for the report), and what it may ask.
struct RewriteContext {
    let recordsRewrites: Bool
    private(set) var rewrites: [OptimizationReport.Rewrite] = []
    private var budget: Int?

    init(recordsRewrites: Bool, storeBudget: Int? = nil) {
        self.recordsRewrites = recordsRewrites
        self.budget = storeBudget
    }

    /// `OptimizerOptions.storeBudget`, or half the memory available, read on first use.
    var storeBudget: Int {
        mutating get {
            if let budget { return budget }
            let made = GeneratorFusion.defaultStoreBudget()
            budget = made
            return made
        }
    }

    /// Records a change; `text` is built only when lines are recorded.
    mutating func record(_ kind: OptimizationReport.RewriteKind, _ layer: String, _ text: @autoclosure () -> String) {
        if recordsRewrites { rewrites.append(.init(kind: kind, layer: layer, text: text())) }
    }

    /// Reverses the lines recorded since there were `count`: a recursive rewrite records its
    /// innermost change first, and reads better from the top down.
    mutating func reverseRewrites(since count: Int) {
        rewrites[count...].reverse()
    }
}
