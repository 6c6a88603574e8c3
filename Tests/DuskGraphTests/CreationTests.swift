import DuskArray
@testable import DuskGraph
import Testing

/// A creation function called lazily and eagerly.
struct CreationCase: Sendable, CustomStringConvertible {
    var name: String
    var lazy: @Sendable (ChunkSpec) throws -> LazyArray
    var eager: @Sendable () throws -> NDArray
    var description: String { name }
}

enum CreationFixtures {
    static let cases: [CreationCase] = [
        CreationCase(name: "ones((5, 7))", lazy: { try .ones([5, 7], chunks: $0) }, eager: { try .ones([5, 7]) }),
        CreationCase(name: "zeros((5, 7), int32)", lazy: { try .zeros([5, 7], dtype: .int32, chunks: $0) },
                     eager: { try .zeros([5, 7], dtype: .int32) }),
        CreationCase(name: "full((5, 7), 2.5)", lazy: { try .full([5, 7], fillValue: .float64(2.5), chunks: $0) },
                     eager: { try .full([5, 7], .float(2.5)) }),
        CreationCase(name: "arange(3, 40, 3)", lazy: { try .arange(start: .int64(3), stop: .int64(40), step: .int64(3), chunks: $0) },
                     eager: { try .arange(start: .int64(3), stop: .int64(40), step: .int64(3)) }),
        CreationCase(name: "arange(0.1, 2.0, 0.07)", lazy: {
            try .arange(start: .float64(0.1), stop: .float64(2.0), step: .float64(0.07), chunks: $0)
        }, eager: { try .arange(start: .float64(0.1), stop: .float64(2.0), step: .float64(0.07)) }),
        CreationCase(name: "arange(10, 0, -3)", lazy: { try .arange(start: .int64(10), stop: .int64(0), step: .int64(-3), chunks: $0) },
                     eager: { try .arange(start: .int64(10), stop: .int64(0), step: .int64(-3)) }),
        CreationCase(name: "linspace(0, 1, 23)", lazy: { try .linspace(start: 0, stop: 1, num: 23, chunks: $0) },
                     eager: { try .linspace(start: 0, stop: 1, count: 23) }),
        CreationCase(name: "linspace(-3, 7.5, 17, endpoint=False)", lazy: {
            try .linspace(start: -3, stop: 7.5, num: 17, endpoint: false, chunks: $0)
        }, eager: { try .linspace(start: -3, stop: 7.5, count: 17, endpoint: false) }),
        CreationCase(name: "eye(7)", lazy: { try .eye(7, chunks: $0) }, eager: { try .eye(7) }),
        CreationCase(name: "eye(6, 9, k=2)", lazy: { try .eye(6, m: 9, k: 2, chunks: $0) }, eager: { try .eye(6, 9, k: 2) }),
        CreationCase(name: "eye(8, 5, k=-3)", lazy: { try .eye(8, m: 5, k: -3, chunks: $0) }, eager: { try .eye(8, 5, k: -3) }),
    ]

    static let specs: [ChunkSpec] = [.uniform(2), .uniform(3), .auto, .uniform(1)]

    static var all: [(CreationCase, Int)] { cases.flatMap { c in specs.indices.map { (c, $0) } } }
}

@Suite("Creation functions")
struct CreationTests {
    @Test("lazy creation equals eager", arguments: CreationFixtures.all)
    func creationEqualsEager(_ row: CreationCase, _ spec: Int) throws {
        let lazy = try row.lazy(CreationFixtures.specs[spec])
        let expected = try row.eager()
        #expect(lazy.shape == expected.shape)
        #expect(lazy.dtype == expected.dtype)
        #expect(try same(try computed(lazy), expected))
    }

    @Test("from_array of a view keeps its values")
    func fromArrayOfView() throws {
        let base = try iota([6, 8])
        let view = base.T
        let lazy = try LazyArray.fromArray(view, chunks: .uniform(3))
        #expect(try same(try computed(lazy), view.copy()))
    }

    @Test("eye uses its first chunk size along both axes, as Dask")
    func eyeChunks() throws {
        let lazy = try LazyArray.eye(10, m: 7, chunks: .uniform(4))
        #expect(lazy.chunks.sizes == [[4, 4, 2], [4, 3]])
    }

    @Test("negative dimensions are an error")
    func negativeShape() {
        #expect(throws: GraphError.self) { try LazyArray.ones([3, -1]) }
    }
}

@Suite("Random")
struct RandomTests {
    @Test("each element is Philox word (seed, flat index): any chunking gives the same numbers")
    func elementsFromTheirIndex() throws {
        let spec = RandomSpec(distribution: "random", seed: 42)
        let result = try computed(LazyArray.random(spec, shape: [6, 5], chunks: .perDimension([.size(4), .size(3)])))
        let expected = (0..<30).map { RandomWords.word(seed: 42, index: $0).unitDouble }
        #expect(try result.contiguous().toArray(of: Double.self) == expected)
        for chunks in [ChunkSpec.uniform(1), .uniform(-1), .perDimension([.explicit([1, 5]), .explicit([2, 3])])] {
            #expect(try same(try computed(LazyArray.random(spec, shape: [6, 5], chunks: chunks)), result))
        }
        let uniform = try computed(LazyArray.random(RandomSpec(distribution: "uniform", parameters: [-2, 3], seed: 9),
                                                    shape: [7], chunks: .uniform(3)))
        #expect(try uniform.toArray(of: Double.self) == (0..<7).map { -2 + 5 * RandomWords.word(seed: 9, index: $0).unitDouble })
    }

    @Test("the same seed and chunking give the same numbers; another seed does not")
    func reproducible() throws {
        func draw(_ seed: UInt64, _ chunks: ChunkSpec) throws -> NDArray {
            try computed(.random(RandomSpec(distribution: "normal", parameters: [10, 2], seed: seed), shape: [50], chunks: chunks))
        }
        #expect(try same(try draw(7, .uniform(10)), try draw(7, .uniform(10))))
        #expect(try !same(try draw(7, .uniform(10)), try draw(8, .uniform(10))))
        let integers = try computed(.random(RandomSpec(distribution: "integers", parameters: [3, 9], seed: 1), shape: [200],
                                            dtype: .int64, chunks: .uniform(30)))
        let values = try integers.toArray(of: Int64.self)
        #expect(values.allSatisfy { $0 >= 3 && $0 < 9 })
        #expect(Set(values).count == 6)
    }
}
