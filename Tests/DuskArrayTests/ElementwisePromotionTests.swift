import Testing
@testable import DuskArray

@Suite("Elementwise: dtype promotion (NumPy 2, NEP 50)")
struct ElementwisePromotionTests {
    static let order: [DType] = [.bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64]

    /// `numpy.promote_types(row, column)` for every pair, from NumPy 2.4.
    static let table: [String: [String]] = [
        "bool": ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64"],
        "int8": ["int8", "int8", "int16", "int32", "int64", "int16", "int32", "int64", "float64", "float32", "float64"],
        "int16": ["int16", "int16", "int16", "int32", "int64", "int16", "int32", "int64", "float64", "float32", "float64"],
        "int32": ["int32", "int32", "int32", "int32", "int64", "int32", "int32", "int64", "float64", "float64", "float64"],
        "int64": ["int64", "int64", "int64", "int64", "int64", "int64", "int64", "int64", "float64", "float64", "float64"],
        "uint8": ["uint8", "int16", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64"],
        "uint16": ["uint16", "int32", "int32", "int32", "int64", "uint16", "uint16", "uint32", "uint64", "float32", "float64"],
        "uint32": ["uint32", "int64", "int64", "int64", "int64", "uint32", "uint32", "uint32", "uint64", "float64", "float64"],
        "uint64": ["uint64", "float64", "float64", "float64", "float64", "uint64", "uint64", "uint64", "uint64", "float64", "float64"],
        "float32": ["float32", "float32", "float32", "float64", "float64", "float32", "float32", "float64", "float64", "float32", "float64"],
        "float64": ["float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64"],
    ]

    @Test(arguments: order)
    func promotionMatchesNumPy(row: DType) throws {
        let expected = try #require(Self.table[row.name])
        for (column, name) in zip(Self.order, expected) {
            #expect(DType.promote(row, column).name == name, "\(row) + \(column)")
        }
    }

    /// `numpy.array([1], dtype) + scalar` for the scalars 1, 300, -1, 1.5, True, 2**40 (NumPy 2.4).
    static let weakScalarResults: [(String, [String])] = [
        ("bool", ["int64", "int64", "int64", "float64", "bool", "int64"]),
        ("int8", ["int8", "error: Python integer 300 out of bounds for int8", "int8", "float64", "int8", "error: Python integer 1099511627776 out of bounds for int8"]),
        ("int16", ["int16", "int16", "int16", "float64", "int16", "error: Python integer 1099511627776 out of bounds for int16"]),
        ("int32", ["int32", "int32", "int32", "float64", "int32", "error: Python integer 1099511627776 out of bounds for int32"]),
        ("int64", ["int64", "int64", "int64", "float64", "int64", "int64"]),
        ("uint8", ["uint8", "error: Python integer 300 out of bounds for uint8", "error: Python integer -1 out of bounds for uint8", "float64", "uint8", "error: Python integer 1099511627776 out of bounds for uint8"]),
        ("uint16", ["uint16", "uint16", "error: Python integer -1 out of bounds for uint16", "float64", "uint16", "error: Python integer 1099511627776 out of bounds for uint16"]),
        ("uint32", ["uint32", "uint32", "error: Python integer -1 out of bounds for uint32", "float64", "uint32", "error: Python integer 1099511627776 out of bounds for uint32"]),
        ("uint64", ["uint64", "uint64", "error: Python integer -1 out of bounds for uint64", "float64", "uint64", "uint64"]),
        ("float32", ["float32", "float32", "float32", "float32", "float32", "float32"]),
        ("float64", ["float64", "float64", "float64", "float64", "float64", "float64"]),
    ]

    @Test(arguments: weakScalarResults)
    func weakScalarsFollowNEP50(dtypeName: String, expected: [String]) throws {
        let dtype = try #require(DType(numpyName: dtypeName))
        let array = try NDArray.ones([1], dtype: dtype)
        let scalars: [Operand] = [.int(1), .int(300), .int(-1), .float(1.5), .bool(true), .int(1 << 40)]
        for (scalar, outcome) in zip(scalars, expected) {
            do {
                let result = try NDArray.binary(.add, .array(array), scalar)
                #expect(result.dtype.name == outcome, "\(dtype) + \(scalar)")
            } catch {
                #expect("error: " + error.message == outcome, "\(dtype) + \(scalar)")
            }
        }
    }

    @Test func weakScalarValuesAreConvertedToTheArrayDtype() throws {
        let halves = try NDArray.binary(.multiply, .array(NDArray.ones([2], dtype: .float32)), .float(0.1))
        #expect(halves.dtype == .float32)
        #expect(try halves.toArray(of: Float.self) == [Float(0.1), Float(0.1)])
        let wrapped = try NDArray.binary(.add, .array(try NDArray([Int8(127)])), .int(1))
        #expect(try wrapped.toArray(of: Int8.self) == [-128])
        let divided = try NDArray.binary(.divide, .array(try NDArray([Int8(3)])), .int(300))
        #expect(try divided.dtype == .float64 && values(divided) == [0.01])
    }

    @Test func comparisonsWithOutOfRangePythonIntsAreExact() throws {
        let small = try NDArray([Int8(1), Int8(-1)])
        #expect(try NDArray.binary(.less, .array(small), .int(300)).toArray(of: Bool.self) == [true, true])
        #expect(try NDArray.binary(.equal, .array(small), .int(300)).toArray(of: Bool.self) == [false, false])
        let unsigned = try NDArray([UInt64(1)])
        #expect(try NDArray.binary(.less, .array(unsigned), .int(-1)).toArray(of: Bool.self) == [false])
    }

    @Test func onlyPythonScalars() {
        #expect(Operand.resultDType([.int(1), .int(2)]) == .int64)
        #expect(Operand.resultDType([.int(1), .float(2)]) == .float64)
        #expect(Operand.resultDType([.bool(true), .bool(false)]) == .bool)
    }
}
