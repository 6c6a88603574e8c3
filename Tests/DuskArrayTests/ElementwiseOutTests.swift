import Testing
@testable import DuskArray

@Suite("Elementwise: out= (in-place) semantics")
struct ElementwiseOutTests {
    @Test func inPlaceAddCastsWithinTheSameKind() throws {
        let a = iota([3])
        #expect(throws: ArrayError.type("Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'")) {
            try NDArray.binary(.add, .array(a), .float(1.5), out: a)
        }
        let small = try NDArray.zeros([2], dtype: .float32)
        try NDArray.binary(.add, .array(small), .array(doubles([1.5, 2.5])), out: small)
        #expect(try small.toArray(of: Float.self) == [1.5, 2.5])
    }

    @Test func overlappingInputsAreReadBeforeWriting() throws {
        let b = doubles([0, 1, 2, 3])
        let tail = try b[[.slice(start: 1, stop: nil, step: nil)]]
        try NDArray.binary(.add, .array(tail), .array(try b[[.slice(start: nil, stop: -1, step: nil)]]), out: tail)
        #expect(try values(b) == [0, 1, 3, 5])
        let c = doubles([0, 1, 2, 3], [2, 2])
        try NDArray.binary(.add, .array(c), .array(c.T), out: c)
        #expect(try values(c) == [0, 3, 3, 6])
    }

    @Test func stridedOutputsAreWrittenThroughTheView() throws {
        let a = iota([3, 3])
        let column = try a[[.all, .int(0)]]
        try NDArray.binary(.multiply, .array(column), .int(10), out: column)
        #expect(try intValues(a) == [0, 1, 2, 30, 4, 5, 60, 7, 8])
        let x = doubles([0, 1])
        try x.unary(.cos, out: x)
        #expect(try values(x) == [1, values(try doubles([1]).unary(.cos))[0]])
    }

    @Test func outputShapeMustHoldTheBroadcast() throws {
        let out = try NDArray.zeros([3])
        #expect(throws: ArrayError.value("non-broadcastable output operand with shape (3,) doesn't match the broadcast shape (2, 3)")) {
            try NDArray.binary(.add, .array(NDArray.zeros([2, 3])), .int(1), out: out)
        }
    }

    @Test func sameKindRule() {
        #expect(DType.uint8.canCastSameKind(to: .int8))
        #expect(!DType.int8.canCastSameKind(to: .uint8))
        #expect(DType.float64.canCastSameKind(to: .float32))
        #expect(!DType.float32.canCastSameKind(to: .int64))
        #expect(DType.bool.canCastSameKind(to: .float32))
    }

    @Test func temporariesMayBeReusedButNamedArraysNeverChange() throws {
        let count = 100_000
        let a = try NDArray((0..<count).map { Double($0) })
        let b = try NDArray.ones([count])
        let named = try NDArray.binary(.multiply, a, b)
        let sum = try NDArray.binary(.add, named, a)
        #expect(try values(named) == values(a))
        #expect(try values(sum) == values(a).map { $0 * 2 })
        let fused = try NDArray.binary(.add, NDArray.binary(.multiply, a, b), a)
        #expect(try values(fused) == values(sum))
    }
}
