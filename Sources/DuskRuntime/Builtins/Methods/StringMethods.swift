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

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    /// The start:end window of optional `start`, `end` arguments (slice rules).
    static func window(_ args: Args, _ startIndex: Int, count: Int) throws -> (Int, Int) {
        let lower = args.has(startIndex) ? args[startIndex] : .none
        let upper = args.has(startIndex + 1) ? args[startIndex + 1] : .none
        let (start, stop, _, _) = try Slicing.indices(SliceValue(lower: lower, upper: upper), length: count)
        return (start, max(start, stop))
    }

    static func find(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar], from start: Int, to end: Int, last: Bool) -> Int? {
        if needle.count > end - start { return nil }
        let positions = Array(start...(end - needle.count))
        for i in (last ? positions.reversed() : positions) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// `split`/`rsplit` on whitespace runs (sep None) or on an exact separator.
    static func split(_ s: String, sep: String?, maxsplit: Int, fromRight: Bool) throws -> [Value] {
        let chars = scalars(s)
        var parts: [String] = []
        if let sep {
            let needle = scalars(sep)
            if needle.isEmpty { throw DuskError(.valueError, "empty separator") }
            var pieces: [[Unicode.Scalar]] = []
            if fromRight {
                var end = chars.count
                var splits = 0
                while maxsplit < 0 || splits < maxsplit, let i = find(chars, needle, from: 0, to: end, last: true) {
                    pieces.insert(Array(chars[(i + needle.count)..<end]), at: 0)
                    end = i
                    splits += 1
                }
                pieces.insert(Array(chars[0..<end]), at: 0)
            } else {
                var start = 0
                var splits = 0
                while maxsplit < 0 || splits < maxsplit, let i = find(chars, needle, from: start, to: chars.count, last: false) {
                    pieces.append(Array(chars[start..<i]))
                    start = i + needle.count
                    splits += 1
                }
                pieces.append(Array(chars[start...]))
            }
            parts = pieces.map { make($0) }
        } else {
            // Runs of whitespace; leading and trailing whitespace ignored.
            var words: [[Unicode.Scalar]] = []
            var current: [Unicode.Scalar] = []
            let ordered = fromRight ? chars.reversed() : chars
            var index = 0
            var rest: [Unicode.Scalar]?
            for c in ordered {
                index += 1
                if isSpace(c) {
                    if !current.isEmpty {
                        words.append(current)
                        current = []
                        if maxsplit >= 0 && words.count == maxsplit {
                            let remaining = Array(ordered.dropFirst(index).drop(while: isSpace))
                            rest = remaining
                            break
                        }
                    }
                } else {
                    current.append(c)
                }
            }
            if rest == nil && !current.isEmpty { words.append(current) }
            if let rest, !rest.isEmpty { words.append(rest) }
            if fromRight { words = words.map { $0.reversed() }.reversed() }
            parts = words.map { make($0) }
        }
        return parts.map { .str($0) }
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
        let chars = scalars(string(args))
        let (start, end) = try window(args, 2, count: chars.count)
        let candidates: [Value]
        switch args[1] {
        case .str: candidates = [args[1]]
        case .tuple(let items): candidates = items
        default:
            throw DuskError(.typeError, "\(suffix ? "endswith" : "startswith") first arg must be str or a tuple of str, not \(args[1].typeName)")
        }
        let window = chars[start..<end]
        for c in candidates {
            guard case .str(let affix) = c else { throw DuskError(.typeError, "tuple for startswith must only contain str") }
            let a = scalars(affix)
            if suffix ? window.reversed().starts(with: a.reversed()) : window.starts(with: a) { return .true }
        }
        return .false
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
            let s = scalars(string(args)), old = scalars(try args.string(1)), new = scalars(try args.string(2))
            let limit = try args.int(3)
            var out: [Unicode.Scalar] = []
            var i = 0
            var done = 0
            if old.isEmpty {
                for c in s {
                    if limit < 0 || done < limit { out += new; done += 1 }
                    out.append(c)
                }
                if limit < 0 || done < limit { out += new }
                return .str(make(out))
            }
            while i < s.count {
                if (limit < 0 || done < limit), i + old.count <= s.count, s[i..<(i + old.count)].elementsEqual(old) {
                    out += new
                    i += old.count
                    done += 1
                } else {
                    out.append(s[i])
                    i += 1
                }
            }
            return .str(make(out))
        },
        Builtin("startswith(self, prefix, start?, end?, /)", doc: "Whether the string starts with prefix (or one of a tuple of prefixes).") { args, _ in
            try matchesAffix(args, suffix: false)
        },
        Builtin("endswith(self, suffix, start?, end?, /)", doc: "Whether the string ends with suffix (or one of a tuple of suffixes).") { args, _ in
            try matchesAffix(args, suffix: true)
        },
        Builtin("find(self, sub, start?, end?, /)", doc: "The lowest position of sub, or -1.") { args, _ in
            let s = scalars(string(args))
            let (start, end) = try window(args, 2, count: s.count)
            return .int(find(s, scalars(try args.string(1)), from: start, to: end, last: false) ?? -1)
        },
        Builtin("rfind(self, sub, start?, end?, /)", doc: "The highest position of sub, or -1.") { args, _ in
            let s = scalars(string(args))
            let (start, end) = try window(args, 2, count: s.count)
            return .int(find(s, scalars(try args.string(1)), from: start, to: end, last: true) ?? -1)
        },
        Builtin("index(self, sub, start?, end?, /)", doc: "The lowest position of sub; ValueError when missing.") { args, _ in
            let s = scalars(string(args))
            let (start, end) = try window(args, 2, count: s.count)
            guard let i = find(s, scalars(try args.string(1)), from: start, to: end, last: false) else {
                throw DuskError(.valueError, "substring not found")
            }
            return .int(i)
        },
        Builtin("rindex(self, sub, start?, end?, /)", doc: "The highest position of sub; ValueError when missing.") { args, _ in
            let s = scalars(string(args))
            let (start, end) = try window(args, 2, count: s.count)
            guard let i = find(s, scalars(try args.string(1)), from: start, to: end, last: true) else {
                throw DuskError(.valueError, "substring not found")
            }
            return .int(i)
        },
        Builtin("count(self, sub, start?, end?, /)", doc: "The number of non-overlapping occurrences of sub.") { args, _ in
            let s = scalars(string(args)), sub = scalars(try args.string(1))
            let (start, end) = try window(args, 2, count: s.count)
            if sub.isEmpty { return .int(end - start + 1) }
            var n = 0
            var i = start
            while let j = find(s, sub, from: i, to: end, last: false) { n += 1; i = j + sub.count }
            return .int(n)
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
            let s = scalars(string(args)), sep = scalars(try args.string(1))
            if sep.isEmpty { throw DuskError(.valueError, "empty separator") }
            guard let i = find(s, sep, from: 0, to: s.count, last: false) else { return .tuple([args[0], .str(""), .str("")]) }
            return .tuple([.str(make(s[..<i])), args[1], .str(make(s[(i + sep.count)...]))])
        },
        Builtin("rpartition(self, sep, /)", doc: "(head, sep, tail) around the last occurrence of sep.") { args, _ in
            let s = scalars(string(args)), sep = scalars(try args.string(1))
            if sep.isEmpty { throw DuskError(.valueError, "empty separator") }
            guard let i = find(s, sep, from: 0, to: s.count, last: true) else { return .tuple([.str(""), .str(""), args[0]]) }
            return .tuple([.str(make(s[..<i])), args[1], .str(make(s[(i + sep.count)...]))])
        },
        Builtin("removeprefix(self, prefix, /)", doc: "The string without prefix, if it starts with it.") { args, _ in
            let s = string(args), p = try args.string(1)
            return .str(s.hasPrefix(p) ? String(s.dropFirst(p.count)) : s)
        },
        Builtin("removesuffix(self, suffix, /)", doc: "The string without suffix, if it ends with it.") { args, _ in
            let s = string(args), p = try args.string(1)
            return .str(s.hasSuffix(p) && !p.isEmpty ? String(s.dropLast(p.count)) : s)
        },
    ]
}
