/// One array element with its dtype: what `a[0, 1]` returns and what `full` fills with.
///
/// Integers keep full 64-bit precision (`int` for signed dtypes, `uint` for unsigned ones);
/// floats are stored as `Double`, which holds every `float32` exactly.
public enum Scalar: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64, DType)
    case uint(UInt64, DType)
    case float(Double, DType)

    /// A scalar of `dtype` holding `value` cast as NumPy casts.
    public init<T: NDElement>(_ value: T) {
        switch T.dtype.kind {
        case "b": self = .bool(value.int64Value != 0)
        case "i": self = .int(value.int64Value, T.dtype)
        case "u": self = .uint(UInt64(bitPattern: value.int64Value), T.dtype)
        default: self = .float(value.doubleValue, T.dtype)
        }
    }

    /// An `int64` scalar.
    public static func int64(_ value: Int64) -> Scalar { .int(value, .int64) }
    /// A `float64` scalar.
    public static func float64(_ value: Double) -> Scalar { .float(value, .float64) }

    public var dtype: DType {
        switch self {
        case .bool: .bool
        case .int(_, let dtype), .uint(_, let dtype), .float(_, let dtype): dtype
        }
    }

    /// The value cast to `T` as NumPy's `astype` would.
    @inlinable
    public func value<T: NDElement>(as type: T.Type) -> T {
        switch self {
        case .bool(let value): T.numpyCast(value)
        case .int(let value, _): T.numpyCast(value)
        case .uint(let value, _): T.numpyCast(value)
        case .float(let value, let dtype):
            dtype == .float32 ? T.numpyCast(Float(value)) : T.numpyCast(value)
        }
    }

    /// The same value cast to another dtype.
    public func cast(to dtype: DType) -> Scalar {
        dtype.dispatch(CastScalar(scalar: self))
    }

    public var doubleValue: Double { value(as: Double.self) }
    public var int64Value: Int64 { value(as: Int64.self) }
    public var boolValue: Bool { value(as: Bool.self) }

    /// A plain rendering (`True`, `3`, `2.5`, `nan`); NumPy-exact printing lives in Printing/.
    public var description: String {
        switch self {
        case .bool(let value): value ? "True" : "False"
        case .int(let value, _): String(value)
        case .uint(let value, _): String(value)
        case .float(let value, _):
            value.isNaN ? "nan" : value.isInfinite ? (value < 0 ? "-inf" : "inf") : String(value)
        }
    }
}

private struct CastScalar: ElementVisitor {
    let scalar: Scalar
    func visit<T: NDElement>(_ type: T.Type) -> Scalar { Scalar(scalar.value(as: T.self)) }
}
