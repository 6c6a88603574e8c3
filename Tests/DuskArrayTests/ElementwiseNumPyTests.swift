import Testing
@testable import DuskArray

/// One NumPy ufunc call and what NumPy answered (see ElementwiseNumPyCases.swift).
struct ElementwiseCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case values(dtype: String, [String])
        case error(String)
    }
    let op: String
    let dtypes: [String]
    let inputs: [[String]]
    let expected: Expected

    init(_ op: String, _ dtypes: [String], _ inputs: [[String]], _ expected: Expected) {
        self.op = op
        self.dtypes = dtypes
        self.inputs = inputs
        self.expected = expected
    }

    var testDescription: String { "\(op)(\(dtypes.joined(separator: ", ")))" }
}

/// An array of `dtype` from NumPy's printed values.
func parsedArray(_ texts: [String], dtype name: String) throws -> NDArray {
    let dtype = try #require(DType(numpyName: name))
    let array = try NDArray(uninitialized: dtype, shape: [texts.count])
    for (i, text) in texts.enumerated() {
        try array.setElement(parsedScalar(text, dtype: dtype), at: [i])
    }
    return array
}

func parsedScalar(_ text: String, dtype: DType) throws -> Scalar {
    switch dtype.kind {
    case "b": return .bool(text == "True")
    case "i": return .int(try #require(Int64(text)), dtype)
    case "u": return .uint(try #require(UInt64(text)), dtype)
    default: return .float(try #require(Double(text)), dtype)
    }
}

/// Ops computed by the C math library, which may differ from NumPy's SIMD loops in the last bits.
let transcendentalOps: Set<String> = [
    "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "exp", "expm1", "log",
    "log1p", "log2", "log10", "cbrt", "power", "arctan2",
]

func closeEnough(_ actual: Scalar, _ expected: Scalar, ulps: Double) -> Bool {
    guard case .float(let a, let dtype) = actual, case .float(let b, _) = expected else { return actual == expected }
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return ulps > 0 || a.sign == b.sign }
    if a.isInfinite || b.isInfinite { return false }
    let unit = dtype == .float32 ? Double(Float(b).ulp) : b.ulp
    return abs(a - b) <= ulps * Swift.max(unit, Double.leastNormalMagnitude)
}

@Suite("Elementwise ufuncs against NumPy")
struct ElementwiseNumPyTests {
    @Test(arguments: elementwiseNumPyCases)
    func matchesNumPy(_ testCase: ElementwiseCase) throws {
        // Warnings go to a sink of this test's own, not to the process's (other tests read it).
        try Warnings.$current.withValue(Warnings()) {
            let arrays = try zip(testCase.inputs, testCase.dtypes).map { try parsedArray($0, dtype: $1) }
            let result: Result<NDArray, ArrayError>
            if let unary = UnaryOp(numpyName: testCase.op) {
                result = Result { () throws(ArrayError) in try arrays[0].unary(unary) }
            } else {
                let binary = try #require(BinaryOp(numpyName: testCase.op))
                result = Result { () throws(ArrayError) in try NDArray.binary(binary, arrays[0], arrays[1]) }
            }
            switch (testCase.expected, result) {
            case let (.error(message), .failure(error)):
                #expect(error.message == message)
            case let (.error(message), .success(array)):
                Issue.record("expected error \(message), got \(array.scalars)")
            case let (.values(dtype, _), .failure(error)):
                Issue.record("expected \(dtype) values, got \(error)")
            case let (.values(dtypeName, texts), .success(array)):
                #expect(array.dtype.name == dtypeName)
                let expected = try texts.map { try parsedScalar($0, dtype: array.dtype) }
                let ulps: Double = transcendentalOps.contains(testCase.op) ? 4 : 0
                let actual = array.scalars
                #expect(actual.count == expected.count)
                for (i, (a, e)) in zip(actual, expected).enumerated() {
                    #expect(closeEnough(a, e, ulps: ulps), "element \(i): \(a) vs NumPy \(e)")
                }
            }
        }
    }
}
