import DuskSyntax
import Foundation

/// Arithmetic and bitwise operators with Python's semantics: `/` gives a float,
/// `//` and `%` floor, `**` with a negative exponent gives a float, and integer
/// overflow raises instead of wrapping.
extension ExecutionContext {
    /// Repetition (`"ab" * n`, `[0] * n`) and padding refuse results above this many
    /// elements, with a `MemoryError` instead of a failed allocation.
    static let maxRepetition = 1 << 28
    /// Lists made from iterables (`list(range(n))`) stop with a `MemoryError` past this length.
    public static let maxMaterializedCount = 1 << 28

    public func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        // Library objects first (either side), so arrays broadcast over plain numbers.
        if case .object(let o) = a, let r = try o.binaryOperation(op, b, reflected: false, context: self) { return r }
        if case .object(let o) = b, let r = try o.binaryOperation(op, a, reflected: true, context: self) { return r }

        switch (a, b) {
        case (.int(let x), .int(let y)): return try Arithmetic.int(op, x, y)
        case (.bool, _), (_, .bool):
            if let x = a.intValue, let y = b.intValue {
                if op == .bitAnd || op == .bitOr || op == .bitXor, case .bool(let p) = a, case .bool(let q) = b {
                    switch op {
                    case .bitAnd: return .bool(p && q)
                    case .bitOr: return .bool(p || q)
                    default: return .bool(p != q)
                    }
                }
                return try Arithmetic.int(op, x, y)
            }
            if let x = a.numericValue, let y = b.numericValue { return try Arithmetic.float(op, x, y) }
        case (.float, .float), (.int, .float), (.float, .int):
            return try Arithmetic.float(op, a.numericValue!, b.numericValue!)
        default:
            break
        }
        switch (op, a, b) {
        case (.add, .str(let x), .str(let y)): return .str(x + y)
        case (.add, .list(let x), .list(let y)): return .list(ListRef(x.items + y.items))
        case (.add, .tuple(let x), .tuple(let y)): return .tuple(x + y)
        case (.multiply, .str(let s), _), (.multiply, _, .str(let s)):
            guard let n = (a.isStr ? b : a).intValue else { break }
            try Self.checkRepetition(n, s.count)
            return .str(n <= 0 ? "" : String(repeating: s, count: n))
        case (.multiply, .list(let l), _), (.multiply, _, .list(let l)):
            guard let n = (a.isList ? b : a).intValue else { break }
            let items = l.items
            try Self.checkRepetition(n, items.count)
            return .list(ListRef(n <= 0 ? [] : Array([[Value]](repeating: items, count: n).joined())))
        case (.multiply, .tuple(let items), _), (.multiply, _, .tuple(let items)):
            guard let n = (a.isTuple ? b : a).intValue else { break }
            try Self.checkRepetition(n, items.count)
            return .tuple(n <= 0 ? [] : Array([[Value]](repeating: items, count: n).joined()))
        case (.modulo, .str(let format), _):
            return .str(try PercentFormatter.format(format, b))
        case (.bitOr, .dict(let x), .dict(let y)):
            let merged = x.copy()
            for (k, v) in y.entries { try merged.set(k, v) }
            return .dict(merged)
        case (.bitOr, .set(let x), .set(let y)): return .set(try SetRef(x.items + y.items))
        case (.bitAnd, .set(let x), .set(let y)): return .set(try SetRef(try x.items.filter { try y.contains($0) }))
        case (.subtract, .set(let x), .set(let y)): return .set(try SetRef(try x.items.filter { try !y.contains($0) }))
        case (.bitXor, .set(let x), .set(let y)):
            return .set(try SetRef(try x.items.filter { try !y.contains($0) } + y.items.filter { try !x.contains($0) }))
        default:
            break
        }
        if op == .multiply, a.isSequence || b.isSequence {
            let other = a.isSequence ? b : a
            if case .object = other {} else {
                throw DuskError(.typeError, "can't multiply sequence by non-int of type '\(other.typeName)'")
            }
        }
        if op == .add, case .str = a {
            throw DuskError(.typeError, "can only concatenate str (not \"\(b.typeName)\") to str")
        }
        if op == .add, case .list = a {
            throw DuskError(.typeError, "can only concatenate list (not \"\(b.typeName)\") to list")
        }
        throw DuskError.unsupportedOperands(op.rawValue, a, b)
    }

    /// `x op= y`: lists extend in place (handled by the caller); everything else as `binary`.
    func inPlace(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        try binary(op, a, b)
    }

    public func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        if op == .not { return .bool(!(try truthiness(v))) }
        if case .object(let o) = v {
            if let r = try o.unaryOperation(op, context: self) { return r }
            throw DuskError.badUnaryOperand(op.rawValue, v)
        }
        switch (op, v) {
        case (.negate, .int), (.negate, .bool):
            let (r, overflow) = (0).subtractingReportingOverflow(v.intValue!)
            if overflow { throw DuskError.integerOverflow("-") }
            return .int(r)
        case (.negate, .float(let d)): return .float(-d)
        case (.plus, .int), (.plus, .float): return v
        case (.plus, .bool(let b)): return .int(b ? 1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(~(b ? 1 : 0))
        default: throw DuskError.badUnaryOperand(op.rawValue, v)
        }
    }

    static func checkRepetition(_ n: Int, _ length: Int) throws {
        if n > 0 && length > 0 && (n > maxRepetition || n.multipliedReportingOverflow(by: length).overflow
                                   || n * length > maxRepetition) {
            throw DuskError(.memoryError, "repetition result too large (\(n) × \(length) elements)")
        }
    }
}

extension Value {
    /// The value as an `Int` if it is an int or bool.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// The value as a `Double` if it is a number (int, float or bool).
    public var numericValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        default: return nil
        }
    }

    var isNumber: Bool { numericValue != nil }
    var isStr: Bool { if case .str = self { return true }; return false }
    var isList: Bool { if case .list = self { return true }; return false }
    var isTuple: Bool { if case .tuple = self { return true }; return false }
    var isSequence: Bool { isStr || isList || isTuple }
}

/// Integer and float arithmetic kernels.
enum Arithmetic {
    static func int(_ op: BinaryOperator, _ x: Int, _ y: Int) throws -> Value {
        switch op {
        case .add:
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw DuskError.integerOverflow("+") }
            return .int(r)
        case .subtract:
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw DuskError.integerOverflow("-") }
            return .int(r)
        case .multiply:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw DuskError.integerOverflow("*") }
            return .int(r)
        case .divide:
            if y == 0 { throw DuskError.divisionByZero() }
            return .float(Double(x) / Double(y))
        case .floorDivide:
            if y == 0 { throw DuskError.divisionByZero("integer division or modulo by zero") }
            return .int(try floorDivide(x, y))
        case .modulo:
            if y == 0 { throw DuskError.divisionByZero("integer modulo by zero") }
            return .int(floorModulo(x, y))
        case .power:
            if y < 0 {
                if x == 0 { throw DuskError.divisionByZero("0.0 cannot be raised to a negative power") }
                return .float(Foundation.pow(Double(x), Double(y)))
            }
            return .int(try power(x, y))
        case .leftShift:
            if y < 0 { throw DuskError(.valueError, "negative shift count") }
            if x == 0 { return .int(0) }
            if y >= 63 { throw DuskError.integerOverflow("<<") }
            let r = x << y
            if r >> y != x { throw DuskError.integerOverflow("<<") }
            return .int(r)
        case .rightShift:
            if y < 0 { throw DuskError(.valueError, "negative shift count") }
            return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
        case .bitAnd: return .int(x & y)
        case .bitOr: return .int(x | y)
        case .bitXor: return .int(x ^ y)
        case .matmul: throw DuskError.unsupportedOperands("@", .int(x), .int(y))
        }
    }

    static func floorDivide(_ x: Int, _ y: Int) throws -> Int {
        if x == .min && y == -1 { throw DuskError.integerOverflow("//") }
        let q = x / y
        return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
    }

    static func floorModulo(_ x: Int, _ y: Int) -> Int {
        if y == -1 { return 0 }
        let r = x % y
        return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r
    }

    static func power(_ base: Int, _ exponent: Int) throws -> Int {
        var result = 1
        var b = base
        var e = exponent
        while e > 0 {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: b)
                if o { throw DuskError.integerOverflow("**") }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (sq, o) = b.multipliedReportingOverflow(by: b)
                if o { throw DuskError.integerOverflow("**") }
                b = sq
            }
        }
        return result
    }

    static func float(_ op: BinaryOperator, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide:
            if y == 0 { throw DuskError.divisionByZero("float division by zero") }
            return .float(x / y)
        case .floorDivide:
            if y == 0 { throw DuskError.divisionByZero("float floor division by zero") }
            return .float(divmod(x, y).quotient)
        case .modulo:
            if y == 0 { throw DuskError.divisionByZero("float modulo by zero") }
            return .float(divmod(x, y).remainder)
        case .power:
            if x == 0 && y < 0 { throw DuskError.divisionByZero("0.0 cannot be raised to a negative power") }
            if x < 0 && y != y.rounded() && y.isFinite {
                throw DuskError(.valueError, "negative number cannot be raised to a fractional power")
            }
            let r = Foundation.pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw DuskError(.overflowError, "numerical result out of range") }
            return .float(r)
        default:
            throw DuskError.unsupportedOperands(op.rawValue, .float(x), .float(y))
        }
    }

    /// Python's float divmod: floor quotient and a remainder with the divisor's sign.
    static func divmod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var mod = fmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) { mod += y; div -= 1 }
        } else {
            mod = copysign(0, y)
        }
        var floorDiv: Double
        if div != 0 {
            floorDiv = floor(div)
            if div - floorDiv > 0.5 { floorDiv += 1 }
        } else {
            floorDiv = copysign(0, x / y)
        }
        return (floorDiv, mod)
    }
}
