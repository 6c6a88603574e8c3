import DuskArray
@testable import DuskGraph
import Testing

/// Helpers: the optimized graph of an array and what it holds.
enum Optimized {
    static func report(_ array: LazyArray, fuse: Bool = true) throws -> OptimizationReport {
        try GraphCompute.plan([.array(array)], options: OptimizerOptions(fuse: fuse))
    }

    /// The fused layers of the optimized graph, inputs first.
    static func kernels(_ report: OptimizationReport) -> [FusedOp] {
        GraphTraversal.arrayNodes(report.optimized).compactMap { if case .fused(let op) = $0.op { op } else { nil } }
    }

    /// Layers of the optimized graph by kind, in order.
    static func kinds(_ report: OptimizationReport) -> [String] {
        GraphTraversal.arrayNodes(report.optimized).map(\.op.kindName)
    }

    /// Tasks per stage, by stage name.
    static func tasks(_ report: OptimizationReport) -> [String: Int] {
        Dictionary(report.stages.map { ($0.name, $0.size.tasks) }, uniquingKeysWith: { a, _ in a })
    }
}

/// "This program becomes N kernels": what fusion makes of the tutorial's programs.
@Suite("Fusion: kernels and task counts")
struct FusionTests {
    static func x() throws -> LazyArray { try .ones([10000, 10000], chunks: .uniform(1000)) }

    @Test("(sin(x[:, 0]) * x.T).sum() on random data: one kernel per block, nothing stored")
    func tutorialRandom() throws {
        let x = try LazyArray.random(RandomSpec(distribution: "random", seed: 3), shape: [1000, 1000], chunks: .uniform(100))
        let column = try x.getitem([.all, .int(0)])
        let total = try LazyArray.binary(.multiply, .array(.unary(.sin, column)), .array(x.T), name: "mul").sum()
        let report = try Optimized.report(total)
        let kernels = Optimized.kernels(report)
        #expect(kernels.count == 1)
        #expect(kernels.first?.members == ["sum", "mul", "sin", "transpose", "random"])
        #expect(kernels.first?.program.leaves.isEmpty == true)
        #expect(Optimized.kinds(report) == ["fused"] + Array(repeating: "reduction (combine)", count: 3) + ["reduction (aggregate)"])
        // As written: random 100, getitem 10, sin 10, transpose 100, mul 100, sum 100, partials 25 + 9 + 4, aggregate 1.
        // Pushdown makes x[:, 0] a random layer of its own (10 blocks: the column's numbers alone);
        // fusion folds sin, transpose and mul into the sum's blocks; generator fusion both random layers.
        let tasks = Optimized.tasks(report)
        #expect(tasks["as written"] == 459)
        #expect(tasks["slice pushdown"] == 459)
        #expect(tasks["blockwise fusion"] == 249)
        #expect(tasks["generator fusion"] == 139)
        #expect(tasks["lowered and culled"] == 140)
        #expect(report.rewrites.map(\.kind) == [.pushdown, .fuse, .generate, .generate])
        let unfused = try total.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
        #expect(try same(try computed(total), unfused, tolerance: 1e-12))
    }

    @Test("a fused chain allocates no chunk-sized buffer but its output blocks")
    func allocations() throws {
        // 250 x 250 float64 blocks (500 kB each): pooled allocations, which the recorder sees.
        let x = try LazyArray.random(RandomSpec(distribution: "random", seed: 5), shape: [1000, 1000], chunks: .uniform(250))
        let scaled = try LazyArray.binary(.multiply, .array(.unary(.sin, x)), .float(2))
        let chain = try LazyArray.binary(.add, .array(scaled), .float(1))
        let chunkBytes = 250 * 250 * 8
        func chunkAllocations(_ body: () throws -> NDArray) throws -> Int {
            let recorder = AllocationRecorder()
            _ = try BufferPool.$recorder.withValue(recorder) { try body() }
            return recorder.byteCounts.filter { $0 >= chunkBytes }.count
        }
        // Summed, each block's kernel keeps one partial: no chunk is ever allocated.
        #expect(try chunkAllocations { try chain.sum().compute(run: runInOrder) } == 0)
        // Stored: one buffer per output block, and the result they are joined into.
        #expect(try chunkAllocations { try chain.compute(run: runInOrder) } == 16 + 1)
        // Unfused, random, sin, multiply and add each allocate every block.
        let unfused = try chunkAllocations { try chain.compute(options: OptimizerOptions(optimize: false), run: runInOrder) }
        #expect(unfused == 4 * 16 + 1)
    }

    @Test("normalize-then-sum: the max's per-block step and the division fuse; the random image read by both is made once")
    func normalize() throws {
        let image = try LazyArray.random(RandomSpec(distribution: "uniform", parameters: [1, 2], seed: 8),
                                         shape: [6, 40, 40], chunks: .perDimension([.size(1), .size(20), .size(20)]))
        let peak = try image.reduce(.max, axes: [1, 2]).getitem([.all, .newAxis, .newAxis])
        let total = try LazyArray.binary(.divide, .array(image), .array(peak), name: "truediv").sum()
        let report = try Optimized.report(total)
        #expect(Optimized.kernels(report).map(\.members) == [["chunk_max"], ["sum", "truediv", "getitem"]])
        #expect(report.rewrites.contains { $0.kind == .materialize && $0.text.contains("2 layers read it") })
        let unfused = try total.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
        #expect(try same(try computed(total), unfused, tolerance: 1e-12))
    }

    @Test("over the memory budget, a random image read by two layers is generated in each instead of stored")
    func normalizeOverBudget() throws {
        let image = try LazyArray.random(RandomSpec(distribution: "uniform", parameters: [1, 2], seed: 8),
                                         shape: [6, 40, 40], chunks: .perDimension([.size(1), .size(20), .size(20)]))
        let peak = try image.reduce(.max, axes: [1, 2]).getitem([.all, .newAxis, .newAxis])
        let total = try LazyArray.binary(.divide, .array(image), .array(peak), name: "truediv").sum()
        // 6 x 40 x 40 float64 = 76800 bytes: a budget one byte smaller.
        let options = OptimizerOptions(recordsRewrites: true, storeBudget: 76_799)
        let report = try GraphCompute.plan([.array(total)], options: options)
        #expect(Optimized.kernels(report).map(\.members) == [["chunk_max", "uniform"], ["sum", "truediv", "getitem", "uniform"]])
        #expect(report.rewrites.contains { $0.kind == .generate && $0.text.contains("would exceed the memory budget (75.00 kiB)") })
        let fused = try total.compute(options: options, run: runInOrder)
        let unfused = try total.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
        #expect(try same(fused, unfused, tolerance: 1e-12))
    }

    @Test("positions read by several layers are generated in each: cheaper than a write and reads")
    func sharedArangeGenerated() throws {
        let x = try LazyArray.arange(stop: .int64(4000), dtype: .float64, chunks: .uniform(1000))
        let peak = try x.reduce(.max, axes: [0])
        let total = try LazyArray.binary(.divide, .array(x), .array(peak), name: "truediv").sum()
        let report = try Optimized.report(total)
        #expect(!report.rewrites.contains { $0.kind == .materialize })
        #expect(Optimized.kinds(report).filter { $0 == "creation" }.isEmpty)
        let unfused = try total.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
        #expect(try same(try computed(total), unfused, tolerance: 1e-12))
    }

    @Test("the cost model: random numbers shared by two layers are stored within the budget, positions never")
    func sharedDecision() {
        let uniform = GeneratorFusion.Form.generator(.uniform(low: 0, high: 1, seed: 1), .float64)
        let arange = GeneratorFusion.Form.generator(.arange(start: 0, step: 1), .float64)
        let table: [(GeneratorFusion.Form, Int, Int, GeneratorFusion.SharedDecision)] = [
            (uniform, 1, 1 << 30, .generate),
            (uniform, 2, 1 << 30, .store),
            (uniform, 2, 10, .overBudget(bytes: 800, budget: 10)),
            (arange, 2, 1 << 30, .generate),
            (arange, 8, 1 << 30, .generate),
            (.constant(.float(1, .float64)), 3, 1 << 30, .generate),
        ]
        for (form, readers, budget, expected) in table {
            #expect(GeneratorFusion.sharedDecision(form, itemSize: 8, bytes: 800, readers: readers, budget: { budget }) == expected)
        }
    }

    @Test("normal random numbers stay materialized, and explain says why")
    func normalsMaterialized() throws {
        let z = try LazyArray.random(RandomSpec(distribution: "standard_normal", seed: 1), shape: [100], chunks: .uniform(10))
        let report = try Optimized.report(try LazyArray.binary(.multiply, .array(z), .int(2)).sum())
        #expect(Optimized.kinds(report).first == "creation")
        #expect(report.rewrites.contains { $0.kind == .materialize && $0.text.contains("ziggurat") })
    }

    @Test("fusion off (optimization.fuse.active) leaves the layers as written; expression passes still run")
    func fuseOff() throws {
        let x = try LazyArray.random(RandomSpec(distribution: "random", seed: 3), shape: [1000, 1000], chunks: .uniform(100))
        let total = try LazyArray.binary(.add, .array(x), .int(1)).sum()
        let report = try Optimized.report(total, fuse: false)
        #expect(Optimized.kernels(report).isEmpty)
        #expect(report.stages.map(\.name) == ["as written", "slice pushdown", "constant folding", "symmetric products", "lowered and culled"])
    }

    @Test("a layer read twice ends its own kernel; work is never done twice")
    func sharedLayer() throws {
        let x = try LazyArray.random(RandomSpec(distribution: "random", seed: 2), shape: [20, 20], chunks: .uniform(10))
        let s = try LazyArray.unary(.sin, x)
        let both = try LazyArray.binary(.add, .array(s), .array(.unary(.cos, s)))
        let report = try Optimized.report(both)
        #expect(Optimized.kernels(report).map(\.members) == [["sin", "random"], ["add", "cos"]])
    }
}
