import Testing
import DuskArray

/// One array with the text NumPy prints for it (Data/print_cases.json).
struct PrintCase: Decodable, Sendable, CustomTestStringConvertible {
    var id: String
    var array: ArraySpec
    var options: OptionOverrides
    var repr: String
    var str: String

    var testDescription: String { id }

    /// The non-default options the case was printed with.
    struct OptionOverrides: Decodable, Sendable {
        var precision: Int?
        var threshold: Int?
        var edgeitems: Int?
        var linewidth: Int?
        var suppress: Bool?
        var nanstr: String?
        var infstr: String?
        var sign: String?
        var floatmode: String?

        var printOptions: PrintOptions {
            PrintOptions(precision: precision, threshold: threshold, edgeitems: edgeitems, linewidth: linewidth,
                         suppress: suppress, nanstr: nanstr, infstr: infstr,
                         sign: sign.flatMap(PrintOptions.Sign.init(rawValue:)),
                         floatmode: floatmode.flatMap(PrintOptions.FloatMode.init(rawValue:)))
        }
    }

    static let all: [PrintCase] = (try? NumPyData.load("print_cases.json", as: [PrintCase].self)) ?? []
}

/// One scalar with NumPy 2's repr and str (Data/scalar_print_cases.json).
struct ScalarPrintCase: Decodable, Sendable, CustomTestStringConvertible {
    var dtype: String
    var value: String
    var repr: String
    var str: String

    var testDescription: String { "\(dtype) \(value)" }

    static let all: [ScalarPrintCase] = (try? NumPyData.load("scalar_print_cases.json", as: [ScalarPrintCase].self)) ?? []
}

@Suite("Printing matches NumPy's text")
struct PrintTableTests {
    @Test func caseFilesLoad() throws {
        // Re-decode with errors surfaced, so a broken file fails here rather than leaving no cases.
        let cases = try NumPyData.load("print_cases.json", as: [PrintCase].self)
        let scalars = try NumPyData.load("scalar_print_cases.json", as: [ScalarPrintCase].self)
        #expect(cases.count > 150)
        #expect(scalars.count > 100)
    }

    @Test(arguments: PrintCase.all)
    func repr(_ item: PrintCase) throws {
        let array = try item.array.build()
        #expect(array.repr(options: item.options.printOptions) == item.repr)
    }

    @Test(arguments: PrintCase.all)
    func str(_ item: PrintCase) throws {
        let array = try item.array.build()
        #expect(array.str(options: item.options.printOptions) == item.str)
    }

    @Test(arguments: ScalarPrintCase.all)
    func scalar(_ item: ScalarPrintCase) throws {
        let dtype = try #require(DType(numpyName: item.dtype))
        let scalar = switch try Element(parsing: item.value, dtype: dtype) {
        case .bool(let value): Scalar.bool(value)
        case .int(let value): Scalar.int(value, dtype)
        case .uint(let value): Scalar.uint(value, dtype)
        case .float(let value): Scalar.float(value, dtype)
        }
        #expect(scalar.repr == item.repr)
        #expect(scalar.str == item.str)
    }
}
