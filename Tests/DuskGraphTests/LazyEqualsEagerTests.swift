import DuskArray
@testable import DuskGraph
import Testing

/// A program evaluated twice: lazily on a chunked array, eagerly on the same NDArray.
struct Program: Sendable, CustomStringConvertible {
    var name: String
    var lazy: @Sendable (LazyArray) throws -> LazyArray
    var eager: @Sendable (NDArray) throws -> NDArray
    /// Relative tolerance: reductions add in a different order than NumPy's pairwise sum.
    var tolerance: Double = 0

    var description: String { name }
}

/// A way to cut the 7×9 test array.
struct Chunking: Sendable, CustomStringConvertible {
    var name: String
    var spec: ChunkSpec
    var description: String { name }
}

enum LazyFixtures {
    static let shape = [7, 9]

    /// Distinct values of both signs, so arg-reductions have one answer.
    static let data: NDArray = {
        let values: [Double] = (0..<63).map { (i: Int) -> Double in
            let scrambled = Double((i * 37) % 64)
            return scrambled - 20.5 + Double(i) / 128
        }
        return try! NDArray(values, shape: shape)
    }()

    static let chunkings: [Chunking] = [
        Chunking(name: "regular", spec: .uniform(3)),
        Chunking(name: "irregular", spec: .perDimension([.explicit([2, 5]), .explicit([4, 1, 4])])),
        Chunking(name: "one chunk", spec: .uniform(-1)),
        Chunking(name: "one element per chunk", spec: .uniform(1)),
    ]

    static func operand(_ array: NDArray) throws -> Operand { .array(array) }

    static let row = try! NDArray((0..<9).map { Double($0) * 0.5 - 1 }, shape: [9])
    static let mask = try! NDArray([true, false, true, true, false, false, true, false, true], shape: [9])

    static let programs: [Program] = [
        Program(name: "identity", lazy: { $0 }, eager: { $0 }),
        Program(name: "x + 1", lazy: { try .binary(.add, .array($0), .int(1)) },
                eager: { try .binary(.add, .array($0), .int(1)) }),
        Program(name: "x * x - x", lazy: { x in
            try .binary(.subtract, .array(.binary(.multiply, .array(x), .array(x))), .array(x))
        }, eager: { x in try .binary(.subtract, .array(.binary(.multiply, x, x)), .array(x)) }),
        Program(name: "sin(x) / 2", lazy: { try .binary(.divide, .array(.unary(.sin, $0)), .float(2)) },
                eager: { try .binary(.divide, .array($0.unary(.sin)), .float(2)) }),
        Program(name: "x + row (broadcast, other chunks)", lazy: { x in
            try .binary(.add, .array(x), .array(.fromArray(row, chunks: .uniform(4))))
        }, eager: { try .binary(.add, $0, row) }),
        Program(name: "x[:, None] * row[None]... (3-d broadcast)", lazy: { x in
            try .binary(.multiply, .array(x.getitem([.all, .newAxis, .all])), .ndarray(row))
        }, eager: { x in try .binary(.multiply, .array(x.indexed([.all, .newAxis, .all])), .array(row)) }),
        Program(name: "x > 3 (bool)", lazy: { try .binary(.greater, .array($0), .int(3)) },
                eager: { try .binary(.greater, .array($0), .int(3)) }),
        Program(name: "astype(int32)", lazy: { $0.astype(.int32) }, eager: { try $0.astype(.int32) }),
        Program(name: "where(x > 0, x, -1)", lazy: { x in
            try .where(.array(.binary(.greater, .array(x), .int(0))), .array(x), .int(-1))
        }, eager: { x in try .where(.binary(.greater, .array(x), .int(0)), .array(x), .int(-1)) }),
        Program(name: "clip(-5, 10)", lazy: { try $0.clip(min: .int(-5), max: .float(10)) },
                eager: { try $0.clipped(min: .int(-5), max: .float(10)) }),
        Program(name: "astype(int8).clip(-3, 300) (bound beyond int8 dropped)", lazy: {
            try $0.astype(.int8).clip(min: .int(-3), max: .int(300))
        }, eager: { try $0.astype(.int8).clipped(min: .int(-3), max: .int(300)) }),
        Program(name: "x[1:6:2, ::-1]", lazy: {
            try $0.getitem([.slice(start: 1, stop: 6, step: 2), .slice(start: nil, stop: nil, step: -1)])
        }, eager: { try $0.indexed([.slice(start: 1, stop: 6, step: 2), .slice(start: nil, stop: nil, step: -1)]) }),
        Program(name: "x[3]", lazy: { try $0.getitem([.int(3)]) }, eager: { try $0.indexed([.int(3)]) }),
        Program(name: "x[-1, -2]", lazy: { try $0.getitem([.int(-1), .int(-2)]) },
                eager: { try $0.indexed([.int(-1), .int(-2)]) }),
        Program(name: "x[..., 4]", lazy: { try $0.getitem([.ellipsis, .int(4)]) },
                eager: { try $0.indexed([.ellipsis, .int(4)]) }),
        Program(name: "x[None, 2:5, 7:2:-2]", lazy: {
            try $0.getitem([.newAxis, .slice(start: 2, stop: 5, step: nil), .slice(start: 7, stop: 2, step: -2)])
        }, eager: { try $0.indexed([.newAxis, .slice(start: 2, stop: 5, step: nil), .slice(start: 7, stop: 2, step: -2)]) }),
        Program(name: "x[5:2] (empty)", lazy: { try $0.getitem([.slice(start: 5, stop: 2, step: nil)]) },
                eager: { try $0.indexed([.slice(start: 5, stop: 2, step: nil)]) }),
        Program(name: "x[[0, 6, 3, 3]]", lazy: {
            try $0.getitem([.array(try NDArray([Int64(0), 6, 3, 3], shape: [4]))])
        }, eager: { try $0.indexed([.array(try NDArray([Int64(0), 6, 3, 3], shape: [4]))]) }),
        Program(name: "x[:, [8, 0, 4, 4, 7, 1, -1]] (gathers across blocks)", lazy: {
            try $0.getitem([.all, .array(try NDArray([Int64(8), 0, 4, 4, 7, 1, -1], shape: [7]))])
        }, eager: { try $0.indexed([.all, .array(try NDArray([Int64(8), 0, 4, 4, 7, 1, -1], shape: [7]))]) }),
        Program(name: "x[:, mask]", lazy: { try $0.getitem([.all, .array(mask)]) },
                eager: { try $0.indexed([.all, .array(mask)]) }),
        Program(name: "x.T", lazy: { $0.T }, eager: { $0.T }),
        Program(name: "reshape(63)", lazy: { try $0.reshaped([63]) }, eager: { try $0.reshaped([63]) }),
        Program(name: "reshape(7, 3, 3)", lazy: { try $0.reshaped([7, 3, 3]) }, eager: { try $0.reshaped([7, 3, 3]) }),
        Program(name: "reshape(63).reshape(9, 7)", lazy: { try $0.reshaped([63]).reshaped([9, 7]) },
                eager: { try $0.reshaped([9, 7]) }),
        Program(name: "rechunk(2, 5)", lazy: { try $0.rechunk(.perDimension([.size(2), .size(5)])) }, eager: { $0 }),
        Program(name: "rechunk(((3, 4), (1, 8)))", lazy: {
            try $0.rechunk(.perDimension([.explicit([3, 4]), .explicit([1, 8])]))
        }, eager: { $0 }),
        Program(name: "concatenate([x, x.T[:7, :7]], axis=1)", lazy: { x in
            try .concatenate([x, x.T.getitem([.slice(start: nil, stop: 7, step: nil), .slice(start: nil, stop: 7, step: nil)])], axis: 1)
        }, eager: { x in try .concatenate([x, x.T.indexed([.slice(start: nil, stop: 7, step: nil), .slice(start: nil, stop: 7, step: nil)])], axis: 1) }),
        Program(name: "stack([x, 2x], axis=1)", lazy: { x in
            try .stack([x, .binary(.multiply, .array(x), .int(2))], axis: 1)
        }, eager: { x in try .stack([x, .binary(.multiply, .array(x), .int(2))], axis: 1) }),
        Program(name: "sum()", lazy: { try $0.sum() }, eager: { try $0.sum() }, tolerance: 1e-12),
        Program(name: "sum(axis=0)", lazy: { try $0.sum(axes: [0]) }, eager: { try $0.sum(axes: [0]) }, tolerance: 1e-12),
        Program(name: "sum(axis=1, keepdims)", lazy: { try $0.sum(axes: [1], keepdims: true) },
                eager: { try $0.sum(axes: [1], keepdims: true) }, tolerance: 1e-12),
        Program(name: "sum(split_every=2)", lazy: { try $0.sum(splitEvery: .total(2)) }, eager: { try $0.sum() },
                tolerance: 1e-12),
        Program(name: "astype(int64).sum(axis=1)", lazy: { try $0.astype(.int64).sum(axes: [1]) },
                eager: { try $0.astype(.int64).sum(axes: [1]) }),
        Program(name: "prod(axis=0)", lazy: { try $0.prod(axes: [0]) }, eager: { try $0.prod(axes: [0]) },
                tolerance: 1e-12),
        Program(name: "min()", lazy: { try $0.reduce(.min) }, eager: { try $0.amin() }),
        Program(name: "max(axis=1)", lazy: { try $0.reduce(.max, axes: [1]) }, eager: { try $0.amax(axes: [1]) }),
        Program(name: "(x > 5).any(axis=0)", lazy: { try LazyArray.binary(.greater, .array($0), .int(5)).reduce(.any, axes: [0]) },
                eager: { try NDArray.binary(.greater, .array($0), .int(5)).any(axes: [0]) }),
        Program(name: "(x > -30).all()", lazy: { try LazyArray.binary(.greater, .array($0), .int(-30)).reduce(.all) },
                eager: { try NDArray.binary(.greater, .array($0), .int(-30)).all() }),
        Program(name: "mean()", lazy: { try $0.mean() }, eager: { try $0.mean() }, tolerance: 1e-12),
        Program(name: "mean(axis=0, keepdims)", lazy: { try $0.mean(axes: [0], keepdims: true) },
                eager: { try $0.mean(axes: [0], keepdims: true) }, tolerance: 1e-12),
        Program(name: "var(axis=1, ddof=1)", lazy: { try $0.variance(axes: [1], ddof: 1) },
                eager: { try $0.variance(axes: [1], ddof: 1) }, tolerance: 1e-10),
        Program(name: "std()", lazy: { try $0.std() }, eager: { try $0.std() }, tolerance: 1e-10),
        Program(name: "argmin(axis=0)", lazy: { try $0.argReduce(.argmin, axis: 0) }, eager: { try $0.argmin(axis: 0) }),
        Program(name: "argmax()", lazy: { try $0.argReduce(.argmax, axis: nil) }, eager: { try $0.argmax() }),
        Program(name: "argmax(axis=-1)", lazy: { try $0.argReduce(.argmax, axis: -1) }, eager: { try $0.argmax(axis: -1) }),
        Program(name: "(x.T[2:] + 1).sum(axis=0)[::2]", lazy: { x in
            try LazyArray.binary(.add, .array(x.T.getitem([.slice(start: 2, stop: nil, step: nil)])), .int(1))
                .sum(axes: [0]).getitem([.slice(start: nil, stop: nil, step: 2)])
        }, eager: { x in
            try NDArray.binary(.add, .array(x.T.indexed([.slice(start: 2, stop: nil, step: nil)])), .int(1))
                .sum(axes: [0]).indexed([.slice(start: nil, stop: nil, step: 2)])
        }, tolerance: 1e-12),
    ]

    static var cases: [(Program, Chunking)] {
        programs.flatMap { program in chunkings.map { (program, $0) } }
    }
}

@Suite("Lazy equals eager")
struct LazyEqualsEagerTests {
    @Test("compute() equals the NDArray result", arguments: LazyFixtures.cases)
    func lazyEqualsEager(_ program: Program, _ chunking: Chunking) throws {
        let x = try LazyArray.fromArray(LazyFixtures.data, chunks: chunking.spec)
        let lazy = try program.lazy(x)
        let expected = try program.eager(LazyFixtures.data)
        #expect(lazy.shape == expected.shape)
        #expect(lazy.dtype == expected.dtype)
        let result = try computed(lazy)
        #expect(try same(result, expected, tolerance: program.tolerance), "\((try? doubles(result)) ?? []) != \((try? doubles(expected)) ?? [])")
    }
}

@Suite("Linear algebra")
struct LinearAlgebraTests {
    static let a = try! iota([7, 9])
    static let b = try! NDArray.binary(.subtract, .array(iota([9, 5])), .float(20))

    static let chunkings: [(ChunkSpec, ChunkSpec)] = [
        (.uniform(3), .uniform(3)), (.uniform(4), .uniform(2)), (.uniform(-1), .uniform(2)), (.uniform(1), .uniform(1)),
        (.perDimension([.explicit([2, 5]), .explicit([4, 1, 4])]), .perDimension([.explicit([6, 3]), .size(5)])),
    ]

    @Test("matmul, dot and tensordot equal NDArray's", arguments: 0..<5)
    func products(_ chunking: Int) throws {
        let (specA, specB) = Self.chunkings[chunking]
        let x = try LazyArray.fromArray(Self.a, chunks: specA)
        let y = try LazyArray.fromArray(Self.b, chunks: specB)
        let expected = try NDArray.matmul(Self.a, Self.b)
        #expect(try same(try computed(.matmul(x, y)), expected, tolerance: 1e-12))
        #expect(try same(try computed(.dot(x, y)), expected, tolerance: 1e-12))
        #expect(try same(try computed(.tensordot(x, y, axes: ([1], [0]))), expected, tolerance: 1e-12))
        let vector = try LazyArray.fromArray(iota([9]), chunks: .uniform(4))
        #expect(try same(try computed(.matmul(x, vector)), try NDArray.matmul(Self.a, iota([9])), tolerance: 1e-12))
        #expect(try same(try computed(.matmul(vector, y)), try NDArray.matmul(iota([9]), Self.b), tolerance: 1e-12))
    }

    @Test("batched matmul broadcasts batch dimensions")
    func batched() throws {
        let stack = try iota([3, 4, 5])
        let matrix = try iota([5, 2])
        let x = try LazyArray.fromArray(stack, chunks: .perDimension([.size(2), .size(3), .size(2)]))
        let y = try LazyArray.fromArray(matrix, chunks: .uniform(3))
        #expect(try same(try computed(.matmul(x, y)), try NDArray.matmul(stack, matrix), tolerance: 1e-12))
    }

    @Test("integer matmul keeps the integer dtype")
    func integers() throws {
        let a = try iota([4, 6], dtype: .int32), b = try iota([6, 3], dtype: .int32)
        let lazy = try LazyArray.matmul(.fromArray(a, chunks: .uniform(2)), .fromArray(b, chunks: .uniform(4)))
        let expected = try NDArray.matmul(a, b)
        #expect(lazy.dtype == expected.dtype)
        #expect(try same(try computed(lazy), expected))
    }

    @Test("tensordot over two axes")
    func twoAxes() throws {
        let a = try iota([3, 4, 5]), b = try iota([4, 5, 2])
        let x = try LazyArray.fromArray(a, chunks: .uniform(2))
        let y = try LazyArray.fromArray(b, chunks: .uniform(3))
        let lazy = try LazyArray.tensordot(x, y, axes: ([1, 2], [0, 1]))
        #expect(try same(try computed(lazy), try NDArray.tensordot(a, b, axes: .pairs([1, 2], [0, 1])), tolerance: 1e-12))
    }
}
