/// How trailing zeros and the decimal point are trimmed: NumPy's `trim` argument.
enum TrimMode {
    /// `'k'`: keep trailing zeros, padding to `precision`.
    case keep
    /// `'.'`: trim trailing zeros, keep the point (`1.`).
    case zerosKeepPoint
    /// `'0'`: trim trailing zeros but leave one (`1.0`).
    case leaveOneZero
    /// `'-'`: trim trailing zeros and the point (`1`).
    case zerosAndPoint
}

/// One finite float rendered as NumPy's `dragon4_positional` / `dragon4_scientific` render it.
///
/// `precision` and `minDigits` count fraction digits (after the point, or after the first
/// digit in scientific notation); `nil` means none. In unique mode the shortest round-trip
/// digits are used, cut at `precision` or extended to `minDigits` by rounding the exact value.
struct FloatText {
    var precision: Int?
    var minDigits: Int? = nil
    var unique: Bool = true
    var trim: TrimMode = .zerosKeepPoint
    /// Print `+` on non-negative values.
    var forceSign: Bool = false
    /// Pad the part before the point (sign included) with spaces to this width.
    var padLeft: Int? = nil
    /// Pad the digits after the point with spaces to this width (positional only).
    var padRight: Int? = nil
    /// Minimum exponent digits (scientific only; at least 2).
    var exponentDigits: Int? = nil

    // MARK: - Digits

    /// The digits to print in positional notation.
    func positionalDigits(_ value: Double, isFloat32: Bool) -> DecimalDigits {
        guard unique else { return DecimalDigits(value, fractionDigits: precision ?? 0) }
        let shortest = isFloat32 ? DecimalDigits(shortest: Float(value)) : DecimalDigits(shortest: value)
        let count = shortest.fractionDigitCount
        if let precision, count > precision {
            return DecimalDigits(value, fractionDigits: precision)
        }
        if var minDigits, count < minDigits {
            if let precision { minDigits = Swift.min(minDigits, precision) }
            return DecimalDigits(value, fractionDigits: minDigits)
        }
        return shortest
    }

    /// The digits to print in scientific notation.
    func scientificDigits(_ value: Double, isFloat32: Bool) -> DecimalDigits {
        guard unique else { return DecimalDigits(value, significantDigits: (precision ?? 0) + 1) }
        let shortest = isFloat32 ? DecimalDigits(shortest: Float(value)) : DecimalDigits(shortest: value)
        let count = shortest.scientificFractionCount
        if let precision, count > precision {
            return DecimalDigits(value, significantDigits: precision + 1)
        }
        if var minDigits, count < minDigits {
            if let precision { minDigits = Swift.min(minDigits, precision) }
            return DecimalDigits(value, significantDigits: minDigits + 1)
        }
        return shortest
    }

    // MARK: - Rendering

    /// `value` (finite) in positional notation: `-12.5`, `  1.  `.
    func positional(_ value: Double, isFloat32: Bool) -> String {
        let number = positionalDigits(value, isFloat32: isFloat32)
        var whole = ""
        var fraction = ""
        if number.isZero {
            whole = "0"
        } else if number.exponent >= 0 {
            for position in 0...number.exponent {
                whole.append(digitCharacter(position < number.digits.count ? number.digits[position] : 0))
            }
            for digit in number.digits.dropFirst(number.exponent + 1) { fraction.append(digitCharacter(digit)) }
        } else {
            whole = "0"
            fraction = String(repeating: "0", count: -number.exponent - 1)
            for digit in number.digits { fraction.append(digitCharacter(digit)) }
        }
        let sign = signText(negative: number.isNegative)
        let body = finishFraction(fraction)
        var text = sign + whole + body.text
        if let padRight, padRight >= body.fractionCount {
            text += String(repeating: " ", count: padRight - body.fractionCount)
        }
        if let padLeft, padLeft > whole.count + sign.count {
            text = String(repeating: " ", count: padLeft - whole.count - sign.count) + text
        }
        return text
    }

    /// `value` (finite) in scientific notation: `1.5e+10`, `-1.e-05`.
    func scientific(_ value: Double, isFloat32: Bool) -> String {
        let number = scientificDigits(value, isFloat32: isFloat32)
        let lead = digitCharacter(number.digits.first ?? 0)
        var fraction = ""
        for digit in number.digits.dropFirst() { fraction.append(digitCharacter(digit)) }
        let sign = signText(negative: number.isNegative)
        var text = sign + String(lead) + finishFraction(fraction).text
        if let padLeft, padLeft > 1 + sign.count {
            text = String(repeating: " ", count: padLeft - 1 - sign.count) + text
        }
        let exponent = number.exponent
        var exponentText = String(exponent.magnitude)
        let width = Swift.min(Swift.max(exponentDigits ?? 2, 1), 5)
        if exponentText.count < width {
            exponentText = String(repeating: "0", count: width - exponentText.count) + exponentText
        }
        return text + "e" + (exponent < 0 ? "-" : "+") + exponentText
    }

    // MARK: - Helpers

    private func digitCharacter(_ digit: UInt8) -> Character {
        Character(Unicode.Scalar(UInt8(ascii: "0") + digit))
    }

    private func signText(negative: Bool) -> String {
        negative ? "-" : forceSign ? "+" : ""
    }

    /// The point and fraction digits after trimming or zero-padding, and how many digits follow the point.
    private func finishFraction(_ digits: String) -> (text: String, fractionCount: Int) {
        var fraction = digits
        switch trim {
        case .keep:
            let wanted = Swift.max(precision ?? 0, minDigits ?? 0)
            if fraction.count < wanted { fraction += String(repeating: "0", count: wanted - fraction.count) }
        case .leaveOneZero:
            if fraction.isEmpty { fraction = "0" }
        case .zerosKeepPoint, .zerosAndPoint:
            break
        }
        if fraction.isEmpty && trim == .zerosAndPoint { return ("", 0) }
        return ("." + fraction, fraction.count)
    }
}
