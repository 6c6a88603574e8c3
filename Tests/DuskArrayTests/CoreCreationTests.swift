import Testing
@testable import DuskArray

@Suite("Core: creation functions")
struct CoreCreationTests {
    @Test func filledArrays() throws {
        #expect(try values(NDArray.ones([2, 2])) == [1, 1, 1, 1])
        #expect(try NDArray.zeros([3], dtype: .int32).dtype == .int32)
        #expect(try NDArray.full([3], .int(300), dtype: .int16).dtype == .int16)
        #expect(try NDArray.full([2], .bool(true)).dtype == .bool)
        #expect(try intValues(try NDArray.full([2], .float(2.5), dtype: .int64)) == [2, 2])
        #expect(throws: ArrayError.integerOutOfBounds(300, .int8)) { try NDArray.full([3], .int(300), dtype: .int8) }
        let like = try iota([2, 3]).fullLike(.float(1.9))
        #expect(try like.dtype == .int64 && intValues(like) == [1, 1, 1, 1, 1, 1])
    }

    @Test(arguments: [
        (Scalar.float64(2), Scalar.float64(3), Scalar.float64(0.3), [2.0, 2.3, 2.5999999999999996, 2.8999999999999995]),
        (.float64(0.1), .float64(1), .float64(0.1), [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7000000000000001, 0.8, 0.9]),
        (.int64(-5), .int64(5), .int64(3), [-5, -2, 1, 4]),
        (.int64(5), .int64(-5), .int64(-3), [5, 2, -1, -4]),
        (.int64(5), .int64(1), .int64(1), []),
    ])
    func arangeMatchesNumPy(start: Scalar, stop: Scalar, step: Scalar, expected: [Double]) throws {
        let result = try NDArray.arange(start: start, stop: stop, step: step)
        #expect(result.dtype == (start.dtype == .int64 ? .int64 : .float64))
        #expect(try values(result) == expected)
    }

    @Test func arangeWithDtypeFillsFromTheFirstTwoValues() throws {
        let result = try NDArray.arange(start: .int64(1), stop: .float64(2.5), step: .float64(0.5), dtype: .int32)
        #expect(try intValues(result) == [1, 1, 1])
        #expect(throws: ArrayError.value("division by zero")) { try NDArray.arange(stop: .int64(1), step: .int64(0)) }
    }

    @Test func linspaceMatchesNumPy() throws {
        #expect(try values(try NDArray.linspace(start: 0, stop: 1, count: 5)) == [0, 0.25, 0.5, 0.75, 1])
        #expect(try values(try NDArray.linspace(start: 0, stop: 1, count: 5, endpoint: false)) == [0, 0.2, 0.4, 0.6000000000000001, 0.8])
        #expect(try intValues(try NDArray.linspace(start: 0, stop: 10, count: 4, endpoint: false, dtype: .int64)) == [0, 2, 5, 7])
        #expect(try intValues(try NDArray.linspace(start: -1, stop: 1, count: 7, dtype: .int8)) == [-1, -1, -1, 0, 0, 0, 1])
        #expect(try values(try NDArray.linspace(start: 2, stop: 3, count: 1)) == [2])
        #expect(throws: ArrayError.value("Number of samples, -1, must be non-negative.")) {
            try NDArray.linspace(start: 0, stop: 1, count: -1)
        }
    }

    @Test func eyeAndIdentity() throws {
        #expect(try values(try NDArray.eye(3, 4, k: 1)) == [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
        #expect(try values(try NDArray.eye(3, k: 5)) == [Double](repeating: 0, count: 9))
        #expect(try intValues(try NDArray.identity(2, dtype: .int64)) == [1, 0, 0, 1])
        #expect(try values(try NDArray.eye(3, k: -1)) == [0, 0, 0, 1, 0, 0, 0, 1, 0])
    }

    @Test func asarrayKeepsArraysAndConvertsLists() throws {
        let a = iota([3])
        #expect(try NDArray.asarray(.array(a)).storage === a.storage)
        #expect(try NDArray.asarray(.array(a), dtype: .float32).dtype == .float32)
        let nested = try NDArray.asarray(.list([.array(a), .array(a)]))
        #expect(nested.shape == [2, 3])
    }

    @Test func castsFollowNumPyOnX86() throws {
        let source = doubles([.nan, .infinity, 300.7, -300.7, 1e20, -1])
        #expect(try source.astype(.int8).toArray(of: Int8.self) == [0, 0, 44, -44, 0, -1])
        #expect(try source.astype(.int32).toArray(of: Int32.self) == [.min, .min, 300, -300, .min, -1])
        #expect(try source.astype(.uint8).toArray(of: UInt8.self) == [0, 0, 44, 212, 0, 255])
        #expect(try source.astype(.uint64).toArray(of: UInt64.self) == [1 << 63, 0, 300, 18446744073709551316, 0, .max])
        #expect(try source.astype(.bool).toArray(of: Bool.self) == [true, true, true, true, true, true])
    }
}
