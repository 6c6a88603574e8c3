#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A float element type with the math the unary and binary ufunc kernels need.
///
/// Requirements are static functions named `ufunc*` so they never clash with members other
/// areas add to `Float` and `Double`. Each forwards to the C math library's function of
/// the right width (as NumPy's loops do), except where noted.
public protocol UfuncFloat: NDElement, BinaryFloatingPoint {
    static func ufuncSin(_ x: Self) -> Self
    static func ufuncCos(_ x: Self) -> Self
    static func ufuncTan(_ x: Self) -> Self
    static func ufuncArcsin(_ x: Self) -> Self
    static func ufuncArccos(_ x: Self) -> Self
    static func ufuncArctan(_ x: Self) -> Self
    static func ufuncSinh(_ x: Self) -> Self
    static func ufuncCosh(_ x: Self) -> Self
    static func ufuncTanh(_ x: Self) -> Self
    static func ufuncExp(_ x: Self) -> Self
    static func ufuncExpm1(_ x: Self) -> Self
    static func ufuncLog(_ x: Self) -> Self
    static func ufuncLog1p(_ x: Self) -> Self
    static func ufuncLog2(_ x: Self) -> Self
    static func ufuncLog10(_ x: Self) -> Self
    static func ufuncCbrt(_ x: Self) -> Self
    static func ufuncFmod(_ x: Self, _ y: Self) -> Self
    static func ufuncPow(_ x: Self, _ y: Self) -> Self
    static func ufuncArctan2(_ y: Self, _ x: Self) -> Self
}

extension Double: UfuncFloat {
    @inlinable @inline(__always) public static func ufuncSin(_ x: Double) -> Double { sin(x) }
    @inlinable @inline(__always) public static func ufuncCos(_ x: Double) -> Double { cos(x) }
    @inlinable @inline(__always) public static func ufuncTan(_ x: Double) -> Double { tan(x) }
    @inlinable @inline(__always) public static func ufuncArcsin(_ x: Double) -> Double { asin(x) }
    @inlinable @inline(__always) public static func ufuncArccos(_ x: Double) -> Double { acos(x) }
    @inlinable @inline(__always) public static func ufuncArctan(_ x: Double) -> Double { atan(x) }
    @inlinable @inline(__always) public static func ufuncSinh(_ x: Double) -> Double { sinh(x) }
    @inlinable @inline(__always) public static func ufuncCosh(_ x: Double) -> Double { cosh(x) }
    @inlinable @inline(__always) public static func ufuncTanh(_ x: Double) -> Double { tanh(x) }
    @inlinable @inline(__always) public static func ufuncExp(_ x: Double) -> Double { exp(x) }
    @inlinable @inline(__always) public static func ufuncExpm1(_ x: Double) -> Double { expm1(x) }
    @inlinable @inline(__always) public static func ufuncLog(_ x: Double) -> Double { log(x) }
    @inlinable @inline(__always) public static func ufuncLog1p(_ x: Double) -> Double { log1p(x) }
    @inlinable @inline(__always) public static func ufuncLog2(_ x: Double) -> Double { log2(x) }
    @inlinable @inline(__always) public static func ufuncLog10(_ x: Double) -> Double { log10(x) }
    @inlinable @inline(__always) public static func ufuncCbrt(_ x: Double) -> Double { cbrt(x) }
    @inlinable @inline(__always) public static func ufuncFmod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }
    @inlinable @inline(__always) public static func ufuncPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
    @inlinable @inline(__always) public static func ufuncArctan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
}

extension Float: UfuncFloat {
    @inlinable @inline(__always) public static func ufuncSin(_ x: Float) -> Float { sinf(x) }
    @inlinable @inline(__always) public static func ufuncCos(_ x: Float) -> Float { cosf(x) }
    @inlinable @inline(__always) public static func ufuncTan(_ x: Float) -> Float { tanf(x) }
    @inlinable @inline(__always) public static func ufuncArcsin(_ x: Float) -> Float { asinf(x) }
    @inlinable @inline(__always) public static func ufuncArccos(_ x: Float) -> Float { acosf(x) }
    @inlinable @inline(__always) public static func ufuncArctan(_ x: Float) -> Float { atanf(x) }
    @inlinable @inline(__always) public static func ufuncSinh(_ x: Float) -> Float { sinhf(x) }
    @inlinable @inline(__always) public static func ufuncCosh(_ x: Float) -> Float { coshf(x) }
    @inlinable @inline(__always) public static func ufuncTanh(_ x: Float) -> Float { tanhf(x) }
    @inlinable @inline(__always) public static func ufuncExp(_ x: Float) -> Float { expf(x) }
    @inlinable @inline(__always) public static func ufuncExpm1(_ x: Float) -> Float { expm1f(x) }
    @inlinable @inline(__always) public static func ufuncLog(_ x: Float) -> Float { logf(x) }
    @inlinable @inline(__always) public static func ufuncLog1p(_ x: Float) -> Float { log1pf(x) }
    @inlinable @inline(__always) public static func ufuncLog2(_ x: Float) -> Float { log2f(x) }
    @inlinable @inline(__always) public static func ufuncLog10(_ x: Float) -> Float { log10f(x) }
    @inlinable @inline(__always) public static func ufuncCbrt(_ x: Float) -> Float { cbrtf(x) }
    @inlinable @inline(__always) public static func ufuncFmod(_ x: Float, _ y: Float) -> Float { fmodf(x, y) }
    @inlinable @inline(__always) public static func ufuncPow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    @inlinable @inline(__always) public static func ufuncArctan2(_ y: Float, _ x: Float) -> Float { atan2f(y, x) }
}

/// An integer element type for the ufunc kernels (wrapping arithmetic, as NumPy's).
public protocol UfuncInteger: NDElement, FixedWidthInteger {}

extension Int8: UfuncInteger {}
extension Int16: UfuncInteger {}
extension Int32: UfuncInteger {}
extension Int64: UfuncInteger {}
extension UInt8: UfuncInteger {}
extension UInt16: UfuncInteger {}
extension UInt32: UfuncInteger {}
extension UInt64: UfuncInteger {}

// MARK: - NumPy's float division semantics

/// NumPy's `divmod` for floats: floor quotient and remainder with the divisor's sign.
@inlinable @inline(__always)
func floatDivmod<T: UfuncFloat>(_ a: T, _ b: T) -> (quotient: T, remainder: T) {
    var remainder = T.ufuncFmod(a, b)
    if b == 0 { return (a / b, remainder) }
    var quotient = (a - remainder) / b
    if remainder != 0 {
        if (b < 0) != (remainder < 0) {
            remainder += b
            quotient -= 1
        }
    } else {
        remainder = T(signOf: b, magnitudeOf: 0)
    }
    if quotient != 0 {
        var floored = quotient.rounded(.down)
        if quotient - floored > 0.5 { floored += 1 }
        return (floored, remainder)
    }
    return (T(signOf: a / b, magnitudeOf: 0), remainder)
}

// MARK: - NumPy's integer division semantics

/// Floor division as NumPy's integer loops do it; `flags` records a zero divisor or an overflow.
@inlinable @inline(__always)
func integerFloorDivide<T: UfuncInteger>(_ a: T, _ b: T, _ flags: inout ElementwiseFlags) -> T {
    if b == 0 {
        flags.insert(.divideByZero)
        return 0
    }
    if T.isSigned && b == -1 && a == T.min {
        flags.insert(.overflow)
        return T.min
    }
    let quotient = a / b
    if T.isSigned && (a % b != 0) && ((a < 0) != (b < 0)) { return quotient - 1 }
    return quotient
}

/// The remainder with the divisor's sign, as NumPy's integer `%`; zero divisors give 0.
@inlinable @inline(__always)
func integerRemainder<T: UfuncInteger>(_ a: T, _ b: T, _ flags: inout ElementwiseFlags) -> T {
    if b == 0 {
        flags.insert(.divideByZero)
        return 0
    }
    if T.isSigned && b == -1 { return 0 }
    let remainder = a % b
    if T.isSigned && remainder != 0 && ((remainder < 0) != (b < 0)) { return remainder + b }
    return remainder
}

/// `a ** b` by squaring, wrapping on overflow (the caller rejects negative exponents).
@inlinable @inline(__always)
func integerPower<T: UfuncInteger>(_ base: T, _ exponent: T) -> T {
    var result: T = 1
    var factor = base
    var remaining = exponent
    while remaining > 0 {
        if remaining & 1 == 1 { result = result &* factor }
        remaining >>= 1
        if remaining > 0 { factor = factor &* factor }
    }
    return result
}

/// `a << b` with NumPy's rule for counts outside `0..<bitWidth`: the result is 0.
@inlinable @inline(__always)
func integerLeftShift<T: UfuncInteger>(_ a: T, _ b: T) -> T {
    let count = UInt64(truncatingIfNeeded: b)
    if b < 0 || count >= UInt64(T.bitWidth) { return 0 }
    return a << b
}

/// `a >> b` with NumPy's rule for counts outside `0..<bitWidth`: 0, or -1 for negative `a`.
@inlinable @inline(__always)
func integerRightShift<T: UfuncInteger>(_ a: T, _ b: T) -> T {
    let count = UInt64(truncatingIfNeeded: b)
    if b < 0 || count >= UInt64(T.bitWidth) { return a < 0 ? ~0 : 0 }
    return a >> b
}
