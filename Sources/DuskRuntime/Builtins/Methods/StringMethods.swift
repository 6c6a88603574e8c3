/// Methods of `str`. Positions count Unicode code points, as in Python.
enum StringMethods {
    static let constructor = Builtin("str(object='', /)", doc: "The text of a value, as print shows it.") { args, ctx in
        .str(ctx.str(args[0]))
    }

    static func string(_ args: Args) -> String {
        guard case .str(let s) = args[0] else { preconditionFailure("str method on \(args[0].typeName)") }
        return s
    }

    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    static func make(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Python's `str.isspace` for one code point: Unicode whitespace plus the ASCII
    /// separators U+001C to U+001F.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return asciiSpace(UInt8(s.value)) }
        return s.properties.isWhitespace
    }

    @inline(__always)
    static func asciiSpace(_ b: UInt8) -> Bool { (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x20) }

    /// The `start:end` window (in code points) of optional arguments at `startIndex`, adjusted
    /// as Python does: negative positions count from the end, `end` is clamped to the string,
    /// and `start` may lie past the end (then nothing is found, not even the empty string).
    static func window(_ args: Args, _ startIndex: Int, count: Int) throws -> (start: Int, end: Int) {
        func bound(_ i: Int, _ defaultValue: Int) throws -> Int {
            guard args.has(i), let v = try Slicing.bound(args[i]) else { return defaultValue }
            if v < 0 { return max(0, v &+ count) }
            return v
        }
        return (try bound(startIndex, 0), min(try bound(startIndex + 1, count), count))
    }

    /// Where `needle` occurs in the window of `args` (positions in code points), first or last.
    static func find(_ args: Args, last: Bool) throws -> Int? {
        let haystack = string(args), needle = try args.string(1)
        return try haystack.withText { text in
            let (start, end) = try window(args, 2, count: text.isASCII ? text.count : text.codePoints(from: 0, to: text.count))
            if end - start < needle.codePointCount { return nil }
            let (lo, hi) = text.window(start: start, end: end)
            let found = needle.withUTF8Bytes { n in
                last ? text.lastIndex(of: n, from: lo, to: hi) : text.firstIndex(of: n, from: lo, to: hi)
            }
            return found.map { start + text.codePoints(from: lo, to: $0) }
        }
    }

    /// `split`/`rsplit` on whitespace runs (sep None) or on an exact separator.
    static func split(_ s: String, sep: String?, maxsplit: Int, fromRight: Bool) throws -> [Value] {
        if let sep {
            if sep.isEmpty { throw DuskError(.valueError, "empty separator") }
            return s.withText { text in
                sep.withUTF8Bytes { needle in
                    var pieces: [Value] = []
                    var splits = 0
                    if fromRight {
                        var end = text.count
                        while maxsplit < 0 || splits < maxsplit, let i = text.lastIndex(of: needle, from: 0, to: end) {
                            pieces.append(.str(text.string(from: i + needle.count, to: end)))
                            end = i
                            splits += 1
                        }
                        pieces.append(.str(text.string(from: 0, to: end)))
                        pieces.reverse()
                    } else {
                        var start = 0
                        while maxsplit < 0 || splits < maxsplit, let i = text.firstIndex(of: needle, from: start, to: text.count) {
                            pieces.append(.str(text.string(from: start, to: i)))
                            start = i + needle.count
                            splits += 1
                        }
                        pieces.append(.str(text.string(from: start, to: text.count)))
                    }
                    return pieces
                }
            }
        }
        // Runs of whitespace; leading and trailing whitespace ignored. Words are found on
        // code point boundaries (byte offsets), then cut out of the bytes.
        return s.withText { text in
            var bounds: [Int] = []          // byte offsets of each code point, and the end
            if text.isASCII {
                bounds = Array(0...text.count)
            } else {
                bounds.reserveCapacity(text.count + 1)
                for i in 0..<text.count where UTF8Text.isLead(text.bytes[i]) { bounds.append(i) }
                bounds.append(text.count)
            }
            let n = bounds.count - 1
            func space(_ k: Int) -> Bool {
                let b = text.bytes[bounds[k]]
                if b < 0x80 { return asciiSpace(b) }
                let scalar = text.string(from: bounds[k], to: bounds[k + 1]).unicodeScalars.first!
                return isSpace(scalar)
            }
            var words: [Value] = []
            if fromRight {
                var k = n
                while true {
                    while k > 0 && space(k - 1) { k -= 1 }
                    if k == 0 { break }
                    if maxsplit >= 0 && words.count == maxsplit {
                        words.append(.str(text.string(from: 0, to: bounds[k])))
                        break
                    }
                    let end = k
                    while k > 0 && !space(k - 1) { k -= 1 }
                    words.append(.str(text.string(from: bounds[k], to: bounds[end])))
                }
                words.reverse()
            } else {
                var k = 0
                while true {
                    while k < n && space(k) { k += 1 }
                    if k == n { break }
                    if maxsplit >= 0 && words.count == maxsplit {
                        words.append(.str(text.string(from: bounds[k], to: text.count)))
                        break
                    }
                    let start = k
                    while k < n && !space(k) { k += 1 }
                    words.append(.str(text.string(from: bounds[start], to: bounds[k])))
                }
            }
            return words
        }
    }

    /// `s.replace(old, new, count)` on the bytes.
    static func replace(_ s: String, _ old: String, _ new: String, limit: Int) -> String {
        s.withText { text in
            old.withUTF8Bytes { needle in
                new.withUTF8Bytes { replacement in
                    var out: [UInt8] = []
                    out.reserveCapacity(text.count)
                    var done = 0
                    if needle.isEmpty {
                        // The replacement goes before every code point and at the end.
                        for i in 0..<text.count {
                            if UTF8Text.isLead(text.bytes[i]) && (limit < 0 || done < limit) {
                                out.append(contentsOf: replacement)
                                done += 1
                            }
                            out.append(text.bytes[i])
                        }
                        if limit < 0 || done < limit { out.append(contentsOf: replacement) }
                    } else {
                        var start = 0
                        while limit < 0 || done < limit, let i = text.firstIndex(of: needle, from: start, to: text.count) {
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: text.bytes[start..<i]))
                            out.append(contentsOf: replacement)
                            start = i + needle.count
                            done += 1
                        }
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: text.bytes[start...]))
                    }
                    return String(decoding: out, as: UTF8.self)
                }
            }
        }
    }

    /// `partition`/`rpartition`: (head, sep, tail) around the first or last `sep`.
    static func partition(_ args: Args, last: Bool) throws -> Value {
        let sep = try args.string(1)
        if sep.isEmpty { throw DuskError(.valueError, "empty separator") }
        return string(args).withText { text in
            sep.withUTF8Bytes { needle in
                let found = last ? text.lastIndex(of: needle, from: 0, to: text.count)
                                 : text.firstIndex(of: needle, from: 0, to: text.count)
                guard let i = found else {
                    return last ? .tuple([.str(""), .str(""), args[0]]) : .tuple([args[0], .str(""), .str("")])
                }
                return .tuple([.str(text.string(from: 0, to: i)), args[1], .str(text.string(from: i + needle.count, to: text.count))])
            }
        }
    }

    static func strip(_ s: String, _ chars: Value, leading: Bool, trailing: Bool) throws -> String {
        var view = Substring(s).unicodeScalars[...]
        let set: Set<Unicode.Scalar>?
        switch chars {
        case .none: set = nil
        case .str(let c): set = Set(c.unicodeScalars)
        default: throw DuskError(.typeError, "strip arg must be None or str")
        }
        func strippable(_ c: Unicode.Scalar) -> Bool { set?.contains(c) ?? isSpace(c) }
        if leading { while let f = view.first, strippable(f) { view = view.dropFirst() } }
        if trailing { while let l = view.last, strippable(l) { view = view.dropLast() } }
        return make(view)
    }

    static func matchesAffix(_ args: Args, suffix: Bool) throws -> Value {
        // The common call, one str on the whole string, needs no array of candidates.
        if case .str(let affix) = args[1], !args.has(2), !args.has(3) {
            return .bool(hasAffix(string(args), affix, suffix: suffix))
        }
        let candidates: [Value]
        switch args[1] {
        case .str: candidates = [args[1]]
        case .tuple(let items): candidates = items
        default:
            throw DuskError(.typeError, "\(suffix ? "endswith" : "startswith") first arg must be str or a tuple of str, not \(args[1].typeName)")
        }
        return try string(args).withText { text in
            let whole = !args.has(2) && !args.has(3)
            let (start, end) = whole ? (0, 0) : try window(args, 2, count: text.codePoints(from: 0, to: text.count))
            let (lo, hi) = whole ? (0, text.count) : text.window(start: start, end: end)
            for c in candidates {
                guard case .str(let affix) = c else { throw DuskError(.typeError, "tuple for startswith must only contain str") }
                if !whole && end - start < affix.codePointCount { continue }
                let matched = affix.withUTF8Bytes { a -> Bool in
                    guard a.count <= hi - lo else { return false }
                    let at = suffix ? hi - a.count : lo
                    return a.indices.allSatisfy { text.bytes[at + $0] == a[$0] }
                }
                if matched { return .true }
            }
            return .false
        }
    }

    /// Whether `s` starts (or ends) with `affix`: their UTF-8 bytes compared, which is
    /// exact for code points (see `UTF8Text`).
    static func hasAffix(_ s: String, _ affix: String, suffix: Bool) -> Bool {
        s.withUTF8Bytes { text in
            affix.withUTF8Bytes { a in
                guard a.count <= text.count else { return false }
                let at = suffix ? text.count - a.count : 0
                return a.indices.allSatisfy { text[at + $0] == a[$0] }
            }
        }
    }

    static func justify(_ args: Args, _ how: Character) throws -> Value {
        let s = string(args)
        let width = try args.int(1)
        let fill = try args.string(2)
        guard fill.unicodeScalars.count == 1 else {
            throw DuskError(.typeError, "The fill character must be exactly one character long")
        }
        let count = s.unicodeScalars.count
        guard width > count else { return .str(s) }
        try ExecutionContext.checkRepetition(width, 1)
        let missing = width - count
        switch how {
        case "<": return .str(s + String(repeating: fill, count: missing))
        case ">": return .str(String(repeating: fill, count: missing) + s)
        default:
            // Python centers with the extra character on the right only when both
            // the padding and the width are odd.
            let left = missing / 2 + (missing & width & 1)
            return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: missing - left))
        }
    }

    static func predicate(_ name: String, doc: String, _ test: @escaping @Sendable (Unicode.Scalar) -> Bool) -> Builtin {
        Builtin("\(name)(self, /)", doc: doc) { args, _ in
            let s = string(args)
            return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(test))
        }
    }

    static let all: [Builtin] = [
        Builtin("format(self, *args, **kwargs)", doc: "Replaces {} fields by the arguments, with format specs ('{:.2f}'.format(x)).") { args, ctx in
            .str(try BraceFormatter.format(string(args), positional: args.variadic, keywords: args.extraKeywords, ctx))
        },
        Builtin("join(self, iterable, /)", doc: "The strings of an iterable joined with this string between them.") { args, ctx in
            let items = try ctx.elements(of: args[1])
            var parts: [String] = []
            for (i, item) in items.enumerated() {
                guard case .str(let s) = item else {
                    throw DuskError(.typeError, "sequence item \(i): expected str instance, \(item.typeName) found")
                }
                parts.append(s)
            }
            return .str(parts.joined(separator: string(args)))
        },
        Builtin("split(self, sep=None, maxsplit=-1)", doc: "The words of the string, split at sep (default: runs of whitespace).") { args, _ in
            .list(ListRef(try split(string(args), sep: try args.optionalString(1), maxsplit: try args.int(2), fromRight: false)))
        },
        Builtin("rsplit(self, sep=None, maxsplit=-1)", doc: "Like split, splitting from the right.") { args, _ in
            .list(ListRef(try split(string(args), sep: try args.optionalString(1), maxsplit: try args.int(2), fromRight: true)))
        },
        Builtin("splitlines(self, keepends=False)", doc: "The lines of the string.") { args, _ in
            let keep = try args.bool(1)
            var lines: [Value] = []
            var current = String.UnicodeScalarView()
            let chars = scalars(string(args))
            var i = 0
            while i < chars.count {
                let c = chars[i]
                if c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" || c == "\u{1C}" || c == "\u{1D}" || c == "\u{1E}"
                    || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}" {
                    var ending = String(c)
                    if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { ending = "\r\n"; i += 1 }
                    lines.append(.str(String(current) + (keep ? ending : "")))
                    current = String.UnicodeScalarView()
                } else {
                    current.append(c)
                }
                i += 1
            }
            if !current.isEmpty { lines.append(.str(String(current))) }
            return .list(ListRef(lines))
        },
        Builtin("strip(self, chars=None, /)", doc: "The string without leading and trailing whitespace (or chars).") { args, _ in
            .str(try strip(string(args), args[1], leading: true, trailing: true))
        },
        Builtin("lstrip(self, chars=None, /)", doc: "The string without leading whitespace (or chars).") { args, _ in
            .str(try strip(string(args), args[1], leading: true, trailing: false))
        },
        Builtin("rstrip(self, chars=None, /)", doc: "The string without trailing whitespace (or chars).") { args, _ in
            .str(try strip(string(args), args[1], leading: false, trailing: true))
        },
        Builtin("replace(self, old, new, count=-1, /)", doc: "The string with occurrences of old replaced by new (at most count).") { args, _ in
            .str(replace(string(args), try args.string(1), try args.string(2), limit: try args.int(3)))
        },
        Builtin("startswith(self, prefix, start?, end?, /)", doc: "Whether the string starts with prefix (or one of a tuple of prefixes).") { args, _ in
            try matchesAffix(args, suffix: false)
        },
        Builtin("endswith(self, suffix, start?, end?, /)", doc: "Whether the string ends with suffix (or one of a tuple of suffixes).") { args, _ in
            try matchesAffix(args, suffix: true)
        },
        Builtin("find(self, sub, start?, end?, /)", doc: "The lowest position of sub, or -1.") { args, _ in
            .int(try find(args, last: false) ?? -1)
        },
        Builtin("rfind(self, sub, start?, end?, /)", doc: "The highest position of sub, or -1.") { args, _ in
            .int(try find(args, last: true) ?? -1)
        },
        Builtin("index(self, sub, start?, end?, /)", doc: "The lowest position of sub; ValueError when missing.") { args, _ in
            guard let i = try find(args, last: false) else { throw DuskError(.valueError, "substring not found") }
            return .int(i)
        },
        Builtin("rindex(self, sub, start?, end?, /)", doc: "The highest position of sub; ValueError when missing.") { args, _ in
            guard let i = try find(args, last: true) else { throw DuskError(.valueError, "substring not found") }
            return .int(i)
        },
        Builtin("count(self, sub, start?, end?, /)", doc: "The number of non-overlapping occurrences of sub.") { args, _ in
            let sub = try args.string(1)
            return .int(try string(args).withText { text in
                let (start, end) = try window(args, 2, count: text.codePoints(from: 0, to: text.count))
                if end - start < sub.codePointCount { return 0 }
                if sub.isEmpty { return end - start + 1 }
                let (lo, hi) = text.window(start: start, end: end)
                return sub.withUTF8Bytes { needle in
                    var n = 0
                    var i = lo
                    while let j = text.firstIndex(of: needle, from: i, to: hi) { n += 1; i = j + needle.count }
                    return n
                }
            })
        },
        Builtin("upper(self, /)", doc: "The string in upper case.") { args, _ in .str(string(args).uppercased()) },
        Builtin("lower(self, /)", doc: "The string in lower case.") { args, _ in .str(string(args).lowercased()) },
        Builtin("casefold(self, /)", doc: "The string folded for caseless comparison.") { args, _ in .str(string(args).lowercased()) },
        Builtin("swapcase(self, /)", doc: "The string with upper and lower case swapped.") { args, _ in
            .str(string(args).map { c in
                let s = String(c)
                return s == s.uppercased() ? s.lowercased() : s.uppercased()
            }.joined())
        },
        Builtin("title(self, /)", doc: "The string with each word capitalized.") { args, _ in
            var out = ""
            var previousIsLetter = false
            for c in string(args) {
                let s = String(c)
                out += previousIsLetter ? s.lowercased() : s.uppercased()
                previousIsLetter = c.isLetter
            }
            return .str(out)
        },
        Builtin("capitalize(self, /)", doc: "The string with its first character upper case and the rest lower case.") { args, _ in
            let s = string(args)
            guard let first = s.first else { return .str(s) }
            return .str(String(first).uppercased() + s.dropFirst().lowercased())
        },
        predicate("isdigit", doc: "Whether every character is a digit (and there is at least one).") { $0.properties.numericType != nil && $0.properties.numericType != .numeric },
        predicate("isdecimal", doc: "Whether every character is a decimal digit.") { $0.properties.numericType == .decimal },
        predicate("isnumeric", doc: "Whether every character is numeric.") { $0.properties.numericType != nil },
        predicate("isalpha", doc: "Whether every character is a letter.") { $0.properties.isAlphabetic },
        predicate("isalnum", doc: "Whether every character is a letter or a digit.") { $0.properties.isAlphabetic || $0.properties.numericType != nil },
        predicate("isspace", doc: "Whether every character is whitespace.") { $0.properties.isWhitespace },
        Builtin("isupper(self, /)", doc: "Whether every cased character is upper case (and there is one).") { args, _ in
            let s = string(args)
            return .bool(s.contains(where: { $0.isCased }) && s.uppercased() == s)
        },
        Builtin("islower(self, /)", doc: "Whether every cased character is lower case (and there is one).") { args, _ in
            let s = string(args)
            return .bool(s.contains(where: { $0.isCased }) && s.lowercased() == s)
        },
        Builtin("isidentifier(self, /)", doc: "Whether the string is a valid identifier.") { args, _ in
            let s = string(args)
            guard let f = s.unicodeScalars.first, f == "_" || f.properties.isXIDStart else { return .false }
            return .bool(s.unicodeScalars.dropFirst().allSatisfy { $0.properties.isXIDContinue })
        },
        Builtin("ljust(self, width, fillchar=' ', /)", doc: "The string left-aligned in a field of width.") { args, _ in try justify(args, "<") },
        Builtin("rjust(self, width, fillchar=' ', /)", doc: "The string right-aligned in a field of width.") { args, _ in try justify(args, ">") },
        Builtin("center(self, width, fillchar=' ', /)", doc: "The string centered in a field of width.") { args, _ in try justify(args, "^") },
        Builtin("zfill(self, width, /)", doc: "The string padded with zeros on the left (after a sign) to width.") { args, _ in
            let s = string(args)
            let width = try args.int(1)
            let count = s.unicodeScalars.count
            guard width > count else { return .str(s) }
            try ExecutionContext.checkRepetition(width, 1)
            let zeros = String(repeating: "0", count: width - count)
            if let f = s.first, f == "-" || f == "+" { return .str(String(f) + zeros + s.dropFirst()) }
            return .str(zeros + s)
        },
        Builtin("partition(self, sep, /)", doc: "(head, sep, tail) around the first occurrence of sep.") { args, _ in
            try partition(args, last: false)
        },
        Builtin("rpartition(self, sep, /)", doc: "(head, sep, tail) around the last occurrence of sep.") { args, _ in
            try partition(args, last: true)
        },
        Builtin("removeprefix(self, prefix, /)", doc: "The string without prefix, if it starts with it.") { args, _ in
            let s = string(args), p = try args.string(1)
            return .str(s.utf8.starts(with: p.utf8) ? String(decoding: s.utf8.dropFirst(p.utf8.count), as: UTF8.self) : s)
        },
        Builtin("removesuffix(self, suffix, /)", doc: "The string without suffix, if it ends with it.") { args, _ in
            let s = string(args), p = try args.string(1)
            return .str(s.utf8.reversed().starts(with: p.utf8.reversed()) ? String(decoding: s.utf8.dropLast(p.utf8.count), as: UTF8.self) : s)
        },
    ]
}
