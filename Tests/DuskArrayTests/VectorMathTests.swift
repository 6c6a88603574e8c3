#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import DuskArray

/// SLEEF's tile loops against the C math library, element by element, at every
/// instruction-set level this processor has: the same special values (NaN, infinities,
/// signed zeros) exactly, other values within 2 ULP (SLEEF and glibc are each within 1 ULP of
/// the true value), and the same floating-point exception flags, which become NumPy's warnings.
@Suite("SLEEF tiles match the C math library")
struct VectorMathTests {
    static let levels: [Int32] = Array(1...Swift.max(1, VectorMath.level)).filter { _ in VectorMath.level > 0 }

    static let doubles: [Double] = {
        let magnitudes: [Double] = [0, .leastNonzeroMagnitude, 1e-310, .leastNormalMagnitude, 1e-300, 1e-20, 1e-8,
                                    0.1, 0.5, 0.75, 1, 1.5, .pi / 2, 2, 3.5, 10, 22, 100, 700, 709.78, 710, 800,
                                    1e5, 1e6 + 0.5, 1e22, 1e300, .greatestFiniteMagnitude, .infinity]
        return magnitudes.flatMap { [$0, -$0] } + [.nan, -.nan]
    }()

    static let floats: [Float] = {
        let magnitudes: [Float] = [0, .leastNonzeroMagnitude, 1e-40, .leastNormalMagnitude, 1e-30, 1e-8, 0.1, 0.5,
                                   0.75, 1, 1.5, .pi / 2, 2, 3.5, 10, 22, 88.5, 88.8, 89, 100, 1e5, 1e22, 1e38,
                                   .greatestFiniteMagnitude, .infinity]
        return magnitudes.flatMap { [$0, -$0] } + [.nan, -.nan]
    }()

    /// The ops with SLEEF loops and their C functions.
    static let unaryDouble: [(UnaryOp, @Sendable (Double) -> Double)] = [
        (.sin, { sin($0) }), (.cos, { cos($0) }), (.tan, { tan($0) }), (.arcsin, { asin($0) }),
        (.arccos, { acos($0) }), (.arctan, { atan($0) }), (.sinh, { sinh($0) }), (.cosh, { cosh($0) }),
        (.tanh, { tanh($0) }), (.exp, { exp($0) }), (.expm1, { expm1($0) }), (.log, { log($0) }),
        (.log1p, { log1p($0) }), (.log2, { log2($0) }), (.log10, { log10($0) }), (.cbrt, { cbrt($0) }),
        (.arcsinh, { asinh($0) }), (.arccosh, { acosh($0) }), (.arctanh, { atanh($0) }), (.exp2, { exp2($0) }),
    ]
    static let unaryFloat: [(UnaryOp, @Sendable (Float) -> Float)] = [
        (.sin, { sinf($0) }), (.cos, { cosf($0) }), (.tan, { tanf($0) }), (.arcsin, { asinf($0) }),
        (.arccos, { acosf($0) }), (.arctan, { atanf($0) }), (.sinh, { sinhf($0) }), (.cosh, { coshf($0) }),
        (.tanh, { tanhf($0) }), (.exp, { expf($0) }), (.expm1, { expm1f($0) }), (.log, { logf($0) }),
        (.log1p, { log1pf($0) }), (.log2, { log2f($0) }), (.log10, { log10f($0) }), (.cbrt, { cbrtf($0) }),
        (.arcsinh, { asinhf($0) }), (.arccosh, { acoshf($0) }), (.arctanh, { atanhf($0) }), (.exp2, { exp2f($0) }),
    ]

    /// `f(x)` and the exception flags it raised.
    static func withFlags<T>(_ body: () -> T) -> (T, ElementwiseFlags) {
        ElementwiseFlags.clearFloatingPointFlags()
        let value = body()
        return (value, ElementwiseFlags.floatingPointFlags())
    }

    /// Same NaN-ness, infinities and zeros with their signs, else within `ulps`.
    static func agree<T: BinaryFloatingPoint>(_ a: T, _ b: T, ulps: T = 2) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite || a == 0 || b == 0 { return a == b && a.sign == b.sign }
        return abs(a - b) <= ulps * Swift.max(a.ulp, b.ulp)
    }

    @Test func sleefIsUsedOnX86() {
        #if arch(x86_64)
        #expect(VectorMath.level >= 1 || getenv("DUSK_VECTOR_MATH") != nil)
        #endif
    }

    @Test(arguments: levels)
    func unaryFloat64(level: Int32) {
        for (op, reference) in Self.unaryDouble {
            for x in Self.doubles {
                let (expected, expectedFlags) = Self.withFlags { reference(x) }
                var input = x, output = 0.0
                let (ran, flags) = Self.withFlags { VectorMath.unary(op, &input, &output, 1, level: level) }
                #expect(ran)
                #expect(Self.agree(output, expected), "\(op)(\(x)) = \(output), libm \(expected) at level \(level)")
                #expect(flags == expectedFlags, "\(op)(\(x)) flags \(flags), libm \(expectedFlags) at level \(level)")
            }
        }
    }

    @Test(arguments: levels)
    func unaryFloat32(level: Int32) {
        for (op, reference) in Self.unaryFloat {
            for x in Self.floats {
                let (expected, expectedFlags) = Self.withFlags { reference(x) }
                var input = x, output: Float = 0
                let (ran, flags) = Self.withFlags { VectorMath.unary(op, &input, &output, 1, level: level) }
                #expect(ran)
                #expect(Self.agree(output, expected), "\(op)(\(x)) = \(output), libm \(expected) at level \(level)")
                #expect(flags == expectedFlags, "\(op)(\(x)) flags \(flags), libm \(expectedFlags) at level \(level)")
            }
        }
    }

    static let bases: [Double] = [0, -0.0, 1, -1, 2, -2, 0.5, -8, 10, 1e300, 1e-300, 1e-310, .infinity, -.infinity, .nan]
    static let exponents: [Double] = [0, -0.0, 1, -1, 2, 3, -3, 0.5, 1.0 / 3, -0.5, 1000, -1000, 1e300,
                                      .infinity, -.infinity, .nan]

    @Test(arguments: levels)
    func powerAndArctan2(level: Int32) {
        let cases: [(BinaryOp, (Double, Double) -> Double, (Float, Float) -> Float)] = [
            (.power, { pow($0, $1) }, { powf($0, $1) }), (.arctan2, { atan2($0, $1) }, { atan2f($0, $1) }),
        ]
        for (op, double, float) in cases {
            for a in Self.bases {
                for b in Self.exponents {
                    var (expected, expectedFlags) = Self.withFlags { double(a, b) }
                    // NumPy (the reference) reports 0 ** -inf as a division by zero; the C library does not.
                    let zeroToMinusInfinity = op == .power && a == 0 && b == -.infinity
                    if zeroToMinusInfinity { expectedFlags.insert(.divideByZero) }
                    var x = a, y = b, output = 0.0
                    let (ran, flags) = Self.withFlags { VectorMath.binary(op, &x, 1, &y, 1, &output, 1, level: level) }
                    #expect(ran)
                    #expect(Self.agree(output, expected), "\(op)(\(a), \(b)) = \(output), libm \(expected)")
                    #expect(flags == expectedFlags, "\(op)(\(a), \(b)) flags \(flags), libm \(expectedFlags)")

                    var x32 = Float(a), y32 = Float(b), output32: Float = 0
                    var (expected32, expectedFlags32) = Self.withFlags { float(x32, y32) }
                    if op == .power && x32 == 0 && y32 == -.infinity { expectedFlags32.insert(.divideByZero) }
                    let (ran32, flags32) = Self.withFlags {
                        VectorMath.binary(op, &x32, 1, &y32, 1, &output32, 1, level: level)
                    }
                    #expect(ran32)
                    #expect(Self.agree(output32, expected32), "\(op)(\(x32), \(y32)) = \(output32), libm \(expected32) (float32)")
                    #expect(flags32 == expectedFlags32, "\(op)(\(x32), \(y32)) flags \(flags32), libm \(expectedFlags32) (float32)")
                }
            }
        }
    }

    /// Whole tiles: every length through the vector body and the padded tail, strided
    /// (repeated) operands, in-place outputs, and the flags of a tile as the union of its
    /// elements' flags, with flags raised before the tile kept.
    @Test(arguments: levels)
    func tilesOfEveryLength(level: Int32) {
        let values = (0..<2100).map { Self.doubles[$0 % Self.doubles.count] * Double($0 % 7 + 1) }
        for n in [0, 1, 3, 7, 8, 9, 15, 16, 17, 33, 1023, 1024, 1025, 2100] {
            let input = Array(values.prefix(n))
            var expectedFlags: ElementwiseFlags = []
            var expected: [Double] = []
            for x in input {
                let (value, flags) = Self.withFlags { log(x) }
                expected.append(value)
                expectedFlags.formUnion(flags)
            }
            var inPlace = input
            let (_, flags) = Self.withFlags {
                inPlace.withUnsafeMutableBufferPointer { buffer in
                    _ = VectorMath.unary(.log, buffer.baseAddress!, buffer.baseAddress!, n, level: level)
                }
            }
            #expect(flags == expectedFlags, "log over \(n) elements in place")
            #expect(zip(inPlace, expected).allSatisfy { Self.agree($0, $1) }, "log over \(n) elements in place")

            // A flag raised before the tile stays raised; the tile adds its own.
            var powerFlags: ElementwiseFlags = [.overflow]
            for x in input { powerFlags.formUnion(Self.withFlags { pow(x, 0.5) }.1) }
            ElementwiseFlags.clearFloatingPointFlags()
            feraiseexcept(FE_OVERFLOW)
            var output = [Double](repeating: 0, count: n)
            var exponent = 0.5
            _ = VectorMath.binary(.power, input, 1, &exponent, 0, &output, n, level: level)
            #expect(ElementwiseFlags.floatingPointFlags() == powerFlags, "x ** 0.5 over \(n) elements")
        }
    }
}
