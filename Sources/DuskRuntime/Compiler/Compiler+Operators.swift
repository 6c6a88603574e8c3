import DuskSyntax
import Foundation

/// Binary operators, comparisons and truth tests compiled per operand shape, with
/// inline paths for plain numbers.
extension Compiler {
    func binary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, at location: SourceLocation) throws -> Evaluator {
        try specialized(lhs, rhs, BinaryBuilder(op: op, location: location)).evaluate
    }

    /// A comparison with one operator (`a < b`); chains go through `comparisonChain`.
    func comparison(_ op: ComparisonOperator, _ lhs: Expr, _ rhs: Expr, at location: SourceLocation) throws -> Evaluator {
        try specialized(lhs, rhs, ComparisonBuilder(op: op, location: location)).evaluate
    }

    /// `expr` as a truth value, for `if`, `while`, conditional expressions and filters.
    /// Comparisons, `not`, `and` and `or` answer without making a `bool` value; a truth
    /// test that fails (an array of several elements) is located at `location`.
    func condition(_ expr: Expr, at location: SourceLocation) throws -> Condition {
        switch expr.kind {
        case .compare(let first, let rest) where rest.count == 1:
            return try specialized(first, rest[0].right,
                                   ConditionBuilder(op: rest[0].op, location: rest[0].location, truthLocation: location)).test
        case .unary(.not, let operand):
            let inner = try condition(operand, at: expr.location)
            return { c, f in !(try inner(c, f)) }
        case .logical(.and, let lhs, let rhs):
            let a = try condition(lhs, at: expr.location), b = try condition(rhs, at: location)
            return { c, f in try a(c, f) && b(c, f) }
        case .logical(.or, let lhs, let rhs):
            let a = try condition(lhs, at: expr.location), b = try condition(rhs, at: location)
            return { c, f in try a(c, f) || b(c, f) }
        case .bool(let b):
            return { _, _ in b }
        default:
            let value = try expression(expr)
            return { c, f in
                let v = try value(c, f)
                switch v {
                case .bool(let b): return b
                case .int(let i): return i != 0
                case .none: return false
                default: return try locating(location) { try c.truthiness(v) }
                }
            }
        }
    }
}

struct BinaryBuilder: OperandPairBuilder {
    let op: BinaryOperator
    let location: SourceLocation

    func make<L: OperandReader, R: OperandReader>(_ lhs: L, _ rhs: R) -> CompiledExpression {
        let op = op, location = location
        return CompiledExpression { c, f in
            let x = try lhs.read(c, f)
            let y = try rhs.read(c, f)
            if let r = Arithmetic.fast(op, x, y) { return r }
            return try c.binary(op, x, y, at: location)
        }
    }
}

struct SubscriptBuilder: OperandPairBuilder {
    let location: SourceLocation

    func make<L: OperandReader, R: OperandReader>(_ base: L, _ index: R) -> CompiledExpression {
        let location = location
        return CompiledExpression { c, f in
            let container = try base.read(c, f)
            let key = try index.read(c, f)
            if let v = Subscripts.fast(container, key) { return v }
            c.callLocation = location
            return try locating(location) { try c.subscriptValue(container, key) }
        }
    }
}

struct ComparisonBuilder: OperandPairBuilder {
    let op: ComparisonOperator
    let location: SourceLocation

    func make<L: OperandReader, R: OperandReader>(_ lhs: L, _ rhs: R) -> CompiledExpression {
        let op = op, location = location
        return CompiledExpression { c, f in
            let a = try lhs.read(c, f)
            let b = try rhs.read(c, f)
            if let r = Comparisons.fast(op, a, b) { return .bool(r) }
            return try c.compare(op, a, b, at: location)
        }
    }
}

struct ConditionBuilder: OperandPairBuilder {
    let op: ComparisonOperator
    let location: SourceLocation
    let truthLocation: SourceLocation

    func make<L: OperandReader, R: OperandReader>(_ lhs: L, _ rhs: R) -> CompiledCondition {
        let op = op, location = location, truthLocation = truthLocation
        return CompiledCondition { c, f in
            let a = try lhs.read(c, f)
            let b = try rhs.read(c, f)
            if let r = Comparisons.fast(op, a, b) { return r }
            let result = try c.compare(op, a, b, at: location)
            if case .bool(let r) = result { return r }
            return try locating(truthLocation) { try c.truthiness(result) }
        }
    }
}

extension ExecutionContext {
    /// `a op b` through the full operator table, errors located at `location`.
    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        if stack.isExhausted() { throw DuskError.recursionLimit().located(location) }
        callLocation = location
        return try locating(location) { try binary(op, a, b) }
    }

    /// `a op b` through the full comparison table, errors located at `location`.
    func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        callLocation = location
        return try locating(location) { try compare(op, a, b) }
    }
}

extension Arithmetic {
    /// `a op b` for plain ints and floats when it cannot fail; nil sends the operation
    /// through the full table (other types, overflow, division by zero, int `**`, `**` of a
    /// float base that is not positive, shifts).
    @inline(__always)
    static func fast(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value? {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .add:
                let (r, o) = x.addingReportingOverflow(y)
                return o ? nil : .int(r)
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(y)
                return o ? nil : .int(r)
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                return o ? nil : .int(r)
            case .floorDivide:
                guard y != 0, !(x == .min && y == -1) else { return nil }
                let q = x / y
                return .int(x % y != 0 && ((x < 0) != (y < 0)) ? q - 1 : q)
            case .modulo:
                guard y != 0 else { return nil }
                return .int(floorModulo(x, y))
            case .divide:
                return y == 0 ? nil : .float(Double(x) / Double(y))
            case .bitAnd: return .int(x & y)
            case .bitOr: return .int(x | y)
            case .bitXor: return .int(x ^ y)
            default: return nil
            }
        }
        let x: Double, y: Double
        switch a {
        case .float(let d): x = d
        case .int(let i): x = Double(i)
        default: return nil
        }
        switch b {
        case .float(let d): y = d
        case .int(let i): y = Double(i)
        default: return nil
        }
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide: return y == 0 ? nil : .float(x / y)
        case .power:
            // A positive finite base and a finite result: the cases that cannot raise.
            guard x > 0, x.isFinite, y.isFinite else { return nil }
            let r = Foundation.pow(x, y)
            return r.isFinite ? .float(r) : nil
        default: return nil
        }
    }
}

/// Inline comparisons of plain values.
enum Comparisons {
    /// `a op b` for two ints, two floats, or an identity test against `None`; nil otherwise.
    @inline(__always)
    static func fast(_ op: ComparisonOperator, _ a: Value, _ b: Value) -> Bool? {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .less: return x < y
            case .lessEqual: return x <= y
            case .greater: return x > y
            case .greaterEqual: return x >= y
            case .equal: return x == y
            case .notEqual: return x != y
            default: return nil
            }
        }
        if case .float(let x) = a, case .float(let y) = b {
            switch op {
            case .less: return x < y
            case .lessEqual: return x <= y
            case .greater: return x > y
            case .greaterEqual: return x >= y
            case .equal: return x == y
            case .notEqual: return x != y
            default: return nil
            }
        }
        if case .none = b {
            if op == .is { return a.isNone }
            if op == .isNot { return !a.isNone }
        }
        return nil
    }
}
