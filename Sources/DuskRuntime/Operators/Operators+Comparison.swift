import DuskSyntax

/// Comparisons, equality, identity, membership and truth values.
extension ExecutionContext {
    /// `a op b` for one link of a comparison chain. Plain values give a bool;
    /// library objects may give anything (arrays compare elementwise).
    public func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .is: return .bool(isIdentical(a, b))
        case .isNot: return .bool(!isIdentical(a, b))
        case .in: return .bool(try contains(b, a))
        case .notIn: return .bool(!(try contains(b, a)))
        default: break
        }
        if case .object(let o) = a, let r = try o.compare(op, b, reflected: false, context: self) { return r }
        if case .object(let o) = b, let r = try o.compare(Self.mirrored(op), a, reflected: true, context: self) { return r }
        switch op {
        case .equal: return .bool(try equals(a, b))
        case .notEqual: return .bool(!(try equals(a, b)))
        case .less: return .bool(try order(a, b, op) < 0)
        case .lessEqual: return .bool(try order(a, b, op) <= 0)
        case .greater: return .bool(try order(a, b, op) > 0)
        case .greaterEqual: return .bool(try order(a, b, op) >= 0)
        default: return .false
        }
    }

    /// The operator that gives the same answer with the operands swapped.
    static func mirrored(_ op: ComparisonOperator) -> ComparisonOperator {
        switch op {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return op
        }
    }

    /// `a == b` as a truth value.
    public func equals(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.str(let x), .str(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.int, _), (.float, _), (.bool, _):
            guard a.isNumber, b.isNumber else { break }
            return Self.numericOrder(a, b) == 0
        case (.tuple(let x), .tuple(let y)): return try sequencesEqual(x, y)
        case (.list(let x), .list(let y)): return try x === y || sequencesEqual(x.items, y.items)
        case (.dict(let x), .dict(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for (k, v) in x.entries {
                guard let other = try y.get(k), try equals(v, other) else { return false }
            }
            return true
        case (.set(let x), .set(let y)):
            guard x.count == y.count else { return false }
            return try x.items.allSatisfy { try y.contains($0) }
        case (.range(let x), .range(let y)):
            if x.count != y.count { return false }
            return x.count == 0 || (x.start == y.start && (x.count == 1 || x.step == y.step))
        case (.slice(let x), .slice(let y)):
            return try equals(x.lower, y.lower) && equals(x.upper, y.upper) && equals(x.step, y.step)
        case (.type(let x), .type(let y)): return x.name == y.name
        case (.object(let o), _):
            if let r = try o.compare(.equal, b, reflected: false, context: self) { return try truthiness(r) }
        case (_, .object(let o)):
            if let r = try o.compare(.equal, a, reflected: true, context: self) { return try truthiness(r) }
        default: break
        }
        return isIdentical(a, b)
    }

    private func sequencesEqual(_ x: [Value], _ y: [Value]) throws -> Bool {
        guard x.count == y.count else { return false }
        if stack.isExhausted() { throw DuskError.recursionLimit() }
        for (p, q) in zip(x, y) where try !(isIdentical(p, q) || equals(p, q)) { return false }
        return true
    }

    /// -1, 0 or 1 for orderable plain values; throws for others (`op` names the failing operator).
    func order(_ a: Value, _ b: Value, _ op: ComparisonOperator = .less) throws -> Int {
        switch (a, b) {
        case (.str(let x), .str(let y)): return x == y ? 0 : (Self.unicodeLess(x, y) ? -1 : 1)
        case (.tuple(let x), .tuple(let y)): return try orderSequences(x, y, op)
        case (.list(let x), .list(let y)): return try orderSequences(x.items, y.items, op)
        case (.set(let x), .set(let y)):
            let xs = x.items, ys = y.items
            let sub = try xs.allSatisfy { try y.contains($0) }
            let sup = try ys.allSatisfy { try x.contains($0) }
            if sub && sup { return 0 }
            if sub { return -1 }
            if sup { return 1 }
            // Neither subset: every ordering comparison is false.
            return op == .less || op == .lessEqual ? 1 : -1
        default:
            if a.isNumber && b.isNumber {
                guard let r = Self.numericOrder(a, b) else {
                    // NaN: every ordering comparison is false.
                    return op == .less || op == .lessEqual ? 1 : -1
                }
                return r
            }
        }
        throw DuskError.notOrderable(op.rawValue, a, b)
    }

    private func orderSequences(_ x: [Value], _ y: [Value], _ op: ComparisonOperator) throws -> Int {
        if stack.isExhausted() { throw DuskError.recursionLimit() }
        for (p, q) in zip(x, y) where !(try equals(p, q)) {
            return try order(p, q, op)
        }
        return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
    }

    /// Python orders strings by code point.
    static func unicodeLess(_ x: String, _ y: String) -> Bool {
        // UTF-8 byte order is code point order.
        x.utf8.lexicographicallyPrecedes(y.utf8)
    }

    /// Exact comparison of numbers (ints beyond 2^53 against floats included); nil for NaN.
    static func numericOrder(_ a: Value, _ b: Value) -> Int? {
        switch (a.intValue, b.intValue) {
        case let (x?, y?): return x == y ? 0 : (x < y ? -1 : 1)
        case let (x?, nil): return compareIntDouble(x, b.numericValue!)
        case let (nil, y?): return compareIntDouble(y, a.numericValue!).map { -$0 }
        default:
            let x = a.numericValue!, y = b.numericValue!
            if x.isNaN || y.isNaN { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    private static func compareIntDouble(_ i: Int, _ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d >= 9_223_372_036_854_775_808.0 { return -1 }
        if d < -9_223_372_036_854_775_808.0 { return 1 }
        let whole = d.rounded(.down)
        let w = Int(whole)
        if i != w { return i < w ? -1 : 1 }
        return d > whole ? -1 : 0
    }

    /// `a is b`.
    public func isIdentical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)): return x === y
        case (.dict(let x), .dict(let y)): return x === y
        case (.set(let x), .set(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.module(let x), .module(let y)): return x === y
        case (.type(let x), .type(let y)): return x.name == y.name
        case (.exception(let x), .exception(let y)): return x === y
        case (.boundMethod(let x), .boundMethod(let y)): return x === y
        case (.object(let x), .object(let y)): return x.isIdentical(to: y)
        case (.tuple(let x), .tuple(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { isIdentical($0, $1) }
        default: return false
        }
    }

    /// `item in container`.
    public func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw DuskError(.typeError, "'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return s.containsCodePoints(sub)
        case .dict(let d): return try d.contains(item)
        case .set(let s): return try s.contains(item)
        case .range(let r):
            guard let i = item.intValue ?? (item.numericValue.flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil }) else {
                return false
            }
            if r.step > 0 ? (i < r.start || i >= r.stop) : (i > r.start || i <= r.stop) { return false }
            return (i - r.start) % r.step == 0
        case .object(let o):
            if let r = try o.contains(item, context: self) { return r }
        default: break
        }
        let next = try makeIterator(container)
        while let element = try next() {
            if try isIdentical(element, item) || equals(element, item) { return true }
        }
        return false
    }

    /// `bool(v)`.
    public func truthiness(_ v: Value) throws -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .list(let l): return l.count > 0
        case .dict(let d): return d.count > 0
        case .set(let s): return s.count > 0
        case .range(let r): return r.count > 0
        case .object(let o): return try o.truthiness()
        default: return true
        }
    }
}
