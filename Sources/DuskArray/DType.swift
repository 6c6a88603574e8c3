/// The element types an `NDArray` can hold, named as NumPy names them.
public enum DType: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case bool
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float32, float64

    /// NumPy's name: `float64`, `int32`, `bool`.
    public var name: String {
        switch self {
        case .bool: "bool"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .float32: "float32"
        case .float64: "float64"
        }
    }

    public var description: String { name }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// NumPy's kind character: `b`, `i`, `u` or `f`.
    public var kind: Character {
        switch self {
        case .bool: "b"
        case .int8, .int16, .int32, .int64: "i"
        case .uint8, .uint16, .uint32, .uint64: "u"
        case .float32, .float64: "f"
        }
    }

    /// The array-protocol type string, as Zarr v2 metadata spells it: `<f8`, `|b1`, `|u1`.
    public var typeString: String {
        let order = itemSize == 1 ? "|" : "<"
        return "\(order)\(kind)\(itemSize)"
    }

    // Switches rather than `kind` comparisons: kernels ask these per element, and a Character
    // comparison does not fold away when the dtype is known at compile time.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: true
        case .bool, .float32, .float64: false
        }
    }
    public var isSigned: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .float32, .float64: true
        case .bool, .uint8, .uint16, .uint32, .uint64: false
        }
    }
    public var isBool: Bool { self == .bool }
}

/// A Swift type that can be an element of an `NDArray`.
///
/// Kernels are written once, generic over `NDElement` (or a narrower protocol),
/// and specialized per dtype by the compiler through `DType.dispatch`.
public protocol NDElement: Sendable, BitwiseCopyable, Equatable {
    static var dtype: DType { get }
    static var zero: Self { get }
    /// The value as NumPy casts it to `float64`.
    var doubleValue: Double { get }
    /// The value as NumPy casts it to `int64` (unsigned 64-bit values keep their bit pattern;
    /// floats convert as x86-64 does: NaN and out-of-range values give `Int64.min`).
    var int64Value: Int64 { get }
    /// `value` cast to this type exactly as NumPy's `astype` does (wrapping integers,
    /// truncating floats, `!= 0` for bool).
    static func numpyCast<S: NDElement>(_ value: S) -> Self
}

extension Bool: NDElement { public static var dtype: DType { .bool }; public static var zero: Bool { false } }
extension Int8: NDElement { public static var dtype: DType { .int8 } }
extension Int16: NDElement { public static var dtype: DType { .int16 } }
extension Int32: NDElement { public static var dtype: DType { .int32 } }
extension Int64: NDElement { public static var dtype: DType { .int64 } }
extension UInt8: NDElement { public static var dtype: DType { .uint8 } }
extension UInt16: NDElement { public static var dtype: DType { .uint16 } }
extension UInt32: NDElement { public static var dtype: DType { .uint32 } }
extension UInt64: NDElement { public static var dtype: DType { .uint64 } }
extension Float: NDElement { public static var dtype: DType { .float32 } }
extension Double: NDElement { public static var dtype: DType { .float64 } }
// The conversion requirements are implemented in NDElement+Casting.swift.
