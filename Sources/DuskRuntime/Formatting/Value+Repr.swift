/// `repr` and `str` of values, as Python shows them.
extension Value {
    /// `repr(x)`: the form that reads back as the value where possible.
    public var repr: String {
        var visiting: Set<ObjectIdentifier> = []
        return repr(visiting: &visiting)
    }

    /// Containers nested deeper than this print as `...` (the native stack is finite).
    static let maxReprDepth = 2000

    /// `str(x)`, as `print` shows it.
    public var str: String {
        switch self {
        case .str(let s): return s
        case .exception(let e): return e.message
        case .object(let o): return o.str
        default: return repr
        }
    }

    func repr(visiting: inout Set<ObjectIdentifier>, depth: Int = 0) -> String {
        if depth > Value.maxReprDepth { return "..." }
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return FloatFormatter.repr(d)
        case .str(let s): return StringQuoting.repr(s)
        case .tuple(let items):
            if items.count == 1 { return "(" + items[0].repr(visiting: &visiting, depth: depth + 1) + ",)" }
            return "(" + items.map { $0.repr(visiting: &visiting, depth: depth + 1) }.joined(separator: ", ") + ")"
        case .list(let l):
            let id = ObjectIdentifier(l)
            if visiting.contains(id) { return "[...]" }
            visiting.insert(id)
            defer { visiting.remove(id) }
            return "[" + l.items.map { $0.repr(visiting: &visiting, depth: depth + 1) }.joined(separator: ", ") + "]"
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if visiting.contains(id) { return "{...}" }
            visiting.insert(id)
            defer { visiting.remove(id) }
            return "{" + d.entries.map { "\($0.key.repr(visiting: &visiting, depth: depth + 1)): \($0.value.repr(visiting: &visiting, depth: depth + 1))" }
                .joined(separator: ", ") + "}"
        case .set(let s):
            let items = s.items
            if items.isEmpty { return "set()" }
            return "{" + items.map { $0.repr(visiting: &visiting, depth: depth + 1) }.joined(separator: ", ") + "}"
        case .slice(let s):
            return "slice(\(s.lower.repr), \(s.upper.repr), \(s.step.repr))"
        case .ellipsis: return "Ellipsis"
        case .range(let r):
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case .function(let f): return f.code.name == "<lambda>" ? "<function <lambda>>" : "<function \(f.code.name)>"
        case .builtin(let b): return "<built-in function \(b.name)>"
        case .boundMethod(let m):
            return "<bound method \(m.receiver.typeName).\(m.name) of \(m.receiver.repr(visiting: &visiting, depth: depth + 1))>"
        case .module(let m): return "<module '\(m.name)'>"
        case .type(let t): return t.description
        case .exception(let e):
            return "\(e.type.name)(" + e.args.map { $0.repr(visiting: &visiting, depth: depth + 1) }.joined(separator: ", ") + ")"
        case .object(let o): return o.repr
        }
    }
}

/// Python's rules for quoting strings in `repr`.
enum StringQuoting {
    static func repr(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if scalar.value >= 0x80 && !isPrintable(scalar) {
                    out += scalar.value <= 0xff ? "\\x" + hex(scalar.value, width: 2)
                        : scalar.value <= 0xffff ? "\\u" + hex(scalar.value, width: 4)
                        : "\\U" + hex(scalar.value, width: 8)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    private static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        case .spaceSeparator:
            return s == " "
        default:
            return true
        }
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
