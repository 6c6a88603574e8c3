import Testing
@testable import DuskArray

@Suite("Elementwise: broadcasting, layouts, warnings, errors")
struct ElementwiseBehaviourTests {
    @Test func broadcastsRowsAndColumns() throws {
        let column = ints([0, 10, 20], [3, 1])
        let row = ints([1, 2], [2])
        let sum = try NDArray.binary(.add, column, row)
        #expect(sum.shape == [3, 2])
        #expect(try intValues(sum) == [1, 2, 11, 12, 21, 22])
    }

    @Test func broadcastMismatchIsNumPysMessage() {
        #expect(throws: ArrayError.broadcast([[3], [4]])) { try NDArray.binary(.add, iota([3]), iota([4])) }
        let message = ArrayError.broadcast([[3], [4]]).message
        #expect(message == "operands could not be broadcast together with shapes (3,) (4,) ")
    }

    @Test func stridedAndReversedViewsGiveTheSameResultsAsCopies() throws {
        let a = try iota([4, 5]).converted(to: .float64)
        let views: [NDArray] = [
            a.T,
            try a[[.slice(start: nil, stop: nil, step: -1), .slice(start: 1, stop: nil, step: 2)]],
            try a[[.int(2)]],
            try a[[.all, .int(-1)]],
        ]
        for view in views {
            let copy = try view.copy()
            for op in [UnaryOp.sin, .negative, .square, .sqrt] {
                #expect(try sameDoubles(values(try view.unary(op)), values(try copy.unary(op))))
            }
            let other = try NDArray.binary(.add, .array(copy), .float(1))
            #expect(try sameDoubles(values(try NDArray.binary(.multiply, view, other)), values(try NDArray.binary(.multiply, copy, other))))
        }
    }

    @Test func mixedDtypesCastPerTile() throws {
        let count = 5000
        let a = try NDArray((0..<count).map { Int32($0) })
        let b = try NDArray((0..<count).map { Float($0) / 2 })
        let sum = try NDArray.binary(.add, a, b)
        #expect(sum.dtype == .float64)
        let expected = (0..<count).map { Double($0) + Double($0) / 2 }
        #expect(try values(sum) == expected)
        let transposed = try NDArray.binary(.add, try a.reshaped([50, 100]).T, try b.reshaped([100, 50]))
        #expect(transposed.shape == [100, 50])
    }

    // Each warning test binds its own sink: other suites run concurrently and warn too.
    @Test func integerDivisionByZeroGivesZeroAndOneWarning() throws {
        let sink = Warnings()
        try Warnings.$current.withValue(sink) {
            let result = try NDArray.binary(.floor_divide, ints([1, 0, -3]), ints([0, 0, 0]))
            #expect(try intValues(result) == [0, 0, 0])
            _ = try NDArray.binary(.floor_divide, ints([1]), ints([0]))
        }
        #expect(sink.drain() == ["RuntimeWarning: divide by zero encountered in floor_divide"])
    }

    @Test func floatWarningsComeFromTheProcessorFlags() throws {
        let sink = Warnings()
        try Warnings.$current.withValue(sink) {
            _ = try NDArray.binary(.divide, doubles([1, 0]), doubles([0, 0]))
            #expect(sink.drain() == [
                "RuntimeWarning: divide by zero encountered in divide",
                "RuntimeWarning: invalid value encountered in divide",
            ])
            _ = try doubles([-1]).unary(.log)
            #expect(sink.drain() == ["RuntimeWarning: invalid value encountered in log"])
            _ = try NDArray.binary(.less, doubles([.nan]), doubles([1]))
            #expect(sink.drain().isEmpty)
        }
    }

    @Test func integerPowerWithNegativeExponentIsAnError() {
        #expect(throws: ArrayError.negativeIntegerPower) {
            try NDArray.binary(.power, ints([2, 3]), ints([1, -1]))
        }
        #expect(throws: ArrayError.negativeIntegerPower) {
            try NDArray.binary(.power, .array(ints([2])), .int(-1))
        }
    }

    @Test func zeroDimensionalAndEmptyOperands() throws {
        let scalar = try NDArray(scalar: .float64(2))
        let product = try NDArray.binary(.multiply, scalar, scalar)
        #expect(try product.shape == [] && values(product) == [4])
        let empty = try NDArray.binary(.add, NDArray.zeros([0, 3]), doubles([1, 2, 3]))
        #expect(empty.shape == [0, 3])
        #expect(try NDArray.zeros([0]).unary(.sin).shape == [0])
    }

    @Test func tileKernelsAreCallableOnRawBuffers() {
        let input: [Double] = [0, 1, 4, 9]
        var output = [Double](repeating: 0, count: 4)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBytes { destination in
                _ = UnaryOp.sqrt.apply(input: UnsafeRawPointer(source.baseAddress!), output: destination.baseAddress!,
                                       count: 4, loopDType: .float64)
            }
        }
        #expect(output == [0, 1, 2, 3])
        var sums = [Int32](repeating: 0, count: 3)
        let lhs: [Int32] = [1, 2, 3], rhs: [Int32] = [10]
        lhs.withUnsafeBufferPointer { a in
            rhs.withUnsafeBufferPointer { b in
                sums.withUnsafeMutableBytes { out in
                    _ = BinaryOp.add.apply(a.baseAddress!, 1, b.baseAddress!, 0, into: out.baseAddress!, count: 3)
                }
            }
        }
        #expect(sums == [11, 12, 13])
    }

    @Test(arguments: BinaryOp.allCases)
    func binaryOpsAreAddressableByNumPyName(op: BinaryOp) {
        #expect(BinaryOp(numpyName: op.numpyName) == op)
    }

    @Test(arguments: UnaryOp.allCases)
    func unaryOpsAreAddressableByNumPyName(op: UnaryOp) {
        #expect(UnaryOp(numpyName: op.numpyName) == op)
    }

    @Test func whereAndClip() throws {
        let condition = try NDArray([true, false, true])
        let chosen = try NDArray.where(condition, .array(try NDArray([Int8(1), 2, 3])), .int(5))
        #expect(try chosen.dtype == .int8 && intValues(chosen) == [1, 5, 3])
        let mixed = try NDArray.where(condition, .int(1), .float(2.5))
        #expect(try mixed.dtype == .float64 && values(mixed) == [1, 2.5, 1])
        let clipped = try ints([1, 5, 9]).clipped(min: .int(3), max: .float(7.5))
        #expect(try clipped.dtype == .float64 && values(clipped) == [3, 5, 7.5])
        let small = try NDArray([Int8(1), 50, 100]).clipped(min: .int(-200), max: .int(60))
        #expect(try small.dtype == .int8 && intValues(small) == [1, 50, 60])
        #expect(try sameDoubles(values(try doubles([1.5, .nan]).clipped(min: .int(2), max: nil)), [2, .nan]))
    }
}
