/// The binary ufuncs, named as NumPy names them: one table for dtype rules and kernels.
///
/// Adding a ufunc: a case here, its rule in `rule`, and its kernel line in the float,
/// integer and/or bool switch of `BinaryOp+Kernels.swift`.
public enum BinaryOp: String, CaseIterable, Sendable {
    case add, subtract, multiply, divide, floor_divide, remainder, power
    case maximum, minimum, fmax, fmin, arctan2
    case logical_and, logical_or, logical_xor
    case bitwise_and, bitwise_or, bitwise_xor, left_shift, right_shift
    case equal, not_equal, less, less_equal, greater, greater_equal
    case hypot, copysign, logaddexp, logaddexp2, nextafter, heaviside, fmod

    /// NumPy's other names and the array API standard's (see `standardAliases`), for the same ops.
    public static let aliases: KeyValuePairs<String, BinaryOp> = [
        "true_divide": .divide, "mod": .remainder, "pow": .power, "atan2": .arctan2,
        "bitwise_left_shift": .left_shift, "bitwise_right_shift": .right_shift,
    ]

    /// The aliases that come from the array API standard rather than NumPy's past (Dask lacks them).
    public static let standardAliases: Set<String> = ["pow", "atan2", "bitwise_left_shift", "bitwise_right_shift"]

    /// Looks an op up by NumPy name (`"add"`, `"true_divide"`, `"mod"`, `"pow"`).
    public init?(numpyName: String) {
        if let alias = BinaryOp.aliases.first(where: { $0.key == numpyName }) {
            self = alias.value
        } else {
            self.init(rawValue: numpyName)
        }
    }

    /// NumPy's name.
    public var numpyName: String { rawValue }

    /// How the op picks its loop and result dtypes from the promoted input dtype.
    enum Rule {
        /// The promoted dtype, bool included.
        case arithmetic
        /// The promoted dtype; bool is rejected.
        case arithmeticWithoutBool
        /// Integers and bool divide in `float64`.
        case trueDivide
        /// The promoted dtype, bool computed as `int8`.
        case integerPromotingBool
        /// A float loop, as for the unary float functions.
        case floating
        /// Inputs cast to `bool`, a `bool` result.
        case logical
        /// Bool and integers only.
        case bitwise
        /// Integers only, bool computed as `int8`.
        case shift
        /// The promoted dtype, a `bool` result.
        case comparison
    }

    // MARK: - The table

    var rule: Rule {
        switch self {
        case .add, .multiply, .maximum, .minimum, .fmax, .fmin: .arithmetic
        case .subtract: .arithmeticWithoutBool
        case .divide: .trueDivide
        case .floor_divide, .remainder, .power: .integerPromotingBool
        case .arctan2, .hypot, .copysign, .logaddexp, .logaddexp2, .nextafter, .heaviside: .floating
        case .fmod: .integerPromotingBool
        case .logical_and, .logical_or, .logical_xor: .logical
        case .bitwise_and, .bitwise_or, .bitwise_xor: .bitwise
        case .left_shift, .right_shift: .shift
        case .equal, .not_equal, .less, .less_equal, .greater, .greater_equal: .comparison
        }
    }

    /// Whether the op's float loop reports NumPy's floating-point warnings (comparisons and
    /// min/max do not: NumPy evaluates them quietly).
    var reportsFloatingPointErrors: Bool {
        switch rule {
        case .comparison, .logical: false
        default: !(self == .maximum || self == .minimum || self == .fmax || self == .fmin
                   || self == .copysign || self == .nextafter)
        }
    }

    // MARK: - Dtype resolution

    /// The dtype the kernel computes in and the dtype of the result, for the promoted input dtype.
    public func resolve(_ promoted: DType) throws(ArrayError) -> (loop: DType, result: DType) {
        switch rule {
        case .arithmetic:
            return (promoted, promoted)
        case .arithmeticWithoutBool:
            if promoted == .bool {
                throw .type("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
            }
            return (promoted, promoted)
        case .trueDivide:
            let loop: DType = promoted.isFloatingPoint ? promoted : .float64
            return (loop, loop)
        case .integerPromotingBool:
            let loop: DType = promoted == .bool ? .int8 : promoted
            return (loop, loop)
        case .floating:
            let loop = UnaryOp.floatLoop(for: promoted)
            return (loop, loop)
        case .logical:
            return (.bool, .bool)
        case .bitwise:
            if promoted.isFloatingPoint { throw unsupported(promoted) }
            return (promoted, promoted)
        case .shift:
            if promoted.isFloatingPoint { throw unsupported(promoted) }
            return (promoted == .bool ? .int8 : promoted, promoted == .bool ? .int8 : promoted)
        case .comparison:
            return (promoted, .bool)
        }
    }

    private func unsupported(_ dtype: DType) -> ArrayError {
        .unsupportedTypes(ufunc: numpyName, dtypes: [dtype, dtype])
    }

    /// Resolves dtypes for operands that may be weak Python scalars (NEP 50).
    ///
    /// Python ints must fit an integer loop dtype (`OverflowError` otherwise), except in
    /// comparisons, which NumPy 2 answers exactly for any Python int.
    public func resolve(_ lhs: Operand, _ rhs: Operand) throws(ArrayError) -> (loop: DType, result: DType) {
        var promoted = Operand.resultDType([lhs, rhs])
        if rule == .comparison && (lhs.isOutOfBoundsInteger(for: promoted) || rhs.isOutOfBoundsInteger(for: promoted)) {
            promoted = DType.promote(promoted, .int64)
        }
        let resolved = try resolve(promoted)
        for operand in [lhs, rhs] {
            if case .int(let value) = operand, resolved.loop.isInteger, !resolved.loop.holds(integer: value) {
                throw .integerOutOfBounds(value, resolved.loop)
            }
        }
        return resolved
    }
}
