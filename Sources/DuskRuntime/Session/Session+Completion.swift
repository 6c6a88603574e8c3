import DuskSyntax

/// Tab completion for the REPL.
extension Session {
    /// Candidates for the text before `cursor` (a UTF-8 offset into `line`, as readline's
    /// `rl_point`). Each candidate replaces the dotted name that ends at the cursor:
    /// `np.on` → `np.ones`; `pri` → `print`; inside a call, keyword arguments come
    /// first: `ones((3, 3), ch` → `chunks=`. Sorted, without duplicates.
    public func completions(for line: String, cursor: Int) -> [String] {
        let utf8 = Array(line.utf8)
        let end = max(0, min(cursor, utf8.count))
        let before = String(decoding: utf8[..<end], as: UTF8.self)
        let word = Self.trailingDottedName(before)
        if Self.isInsideString(before) { return [] }

        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot])
            let prefix = String(word[word.index(after: dot)...])
            guard let value = resolve(dottedName: base) else { return [] }
            let names = HelpText.attributeNames(of: value, interpreter.makeContext())
            return Self.filter(names, prefix: prefix).map { base + "." + $0 }
        }

        var candidates: [String] = []
        if let callee = Self.enclosingCallee(before), let value = resolve(dottedName: callee),
           let signature = Self.signature(of: value) {
            candidates += signature.keywordNames.filter { $0.hasPrefix(word) }.sorted().map { $0 + "=" }
        }
        var names = Parser.keywords + globals.names + interpreter.builtins.names
        names += Array(interpreter.modules.keys.filter { !$0.contains(".") })
        candidates += Self.filter(names, prefix: word).filter { !candidates.contains($0 + "=") }
        return candidates
    }

    /// The value of `a.b.c` from the globals and built-ins, without running user code.
    func resolve(dottedName: String) -> Value? {
        let parts = dottedName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty,
              var value = globals[first] ?? interpreter.builtins[first] ?? interpreter.modules[first].map({ .module($0) })
        else { return nil }
        for part in parts.dropFirst() {
            switch value {
            case .module(let m):
                guard let v = m.member(part) ?? interpreter.modules[m.name + "." + part].map({ .module($0) }) else { return nil }
                value = v
            case .type(let t):
                guard let m = t.methods[part] else { return nil }
                value = .builtin(m)
            default:
                if let m = TypeObject.of(value).methods[part] {
                    value = .boundMethod(BoundMethod(receiver: value, function: .builtin(m), name: part))
                } else if case .object(let o) = value, let v = try? o.attribute(part, context: interpreter.makeContext()) {
                    value = v
                } else {
                    return nil
                }
            }
        }
        return value
    }

    static func signature(of value: Value) -> Signature? {
        switch value {
        case .builtin(let b): return b.signature
        case .function(let f): return f.signature
        case .boundMethod(let m): return signature(of: m.function)
        case .type(let t): return t.constructor?.signature
        case .object(let o): return o.callSignature
        default: return nil
        }
    }

    static func filter(_ names: [String], prefix: String) -> [String] {
        let showPrivate = prefix.hasPrefix("_")
        return Set(names.filter { $0.hasPrefix(prefix) && (showPrivate || !$0.hasPrefix("_")) }).sorted()
    }

    /// The identifier-and-dots text ending at the end of `text`.
    static func trailingDottedName(_ text: String) -> String {
        var chars: [Character] = []
        for c in text.reversed() {
            guard c.isLetter || c.isNumber || c == "_" || c == "." else { break }
            chars.append(c)
        }
        return String(chars.reversed())
    }

    /// The dotted name before the innermost unclosed `(` (nil outside any call).
    static func enclosingCallee(_ text: String) -> String? {
        var depth = 0
        var chars = Array(text)
        var i = chars.count - 1
        var quote: Character?
        // Skip string contents conservatively by scanning forward first.
        var inString = [Bool](repeating: false, count: chars.count)
        for (k, c) in chars.enumerated() {
            if let q = quote {
                inString[k] = true
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
                inString[k] = true
            }
        }
        while i >= 0 {
            let c = chars[i]
            if !inString[i] {
                if c == ")" || c == "]" || c == "}" { depth += 1 }
                else if c == "[" || c == "{" { if depth == 0 { return nil }; depth -= 1 }
                else if c == "(" {
                    if depth == 0 {
                        chars = Array(chars[..<i])
                        let name = trailingDottedName(String(chars))
                        return name.isEmpty ? nil : name
                    }
                    depth -= 1
                }
            }
            i -= 1
        }
        return nil
    }

    /// True when the text ends inside a string literal.
    static func isInsideString(_ text: String) -> Bool {
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if let q = quote { if c == q { quote = nil } } else if c == "'" || c == "\"" { quote = c }
            if quote == nil && c == "#" { return true }
        }
        return quote != nil
    }
}
