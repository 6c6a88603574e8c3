/// An argument of an elementwise operation: an array, or a Python scalar that is "weak"
/// in NumPy 2's promotion (NEP 50): it adapts to the array's dtype instead of widening it.
///
/// `int8_array + 1` stays `int8`; `int32_array + 1.5` is `float64`; `float32_array * 2.0`
/// stays `float32`; `int8_array + 300` is an error.
public enum Operand: Sendable {
    case array(NDArray)
    /// A Python `int`.
    case int(Int64)
    /// A Python `float`.
    case float(Double)
    /// A Python `bool`.
    case bool(Bool)

    /// The array, or nil for a weak scalar.
    public var array: NDArray? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The shape this operand broadcasts with (`[]` for scalars).
    public var shape: [Int] { array?.shape ?? [] }

    /// The dtype the scalar takes when nothing else decides (`int64`, `float64`, `bool`).
    var defaultDType: DType {
        switch self {
        case .array(let array): array.dtype
        case .int: .int64
        case .float: .float64
        case .bool: .bool
        }
    }

    /// 0 for bool, 1 for int, 2 for float: the NEP 50 kind order of weak scalars.
    private var weakKindRank: Int? {
        switch self {
        case .array: nil
        case .bool: 0
        case .int: 1
        case .float: 2
        }
    }

    private static func kindRank(_ dtype: DType) -> Int {
        switch dtype.kind {
        case "b": 0
        case "i", "u": 1
        default: 2
        }
    }

    /// NumPy 2's `result_type` for these operands (NEP 50), before any operation-specific rule.
    ///
    /// Strong (array) dtypes promote with each other. A weak scalar of a kind no higher than
    /// the result's keeps the result's dtype; a higher kind takes its default dtype
    /// (`bool` array + Python int → `int64`; int array + Python float → `float64`).
    /// Does not check that Python ints fit; `checkedScalarArray(dtype:)` does.
    public static func resultDType(_ operands: [Operand]) -> DType {
        let strong = DType.promote(operands.compactMap { $0.array?.dtype })
        let weakRank = operands.compactMap(\.weakKindRank).max()
        guard let strong else {
            // Only Python scalars: the highest kind's default.
            switch weakRank ?? 1 {
            case 0: return .bool
            case 1: return .int64
            default: return .float64
            }
        }
        guard let weakRank, weakRank > kindRank(strong) else { return strong }
        return weakRank == 1 ? .int64 : .float64
    }

    /// This operand as an array of `dtype`: arrays are returned as they are, weak scalars
    /// become 0-d arrays of `dtype`. A Python int that does not fit an integer `dtype` is
    /// NumPy 2's `OverflowError`.
    public func checkedScalarArray(dtype: DType) throws(ArrayError) -> NDArray {
        switch self {
        case .array(let array):
            return array
        case .int(let value):
            if dtype.isInteger && !dtype.holds(integer: value) { throw .integerOutOfBounds(value, dtype) }
            return try NDArray(scalar: .int(value, .int64), dtype: dtype)
        case .float(let value):
            return try NDArray(scalar: .float(value, .float64), dtype: dtype)
        case .bool(let value):
            return try NDArray(scalar: .bool(value), dtype: dtype)
        }
    }

    /// Whether this is a Python int that does not fit `dtype` (an integer dtype).
    func isOutOfBoundsInteger(for dtype: DType) -> Bool {
        if case .int(let value) = self { return dtype.isInteger && !dtype.holds(integer: value) }
        return false
    }
}
