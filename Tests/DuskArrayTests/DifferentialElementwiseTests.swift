import Testing
import DuskArray

/// Elementwise ufuncs against NumPy (Data/binary_cases.json, Data/unary_cases.json): every
/// dtype pair for promotion, every op on all value pairs of each dtype (integer extremes,
/// nan, inf, -0.0), Python scalar operands (NEP 50), broadcasting, 0-d and empty shapes.
@Suite("Elementwise ops match NumPy")
struct DifferentialElementwiseTests {
    static let binaryData = OpCaseFile.grouped("binary_cases.json")
    static let unaryData = OpCaseFile.grouped("unary_cases.json")

    /// Allowed error per op. Arithmetic, comparisons, rounding, `sqrt` and the exactly
    /// defined ops are bit-exact (IEEE-754 rounds them correctly); `power` goes through
    /// libm's `pow`, as NumPy's does, within 1 ULP. Transcendental functions may come from a
    /// different implementation than NumPy's (NumPy uses SIMD versions on some CPUs), so
    /// they get 4 ULP; `cbrt` 2. `fmax`/`fmin` of `0.0` and `-0.0` may return either zero:
    /// NumPy's own SIMD and scalar loops disagree (`np.fmax([0.], [-0.])` is `0.` for one
    /// element, `-0.` inside a longer array).
    static func tolerance(_ op: String) -> Tolerance {
        switch op {
        case "fmax", "fmin": Tolerance(ulps: 0, zeroSignFree: true)
        case "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "exp", "expm1",
             "log", "log1p", "log2", "log10", "arctan2", "arcsinh", "arccosh", "arctanh", "exp2", "hypot",
             "logaddexp", "logaddexp2":
            Tolerance(ulps: 4)
        case "cbrt": Tolerance(ulps: 2)
        case "power": Tolerance(ulps: 1)
        default: .exact
        }
    }

    /// A Python scalar operand as Dusk's weak scalar.
    static func operand(_ spec: OperandSpec, array: NDArray?) -> Operand? {
        switch spec {
        case .array: return array.map(Operand.array)
        case .python(let kind, let value):
            switch kind {
            case "int": return Int64(value).map(Operand.int)
            case "float": return Double(value).map(Operand.float)
            case "bool": return .bool(value == "True")
            default: return nil
            }
        }
    }

    @Test func caseFilesLoad() throws {
        #expect(try NumPyData.load("binary_cases.json", as: OpCaseFile.self).cases.count > 1000)
        #expect(try NumPyData.load("unary_cases.json", as: OpCaseFile.self).cases.count > 250)
    }

    @Test(arguments: binaryData.ops)
    func binary(_ op: String) throws {
        let file = try #require(Self.binaryData.file)
        let ufunc = BinaryOp(numpyName: op)
        var unrepresentable = 0
        let (ran, skipped) = Differential.check(op: op, in: file, tolerance: Self.tolerance(op)) { item, arrays in
            guard let ufunc else { return nil }
            let operands = zip(item.inputs, arrays).compactMap { Self.operand($0, array: $1) }
            guard operands.count == 2 else {
                unrepresentable += 1  // a Python int beyond Int64
                return nil
            }
            return Result { try NDArray.binary(ufunc, operands[0], operands[1]) }
        }
        Differential.reportSkipped(skipped - unrepresentable, of: ran + skipped, op: op,
                                   reason: "no Dusk BinaryOp named '\(op)' yet")
        Differential.reportSkipped(unrepresentable, of: ran + skipped, op: op,
                                   reason: "Python int operand outside Int64")
    }

    @Test(arguments: unaryData.ops)
    func unary(_ op: String) throws {
        let file = try #require(Self.unaryData.file)
        let ufunc = UnaryOp(numpyName: op)
        let (ran, skipped) = Differential.check(op: op, in: file, tolerance: Self.tolerance(op)) { _, arrays in
            guard let ufunc, let input = arrays.first ?? nil else { return nil }
            return Result { try input.unary(ufunc) }
        }
        Differential.reportSkipped(skipped, of: ran + skipped, op: op, reason: "no Dusk UnaryOp named '\(op)' yet")
    }
}
