import Foundation

/// Python's textual forms of floats.
enum FloatFormatter {
    /// `repr(x)`: the shortest text that reads back as the same double, with Python's
    /// switch to exponent notation below 1e-4 and from 1e16 (`0.1`, `1e+16`, `1.5e-07`).
    static func repr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        // Swift's description is the shortest round-trip form; normalize its layout.
        let (negative, digits, exponent) = decompose(d)
        let sign = negative ? "-" : ""
        if exponent >= -4 && exponent < 16 {
            return sign + fixed(digits: digits, exponent: exponent, minFraction: 1)
        }
        return sign + scientific(digits: digits, exponent: exponent)
    }

    /// The shortest round-trip decimal digits of `|d|` and the exponent of the first digit.
    static func decompose(_ d: Double) -> (negative: Bool, digits: [UInt8], exponent: Int) {
        let negative = d.sign == .minus
        let text = abs(d).description
        if abs(d) == 0 { return (negative, [0], 0) }
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointPosition = mantissa.count
        for (i, ch) in mantissa.enumerated() {
            if ch == "." { pointPosition = i; continue }
            digits.append(UInt8(ch.asciiValue! - 48))
        }
        // Value = 0.d1d2... * 10^(pointPosition) * 10^exp; first digit exponent = pointPosition - 1 + exp.
        var exponent = pointPosition - 1 + exp
        while digits.first == 0 && digits.count > 1 { digits.removeFirst(); exponent -= 1 }
        while digits.last == 0 && digits.count > 1 { digits.removeLast() }
        return (negative, digits, exponent)
    }

    private static func fixed(digits: [UInt8], exponent: Int, minFraction: Int) -> String {
        var intPart = ""
        var fracPart = ""
        if exponent < 0 {
            intPart = "0"
            fracPart = String(repeating: "0", count: -exponent - 1) + digits.map { String($0) }.joined()
        } else {
            for i in 0...exponent { intPart += i < digits.count ? String(digits[i]) : "0" }
            if digits.count > exponent + 1 { fracPart = digits[(exponent + 1)...].map { String($0) }.joined() }
        }
        if fracPart.count < minFraction { fracPart += String(repeating: "0", count: minFraction - fracPart.count) }
        return fracPart.isEmpty ? intPart : intPart + "." + fracPart
    }

    private static func scientific(digits: [UInt8], exponent: Int) -> String {
        var s = String(digits[0])
        if digits.count > 1 { s += "." + digits[1...].map { String($0) }.joined() }
        let e = abs(exponent)
        return s + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    }

    /// A format spec with a precision and no type (`{x:.3}`): like `g`, but fixed
    /// notation keeps one digit after the point and switches to exponents one digit
    /// earlier, as CPython does.
    static func shortG(_ x: Double, precision p: Int) -> String {
        let sci = printf(x, precision: p - 1, type: "e")
        guard let e = sci.firstIndex(of: "e"), let exponent = Int(sci[sci.index(after: e)...]) else { return sci }
        if exponent >= -4 && exponent < p - 1 {
            var fixed = printf(x, precision: max(0, p - 1 - exponent), type: "f")
            if fixed.contains(".") {
                while fixed.hasSuffix("0") { fixed.removeLast() }
                if fixed.hasSuffix(".") { fixed += "0" }
            } else {
                fixed += ".0"
            }
            return fixed
        }
        var mantissa = String(sci[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
    }

    /// printf-style formatting of a finite double (`f`, `e`, `g`), correctly rounded.
    static func printf(_ d: Double, precision: Int, type: Character, alternate: Bool = false) -> String {
        let flag = alternate ? "#" : ""
        return String(format: "%\(flag).\(precision)\(type)", d)
    }
}
