import Foundation

/// Numbers: constructors (`int`, `float`, `bool`) and numeric built-ins.
enum NumberLibrary {
    static let intConstructor = Builtin("int(x=0, /, base=?)", doc: "An integer from a number or a string (with an optional base).") { args, _ in
        if args.has(1) {
            guard case .str(let s) = args[0] else { throw DuskError(.typeError, "int() can't convert non-string with explicit base") }
            return .int(try parseInt(s, base: try args.int(1)))
        }
        return .int(try toInt(args[0]))
    }

    static let floatConstructor = Builtin("float(x=0.0, /)", doc: "A float from a number or a string ('1.5', 'inf', 'nan').") { args, _ in
        .float(try toDouble(args[0]))
    }

    static let boolConstructor = Builtin("bool(x=False, /)", doc: "The truth value of x.") { args, ctx in
        .bool(try ctx.truthiness(args[0]))
    }

    static let intMethods: [Builtin] = [
        Builtin("bit_length(self, /)", doc: "The number of bits needed to represent the absolute value.") { args, _ in
            let i = try args.int(0)
            return .int(i == 0 ? 0 : Int.bitWidth - i.magnitude.leadingZeroBitCount)
        },
    ]

    static let floatMethods: [Builtin] = [
        Builtin("is_integer(self, /)", doc: "Whether the float is a whole number.") { args, _ in
            let d = try args.double(0)
            return .bool(d.isFinite && d == d.rounded())
        },
    ]

    /// `int(x)` for numbers and strings.
    static func toInt(_ v: Value) throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return try truncate(d)
        case .str(let s): return try parseInt(s, base: 10)
        case .object(let o):
            if let plain = o.plainValue { return try toInt(plain) }
        default: break
        }
        throw DuskError(.typeError, "int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
    }

    static func truncate(_ d: Double) throws -> Int {
        if d.isNaN { throw DuskError(.valueError, "cannot convert float NaN to integer") }
        if d.isInfinite { throw DuskError(.overflowError, "cannot convert float infinity to integer") }
        guard let i = Int(exactly: d.rounded(.towardZero)) else { throw DuskError(.overflowError, "integer overflow in 'int()'") }
        return i
    }

    /// Parses an integer literal the way `int(s, base)` does (sign, underscores, prefixes for base 0).
    static func parseInt(_ text: String, base: Int) throws -> Int {
        guard base == 0 || (2...36).contains(base) else {
            throw DuskError(.valueError, "int() base must be >= 2 and <= 36, or 0")
        }
        let invalid = DuskError(.valueError, "invalid literal for int() with base \(base): \(StringQuoting.repr(text))")
        var s = Substring(text.trimmingCharacters(in: " ").trimmingCharacters(in: "\n"))
        var negative = false
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        var radix = base
        let lower = s.lowercased()
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            if base == 0 || base == r { radix = r; s = s.dropFirst(2); if s.first == "_" { s = s.dropFirst() } }
        }
        if radix == 0 {
            radix = 10
            if s.count > 1 && s.first == "0" && s.contains(where: { $0 != "0" && $0 != "_" }) { throw invalid }
        }
        guard !s.isEmpty, s.first != "_", s.last != "_", !s.contains("__") else { throw invalid }
        let digits = s.filter { $0 != "_" }
        guard let magnitude = UInt(digits, radix: radix) else {
            if digits.allSatisfy({ $0.isHexDigit || $0.isLetter }) && !digits.isEmpty,
               digits.allSatisfy({ Int(String($0), radix: radix) != nil }) {
                throw DuskError(.overflowError, "integer overflow in 'int()'")
            }
            throw invalid
        }
        if negative {
            if magnitude == UInt(Int.max) + 1 { return .min }
            guard magnitude <= UInt(Int.max) else { throw DuskError(.overflowError, "integer overflow in 'int()'") }
            return -Int(magnitude)
        }
        guard magnitude <= UInt(Int.max) else { throw DuskError(.overflowError, "integer overflow in 'int()'") }
        return Int(magnitude)
    }

    /// `float(x)` for numbers and strings.
    static func toDouble(_ v: Value) throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .str(let text):
            let s = text.trimmingCharacters(in: " ").trimmingCharacters(in: "\n").lowercased()
            var body = Substring(s)
            var sign = 1.0
            if body.first == "-" || body.first == "+" { sign = body.first == "-" ? -1 : 1; body = body.dropFirst() }
            switch body {
            case "inf", "infinity": return sign * .infinity
            case "nan": return .nan
            default: break
            }
            let allowed = body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "+" || $0 == "-" || $0 == "_") }
            if allowed, !body.isEmpty, let d = Double(body.filter { $0 != "_" }) { return sign * d }
            throw DuskError(.valueError, "could not convert string to float: \(StringQuoting.repr(text))")
        case .object(let o):
            if let plain = o.plainValue { return try toDouble(plain) }
        default: break
        }
        throw DuskError(.typeError, "float() argument must be a string or a real number, not '\(v.typeName)'")
    }

    static let absBuiltin = Builtin("abs(x, /)", doc: "The absolute value of a number.") { args, ctx in
        switch args[0] {
        case .int(let i):
            if i == .min { throw DuskError.integerOverflow("abs") }
            return .int(abs(i))
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d): return .float(abs(d))
        case .object(let o):
            if case .int(let i)? = o.plainValue { return .int(abs(i)) }
            if case .float(let d)? = o.plainValue { return .float(abs(d)) }
            if let method = try? ctx.attribute(of: args[0], "__abs__") { return try ctx.call(method, []) }
            throw DuskError(.typeError, "bad operand type for abs(): '\(args[0].typeName)'")
        default: throw DuskError(.typeError, "bad operand type for abs(): '\(args[0].typeName)'")
        }
    }

    static func install(_ r: inout Registry) {
        r.setValue(.builtin(absBuiltin), named: "abs")
        r.register("round(number, ndigits=None)", doc: "Rounds to ndigits decimals (half to even); an int when ndigits is None.") { args, _ in
            try round(args[0], ndigits: try args.optionalInt(1))
        }
        r.register("divmod(a, b, /)", doc: "The pair (a // b, a % b).") { args, ctx in
            .tuple([try ctx.binary(.floorDivide, args[0], args[1]), try ctx.binary(.modulo, args[0], args[1])])
        }
        r.register("pow(base, exp, mod=None)", doc: "base ** exp, or (base ** exp) % mod for integers.") { args, ctx in
            guard args.given(2) else { return try ctx.binary(.power, args[0], args[1]) }
            guard let b = args[0].intValue, let e = args[1].intValue, let m = args[2].intValue else {
                throw DuskError(.typeError, "pow() 3rd argument not allowed unless all arguments are integers")
            }
            if m == 0 { throw DuskError(.valueError, "pow() 3rd argument cannot be 0") }
            if e < 0 { throw DuskError(.valueError, "base is not invertible for the given modulus") }
            var result = 1 % m, base = Arithmetic.floorModulo(b, m), exp = e
            while exp > 0 {
                if exp & 1 == 1 { result = mulMod(result, base, m) }
                base = mulMod(base, base, m)
                exp >>= 1
            }
            return .int(Arithmetic.floorModulo(result, m))
        }
        r.register("min(*args, key=None, default?)", doc: "The smallest item of an iterable, or of the arguments.") { args, ctx in
            try extreme(args, ctx, name: "min", wantLarger: false)
        }
        r.register("max(*args, key=None, default?)", doc: "The largest item of an iterable, or of the arguments.") { args, ctx in
            try extreme(args, ctx, name: "max", wantLarger: true)
        }
        r.register("sum(iterable, /, start=0)", doc: "The sum of start and the items of an iterable.") { args, ctx in
            try sum(try ctx.elements(of: args[0]), start: args[1], ctx)
        }
    }

    private static func mulMod(_ a: Int, _ b: Int, _ m: Int) -> Int {
        Int((Int128(a) * Int128(b)) % Int128(m))
    }

    static func round(_ v: Value, ndigits: Int?) throws -> Value {
        switch v {
        case .int, .bool:
            let i = v.intValue!
            guard let n = ndigits, n < 0 else { return .int(i) }
            if n < -18 { return .int(0) }
            let p = Int(Foundation.pow(10.0, Double(-n)))
            let q = try Arithmetic.floorDivide(i, p)
            let rem = i - q * p
            var rounded = q
            if rem * 2 > p || (rem * 2 == p && q % 2 != 0) { rounded += 1 }
            let (r, o) = rounded.multipliedReportingOverflow(by: p)
            if o { throw DuskError.integerOverflow("round") }
            return .int(r)
        case .float(let d):
            guard let n = ndigits else { return .int(try truncate(d.rounded(.toNearestOrEven))) }
            if !d.isFinite || d == 0 { return .float(d) }
            if n >= 0 {
                if n > 300 { return .float(d) }
                let text = String(format: "%.\(n)f", d)
                return .float(Double(text) ?? d)
            }
            if n < -308 { return .float(Foundation.copysign(0, d)) }
            let scale = Foundation.pow(10.0, Double(-n))
            return .float((d / scale).rounded(.toNearestOrEven) * scale)
        case .object(let o):
            if let plain = o.plainValue { return try round(plain, ndigits: ndigits) }
        default: break
        }
        throw DuskError(.typeError, "type \(v.typeName) doesn't define __round__ method")
    }

    /// `min`/`max` with `key=` and `default=`, over one iterable or several arguments.
    static func extreme(_ args: Args, _ ctx: ExecutionContext, name: String, wantLarger: Bool) throws -> Value {
        let positional = args.variadic
        let items: [Value]
        switch positional.count {
        case 0: throw DuskError(.typeError, "\(name) expected at least 1 argument, got 0")
        case 1: items = try ctx.elements(of: positional[0])
        default:
            if args.has(2) { throw DuskError(.typeError, "Cannot specify a default for \(name)() with multiple positional arguments") }
            items = positional
        }
        guard var best = items.first else {
            if args.has(2) { return args[2] }
            throw DuskError(.valueError, "\(name)() arg is an empty sequence")
        }
        let key = args[0 + 1].isNone ? nil : args[1]
        var bestKey = try key.map { try ctx.call($0, [best]) } ?? best
        for item in items.dropFirst() {
            let k = try key.map { try ctx.call($0, [item]) } ?? item
            let better = wantLarger ? try ctx.lessThan(bestKey, k) : try ctx.lessThan(k, bestKey)
            if better { best = item; bestKey = k }
        }
        return best
    }

    /// `sum`: exact integer sums (overflow is an error), compensated float sums as Python's.
    static func sum(_ items: [Value], start: Value, _ ctx: ExecutionContext) throws -> Value {
        if case .str = start { throw DuskError(.typeError, "sum() can't sum strings [use ''.join(seq) instead]") }
        var total = start
        var index = 0
        // Integers: exact.
        if var acc = total.intValue, case .int = total {
            while index < items.count, let i = items[index].intValue {
                let (r, o) = acc.addingReportingOverflow(i)
                if o { throw DuskError.integerOverflow("+") }
                acc = r
                index += 1
            }
            total = .int(acc)
        }
        // Floats: Neumaier compensated summation, as CPython does.
        if index < items.count, case .float = items[index], let base = total.numericValue {
            var s = base
            var c = 0.0
            while index < items.count, let x = items[index].numericValue, !(items[index].isObject) {
                let t = s + x
                if abs(s) >= abs(x) { c += (s - t) + x } else { c += (x - t) + s }
                s = t
                index += 1
            }
            total = .float(s + c)
        }
        while index < items.count {
            total = try ctx.binary(.add, total, items[index])
            index += 1
        }
        return total
    }
}

extension Value {
    var isObject: Bool { if case .object = self { return true }; return false }
}

extension ExecutionContext {
    /// `a < b` as a truth value (sorting, min, max).
    public func lessThan(_ a: Value, _ b: Value) throws -> Bool {
        if case .object = a { return try truthiness(try compare(.less, a, b)) }
        if case .object = b { return try truthiness(try compare(.less, a, b)) }
        return try order(a, b, .less) < 0
    }
}
