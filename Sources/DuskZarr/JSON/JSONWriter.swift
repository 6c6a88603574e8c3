/// Writes JSON as Python's `json.dumps(..., indent=2)` does, which is how zarr-python writes
/// metadata: two-space indentation, `", "`-free line breaks, non-ASCII as `\uXXXX`, and
/// `NaN`/`Infinity` bare.
enum JSONWriter {
    /// The text of `value`; `indent` nil gives one line (`{"a": [1, 2]}`).
    static func text(_ value: JSONValue, indent: Int? = 2) -> String {
        var out = ""
        write(value, indent: indent, level: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int?, level: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .uint(let n): out += String(n)
        case .double(let d): out += number(d)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "["
            for (i, element) in elements.enumerated() {
                out += i == 0 ? "" : ","
                newline(indent, level + 1, into: &out)
                write(element, indent: indent, level: level + 1, into: &out)
            }
            if indent != nil { newline(indent, level, into: &out) }
            out += "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            out += "{"
            for (i, member) in object.members.enumerated() {
                out += i == 0 ? "" : ","
                newline(indent, level + 1, into: &out)
                writeString(member.key, into: &out)
                out += ": "
                write(member.value, indent: indent, level: level + 1, into: &out)
            }
            if indent != nil { newline(indent, level, into: &out) }
            out += "}"
        }
    }

    private static func newline(_ indent: Int?, _ level: Int, into out: inout String) {
        guard let indent else {
            if !out.hasSuffix("[") && !out.hasSuffix("{") { out += " " }
            return
        }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    /// A double as Python's `repr` spells it in JSON: shortest round-trip digits, `NaN`, `Infinity`.
    static func number(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return d.description
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFFFF {
                    out += hex4(scalar.value)
                } else {
                    let v = scalar.value - 0x10000
                    out += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF))
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}

extension JSONValue {
    /// The value as zarr-python writes metadata files (two-space indentation).
    public var prettyText: String { JSONWriter.text(self, indent: 2) }
}
