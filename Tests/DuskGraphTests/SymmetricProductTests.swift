import DuskArray
@testable import DuskGraph
import Testing

/// The symmetric products pass: `x @ x.T` computes the block products on and above the
/// diagonal and takes the others as their transposes, with the same values as without it.
@Suite struct SymmetricProductTests {
    static let chunkings: [ChunkSpec] = [.uniform(3), .perDimension([.explicit([2, 5]), .explicit([4, 1, 4])]),
                                         .uniform(-1), .uniform(1)]

    static func products(_ x: LazyArray) throws -> [(String, LazyArray, NDArray)] {
        let eager = try x.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
        return [
            ("x @ x.T", try .matmul(x, x.T), try .matmul(eager, eager.T)),
            ("x.T @ x", try .matmul(x.T, x), try .matmul(eager.T, eager)),
        ]
    }

    @Test(arguments: chunkings)
    func optimizedEqualsUnoptimizedAndEager(chunks: ChunkSpec) throws {
        let x = try LazyArray.fromArray(LazyFixtures.data, chunks: chunks)
        for (name, product, eager) in try Self.products(x) {
            let optimized = try computed(product)
            let plain = try product.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
            #expect(try same(optimized, plain, tolerance: 1e-13), "\(name)")
            #expect(try same(optimized, eager, tolerance: 1e-13), "\(name)")
        }
    }

    @Test func batchedProductsMirrorTheirLastTwoAxes() throws {
        let data = try iota([3, 5, 4])
        let x = try LazyArray.fromArray(data, chunks: .perDimension([.explicit([1, 2]), .explicit([2, 3]), .explicit([3, 1])]))
        let product = try LazyArray.matmul(x, x.transposed([0, 2, 1]))
        #expect(try optimizedLayers(product).contains { $0.hasPrefix("mirror-") })
        #expect(try same(try computed(product), try NDArray.matmul(data, data.transposed([0, 2, 1])), tolerance: 1e-13))
    }

    @Test func onlyTheUpperBlockProductsAreComputed() throws {
        // 4×4 output blocks, 3 blocks along k: 10 of the 16 (i, j) pairs, each k.
        let x = try LazyArray.fromArray(iota([8, 6]), chunks: .uniform(2))
        let product = try LazyArray.matmul(x, x.T)
        let tasks = try Lowering.lower(try Optimizer.optimize([.array(product)]).outputs).graph.tasks
        #expect(tasks.filter { $0.key.name.hasPrefix("matmul-") }.count == 10 * 3)
        #expect(tasks.filter { $0.key.name.hasPrefix("mirror-") }.count == 16 * 3)
        let plain = try Lowering.lower(product).graph.tasks
        #expect(plain.filter { $0.key.name.hasPrefix("matmul-") }.count == 16 * 3)
    }

    @Test func otherProductsAreLeftAlone() throws {
        let x = try LazyArray.fromArray(iota([6, 6]), chunks: .uniform(2))
        let y = try LazyArray.fromArray(iota([6, 6]), chunks: .uniform(3))
        let shifted = try LazyArray.binary(.add, .array(x), .int(1))
        for product in [try LazyArray.matmul(x, x), try .matmul(x, y.T), try .matmul(shifted, x.T)] {
            #expect(try !optimizedLayers(product).contains { $0.hasPrefix("mirror-") })
        }
    }

    @Test func explainSaysWhatItDid() throws {
        let x = try LazyArray.fromArray(iota([6, 6]), chunks: .uniform(2))
        let report = try Optimizer.optimize([.array(try .matmul(x, x.T))], options: OptimizerOptions(recordsRewrites: true)).report
        let stage = try #require(report.stages.first { $0.name == "symmetric products" })
        #expect(stage.rewrites.map(\.kind) == [.symmetry])
    }

    /// The layer names of the optimized graph.
    func optimizedLayers(_ array: LazyArray) throws -> [String] {
        let outputs = try Optimizer.optimize([.array(array)]).outputs
        return GraphTraversal.topologicalOrder(outputs).map(\.name)
    }
}
