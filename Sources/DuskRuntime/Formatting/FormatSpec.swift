/// Python's format-spec mini-language: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`,
/// used by f-strings, `format()` and `str.format`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var zeroNegativeZero = false
    var alternate = false
    var zeroPad = false
    var width: Int?
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(parsing text: String) throws {
        var chars = Array(text)
        var i = 0
        func peek(_ offset: Int = 0) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
        let aligns: Set<Character> = ["<", ">", "^", "="]
        if let second = peek(1), aligns.contains(second) {
            fill = chars[i]; align = second; i += 2
        } else if let first = peek(), aligns.contains(first) {
            align = first; i += 1
        }
        if let c = peek(), c == "+" || c == "-" || c == " " { sign = c; i += 1 }
        if peek() == "z" { zeroNegativeZero = true; i += 1 }
        if peek() == "#" { alternate = true; i += 1 }
        if peek() == "0" { zeroPad = true; i += 1 }
        var digits = ""
        while let c = peek(), c.isASCII, c.isNumber { digits.append(c); i += 1 }
        if !digits.isEmpty { width = Int(digits) }
        if let c = peek(), c == "," || c == "_" { grouping = c; i += 1 }
        if peek() == "." {
            i += 1
            var p = ""
            while let c = peek(), c.isASCII, c.isNumber { p.append(c); i += 1 }
            guard let value = Int(p) else { throw DuskError(.valueError, "format specifier missing precision") }
            precision = value
        }
        if let c = peek() { type = c; i += 1 }
        if i != chars.count {
            throw DuskError(.valueError, "invalid format specifier '\(text)'")
        }
        chars.removeAll()
        if width ?? 0 > 100_000 { throw DuskError(.valueError, "too many decimal digits in format string") }
        if precision ?? 0 > 1000 { throw DuskError(.valueError, "precision too big") }
    }
}

/// Applies format specs to values.
enum ValueFormatter {
    /// `format(value, spec)`.
    static func format(_ value: Value, spec text: String) throws -> String {
        if text.isEmpty { return value.str }
        let spec = try FormatSpec(parsing: text)
        switch value {
        case .bool(let b):
            if spec.type == nil || spec.type == "s" { return pad(b ? "True" : "False", spec, numeric: false) }
            return try formatInt(b ? 1 : 0, spec)
        case .int(let i):
            if let t = spec.type, "eEfFgG%".contains(t) { return try formatFloat(Double(i), spec) }
            return try formatInt(i, spec)
        case .float(let d):
            return try formatFloat(d, spec)
        case .str(let s):
            return try formatString(s, spec)
        case .object(let o):
            if let s = try o.format(spec: text) { return s }
            throw DuskError(.typeError, "unsupported format string passed to \(o.typeName).__format__")
        default:
            throw DuskError(.typeError, "unsupported format string passed to \(value.typeName).__format__")
        }
    }

    static func formatString(_ s: String, _ spec: FormatSpec) throws -> String {
        if let t = spec.type, t != "s" {
            throw DuskError(.valueError, "unknown format code '\(t)' for object of type 'str'")
        }
        if spec.sign != "-" { throw DuskError(.valueError, "sign not allowed in string format specifier") }
        var text = s
        if let p = spec.precision { text = String(text.prefix(p)) }
        return pad(text, spec, numeric: false)
    }

    static func formatInt(_ i: Int, _ spec: FormatSpec) throws -> String {
        if spec.precision != nil { throw DuskError(.valueError, "precision not allowed in integer format specifier") }
        let magnitude = i.magnitude
        var body: String
        var prefix = ""
        var groupSize = 3
        switch spec.type ?? "d" {
        case "d", "n": body = String(magnitude)
        case "b": body = String(magnitude, radix: 2); prefix = spec.alternate ? "0b" : ""; groupSize = 4
        case "o": body = String(magnitude, radix: 8); prefix = spec.alternate ? "0o" : ""; groupSize = 4
        case "x": body = String(magnitude, radix: 16); prefix = spec.alternate ? "0x" : ""; groupSize = 4
        case "X": body = String(magnitude, radix: 16).uppercased(); prefix = spec.alternate ? "0X" : ""; groupSize = 4
        case "c":
            guard let scalar = Unicode.Scalar(UInt32(clamping: i)), i >= 0 else {
                throw DuskError(.overflowError, "%c arg not in range(0x110000)")
            }
            return pad(String(Character(scalar)), spec, numeric: false)
        case let t:
            throw DuskError(.valueError, "unknown format code '\(t)' for object of type 'int'")
        }
        let sign = signText(negative: i < 0, spec) + prefix
        if let g = spec.grouping {
            body = group(zeroFilled(body, spec, available: (spec.width ?? 0) - sign.count, size: groupSize),
                         separator: g, size: groupSize)
        }
        return padNumber(sign: sign, body: body, spec)
    }

    static func formatFloat(_ d: Double, _ spec: FormatSpec) throws -> String {
        var value = d
        if spec.zeroNegativeZero && value == 0 { value = 0 }
        var negative = value.sign == .minus && !value.isNaN
        if spec.zeroNegativeZero, negative {
            // `z`: a value that rounds to zero prints without its minus sign.
            let rounded = try formatFloatBody(-value, spec)
            if !rounded.contains(where: { ("1"..."9").contains($0) }) { negative = false }
        }
        let magnitude = abs(value)
        var body = try formatFloatBody(magnitude, spec)
        let sign = signText(negative: negative, spec)
        if let g = spec.grouping {
            let intEnd = body.firstIndex(where: { !$0.isNumber }) ?? body.endIndex
            let tail = body[intEnd...]
            let digits = zeroFilled(String(body[..<intEnd]), spec, available: (spec.width ?? 0) - sign.count - tail.count, size: 3)
            body = group(digits, separator: g, size: 3) + tail
        }
        return padNumber(sign: sign, body: body, spec)
    }

    private static func formatFloatBody(_ x: Double, _ spec: FormatSpec) throws -> String {
        let type = spec.type
        let upper = type == "E" || type == "F" || type == "G"
        if x.isNaN { return upper ? "NAN" : "nan" }
        if x.isInfinite { return upper ? "INF" : "inf" }
        switch type {
        case nil:
            guard let p = spec.precision else { return FloatFormatter.repr(x) }
            return FloatFormatter.shortG(x, precision: max(p, 1))
        case "f", "F":
            return FloatFormatter.printf(x, precision: spec.precision ?? 6, type: "f", alternate: spec.alternate)
        case "e", "E":
            let s = FloatFormatter.printf(x, precision: spec.precision ?? 6, type: "e", alternate: spec.alternate)
            return upper ? s.uppercased() : s
        case "g", "G", "n":
            let s = FloatFormatter.printf(x, precision: max(spec.precision ?? 6, 1), type: "g", alternate: spec.alternate)
            return upper ? s.uppercased() : s
        case "%":
            return FloatFormatter.printf(x * 100, precision: spec.precision ?? 6, type: "f", alternate: spec.alternate) + "%"
        case let t?:
            throw DuskError(.valueError, "unknown format code '\(t)' for object of type 'float'")
        }
    }

    /// With `0` padding and grouping, the padding zeros are grouped too (`'010,'` gives
    /// `00,000,001`): the fewest leading zeros whose grouped text fills `available`.
    private static func zeroFilled(_ digits: String, _ spec: FormatSpec, available: Int, size: Int) -> String {
        guard spec.zeroPad, spec.align == nil, available > 0 else { return digits }
        var n = digits.count
        while n + (n - 1) / size < available { n += 1 }
        return String(repeating: "0", count: n - digits.count) + digits
    }

    private static func signText(negative: Bool, _ spec: FormatSpec) -> String {
        if negative { return "-" }
        switch spec.sign {
        case "+": return "+"
        case " ": return " "
        default: return ""
        }
    }

    private static func group(_ digits: String, separator: Character, size: Int) -> String {
        var out: [Character] = []
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % size == 0 { out.append(separator) }
            out.append(c)
        }
        return String(out.reversed())
    }

    private static func padNumber(sign: String, body: String, _ spec: FormatSpec) -> String {
        var spec = spec
        if spec.zeroPad && spec.align == nil { spec.align = "="; spec.fill = "0" }
        if spec.align == "=" {
            let width = spec.width ?? 0
            let missing = width - sign.count - body.count
            return sign + String(repeating: spec.fill, count: max(0, missing)) + body
        }
        return pad(sign + body, spec, numeric: true)
    }

    static func pad(_ text: String, _ spec: FormatSpec, numeric: Bool) -> String {
        guard let width = spec.width, text.count < width else { return text }
        let missing = width - text.count
        let fill = spec.zeroPad && spec.align == nil && !numeric ? "0" : String(spec.fill)
        switch spec.align ?? (numeric ? ">" : "<") {
        case ">", "=": return String(repeating: fill, count: missing) + text
        case "^":
            let left = missing / 2
            return String(repeating: fill, count: left) + text + String(repeating: fill, count: missing - left)
        default: return text + String(repeating: fill, count: missing)
        }
    }
}
