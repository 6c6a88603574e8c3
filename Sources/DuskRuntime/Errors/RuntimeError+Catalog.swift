import DuskSyntax

/// Every runtime error message, in one place. Messages follow Python's wording,
/// lower-case where Dusk's style asks for it, and quote source names.
extension DuskError {
    // MARK: Names

    static func undefinedName(_ name: String, candidates: [String]) -> DuskError {
        DuskError(.nameError, "name '\(name)' is not defined" + suggestionText(for: name, among: candidates))
    }

    static func unboundLocal(_ name: String) -> DuskError {
        DuskError(.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
    }

    static func unboundFree(_ name: String) -> DuskError {
        DuskError(.nameError, "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
    }

    static func noModule(_ path: String, candidates: [String]) -> DuskError {
        DuskError(.moduleNotFoundError, "no module named '\(path)'" + suggestionText(for: path, among: candidates))
    }

    static func cannotImport(_ name: String, from module: String, candidates: [String]) -> DuskError {
        DuskError(.importError, "cannot import name '\(name)' from '\(module)'" + suggestionText(for: name, among: candidates))
    }

    // MARK: Attributes

    static func noAttribute(_ value: Value, _ name: String, candidates: [String]) -> DuskError {
        let subject: String
        if case .module(let m) = value { subject = "module '\(m.name)'" } else { subject = "'\(value.typeName)' object" }
        return DuskError(.attributeError, "\(subject) has no attribute '\(name)'" + suggestionText(for: name, among: candidates))
    }

    static func readOnlyAttribute(_ value: Value, _ name: String) -> DuskError {
        DuskError(.attributeError, "'\(value.typeName)' object attribute '\(name)' is read-only")
    }

    // MARK: Operators and types

    static func unsupportedOperands(_ op: String, _ a: Value, _ b: Value) -> DuskError {
        DuskError(.typeError, "unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }

    static func badUnaryOperand(_ op: String, _ a: Value) -> DuskError {
        DuskError(.typeError, "bad operand type for unary \(op): '\(a.typeName)'")
    }

    static func notOrderable(_ op: String, _ a: Value, _ b: Value) -> DuskError {
        DuskError(.typeError, "'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }

    static func integerOverflow(_ op: String) -> DuskError {
        DuskError(.overflowError, "integer overflow in '\(op)'")
    }

    static func divisionByZero(_ message: String = "division by zero") -> DuskError {
        DuskError(.zeroDivisionError, message)
    }

    static func unhashable(_ value: Value) -> DuskError {
        DuskError(.typeError, "unhashable type: '\(value.typeName)'")
    }

    static func notCallable(_ value: Value) -> DuskError {
        DuskError(.typeError, "'\(value.typeName)' object is not callable")
    }

    static func notIterable(_ value: Value) -> DuskError {
        DuskError(.typeError, "'\(value.typeName)' object is not iterable")
    }

    static func notSubscriptable(_ value: Value) -> DuskError {
        DuskError(.typeError, "'\(value.typeName)' object is not subscriptable")
    }

    static func noItemAssignment(_ value: Value) -> DuskError {
        DuskError(.typeError, "'\(value.typeName)' object does not support item assignment")
    }

    static func noItemDeletion(_ value: Value) -> DuskError {
        DuskError(.typeError, "'\(value.typeName)' object does not support item deletion")
    }

    static func noLength(_ value: Value) -> DuskError {
        DuskError(.typeError, "object of type '\(value.typeName)' has no len()")
    }

    static func notInteger(_ value: Value) -> DuskError {
        DuskError(.typeError, "'\(value.typeName)' object cannot be interpreted as an integer")
    }

    static func badIndexType(_ container: Value, _ index: Value) -> DuskError {
        DuskError(.typeError, "\(container.typeName) indices must be integers or slices, not \(index.typeName)")
    }

    static func indexOutOfRange(_ container: Value) -> DuskError {
        let what: String
        switch container {
        case .str: what = "string"
        case .range: what = "range object"
        default: what = container.typeName
        }
        return DuskError(.indexError, "\(what) index out of range")
    }

    static func keyNotFound(_ key: Value) -> DuskError {
        DuskError(exception: ExceptionValue(type: .keyError, message: key.repr, args: [key]))
    }

    static func notAContextManager(_ value: Value) -> DuskError {
        DuskError(.typeError, "'\(value.typeName)' object does not support the context manager protocol")
    }

    // MARK: Calls

    static func tooManyPositional(function: String, params: [BindParameter], given: Int, keywordCount: Int) -> DuskError {
        let positional = params.filter { $0.kind == .regular || $0.kind == .positionalOnly }
        let required = positional.filter { !$0.mayBeOmitted }.count
        let takes: String
        if required == positional.count {
            takes = "\(positional.count) positional argument\(positional.count == 1 ? "" : "s")"
        } else {
            takes = "from \(required) to \(positional.count) positional arguments"
        }
        let was = given == 1 ? "was" : "were"
        return DuskError(.typeError, "\(function)() takes \(takes) but \(given) \(was) given")
    }

    static func missingArguments(function: String, names: [String], keywordOnly: Bool) -> DuskError {
        let quoted = names.map { "'\($0)'" }
        let list: String
        switch quoted.count {
        case 1: list = quoted[0]
        case 2: list = "\(quoted[0]) and \(quoted[1])"
        default: list = quoted.dropLast().joined(separator: ", ") + ", and " + quoted.last!
        }
        let kind = keywordOnly ? "keyword-only" : "positional"
        let plural = names.count == 1 ? "argument" : "arguments"
        return DuskError(.typeError, "\(function)() missing \(names.count) required \(kind) \(plural): \(list)")
    }

    static func unexpectedKeyword(function: String, keyword: String, candidates: [String]) -> DuskError {
        DuskError(.typeError, "\(function)() got an unexpected keyword argument '\(keyword)'"
                  + suggestionText(for: keyword, among: candidates))
    }

    // MARK: Unpacking

    static func tooManyToUnpack(expected: Int) -> DuskError {
        DuskError(.valueError, "too many values to unpack (expected \(expected))")
    }

    static func notEnoughToUnpack(expected: Int, got: Int) -> DuskError {
        DuskError(.valueError, "not enough values to unpack (expected \(expected), got \(got))")
    }

    static func cannotUnpack(_ value: Value) -> DuskError {
        DuskError(.typeError, "cannot unpack non-iterable \(value.typeName) object")
    }

    // MARK: Control

    static func recursionLimit() -> DuskError {
        DuskError(.recursionError, "maximum recursion depth exceeded")
    }

    static func interrupted() -> DuskError {
        DuskError(.keyboardInterrupt, "")
    }

    static func noActiveException() -> DuskError {
        DuskError(.runtimeError, "no active exception to reraise")
    }

    static func notAnException(_ value: Value) -> DuskError {
        DuskError(.typeError, "exceptions must derive from BaseException, not '\(value.typeName)'")
    }

    static func unknownMagic(_ name: String) -> DuskError {
        DuskError(.nameError, "magics are not available here: '%\(name)'")
    }

    // MARK: Suggestions

    /// `; did you mean 'ones'?` for the closest candidate within a small edit distance.
    static func suggestionText(for name: String, among candidates: [String]) -> String {
        guard let best = closestMatch(to: name, among: candidates) else { return "" }
        return "; did you mean '\(best)'?"
    }

    /// The candidate with the smallest edit distance (adjacent swaps count as one edit),
    /// if it is close enough to be a likely typo.
    static func closestMatch(to name: String, among candidates: [String]) -> String? {
        let limit = max(1, name.count / 3)
        var best: (String, Int)?
        for c in Set(candidates) where c != name && abs(c.count - name.count) <= limit {
            let d = editDistance(name, c)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[s.count][t.count]
    }
}
