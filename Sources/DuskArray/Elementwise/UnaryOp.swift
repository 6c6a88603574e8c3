/// The unary ufuncs, named as NumPy names them: one table for dtype rules and kernels.
///
/// Adding a ufunc: a case here, its rule in `rule`, and its kernel line in the float,
/// integer and/or bool switch of `UnaryOp+Kernels.swift`.
public enum UnaryOp: String, CaseIterable, Sendable {
    case negative, positive, absolute, invert
    case sin, cos, tan, arcsin, arccos, arctan, sinh, cosh, tanh
    case exp, expm1, log, log1p, log2, log10, sqrt, cbrt, square
    case floor, ceil, trunc, rint, sign
    case isnan, isinf, isfinite
    case logical_not
    case arcsinh, arccosh, arctanh, exp2, deg2rad, rad2deg, reciprocal, signbit, conjugate

    /// NumPy's other names and the array API standard's (see `standardAliases`), for the same ops.
    public static let aliases: KeyValuePairs<String, UnaryOp> = [
        "abs": .absolute, "fabs": .absolute, "bitwise_not": .invert, "bitwise_invert": .invert,
        "asin": .arcsin, "acos": .arccos, "atan": .arctan, "fix": .trunc,
        "asinh": .arcsinh, "acosh": .arccosh, "atanh": .arctanh, "conj": .conjugate,
        "radians": .deg2rad, "degrees": .rad2deg,
    ]

    /// The aliases that come from the array API standard rather than NumPy's past (Dask lacks them).
    public static let standardAliases: Set<String> = ["asin", "acos", "atan", "asinh", "acosh", "atanh", "bitwise_invert"]

    /// Looks an op up by NumPy name (`"sin"`, `"abs"`, `"absolute"`, `"bitwise_not"`).
    public init?(numpyName: String) {
        if let alias = UnaryOp.aliases.first(where: { $0.key == numpyName }) {
            self = alias.value
        } else {
            self.init(rawValue: numpyName)
        }
    }

    /// NumPy's name.
    public var numpyName: String { rawValue }

    /// How the op picks its loop and result dtypes.
    enum Rule {
        /// Same dtype; bool is rejected.
        case numeric
        /// Same dtype, bool included.
        case anyType
        /// A float loop: floats keep their dtype, integers and bool become floats.
        case floating
        /// Same dtype, bool computed as `int8`.
        case integerPromotingBool
        /// Bool and integers only.
        case bitwise
        /// Any input, a `bool` result computed on the input type.
        case predicate
        /// Inputs cast to `bool`, a `bool` result.
        case logical
        /// A float loop (as `floating`), a `bool` result.
        case floatPredicate
    }

    // MARK: - The table

    var rule: Rule {
        switch self {
        case .negative, .positive, .sign: .numeric
        case .absolute, .floor, .ceil, .trunc: .anyType
        case .sin, .cos, .tan, .arcsin, .arccos, .arctan, .sinh, .cosh, .tanh,
             .exp, .expm1, .log, .log1p, .log2, .log10, .sqrt, .cbrt, .rint,
             .arcsinh, .arccosh, .arctanh, .exp2, .deg2rad, .rad2deg: .floating
        case .square, .reciprocal, .conjugate: .integerPromotingBool
        case .signbit: .floatPredicate
        case .invert: .bitwise
        case .isnan, .isinf, .isfinite: .predicate
        case .logical_not: .logical
        }
    }

    /// Whether the op's float loop reports NumPy's floating-point warnings.
    var reportsFloatingPointErrors: Bool {
        rule == .floating || self == .square || self == .reciprocal
    }

    // MARK: - Dtype resolution

    /// The dtype the kernel computes in and the dtype of the result, for an input dtype.
    ///
    /// NumPy computes `sin` of `int8`, `uint8` and `bool` in `float16`, which Dusk lacks:
    /// those give `float32` here.
    public func resolve(_ input: DType) throws(ArrayError) -> (loop: DType, result: DType) {
        switch rule {
        case .numeric:
            if input == .bool { throw booleanError }
            return (input, input)
        case .anyType:
            return (input, input)
        case .floating:
            let loop = UnaryOp.floatLoop(for: input)
            return (loop, loop)
        case .integerPromotingBool:
            let loop: DType = input == .bool ? .int8 : input
            return (loop, loop)
        case .bitwise:
            if input.isFloatingPoint { throw .unsupportedTypes(ufunc: numpyName, dtypes: [input]) }
            return (input, input)
        case .predicate:
            return (input, .bool)
        case .logical:
            return (.bool, .bool)
        case .floatPredicate:
            return (UnaryOp.floatLoop(for: input), .bool)
        }
    }

    /// The float dtype NumPy computes a float-only ufunc in for `input`.
    static func floatLoop(for input: DType) -> DType {
        switch input {
        case .float32, .float64: input
        case .bool, .int8, .uint8, .int16, .uint16: .float32
        default: .float64
        }
    }

    private var booleanError: ArrayError {
        switch self {
        case .negative:
            .type("The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.")
        default:
            .type("ufunc '\(numpyName)' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None")
        }
    }
}
