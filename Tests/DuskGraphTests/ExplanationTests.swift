import DuskArray
@testable import DuskGraph
import Testing

/// The stages `explain` prints for each optimizer setting (the golden files in
/// DuskRuntimeTests/Snapshots hold whole explanations with the defaults).
@Suite("explain stages")
struct ExplanationTests {
    /// The explanation of `(ones((4, 4), chunks=2) + 1).sum()`.
    static func explain(_ options: OptimizerOptions) throws -> Explanation {
        let x = try LazyArray.ones([4, 4], chunks: .uniform(2))
        return try Explanation([.array(try LazyArray.binary(.add, .array(x), .int(1), name: "add").sum())], options: options)
    }

    static func headings(_ options: OptimizerOptions) throws -> [String] { try explain(options).stages.map(\.heading) }

    @Test("every pass is a stage; with fusion off the passes not run are named, with why")
    func stagesPerSetting() throws {
        let all = try Self.headings(OptimizerOptions(fuse: true))
        #expect(all.contains { $0.hasPrefix("Blockwise fusion: ") })
        #expect(all.contains { $0.hasPrefix("Generator fusion: ") })
        #expect(!all.contains { $0.hasPrefix("Not run") })

        let unfused = try Self.explain(OptimizerOptions(fuse: false))
        let notRun = try #require(unfused.stages.first { $0.heading.hasPrefix("Not run") })
        #expect(notRun.heading == "Not run: blockwise fusion, generator fusion")
        #expect(notRun.lines == ["optimization.fuse.active is False (dask.config.set)"])
        #expect(!unfused.stages.contains { $0.heading.hasPrefix("Blockwise fusion") })

        let skipped = try Self.headings(OptimizerOptions(optimize: false))
        #expect(skipped.contains("Optimized: skipped"))
        #expect(!skipped.contains { $0.hasPrefix("Not run") || $0.hasPrefix("Blockwise fusion") })
    }
}
