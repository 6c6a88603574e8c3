/// The parameters of a callable, for binding arguments, `help` and completion.
///
/// Built-ins declare theirs as text, exactly as `help` shows it:
/// `"round(number, ndigits=None)"`, `"print(*values, sep=' ', end='\n')"`,
/// `"len(obj, /)"` (positional-only before `/`), `"max(iterable, *args, key=None, default?)"`
/// (`?`: optional without a default; the body sees it as absent), `"f(name='x'?)"` (shown
/// with its default, which the body applies itself: it sees the argument as absent).
/// Defaults that are not literals (`dtype=float`) arrive in the body as `None`.
public struct Signature: Sendable {
    public enum Kind: Sendable, Hashable {
        case positionalOnly, regular, variadic, keywordOnly, variadicKeywords
    }

    public struct Parameter: Sendable {
        public var name: String
        public var kind: Kind
        /// The default, if any (`None` for non-literal default text).
        public var defaultValue: Value?
        /// The default as written, for display.
        public var defaultText: String?
        /// Optional without a default (written `name?`).
        public var isOptional: Bool

        public init(name: String, kind: Kind = .regular, defaultValue: Value? = nil,
                    defaultText: String? = nil, isOptional: Bool = false) {
            self.name = name; self.kind = kind; self.defaultValue = defaultValue
            self.defaultText = defaultText; self.isOptional = isOptional
        }

        var isRequired: Bool { defaultValue == nil && !isOptional && (kind == .regular || kind == .positionalOnly || kind == .keywordOnly) }
    }

    public var name: String
    public var parameters: [Parameter]

    public init(name: String, parameters: [Parameter]) {
        self.name = name
        self.parameters = parameters
    }

    /// Parses `name(params)`; returns nil on malformed text.
    public init?(parsing text: String) {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return nil }
        name = text[..<open].trimmingCharacters(in: " ")
        var params: [Parameter] = []
        var keywordOnly = false
        for piece in Signature.splitTopLevel(String(text[text.index(after: open)..<close])) {
            let item = piece.trimmingCharacters(in: " ")
            if item.isEmpty { continue }
            if item == "/" {
                for i in params.indices where params[i].kind == .regular { params[i].kind = .positionalOnly }
                continue
            }
            if item == "*" { keywordOnly = true; continue }
            if item.hasPrefix("**") {
                params.append(Parameter(name: String(item.dropFirst(2)), kind: .variadicKeywords))
                continue
            }
            if item.hasPrefix("*") {
                params.append(Parameter(name: String(item.dropFirst()), kind: .variadic))
                keywordOnly = true
                continue
            }
            var p = Parameter(name: item, kind: keywordOnly ? .keywordOnly : .regular)
            if item.hasSuffix("?"), !item.hasSuffix("=?"), let eq = item.firstIndex(of: "=") {
                p.name = item[..<eq].trimmingCharacters(in: " ")
                p.defaultText = item[item.index(after: eq)...].dropLast().trimmingCharacters(in: " ")
                p.isOptional = true
            } else if item.hasSuffix("=?") {
                p.name = item.dropLast(2).trimmingCharacters(in: " ")
                p.isOptional = true
            } else if let eq = item.firstIndex(of: "=") {
                p.name = item[..<eq].trimmingCharacters(in: " ")
                let valueText = item[item.index(after: eq)...].trimmingCharacters(in: " ")
                p.defaultText = valueText
                p.defaultValue = LiteralParser.parse(valueText) ?? Value.none
            } else if item.hasSuffix("?") {
                p.name = String(item.dropLast())
                p.isOptional = true
            }
            params.append(p)
        }
        parameters = params
    }

    /// The text `help` shows: `round(number, ndigits=None)`.
    public var text: String {
        var parts: [String] = []
        var sawStar = false
        for (i, p) in parameters.enumerated() {
            switch p.kind {
            case .positionalOnly:
                parts.append(p.name)
                if i + 1 == parameters.count || parameters[i + 1].kind != .positionalOnly { parts.append("/") }
            case .regular:
                parts.append(p.defaultText.map { "\(p.name)=\($0)" } ?? (p.isOptional ? "\(p.name)?" : p.name))
            case .variadic:
                sawStar = true
                parts.append("*" + p.name)
            case .keywordOnly:
                if !sawStar { parts.append("*"); sawStar = true }
                parts.append(p.defaultText.map { "\(p.name)=\($0)" } ?? (p.isOptional ? "\(p.name)?" : p.name))
            case .variadicKeywords:
                parts.append("**" + p.name)
            }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// Names that can be passed by keyword (for completion inside a call).
    public var keywordNames: [String] {
        parameters.filter { $0.kind == .regular || $0.kind == .keywordOnly }.map(\.name)
    }

    /// Splits on commas outside brackets and quotes.
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for ch in text {
            if let q = quote {
                current.append(ch)
                if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "'", "\"": quote = ch; current.append(ch)
            case "(", "[", "{": depth += 1; current.append(ch)
            case ")", "]", "}": depth -= 1; current.append(ch)
            case "," where depth == 0: parts.append(current); current = ""
            default: current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }
}

// MARK: - Binding

/// One parameter as the binder sees it.
struct BindParameter {
    var name: String
    var kind: Signature.Kind
    /// Has a default or is optional: may be left unfilled.
    var mayBeOmitted: Bool
}

extension Signature {
    var bindParameters: [BindParameter] {
        parameters.map { BindParameter(name: $0.name, kind: $0.kind, mayBeOmitted: !$0.isRequired) }
    }
}

/// Matches call arguments to parameters, with Python's rules and error messages.
///
/// Returns one slot per parameter: nil when omitted (the caller fills defaults);
/// `*args` gets a tuple, `**kwargs` a dict.
func bindArguments(_ args: Arguments, to params: [BindParameter], function name: String) throws -> [Value?] {
    var slots = [Value?](repeating: nil, count: params.count)
    var positionalIndices: [Int] = []
    var variadicIndex: Int?
    var keywordsIndex: Int?
    for (i, p) in params.enumerated() {
        switch p.kind {
        case .positionalOnly, .regular: positionalIndices.append(i)
        case .variadic: variadicIndex = i
        case .variadicKeywords: keywordsIndex = i
        case .keywordOnly: break
        }
    }

    // Positional arguments.
    if args.positional.count > positionalIndices.count && variadicIndex == nil {
        throw DuskError.tooManyPositional(function: name, params: params, given: args.positional.count,
                                          keywordCount: args.keywords.count)
    }
    for (i, value) in args.positional.enumerated() where i < positionalIndices.count {
        slots[positionalIndices[i]] = value
    }
    if let v = variadicIndex {
        slots[v] = .tuple(args.positional.count > positionalIndices.count
                          ? Array(args.positional[positionalIndices.count...]) : [])
    }

    // Keyword arguments.
    var extra: [(Value, Value)] = []
    var positionalOnlyByKeyword: [String] = []
    for kw in args.keywords {
        if let i = params.firstIndex(where: { $0.name == kw.name && $0.kind != .variadic && $0.kind != .variadicKeywords }) {
            if params[i].kind == .positionalOnly {
                if keywordsIndex != nil { extra.append((.str(kw.name), kw.value)); continue }
                positionalOnlyByKeyword.append(kw.name)
                continue
            }
            if slots[i] != nil {
                throw DuskError(.typeError, "\(name)() got multiple values for argument '\(kw.name)'")
            }
            slots[i] = kw.value
        } else if keywordsIndex != nil {
            if extra.contains(where: { if case .str(let s) = $0.0 { return s == kw.name }; return false }) {
                throw DuskError(.typeError, "\(name)() got multiple values for keyword argument '\(kw.name)'")
            }
            extra.append((.str(kw.name), kw.value))
        } else {
            throw DuskError.unexpectedKeyword(function: name, keyword: kw.name,
                                              candidates: params.filter { $0.kind == .regular || $0.kind == .keywordOnly }.map(\.name))
        }
    }
    if !positionalOnlyByKeyword.isEmpty {
        throw DuskError(.typeError, "\(name)() got some positional-only arguments passed as keyword arguments: "
                        + positionalOnlyByKeyword.map { "'\($0)'" }.joined(separator: ", "))
    }
    if let k = keywordsIndex { slots[k] = .dict(try DictRef(extra)) }

    // Missing required arguments.
    let missingPositional = params.indices.filter {
        slots[$0] == nil && !params[$0].mayBeOmitted && (params[$0].kind == .regular || params[$0].kind == .positionalOnly)
    }
    if !missingPositional.isEmpty {
        throw DuskError.missingArguments(function: name, names: missingPositional.map { params[$0].name }, keywordOnly: false)
    }
    let missingKeyword = params.indices.filter { slots[$0] == nil && !params[$0].mayBeOmitted && params[$0].kind == .keywordOnly }
    if !missingKeyword.isEmpty {
        throw DuskError.missingArguments(function: name, names: missingKeyword.map { params[$0].name }, keywordOnly: true)
    }
    return slots
}

// MARK: - Literal defaults

/// Parses the literal defaults of signature text: None, True, False, numbers,
/// strings, tuples and lists of those.
enum LiteralParser {
    static func parse(_ text: String) -> Value? {
        var chars = Array(text.unicodeScalars)
        var pos = 0
        let value = parseValue(&chars, &pos)
        skipSpaces(chars, &pos)
        return pos == chars.count ? value : nil
    }

    private static func skipSpaces(_ c: [Unicode.Scalar], _ pos: inout Int) {
        while pos < c.count && c[pos] == " " { pos += 1 }
    }

    private static func parseValue(_ c: inout [Unicode.Scalar], _ pos: inout Int) -> Value? {
        skipSpaces(c, &pos)
        guard pos < c.count else { return nil }
        let ch = c[pos]
        if ch == "'" || ch == "\"" {
            var s = ""
            pos += 1
            while pos < c.count && c[pos] != ch {
                if c[pos] == "\\" && pos + 1 < c.count {
                    pos += 1
                    switch c[pos] {
                    case "n": s.append("\n")
                    case "t": s.append("\t")
                    default: s.unicodeScalars.append(c[pos])
                    }
                } else {
                    s.unicodeScalars.append(c[pos])
                }
                pos += 1
            }
            guard pos < c.count else { return nil }
            pos += 1
            return .str(s)
        }
        if ch == "(" || ch == "[" {
            let close: Unicode.Scalar = ch == "(" ? ")" : "]"
            pos += 1
            var items: [Value] = []
            var sawComma = false
            while true {
                skipSpaces(c, &pos)
                if pos < c.count && c[pos] == close { pos += 1; break }
                guard let item = parseValue(&c, &pos) else { return nil }
                items.append(item)
                skipSpaces(c, &pos)
                if pos < c.count && c[pos] == "," { pos += 1; sawComma = true; continue }
                if pos < c.count && c[pos] == close { pos += 1; break }
                return nil
            }
            if ch == "[" { return .makeList(items) }
            return items.count == 1 && !sawComma ? items[0] : .tuple(items)
        }
        var word = ""
        while pos < c.count, c[pos] != ",", c[pos] != ")", c[pos] != "]", c[pos] != " " {
            word.unicodeScalars.append(c[pos]); pos += 1
        }
        switch word {
        case "None": return Value.none
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "...": return .ellipsis
        default:
            if let i = Int(word) { return .int(i) }
            if let d = Double(word), word.first!.isNumber || word.first == "-" || word.first == "." { return .float(d) }
            return nil
        }
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String { String(self).trimmingCharacters(in: set) }
}
