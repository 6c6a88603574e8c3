import DuskArray
import Testing

/// Tile programs run by the VM equal the NDArray kernels they stand for.
@Suite("Tile VM")
struct TileVMTests {
    /// `x` (3-d, float64) and `y` (its shape transposed, int32) with distinct values.
    static func inputs(_ shape: [Int]) -> (NDArray, NDArray) {
        let count = shape.reduce(1, *)
        let x = try! NDArray((0..<count).map { Double(($0 * 37) % 101) / 7 - 6 }, shape: shape)
        let y = try! NDArray((0..<count).map { Int32(($0 * 13) % 17) - 8 }, shape: shape.reversed())
        return (x, y)
    }

    /// `sin(x) * y.T + 2` over the iteration space of `x`'s shape.
    static func program(rank: Int) -> TileProgram {
        TileProgram(rank: rank, leaves: [
            TileLeaf(dtype: .float64, axes: (0..<rank).map { .axis($0) }),
            TileLeaf(dtype: .int32, axes: (0..<rank).reversed().map { .axis($0) }),
        ], steps: [
            .load(leaf: 0), .unary(.sin, 0), .load(leaf: 1), .cast(2, to: .float64), .binary(.multiply, 1, 3),
            .constant(.float64(2)), .binary(.add, 4, 5),
        ], result: .store(6))
    }

    static func expected(_ x: NDArray, _ y: NDArray) throws -> NDArray {
        let product = try NDArray.binary(.multiply, .array(try x.unary(.sin)), .array(y.T))
        return try NDArray.binary(.add, .array(product), .float(2))
    }

    @Test("elementwise chains with a transposed, cast input", arguments: [[5000], [3, 4, 5], [70, 90], [1, 9000], [0, 4]])
    func elementwise(shape: [Int]) throws {
        let (x, y) = Self.inputs(shape)
        let kernel = try TileKernel(Self.program(rank: shape.count))
        let output = try kernel.run(leaves: [x, y], shape: shape, origin: shape.map { _ in 0 })
        guard case .array(let result) = output else { Issue.record("not an array"); return }
        #expect(result.shape == shape)
        let expected = try Self.expected(x, y)
        #expect(try result.contiguous().toArray(of: Double.self) == expected.contiguous().toArray(of: Double.self))
    }

    @Test("reductions over any axes equal NDArray's", arguments: [
        (Reduction.sum, [0, 1]), (.sum, [1]), (.sum, [0]), (.prod, [1]), (.min, [0, 1]), (.max, [0]),
        (.nanmax, [1]), (.any, [0, 1]), (.all, [1]), (.nansum, [0]), (.mean, [0, 1]), (.variance, [0]),
        (.std, [1]), (.nanvar, [0, 1]),
    ])
    func reductions(kind: Reduction, axes: [Int]) throws {
        let (x, y) = Self.inputs([300, 70])
        var program = Self.program(rank: 2)
        program.result = .reduce(TileReduction(kind: kind, value: 6, axes: axes))
        let output = try TileKernel(program).run(leaves: [x, y], shape: [300, 70], origin: [0, 0])
        let values = try Self.expected(x, y)
        switch output {
        case .array(let partial):
            let direct = try kind.apply(to: values, axes: axes, keepdims: true)
            #expect(partial.shape == direct.shape && partial.dtype == direct.dtype)
            let (a, b) = (try partial.converted(to: .float64).toArray(of: Double.self), try direct.converted(to: .float64).toArray(of: Double.self))
            for (p, q) in zip(a, b) { #expect(abs(p - q) <= 1e-12 * max(abs(q), 1)) }
        case .moments(let moments):
            let direct = try values.moments(axes: axes, keepdims: true, skipNaN: kind.skipsNaN)
            let (p, q) = (try moments.finalize(ddof: 1), try direct.finalize(ddof: 1))
            for (u, v) in zip(try p.variance.toArray(of: Double.self), try q.variance.toArray(of: Double.self)) {
                #expect(abs(u - v) <= 1e-10 * max(abs(v), 1))
            }
            for (u, v) in zip(try p.mean.toArray(of: Double.self), try q.mean.toArray(of: Double.self)) {
                #expect(abs(u - v) <= 1e-12 * max(abs(v), 1))
            }
        }
    }

    @Test("a reduction of one repeated value is exact for ones and costs no work per element")
    func repeatedValue() throws {
        let program = TileProgram(rank: 3, leaves: [], steps: [.constant(.float64(1))],
                                  result: .reduce(TileReduction(kind: .sum, value: 0, axes: [0, 1, 2])))
        let output = try TileKernel(program).run(leaves: [], shape: [2000, 2000, 2000], origin: [0, 0, 0])
        guard case .array(let sum) = output else { Issue.record("not an array"); return }
        #expect(sum.shape == [1, 1, 1])
        #expect(try sum.toArray(of: Double.self) == [8e9])
    }

    @Test("generators equal NumPy's arange, linspace and eye from any origin")
    func generators() throws {
        func generated(_ kind: TileGenerator.Kind, _ dtype: DType, shape: [Int], origin: [Int]) throws -> NDArray {
            let coordinates = (0..<shape.count).map { axis in
                TileAffine(offset: 0, coefficients: (0..<shape.count).map { $0 == axis ? 1 : 0 })
            }
            let program = TileProgram(rank: shape.count, leaves: [],
                                      steps: [.generate(TileGenerator(kind: kind, dtype: dtype, coordinates: coordinates))],
                                      result: .store(0))
            guard case .array(let a) = try TileKernel(program).run(leaves: [], shape: shape, origin: origin) else {
                throw ArrayError.value("not an array")
            }
            return a
        }
        let arange = try generated(.arange(start: 0.5, step: 0.1), .float64, shape: [7], origin: [3])
        let delta: Double = (0.5 + 0.1) - 0.5
        let expectedArange: [Double] = (3..<10).map { (i: Int) -> Double in 0.5 + Double(i) * delta }
        #expect(try arange.toArray(of: Double.self) == expectedArange)
        let linspace = try generated(.linspace(start: 0, stop: 1, num: 11, endpoint: true), .float32, shape: [4], origin: [7])
        let expectedLinspace: [Float] = [7, 8, 9].map { (i: Double) -> Float in Float(i * 0.1) } + [1]
        #expect(try linspace.toArray(of: Float.self) == expectedLinspace)
        let eye = try generated(.eye(k: 1), .int64, shape: [3, 4], origin: [2, 0])
        #expect(try eye.toArray(of: Int64.self) == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test("warnings are NumPy's, once, under the ufunc's name")
    func warnings() throws {
        let program = TileProgram(rank: 1, leaves: [TileLeaf(dtype: .float64, axes: [.axis(0)])],
                                  steps: [.constant(.float64(1)), .load(leaf: 0), .binary(.divide, 0, 1)], result: .store(2))
        let zeros = try NDArray(zeros: .float64, shape: [10000])
        let sink = Warnings()
        _ = try Warnings.$current.withValue(sink) { try TileKernel(program).run(leaves: [zeros], shape: [10000], origin: [0]) }
        #expect(sink.drain() == ["RuntimeWarning: divide by zero encountered in divide"])
    }

    @Test("an integer power with a negative exponent fails as NumPy's")
    func negativePower() throws {
        let program = TileProgram(rank: 1, leaves: [], steps: [.constant(.int64(2)), .constant(.int64(-1)),
                                                              .binary(.power, 0, 1)], result: .store(2))
        #expect(throws: ArrayError.negativeIntegerPower) { try TileKernel(program).run(leaves: [], shape: [3], origin: [0]) }
    }

    @Test("programs are checked before they run")
    func checked() {
        let bad: [TileProgram] = [
            TileProgram(rank: 1, leaves: [], steps: [.unary(.sin, 0)], result: .store(0)),
            TileProgram(rank: 1, leaves: [], steps: [.constant(.int64(1)), .unary(.sin, 0)], result: .store(1)),
            TileProgram(rank: 1, leaves: [], steps: [.constant(.int64(1)), .constant(.float64(1)), .binary(.add, 0, 1)],
                        result: .store(2)),
            TileProgram(rank: 1, leaves: [TileLeaf(dtype: .float64, axes: [.axis(3)])], steps: [.load(leaf: 0)], result: .store(0)),
            TileProgram(rank: 1, leaves: [], steps: [.load(leaf: 0)], result: .store(0)),
            TileProgram(rank: 1, leaves: [], steps: [.constant(.int64(1))],
                        result: .reduce(TileReduction(kind: .argmax, value: 0, axes: [0]))),
        ]
        for program in bad { #expect(throws: ArrayError.self) { try TileKernel(program) } }
    }

    @Test("programs round-trip through bytes; malformed bytes are refused")
    func encoding() throws {
        var reduced = Self.program(rank: 2)
        reduced.result = .reduce(TileReduction(kind: .nanvar, value: 6, axes: [1], resultDType: .float32))
        let generator = TileProgram(rank: 2, leaves: [], steps: [
            .generate(TileGenerator(kind: .integers(low: -3, high: 9, seed: 77), dtype: .int16,
                                    coordinates: [TileAffine(offset: 5, coefficients: [0, 2]), TileAffine(offset: 0, coefficients: [1, 0])],
                                    shape: [100, 40])),
            .generate(TileGenerator(kind: .linspace(start: -1, stop: 2.5, num: 9, endpoint: false), dtype: .float64,
                                    coordinates: [TileAffine(offset: 1, coefficients: [1, 0])])),
            .cast(0, to: .bool), .select(2, 1, 1), .constant(.bool(true)), .constant(.uint(7, .uint8)),
        ], result: .store(3))
        for program in [Self.program(rank: 3), reduced, generator] {
            let bytes = program.encoded()
            #expect(try TileProgram(encoded: bytes) == program)
            for cut in [0, 3, 4, bytes.count / 2, bytes.count - 1] {
                #expect(throws: ArrayError.self) { try TileProgram(encoded: Array(bytes[..<cut])) }
            }
            var wrongVersion = bytes
            wrongVersion[3] = 99
            #expect(throws: ArrayError.self) { try TileProgram(encoded: wrongVersion) }
        }
    }
}
