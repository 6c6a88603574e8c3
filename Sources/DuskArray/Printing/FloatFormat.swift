/// Formats the floats of one array so they line up: NumPy's `FloatingFormat`.
///
/// A first pass over the (possibly summarized) data picks positional or scientific notation
/// and the widths before and after the point; every element is then printed with them.
struct FloatFormat {
    let isFloat32: Bool
    let options: PrintOptions
    private(set) var scientific = false
    private var text: FloatText
    private var padLeft = 0
    private var padRight = 0

    init(data: [Double], isFloat32: Bool, options: PrintOptions) {
        self.isFloat32 = isFloat32
        self.options = options
        let precision: Int? = options.floatmode == .unique ? nil : options.precision
        text = FloatText(precision: precision)
        fill(data)
    }

    private mutating func fill(_ data: [Double]) {
        let finite = data.filter(\.isFinite)
        scientific = FloatFormat.needsScientific(finite, isFloat32: isFloat32, suppress: options.suppress)
        let unique = options.floatmode != .fixed
        let forceSign = options.sign == .plus
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
            text = FloatText(precision: text.precision, unique: true, trim: .zerosKeepPoint, forceSign: forceSign)
        } else if scientific {
            let probe = FloatText(precision: text.precision, unique: unique,
                                  trim: unique ? .zerosKeepPoint : .keep, forceSign: forceSign)
            var fractionWidth = 0
            var exponentWidth = 0
            padLeft = 0
            for value in finite {
                let rendered = probe.scientific(value, isFloat32: isFloat32)
                let (whole, fraction, exponent) = FloatFormat.split(rendered)
                padLeft = Swift.max(padLeft, whole)
                fractionWidth = Swift.max(fractionWidth, fraction)
                exponentWidth = Swift.max(exponentWidth, exponent - 1)
            }
            padRight = exponentWidth + 2 + fractionWidth
            text = FloatText(precision: fractionWidth, minDigits: fractionWidth, unique: unique, trim: .keep,
                             forceSign: forceSign, padLeft: padLeft, exponentDigits: exponentWidth)
        } else {
            let probe = FloatText(precision: text.precision, unique: unique,
                                  trim: unique ? .zerosKeepPoint : .keep, forceSign: forceSign)
            padLeft = 0
            padRight = 0
            for value in finite {
                let (whole, fraction, _) = FloatFormat.split(probe.positional(value, isFloat32: isFloat32))
                padLeft = Swift.max(padLeft, whole)
                padRight = Swift.max(padRight, fraction)
            }
            if options.floatmode == .fixed || options.floatmode == .maxprecEqual {
                text = FloatText(precision: padRight, minDigits: padRight, unique: unique, trim: .keep,
                                 forceSign: forceSign, padLeft: padLeft, padRight: padRight)
            } else {
                text = FloatText(precision: text.precision, minDigits: 0, unique: unique, trim: .zerosKeepPoint,
                                 forceSign: forceSign, padLeft: padLeft, padRight: padRight)
            }
        }
        if options.sign == .space && !finite.contains(where: { $0.sign == .minus }) {
            padLeft += 1
            text.padLeft = padLeft
        }
        if finite.count != data.count {
            let negativeInfinity = options.sign != .minus || data.contains { $0.isInfinite && $0 < 0 }
            let offset = padRight + 1
            padLeft = Swift.max(padLeft, options.nanstr.count - offset,
                                options.infstr.count + (negativeInfinity ? 1 : 0) - offset)
            text.padLeft = padLeft
        }
    }

    /// NumPy's choice of scientific notation: values at or past 1e8 (1e6 for float32), or,
    /// unless suppressed, nonzero values below 1e-4 or a max/min ratio above 1000.
    /// The comparisons run in the array's own precision, as NumPy's do.
    static func needsScientific(_ finite: [Double], isFloat32: Bool, suppress: Bool) -> Bool {
        var maxValue = -Double.infinity
        var minValue = Double.infinity
        for value in finite where value != 0 {
            maxValue = Swift.max(maxValue, value.magnitude)
            minValue = Swift.min(minValue, value.magnitude)
        }
        guard maxValue >= minValue else { return false }
        if isFloat32 {
            let high = Float(maxValue), low = Float(minValue)
            return high >= 1e6 || (!suppress && (low < Float(0.0001) || high / low > 1000))
        }
        return maxValue >= 1e8 || (!suppress && (minValue < 0.0001 || maxValue / minValue > 1000))
    }

    /// Character counts of the whole part (with sign), the fraction and the exponent
    /// (with its sign) of a rendered float such as `-1.25e+05`.
    private static func split(_ rendered: String) -> (whole: Int, fraction: Int, exponent: Int) {
        var whole = 0, fraction = 0, exponent = 0
        var part = 0
        for character in rendered.utf8 {
            if character == UInt8(ascii: ".") { part = 1; continue }
            if character == UInt8(ascii: "e") { part = 2; continue }
            switch part {
            case 0: whole += 1
            case 1: fraction += 1
            default: exponent += 1
            }
        }
        return (whole, fraction, exponent)
    }

    /// One element, padded to the common width.
    func format(_ value: Double) -> String {
        guard value.isFinite else {
            let rendered: String
            if value.isNaN {
                rendered = (options.sign == .plus ? "+" : "") + options.nanstr
            } else {
                rendered = (value < 0 ? "-" : options.sign == .plus ? "+" : "") + options.infstr
            }
            let width = padLeft + padRight + 1
            return String(repeating: " ", count: Swift.max(0, width - rendered.count)) + rendered
        }
        return scientific ? text.scientific(value, isFloat32: isFloat32) : text.positional(value, isFloat32: isFloat32)
    }
}
