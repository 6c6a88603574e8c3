import Foundation

/// The decimal digits of a finite float: `±d₁.d₂d₃… × 10^exponent`.
///
/// Two sources, both exact: the shortest digits that round-trip (Swift's `description`
/// for `Double` and `Float`, the same digits NumPy's Dragon4 finds in unique mode), and the
/// exact binary value rounded half-to-even at a digit position (the C library's `printf`,
/// which NumPy's Dragon4 agrees with when a cutoff comes before uniqueness).
struct DecimalDigits: Equatable {
    /// The sign bit (so `-0.0` is negative).
    var isNegative: Bool
    /// Significant digits 0...9, no leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// Power of ten of the first digit (0 for zero).
    var exponent: Int

    var isZero: Bool { digits.isEmpty }

    /// Digits after the decimal point in positional notation.
    var fractionDigitCount: Int { Swift.max(0, digits.count - 1 - exponent) }

    /// Digits after the first one in scientific notation.
    var scientificFractionCount: Int { Swift.max(0, digits.count - 1) }

    /// The shortest digits that read back as `value` (which must be finite).
    init(shortest value: Double) {
        self.init(parsing: value.description)
        isNegative = value.sign == .minus
    }

    /// The shortest digits that read back as the `float32` value `value` (finite).
    init(shortest value: Float) {
        self.init(parsing: value.description)
        isNegative = value.sign == .minus
    }

    /// `value` exactly, rounded half-to-even to `fractionDigits` digits after the point.
    init(_ value: Double, fractionDigits: Int) {
        self.init(parsing: DecimalDigits.printf(value, precision: fractionDigits, conversion: "f"))
        isNegative = value.sign == .minus
    }

    /// `value` exactly, rounded half-to-even to `significantDigits` (at least 1) digits.
    init(_ value: Double, significantDigits: Int) {
        self.init(parsing: DecimalDigits.printf(value, precision: Swift.max(significantDigits, 1) - 1, conversion: "e"))
        isNegative = value.sign == .minus
    }

    /// Parses a decimal numeral such as `-123.4500`, `1e-05` or `5.0e+16`.
    init(parsing text: String) {
        var mantissa = Substring(text)
        var exponentPart = 0
        if let e = mantissa.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponentPart = Int(mantissa[mantissa.index(after: e)...]) ?? 0
            mantissa = mantissa[..<e]
        }
        isNegative = mantissa.first == "-"
        if mantissa.first == "-" || mantissa.first == "+" { mantissa = mantissa.dropFirst() }
        var all: [UInt8] = []
        var pointPosition: Int?
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") {
                pointPosition = all.count
            } else {
                all.append(character &- UInt8(ascii: "0"))
            }
        }
        let integerDigits = pointPosition ?? all.count
        guard let first = all.firstIndex(where: { $0 != 0 }) else {
            digits = []
            exponent = 0
            return
        }
        let last = all.lastIndex(where: { $0 != 0 })!
        digits = Array(all[first...last])
        exponent = integerDigits - 1 - first + exponentPart
    }

    /// `printf("%.*f")` or `printf("%.*e")`: glibc and Darwin round the exact binary value
    /// half-to-even, as Dragon4 does.
    private static func printf(_ value: Double, precision: Int, conversion: Character) -> String {
        let format = conversion == "f" ? "%.*f" : "%.*e"
        let capacity = 350 + precision
        var buffer = [CChar](repeating: 0, count: capacity)
        _ = withVaList([Int32(clamping: precision), value]) { arguments in
            vsnprintf(&buffer, capacity, format, arguments)
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
