import DuskArray
@testable import DuskGraph
import Testing

/// Constant folding: operations on arrays of one value are computed once, exactly as the
/// compute would.
@Suite("Constant folding")
struct ConstantFoldingTests {
    static func unoptimized(_ array: LazyArray) throws -> NDArray {
        try array.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
    }

    /// Whether the optimized graph is one creation layer (everything folded).
    static func isFolded(_ array: LazyArray) throws -> Bool {
        try Optimized.kinds(Optimized.report(array)) == ["creation"]
    }

    @Test("the tutorial's cube: ones(4000³).T.sum() is one value, made by one task")
    func cube() throws {
        let cube = try LazyArray.ones([4000, 4000, 4000], chunks: .uniform(1000)).T.sum()
        let report = try Optimized.report(cube)
        #expect(Optimized.kinds(report) == ["creation"])
        #expect(report.rewrites.filter { $0.kind == .fold }.map(\.text) == [
            "transpose (4000, 4000, 4000) is full of 1.0: computed once, not per element",
            "sum-aggregate () is full of 64000000000.0: computed once, not per element",
        ])
        #expect(try same(try computed(cube), NDArray(scalar: .float64(64e9))))
    }

    @Test("folded values equal computed ones: reductions of each dtype", arguments: [
        Scalar.float64(1), .float64(0.5), .float64(-3), .float(2.5, .float32), .int(7, .int32), .int(-3, .int8),
        .uint(200, .uint8), .int(1 << 61, .int64), .bool(true), .bool(false),
    ])
    func reductions(value: Scalar) throws {
        let x = try LazyArray.full([30, 20], fillValue: value, chunks: .perDimension([.explicit([7, 13, 10]), .explicit([20])]))
        var arrays = [try x.sum(), try x.sum(axes: [0]), try x.sum(dtype: .int8), try x.reduce(.max, axes: [1]),
                      try x.reduce(.min), try x.reduce(.any), try x.reduce(.all, axes: [0], keepdims: true)]
        if value.dtype != .bool {
            arrays += [try x.reduce(.prod, axes: [1]), try x.reduce(.mean), try x.reduce(.std, axes: [0]), try x.reduce(.nansum)]
        }
        for array in arrays {
            #expect(try same(try computed(array), try Self.unoptimized(array)), "\(value) \(array.name)")
        }
        #expect(try Self.isFolded(arrays[0]))
    }

    @Test("elementwise math, broadcasts and indexes of full arrays fold with NumPy's dtype rules")
    func elementwise() throws {
        let a = try LazyArray.full([6, 8], fillValue: .int(3, .int16), chunks: .uniform(4))
        let b = try LazyArray.full([8], fillValue: .float(0.25, .float32), chunks: .uniform(3))
        let cases: [LazyArray] = [
            try LazyArray.binary(.multiply, .array(a), .array(b)),
            try LazyArray.binary(.add, .array(a), .int(300)).T,
            try LazyArray.unary(.sin, a.astype(.float32)).getitem([.slice(start: 1, stop: nil, step: 2), .int(3)]),
            try LazyArray.binary(.power, .array(a), .int(12)).sum(axes: [1]),
            try a.broadcast(to: [2, 6, 8]).reduce(.max, axes: [0, 2]),
        ]
        for array in cases {
            #expect(try Self.isFolded(array), "\(array.name)")
            #expect(try same(try computed(array), try Self.unoptimized(array)), "\(array.name)")
        }
    }

    @Test("no fold where it would not be exact, or where the compute warns")
    func notFolded() throws {
        // Warnings go to a sink of this test's own, not to the process's (other tests read it).
        try Warnings.$current.withValue(Warnings()) {
            let tenths = try LazyArray.full([1000, 1000], fillValue: .float64(0.1), chunks: .uniform(300))
            let zeros = try LazyArray.zeros([10, 10], chunks: .uniform(5))
            let negativeZeros = try LazyArray.full([10], fillValue: .float64(-0.0), chunks: .uniform(3))
            // 0.1 × 10^6 is not exact: the sum adds, in its own order; 1 / 0 warns when computed.
            for array in [try tenths.sum(), try tenths.reduce(.mean), try LazyArray.binary(.divide, .int(1), .array(zeros)),
                          try negativeZeros.sum(), try LazyArray.full([4], fillValue: .float64(.nan), chunks: .uniform(2)).reduce(.nanmax)] {
                #expect(!(try Self.isFolded(array)), "\(array.name)")
            }
            // Elementwise math on the tenths folds; their sum does not.
            let report = try Optimized.report(try LazyArray.binary(.multiply, .array(tenths), .int(3)).sum())
            #expect(report.rewrites.filter { $0.kind == .fold }.count == 1)
            #expect(Optimized.kinds(report) == ["fused", "reduction (combine)", "reduction (aggregate)"])
        }
    }
}
