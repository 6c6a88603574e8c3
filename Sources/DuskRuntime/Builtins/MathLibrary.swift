import Foundation

/// The `math` namespace: Python's math module for plain numbers.
enum MathLibrary {
    static let domainError = DuskError(.valueError, "math domain error")

    static func install(_ r: inout Registry) {
        let ns = "math"
        r.addNamespace(ns, doc: "Mathematical functions of plain numbers (Python's math module).")
        r.setValue(.float(Double.pi), named: "pi", in: ns)
        r.setValue(.float(M_E), named: "e", in: ns)
        r.setValue(.float(2 * Double.pi), named: "tau", in: ns)
        r.setValue(.float(.infinity), named: "inf", in: ns)
        r.setValue(.float(.nan), named: "nan", in: ns)

        func unary(_ name: String, _ doc: String, domain: @escaping @Sendable (Double) -> Bool = { _ in true },
                   _ f: @escaping @Sendable (Double) -> Double) {
            r.register(in: ns, "\(name)(x, /)", doc: doc) { args, _ in
                let x = try args.double(0)
                guard domain(x) else { throw domainError }
                let y = f(x)
                if y.isInfinite && x.isFinite { throw DuskError(.overflowError, "math range error") }
                return .float(y)
            }
        }
        unary("sqrt", "The square root of x.", domain: { $0 >= 0 || $0.isNaN }, Foundation.sqrt)
        unary("exp", "e raised to the power x.", Foundation.exp)
        unary("expm1", "exp(x) - 1, accurate for small x.", Foundation.expm1)
        unary("log2", "The base-2 logarithm of x.", domain: { $0 > 0 || $0.isNaN }, Foundation.log2)
        unary("log10", "The base-10 logarithm of x.", domain: { $0 > 0 || $0.isNaN }, Foundation.log10)
        unary("log1p", "log(1 + x), accurate for small x.", domain: { $0 > -1 || $0.isNaN }, Foundation.log1p)
        unary("sin", "The sine of x (radians).", domain: { !$0.isInfinite }, Foundation.sin)
        unary("cos", "The cosine of x (radians).", domain: { !$0.isInfinite }, Foundation.cos)
        unary("tan", "The tangent of x (radians).", domain: { !$0.isInfinite }, Foundation.tan)
        unary("asin", "The arc sine of x, in radians.", domain: { abs($0) <= 1 || $0.isNaN }, Foundation.asin)
        unary("acos", "The arc cosine of x, in radians.", domain: { abs($0) <= 1 || $0.isNaN }, Foundation.acos)
        unary("atan", "The arc tangent of x, in radians.", Foundation.atan)
        unary("sinh", "The hyperbolic sine of x.", Foundation.sinh)
        unary("cosh", "The hyperbolic cosine of x.", Foundation.cosh)
        unary("tanh", "The hyperbolic tangent of x.", Foundation.tanh)
        unary("fabs", "The absolute value of x, as a float.", Swift.abs)
        unary("degrees", "x converted from radians to degrees.") { $0 * 180 / Double.pi }
        unary("radians", "x converted from degrees to radians.") { $0 * Double.pi / 180 }
        unary("gamma", "The gamma function at x.", domain: { !($0 <= 0 && $0 == $0.rounded()) }, Foundation.tgamma)
        unary("lgamma", "The natural logarithm of |gamma(x)|.", domain: { !($0 <= 0 && $0 == $0.rounded()) }, Foundation.lgamma)
        unary("erf", "The error function at x.", Foundation.erf)
        unary("erfc", "The complementary error function at x.", Foundation.erfc)

        r.register(in: ns, "log(x, base=?)", doc: "The natural logarithm of x, or the logarithm to base.") { args, _ in
            let x = try args.double(0)
            guard x > 0 || x.isNaN else { throw domainError }
            if args.has(1) {
                let b = try args.double(1)
                guard b > 0 && b != 1 else { throw b == 1 ? DuskError.divisionByZero("float division by zero") : domainError }
                return .float(Foundation.log(x) / Foundation.log(b))
            }
            return .float(Foundation.log(x))
        }
        r.register(in: ns, "atan2(y, x, /)", doc: "The angle of the point (x, y), in radians.") { args, _ in
            .float(Foundation.atan2(try args.double(0), try args.double(1)))
        }
        r.register(in: ns, "hypot(*coordinates)", doc: "The Euclidean norm of the coordinates.") { args, _ in
            var total = 0.0
            for v in args.variadic {
                guard let d = v.numericValue else { throw DuskError(.typeError, "must be real number, not \(v.typeName)") }
                total = Foundation.hypot(total, d)
            }
            return .float(total)
        }
        r.register(in: ns, "pow(x, y, /)", doc: "x raised to the power y, as floats.") { args, _ in
            let x = try args.double(0), y = try args.double(1)
            if x == 0 && y < 0 { throw domainError }
            if x < 0 && y != y.rounded() && y.isFinite { throw domainError }
            return .float(Foundation.pow(x, y))
        }
        r.register(in: ns, "copysign(x, y, /)", doc: "x with the sign of y.") { args, _ in
            .float(Foundation.copysign(try args.double(0), try args.double(1)))
        }
        for (name, rule, doc) in [("floor", FloatingPointRoundingRule.down, "The largest integer <= x."),
                                  ("ceil", .up, "The smallest integer >= x."),
                                  ("trunc", .towardZero, "x truncated toward zero, as an integer.")] {
            r.register(in: ns, "\(name)(x, /)", doc: doc) { args, _ in
                if let i = args[0].intValue { return .int(i) }
                return .int(try NumberLibrary.truncate(try args.double(0).rounded(rule)))
            }
        }
        r.register(in: ns, "isnan(x, /)", doc: "Whether x is not a number.") { args, _ in .bool(try args.double(0).isNaN) }
        r.register(in: ns, "isinf(x, /)", doc: "Whether x is positive or negative infinity.") { args, _ in .bool(try args.double(0).isInfinite) }
        r.register(in: ns, "isfinite(x, /)", doc: "Whether x is neither infinite nor NaN.") { args, _ in .bool(try args.double(0).isFinite) }
        r.register(in: ns, "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)", doc: "Whether a and b are close to each other.") { args, _ in
            let a = try args.double(0), b = try args.double(1)
            if a == b { return .true }
            if a.isInfinite || b.isInfinite { return .false }
            let diff = abs(a - b)
            let tol = max(try args.double(2) * max(abs(a), abs(b)), try args.double(3))
            return .bool(diff <= tol)
        }
        r.register(in: ns, "fsum(iterable, /)", doc: "An accurate floating-point sum of the values.") { args, ctx in
            // Shewchuk's algorithm: exact partial sums.
            var partials: [Double] = []
            for v in try ctx.elements(of: args[0]) {
                guard var x = v.numericValue else { throw DuskError(.typeError, "must be real number, not \(v.typeName)") }
                var kept: [Double] = []
                for var y in partials {
                    if abs(x) < abs(y) { swap(&x, &y) }
                    let hi = x + y
                    let lo = y - (hi - x)
                    if lo != 0 { kept.append(lo) }
                    x = hi
                }
                kept.append(x)
                partials = kept
            }
            return .float(partials.reduce(0, +))
        }
        r.register(in: ns, "prod(iterable, /, *, start=1)", doc: "The product of start and the items.") { args, ctx in
            var total = args[1]
            for v in try ctx.elements(of: args[0]) { total = try ctx.binary(.multiply, total, v) }
            return total
        }
        r.register(in: ns, "factorial(n, /)", doc: "n! for a non-negative integer n.") { args, _ in
            let n = try args.int(0)
            if n < 0 { throw DuskError(.valueError, "factorial() not defined for negative values") }
            var result = 1
            if n > 1 {
                for i in 2...n {
                    let (r, o) = result.multipliedReportingOverflow(by: i)
                    if o { throw DuskError.integerOverflow("factorial") }
                    result = r
                }
            }
            return .int(result)
        }
        r.register(in: ns, "gcd(*integers)", doc: "The greatest common divisor of the integers.") { args, _ in
            var g = 0
            for v in args.variadic {
                guard var b = v.intValue?.magnitude else { throw DuskError.notInteger(v) }
                var a = UInt(g)
                while b != 0 { (a, b) = (b, a % b) }
                g = Int(a)
            }
            return .int(g)
        }
        r.register(in: ns, "comb(n, k, /)", doc: "The number of ways to choose k items from n.") { args, _ in
            let n = try args.int(0), k = try args.int(1)
            if n < 0 || k < 0 { throw DuskError(.valueError, "n and k must be non-negative integers") }
            if k > n { return .int(0) }
            var result = 1
            for i in 0..<min(k, n - k) {
                let (m, o) = result.multipliedReportingOverflow(by: n - i)
                if o { throw DuskError.integerOverflow("comb") }
                result = m / (i + 1)
            }
            return .int(result)
        }
    }
}
