/// `str.format`: `{}` `{0}` `{name}` fields with `.attr` / `[key]` lookups,
/// `!r`/`!s` conversions and `:spec` (which may hold nested `{}` fields).
enum BraceFormatter {
    static func format(_ template: String, positional: [Value], keywords: [(String, Value)],
                       _ ctx: ExecutionContext) throws -> String {
        let chars = Array(template)
        var out = ""
        var i = 0
        var autoIndex = 0
        var usedManual = false
        var usedAuto = false

        func resolve(_ field: String) throws -> Value {
            // field_name: (arg_name) ("." attribute | "[" key "]")*
            var name = ""
            var rest = Substring(field)
            while let c = rest.first, c != "." && c != "[" { name.append(c); rest = rest.dropFirst() }
            var value: Value
            if name.isEmpty {
                if usedManual { throw DuskError(.valueError, "cannot switch from manual field specification to automatic field numbering") }
                usedAuto = true
                guard autoIndex < positional.count else {
                    throw DuskError(.indexError, "Replacement index \(autoIndex) out of range for positional args tuple")
                }
                value = positional[autoIndex]
                autoIndex += 1
            } else if let n = Int(name) {
                if usedAuto { throw DuskError(.valueError, "cannot switch from automatic field numbering to manual field specification") }
                usedManual = true
                guard n < positional.count else {
                    throw DuskError(.indexError, "Replacement index \(n) out of range for positional args tuple")
                }
                value = positional[n]
            } else {
                guard let v = keywords.last(where: { $0.0 == name })?.1 else { throw DuskError.keyNotFound(.str(name)) }
                value = v
            }
            while let c = rest.first {
                if c == "." {
                    rest = rest.dropFirst()
                    var attr = ""
                    while let d = rest.first, d != "." && d != "[" { attr.append(d); rest = rest.dropFirst() }
                    value = try ctx.attribute(of: value, attr)
                } else {
                    rest = rest.dropFirst()
                    var key = ""
                    while let d = rest.first, d != "]" { key.append(d); rest = rest.dropFirst() }
                    rest = rest.dropFirst()
                    value = try ctx.subscriptValue(value, Int(key).map { .int($0) } ?? .str(key))
                }
            }
            return value
        }

        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" { out.append("{"); i += 2; continue }
                // Find the matching close brace, allowing one level of nesting in the spec.
                var depth = 1
                var j = i + 1
                while j < chars.count && depth > 0 {
                    if chars[j] == "{" { depth += 1 } else if chars[j] == "}" { depth -= 1 }
                    if depth > 0 { j += 1 }
                }
                guard j < chars.count else { throw DuskError(.valueError, "expected '}' before end of string") }
                let body = String(chars[(i + 1)..<j])
                i = j + 1
                var field = body
                var conversion: Character?
                var spec = ""
                if let colon = body.firstIndex(of: ":") {
                    field = String(body[..<colon])
                    spec = String(body[body.index(after: colon)...])
                }
                if let bang = field.firstIndex(of: "!") {
                    let conv = field[field.index(after: bang)...]
                    guard conv.count == 1 else { throw DuskError(.valueError, "expected ':' after conversion specifier") }
                    conversion = conv.first
                    field = String(field[..<bang])
                }
                if spec.contains("{") {
                    spec = try format(spec, positional: positional, keywords: keywords, ctx)
                }
                var value = try resolve(field)
                switch conversion {
                case "r", "a": value = .str(ctx.repr(value))
                case "s": value = .str(ctx.str(value))
                case nil: break
                case let other?: throw DuskError(.valueError, "Unknown conversion specifier \(other)")
                }
                out += try ctx.format(value, spec: spec)
            } else if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw DuskError(.valueError, "Single '}' encountered in format string")
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }
}

/// `"%d items" % n`: printf-style formatting of strings.
enum PercentFormatter {
    static func format(_ template: String, _ values: Value) throws -> String {
        let chars = Array(template)
        var args: [Value]
        var mapping: DictRef?
        switch values {
        case .tuple(let items): args = items
        case .dict(let d): args = [values]; mapping = d
        default: args = [values]
        }
        var next = 0
        var out = ""
        var i = 0
        func take() throws -> Value {
            guard next < args.count else { throw DuskError(.typeError, "not enough arguments for format string") }
            defer { next += 1 }
            return args[next]
        }
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else { out.append(c); i += 1; continue }
            i += 1
            guard i < chars.count else { throw DuskError(.valueError, "incomplete format") }
            var key: String?
            if chars[i] == "(" {
                var k = ""
                i += 1
                while i < chars.count && chars[i] != ")" { k.append(chars[i]); i += 1 }
                i += 1
                key = k
            }
            var flags = ""
            while i < chars.count, "-+ #0".contains(chars[i]) { flags.append(chars[i]); i += 1 }
            var width = ""
            while i < chars.count, chars[i].isNumber { width.append(chars[i]); i += 1 }
            if i < chars.count && chars[i] == "*" { width = String(try take().intValue ?? 0); i += 1 }
            var precision: String?
            if i < chars.count && chars[i] == "." {
                i += 1
                var p = ""
                while i < chars.count, chars[i].isNumber { p.append(chars[i]); i += 1 }
                precision = p.isEmpty ? "0" : p
            }
            guard i < chars.count else { throw DuskError(.valueError, "incomplete format") }
            let type = chars[i]
            i += 1
            if type == "%" { out.append("%"); continue }
            let value: Value
            if let key {
                guard let m = mapping else { throw DuskError(.typeError, "format requires a mapping") }
                guard let v = try m.get(.str(key)) else { throw DuskError.keyNotFound(.str(key)) }
                value = v
            } else {
                value = try take()
            }
            let align = flags.contains("-") ? "<" : ""
            let zero = flags.contains("0") && !flags.contains("-") ? "0" : ""
            let sign = flags.contains("+") ? "+" : (flags.contains(" ") ? " " : "")
            let alternate = flags.contains("#") ? "#" : ""
            let textSpec = (align.isEmpty ? ">" : "<") + width + (precision.map { "." + $0 } ?? "")
            let intSpec = align + sign + alternate + zero + width
            let floatSpec = intSpec + (precision.map { "." + $0 } ?? "")
            switch type {
            case "s": out += try ValueFormatter.format(.str(value.str), spec: textSpec)
            case "r", "a": out += try ValueFormatter.format(.str(value.repr), spec: textSpec)
            case "d", "i", "u":
                guard let n = value.intValue ?? (value.numericValue.map { try? NumberLibrary.truncate($0) } ?? nil) else {
                    throw DuskError(.typeError, "%\(type) format: a real number is required, not \(value.typeName)")
                }
                out += try ValueFormatter.format(.int(n), spec: intSpec + "d")
            case "x", "X", "o":
                guard let n = value.intValue else {
                    throw DuskError(.typeError, "%\(type) format: an integer is required, not \(value.typeName)")
                }
                out += try ValueFormatter.format(.int(n), spec: intSpec + String(type))
            case "f", "F", "e", "E", "g", "G":
                guard let d = value.numericValue else {
                    throw DuskError(.typeError, "must be real number, not \(value.typeName)")
                }
                out += try ValueFormatter.format(.float(d), spec: floatSpec + String(type))
            case "c":
                if case .str(let s) = value { out += s } else if let n = value.intValue, let u = Unicode.Scalar(UInt32(clamping: n)) { out.unicodeScalars.append(u) }
            default:
                throw DuskError(.valueError, "unsupported format character '\(type)'")
            }
        }
        if mapping == nil && next < args.count {
            throw DuskError(.typeError, "not all arguments converted during string formatting")
        }
        return out
    }
}
