#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSleef

// The transcendental ufuncs on whole float tiles through SLEEF's vector functions (1 ulp),
// with NumPy's floating-point warnings derived from the values instead of from SLEEF.
//
// SLEEF computes special cases with bit operations and does not raise the processor's
// exception flags the way the C math library does (`log(0)` raises no divide-by-zero, some
// paths raise spurious flags), while the ufunc kernels report NumPy's warnings from those
// flags. So each run saves the flags, computes a block, derives from inputs and outputs the
// conditions the C math library would raise, restores the flags and raises exactly those:
//   - invalid: a NaN result from non-NaN inputs (sin(inf), log(-1), arcsin(2), pow(-8, 1/3));
//   - divide by zero: an infinite result from finite inputs at a pole (log(0), log1p(-1),
//     arctanh(1), pow(0, -1); also pow(0, -inf), where NumPy warns and the C library does not);
//   - overflow: an infinite result from finite inputs anywhere else (exp(710), cosh(800)).
// SLEEF's domains end slightly early in places (sinh and cosh overflow from |x| > 709
// instead of 710.47, log1p flushes subnormal arguments to 0 and overflows at the largest
// double), so the scan also finds infinite results from finite inputs, and zero results
// from nonzero inputs of functions that vanish only at zero, and recomputes those few
// elements with the C math library before deriving the flags.
// `VectorMathTests` checks all this against the C math library on special values.

/// SLEEF's vector math as the float kernels use it.
@usableFromInline
enum VectorMath {
    /// The instruction-set level SLEEF's loops run at: 3 AVX-512F, 2 AVX2 and FMA, 1 SSE2,
    /// 0 off (the C math library per element). `DUSK_VECTOR_MATH=off|sse2|avx2|avx512` caps it,
    /// for measurements and tests.
    @usableFromInline static let level: Int32 = {
        let detected = Int32(dusk_sleef_level())
        guard let text = getenv("DUSK_VECTOR_MATH").map({ String(cString: $0) }) else { return detected }
        let requested: Int32? = ["off": 0, "sse2": 1, "avx2": 2, "avx512": 3][text]
        return Swift.min(detected, requested ?? detected)
    }()

    /// Elements per block: SLEEF's output and the flag scan stay in L1.
    static let blockSize = 1024
}

// MARK: - Unary

extension UnaryOp {
    /// Whether an infinite result from a finite input is a pole (divide by zero) rather
    /// than an overflow.
    var hasPole: Bool {
        switch self {
        case .log, .log1p, .log2, .log10, .arctanh: true
        default: false
        }
    }
}

extension VectorMath {
    /// `y[i] = op(x[i])` for a float64 tile through SLEEF; false (nothing written) when the
    /// op has no SLEEF loop or SLEEF is off. `y` may alias `x`.
    @usableFromInline
    static func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int,
                      level: Int32 = level) -> Bool {
        guard level > 0, let run = unaryLoop(op, Double.self) else { return false }
        runUnary(op, x, y, n, level: level, run)
        return true
    }

    /// `y[i] = op(x[i])` for a float32 tile through SLEEF (see the float64 form).
    @usableFromInline
    static func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int,
                      level: Int32 = level) -> Bool {
        guard level > 0, let run = unaryLoop(op, Float.self) else { return false }
        runUnary(op, x, y, n, level: level, run)
        return true
    }

    typealias UnaryLoop<T> = (Int32, UnsafePointer<T>, UnsafeMutablePointer<T>, Int) -> Void

    static func unaryLoop(_ op: UnaryOp, _ type: Double.Type) -> UnaryLoop<Double>? {
        switch op {
        case .sin: dusk_sleef_sin_f64
        case .cos: dusk_sleef_cos_f64
        case .tan: dusk_sleef_tan_f64
        case .arcsin: dusk_sleef_asin_f64
        case .arccos: dusk_sleef_acos_f64
        case .arctan: dusk_sleef_atan_f64
        case .sinh: dusk_sleef_sinh_f64
        case .cosh: dusk_sleef_cosh_f64
        case .tanh: dusk_sleef_tanh_f64
        case .exp: dusk_sleef_exp_f64
        case .expm1: dusk_sleef_expm1_f64
        case .log: dusk_sleef_log_f64
        case .log1p: dusk_sleef_log1p_f64
        case .log2: dusk_sleef_log2_f64
        case .log10: dusk_sleef_log10_f64
        case .cbrt: dusk_sleef_cbrt_f64
        case .arcsinh: dusk_sleef_asinh_f64
        case .arccosh: dusk_sleef_acosh_f64
        case .arctanh: dusk_sleef_atanh_f64
        case .exp2: dusk_sleef_exp2_f64
        default: nil
        }
    }

    static func unaryLoop(_ op: UnaryOp, _ type: Float.Type) -> UnaryLoop<Float>? {
        switch op {
        case .sin: dusk_sleef_sin_f32
        case .cos: dusk_sleef_cos_f32
        case .tan: dusk_sleef_tan_f32
        case .arcsin: dusk_sleef_asin_f32
        case .arccos: dusk_sleef_acos_f32
        case .arctan: dusk_sleef_atan_f32
        case .sinh: dusk_sleef_sinh_f32
        case .cosh: dusk_sleef_cosh_f32
        case .tanh: dusk_sleef_tanh_f32
        case .exp: dusk_sleef_exp_f32
        case .expm1: dusk_sleef_expm1_f32
        case .log: dusk_sleef_log_f32
        case .log1p: dusk_sleef_log1p_f32
        case .log2: dusk_sleef_log2_f32
        case .log10: dusk_sleef_log10_f32
        case .cbrt: dusk_sleef_cbrt_f32
        case .arcsinh: dusk_sleef_asinh_f32
        case .arccosh: dusk_sleef_acosh_f32
        case .arctanh: dusk_sleef_atanh_f32
        case .exp2: dusk_sleef_exp2_f32
        default: nil
        }
    }

    /// Block by block: SLEEF into the output, the C math library for the elements SLEEF gets
    /// wrong (see the top of the file), then the scan of inputs against outputs for the flags.
    @inline(__always)
    static func runUnary<T: VectorMathElement>(_ op: UnaryOp, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
                                               _ n: Int, level: Int32, _ run: UnaryLoop<T>) {
        let vanishesOnlyAtZero = op.vanishesOnlyAtZero
        withUnsafeTemporaryAllocation(of: T.self, capacity: blockSize) { saved in
            let copy = saved.baseAddress!
            ElementwiseFlags.replacingFloatingPointFlags {
                var nanFromNumber = false, infiniteFromFinite = false
                var start = 0
                while start < n {
                    let m = Swift.min(blockSize, n - start)
                    var input = x + start
                    let output = y + start
                    if UnsafeRawPointer(input) == UnsafeRawPointer(output) {
                        // In place: keep the inputs for the scan.
                        copy.update(from: input, count: m)
                        input = UnsafePointer(copy)
                    }
                    run(level, input, output, m)
                    var scan = T.scan(input, UnsafePointer(output), m)
                    if scan.infiniteFromFinite || (vanishesOnlyAtZero && scan.zeroFromNonzero) {
                        for i in 0..<m where T.suspect(input[i], output[i], vanishesOnlyAtZero) {
                            output[i] = op.libm(input[i])
                        }
                        scan = T.scan(input, UnsafePointer(output), m)
                    }
                    nanFromNumber = nanFromNumber || scan.nanFromNumber
                    infiniteFromFinite = infiniteFromFinite || scan.infiniteFromFinite
                    start += m
                }
                var found: ElementwiseFlags = []
                if nanFromNumber { found.insert(.invalid) }
                if infiniteFromFinite { found.insert(op.hasPole ? .divideByZero : .overflow) }
                return found
            }
        }
    }
}

extension UnaryOp {
    /// Whether the function is zero only at zero (so a zero result from a nonzero argument is
    /// an underflowed answer SLEEF flushed, as its `log1p` does for subnormal arguments).
    var vanishesOnlyAtZero: Bool {
        switch self {
        case .sin, .tan, .arcsin, .arctan, .sinh, .tanh, .expm1, .log1p, .cbrt, .arcsinh, .arctanh: true
        default: false
        }
    }

    /// The op through the C math library, for the elements SLEEF gets wrong.
    @inline(__always)
    func libm<T: UfuncFloat>(_ x: T) -> T {
        switch self {
        case .sin: T.ufuncSin(x)
        case .cos: T.ufuncCos(x)
        case .tan: T.ufuncTan(x)
        case .arcsin: T.ufuncArcsin(x)
        case .arccos: T.ufuncArccos(x)
        case .arctan: T.ufuncArctan(x)
        case .sinh: T.ufuncSinh(x)
        case .cosh: T.ufuncCosh(x)
        case .tanh: T.ufuncTanh(x)
        case .exp: T.ufuncExp(x)
        case .expm1: T.ufuncExpm1(x)
        case .log: T.ufuncLog(x)
        case .log1p: T.ufuncLog1p(x)
        case .log2: T.ufuncLog2(x)
        case .log10: T.ufuncLog10(x)
        case .cbrt: T.ufuncCbrt(x)
        case .arcsinh: T.ufuncArcsinh(x)
        case .arccosh: T.ufuncArccosh(x)
        case .arctanh: T.ufuncArctanh(x)
        case .exp2: T.ufuncExp2(x)
        default: x
        }
    }
}

// MARK: - Binary

extension VectorMath {
    typealias BinaryLoop<T> = (Int32, UnsafePointer<T>, Int, UnsafePointer<T>, Int, UnsafeMutablePointer<T>, Int) -> Void

    /// `y[i] = op(a[i·sa], b[i·sb])` (strides 0 or 1) for a float64 tile through SLEEF; false
    /// when the op has no SLEEF loop or SLEEF is off. `y` may alias a contiguous input.
    @usableFromInline
    static func binary(_ op: BinaryOp, _ a: UnsafePointer<Double>, _ sa: Int, _ b: UnsafePointer<Double>, _ sb: Int,
                       _ y: UnsafeMutablePointer<Double>, _ n: Int, level: Int32 = level) -> Bool {
        let run: BinaryLoop<Double>
        switch op {
        case .power: run = dusk_sleef_pow_f64
        case .arctan2: run = dusk_sleef_atan2_f64
        default: return false
        }
        guard level > 0 else { return false }
        runBinary(op, a, sa, b, sb, y, n, level: level, run)
        return true
    }

    /// The float32 form of `binary`.
    @usableFromInline
    static func binary(_ op: BinaryOp, _ a: UnsafePointer<Float>, _ sa: Int, _ b: UnsafePointer<Float>, _ sb: Int,
                       _ y: UnsafeMutablePointer<Float>, _ n: Int, level: Int32 = level) -> Bool {
        let run: BinaryLoop<Float>
        switch op {
        case .power: run = dusk_sleef_pow_f32
        case .arctan2: run = dusk_sleef_atan2_f32
        default: return false
        }
        guard level > 0 else { return false }
        runBinary(op, a, sa, b, sb, y, n, level: level, run)
        return true
    }

    @inline(__always)
    static func runBinary<T: VectorMathElement>(_ op: BinaryOp, _ a: UnsafePointer<T>, _ sa: Int,
                                                _ b: UnsafePointer<T>, _ sb: Int, _ y: UnsafeMutablePointer<T>,
                                                _ n: Int, level: Int32, _ run: BinaryLoop<T>) {
        withUnsafeTemporaryAllocation(of: T.self, capacity: 2 * blockSize) { saved in
            let copyA = saved.baseAddress!, copyB = copyA + blockSize
            ElementwiseFlags.replacingFloatingPointFlags {
                var found: ElementwiseFlags = []
                var start = 0
                while start < n {
                    let m = Swift.min(blockSize, n - start)
                    var blockA = a + start * sa, blockB = b + start * sb
                    let out = UnsafeRawPointer(y + start)
                    if sa != 0 && UnsafeRawPointer(blockA) == out {
                        copyA.update(from: blockA, count: m)
                        blockA = UnsafePointer(copyA)
                    }
                    if sb != 0 && UnsafeRawPointer(blockB) == out {
                        copyB.update(from: blockB, count: m)
                        blockB = UnsafePointer(copyB)
                    }
                    let output = y + start
                    run(level, blockA, sa, blockB, sb, output, m)
                    var flags = T.scanPower(blockA, sa, blockB, sb, UnsafePointer(output), m)
                    if !flags.isDisjoint(with: [.divideByZero, .overflow]) {
                        // Infinite from finite: recompute those elements with the C math library.
                        for i in 0..<m where T.suspect(blockA[i * sa], output[i], false)
                            && blockB[i * sb].magnitudeBits < T.infinityBits {
                            output[i] = op == .power ? T.ufuncPow(blockA[i * sa], blockB[i * sb])
                                : T.ufuncArctan2(blockA[i * sa], blockB[i * sb])
                        }
                        flags = T.scanPower(blockA, sa, blockB, sb, UnsafePointer(output), m)
                    }
                    found.formUnion(flags)
                    start += m
                }
                // atan2 is defined everywhere: it only turns NaN into NaN.
                if op == .arctan2 { found.subtract([.divideByZero, .overflow]) }
                return found
            }
        }
    }
}

// MARK: - Scans

/// `Float` and `Double`, for the scans that derive the exception flags.
protocol VectorMathElement: UfuncFloat {
    associatedtype Bits: FixedWidthInteger & UnsignedInteger
    var bitPattern: Bits { get }
    /// The bits of +infinity; magnitudes above it are NaN.
    static var infinityBits: Bits { get }
}

extension Double: VectorMathElement {
    static var infinityBits: UInt64 { 0x7FF0_0000_0000_0000 }
}

extension Float: VectorMathElement {
    static var infinityBits: UInt32 { 0x7F80_0000 }
}

extension VectorMathElement {
    /// `bitPattern` without the sign: compares as the magnitude, NaN above infinity, with no
    /// floating-point compare (which could raise flags of its own).
    @inline(__always) var magnitudeBits: Bits { bitPattern & ~(1 << (Bits.bitWidth - 1)) }

    /// Whether some output is NaN where its input is not, and whether some output is
    /// infinite where its input is finite.
    @inline(__always)
    static func scan(_ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>, _ n: Int)
        -> (nanFromNumber: Bool, infiniteFromFinite: Bool, zeroFromNonzero: Bool) {
        let infinity = infinityBits
        var nan: Bits = 0, infinite: Bits = 0, zero: Bits = 0
        for i in 0..<n {
            let input = x[i].magnitudeBits, output = y[i].magnitudeBits
            // Branch-free so the loop vectorizes: each term is 0 or 1.
            nan |= (output > infinity ? 1 : 0) & (input <= infinity ? 1 : 0)
            infinite |= (output == infinity ? 1 : 0) & (input < infinity ? 1 : 0)
            zero |= (output == 0 ? 1 : 0) & (input != 0 ? 1 : 0)
        }
        return (nan != 0, infinite != 0, zero != 0)
    }

    /// Whether SLEEF's `output` for `input` may be wrong: infinite from a finite input, or
    /// zero from a nonzero one when the function vanishes only at zero.
    @inline(__always)
    static func suspect(_ input: Self, _ output: Self, _ vanishesOnlyAtZero: Bool) -> Bool {
        let x = input.magnitudeBits, y = output.magnitudeBits
        return (y == infinityBits && x < infinityBits) || (vanishesOnlyAtZero && y == 0 && x != 0)
    }

    /// The conditions of `pow(a, b)` (or `atan2`): invalid for a NaN from non-NaN operands;
    /// for an infinity from a zero base, divide by zero (`0 ** -1`, and `0 ** -inf` as NumPy
    /// reports it); for an infinity from other finite operands, overflow.
    @inline(__always)
    static func scanPower(_ a: UnsafePointer<Self>, _ sa: Int, _ b: UnsafePointer<Self>, _ sb: Int,
                          _ y: UnsafePointer<Self>, _ n: Int) -> ElementwiseFlags {
        let infinity = infinityBits
        var nan: Bits = 0, pole: Bits = 0, overflow: Bits = 0
        for i in 0..<n {
            let base = a[i * sa].magnitudeBits, exponent = b[i * sb].magnitudeBits, output = y[i].magnitudeBits
            let numbers: Bits = (base <= infinity ? 1 : 0) & (exponent <= infinity ? 1 : 0)
            let infinite: Bits = output == infinity ? 1 : 0
            nan |= (output > infinity ? 1 : 0) & numbers
            // 0 ** -inf counts as a pole too, as NumPy reports it.
            pole |= infinite & (base == 0 ? 1 : 0) & numbers
            overflow |= infinite & (base != 0 ? 1 : 0) & (base < infinity ? 1 : 0) & (exponent < infinity ? 1 : 0)
        }
        var found: ElementwiseFlags = []
        if nan != 0 { found.insert(.invalid) }
        if pole != 0 { found.insert(.divideByZero) }
        if overflow != 0 { found.insert(.overflow) }
        return found
    }
}
