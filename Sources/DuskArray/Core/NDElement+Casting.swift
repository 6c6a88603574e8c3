// NumPy's casting semantics between element types, as x86-64 NumPy 2 produces them.

/// Float to `Int32` as `cvttsd2si` does: truncation, `Int32.min` for NaN and out-of-range values.
@inlinable @inline(__always)
func truncateToInt32(_ x: Double) -> Int32 {
    if x > -2147483649.0 && x < 2147483648.0 { return Int32(x) }
    return Int32.min
}

/// Float to `Int64` as `cvttsd2si` does: truncation, `Int64.min` for NaN and out-of-range values.
@inlinable @inline(__always)
func truncateToInt64(_ x: Double) -> Int64 {
    if x >= -9223372036854775808.0 && x < 9223372036854775808.0 { return Int64(x) }
    return Int64.min
}

/// Float to `UInt64` as compilers lower it on x86-64 (two conversions around 2^63).
@inlinable @inline(__always)
func truncateToUInt64(_ x: Double) -> UInt64 {
    if x >= 9223372036854775808.0 {
        return UInt64(bitPattern: truncateToInt64(x - 9223372036854775808.0)) ^ (1 << 63)
    }
    return UInt64(bitPattern: truncateToInt64(x))
}

extension Bool {
    @inlinable public var doubleValue: Double { self ? 1 : 0 }
    @inlinable public var int64Value: Int64 { self ? 1 : 0 }
    @inlinable @inline(__always)
    public static func numpyCast<S: NDElement>(_ value: S) -> Bool {
        switch S.dtype.kind {
        case "f": value.doubleValue != 0
        default: value.int64Value != 0
        }
    }
}

extension Float {
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { truncateToInt64(Double(self)) }
    @inlinable @inline(__always)
    public static func numpyCast<S: NDElement>(_ value: S) -> Float {
        if S.self == Float.self { return unsafeBitCast(value, to: Float.self) }
        switch S.dtype {
        case .uint64: return Float(UInt64(bitPattern: value.int64Value))
        case .float32, .float64: return Float(value.doubleValue)
        default: return Float(value.int64Value)
        }
    }
}

extension Double {
    @inlinable public var doubleValue: Double { self }
    @inlinable public var int64Value: Int64 { truncateToInt64(self) }
    @inlinable @inline(__always)
    public static func numpyCast<S: NDElement>(_ value: S) -> Double {
        switch S.dtype {
        case .uint64: Double(UInt64(bitPattern: value.int64Value))
        case .float32, .float64: value.doubleValue
        default: Double(value.int64Value)
        }
    }
}

/// Integers share one casting rule: wrap from integers, truncate (x86 style) from floats.
public protocol NDIntegerCasting: NDElement, FixedWidthInteger {}

extension NDIntegerCasting {
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { Int64(truncatingIfNeeded: self) }
    @inlinable @inline(__always)
    public static func numpyCast<S: NDElement>(_ value: S) -> Self {
        if !S.dtype.isFloatingPoint { return Self(truncatingIfNeeded: value.int64Value) }
        let x = value.doubleValue
        switch Self.bitWidth {
        case 64:
            return Self.isSigned ? Self(truncatingIfNeeded: truncateToInt64(x))
                                 : Self(truncatingIfNeeded: truncateToUInt64(x))
        case 32:
            return Self.isSigned ? Self(truncatingIfNeeded: truncateToInt32(x))
                                 : Self(truncatingIfNeeded: truncateToInt64(x))
        default:
            return Self(truncatingIfNeeded: truncateToInt32(x))
        }
    }
}

extension Int8: NDIntegerCasting {}
extension Int16: NDIntegerCasting {}
extension Int32: NDIntegerCasting {}
extension Int64: NDIntegerCasting {}
extension UInt8: NDIntegerCasting {}
extension UInt16: NDIntegerCasting {}
extension UInt32: NDIntegerCasting {}
extension UInt64: NDIntegerCasting {
    @inlinable public var doubleValue: Double { Double(self) }
}
