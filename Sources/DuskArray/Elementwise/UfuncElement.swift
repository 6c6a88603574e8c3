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
    static func ufuncArcsinh(_ x: Self) -> Self
    static func ufuncArccosh(_ x: Self) -> Self
    static func ufuncArctanh(_ x: Self) -> Self
    static func ufuncExp2(_ x: Self) -> Self
    static func ufuncHypot(_ x: Self, _ y: Self) -> Self
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
    @inlinable @inline(__always) public static func ufuncArcsinh(_ x: Double) -> Double { asinh(x) }
    @inlinable @inline(__always) public static func ufuncArccosh(_ x: Double) -> Double { acosh(x) }
    @inlinable @inline(__always) public static func ufuncArctanh(_ x: Double) -> Double { atanh(x) }
    @inlinable @inline(__always) public static func ufuncExp2(_ x: Double) -> Double { exp2(x) }
    @inlinable @inline(__always) public static func ufuncHypot(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
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
    @inlinable @inline(__always) public static func ufuncArcsinh(_ x: Float) -> Float { asinhf(x) }
    @inlinable @inline(__always) public static func ufuncArccosh(_ x: Float) -> Float { acoshf(x) }
    @inlinable @inline(__always) public static func ufuncArctanh(_ x: Float) -> Float { atanhf(x) }
    @inlinable @inline(__always) public static func ufuncExp2(_ x: Float) -> Float { exp2f(x) }
    @inlinable @inline(__always) public static func ufuncHypot(_ x: Float, _ y: Float) -> Float { hypotf(x, y) }
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

/// NumPy's integer `fmod`: C's truncating remainder (the dividend's sign); 0 for a zero divisor.
@inlinable @inline(__always)
func integerFmod<T: UfuncInteger>(_ a: T, _ b: T, _ flags: inout ElementwiseFlags) -> T {
    if b == 0 {
        flags.insert(.divideByZero)
        return 0
    }
    if T.isSigned && b == -1 { return 0 }
    return a % b
}

/// NumPy's integer `reciprocal`: `1 / x` truncated. For 0 it warns and gives what NumPy's
/// loops give on x86-64: 0 for 8- and 16-bit and unsigned types, the minimum for 32- and
/// 64-bit signed types.
@inlinable @inline(__always)
func integerReciprocal<T: UfuncInteger>(_ x: T, _ flags: inout ElementwiseFlags) -> T {
    if x == 0 {
        flags.insert(.divideByZero)
        return T.isSigned && T.bitWidth >= 32 ? T.min : 0
    }
    return x == 1 ? 1 : (T.isSigned && x == 0 &- 1 ? x : 0)
}

/// NumPy's `logaddexp`: `log(exp(x) + exp(y))` without overflow.
@inlinable @inline(__always)
func floatLogaddexp<T: UfuncFloat>(_ x: T, _ y: T, base2: Bool) -> T {
    if x == y { return x + (base2 ? 1 : T(0.693147180559945309417232121458176568)) }
    let difference = x - y
    let largest = difference > 0 ? x : y
    let rest = difference > 0 ? -difference : difference
    if difference.isNaN { return difference }
    if base2 {
        return largest + T.ufuncLog1p(T.ufuncExp2(rest)) * T(1.442695040888963407359924681001892137)
    }
    return largest + T.ufuncLog1p(T.ufuncExp(rest))
}

/// NumPy's `nextafter`: the next representable value after `x` towards `y`.
@inlinable @inline(__always)
func floatNextafter<T: UfuncFloat>(_ x: T, _ y: T) -> T {
    if x.isNaN || y.isNaN { return x + y }
    if x == y { return y }
    return x < y ? x.nextUp : x.nextDown
}

/// NumPy's `heaviside`: 0 below zero, `h0` at zero, 1 above, NaN for NaN.
@inlinable @inline(__always)
func floatHeaviside<T: UfuncFloat>(_ x: T, _ h0: T) -> T {
    if x.isNaN { return x }
    return x < 0 ? 0 : (x == 0 ? h0 : 1)
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
