import DuskSyntax

/// Operators compiled for their operands' shapes.
///
/// Most operators in loops read a local variable or a literal (`i < n`, `x + 1`,
/// `x % 2 == 0`). Reading such an operand in place saves a closure call per operand,
/// so each operator is compiled generically over how its two operands are read
/// (`OperandReader`), and the compiler specializes the sixteen combinations of local,
/// global, constant and other expressions. Plain ints and floats then take an inline path
/// (`Arithmetic.fast`, `Comparisons.fast`); everything else goes through the full
/// operator tables with the operator's location.
protocol OperandReader: Sendable {
    func read(_ c: ExecutionContext, _ f: Frame) throws -> Value
}

/// A plain local variable of the running frame.
struct LocalOperand: OperandReader {
    let slot: Int
    let name: String
    let location: SourceLocation

    @inline(__always)
    func read(_ c: ExecutionContext, _ f: Frame) throws -> Value {
        if let v = try f.local(slot) { return v }
        throw DuskError.unboundLocal(name).located(location)
    }
}

/// A module global, else a built-in: read through this thread's cache of the module's
/// globals, taking the table's lock only when some thread wrote a global since.
struct GlobalOperand: OperandReader {
    let name: String
    let location: SourceLocation
    let globals: Globals
    let builtins: Globals
    let slot: Int
    /// The slot of the name in `builtins`.
    let fallback: Int
    /// The names of the scope, for suggestions when the name is undefined.
    let scopeNames: [String]

    @inline(__always)
    func read(_ c: ExecutionContext, _ f: Frame) throws -> Value {
        if let v = f.global(slot, in: globals) { return v }
        return try reload(c, f)
    }

    @inline(never)
    private func reload(_ c: ExecutionContext, _ f: Frame) throws -> Value {
        let cache = f.cache.globals === globals ? f.cache : c.cache(for: globals)
        if let v = cache.value(at: slot) ?? cache.load(slot, builtins: builtins, fallback: fallback) { return v }
        throw DuskError.undefinedName(name, candidates: c.visibleNames(in: f, scopeNames: scopeNames)).located(location)
    }
}

/// A literal.
struct ConstantOperand: OperandReader {
    let value: Value

    @inline(__always)
    func read(_ c: ExecutionContext, _ f: Frame) throws -> Value { value }
}

/// Any other expression.
struct ExpressionOperand: OperandReader {
    let evaluate: Evaluator

    @inline(__always)
    func read(_ c: ExecutionContext, _ f: Frame) throws -> Value { try evaluate(c, f) }
}

/// How the compiler reads one operand.
enum OperandShape {
    case local(LocalOperand)
    case global(GlobalOperand)
    case constant(ConstantOperand)
    case expression(ExpressionOperand)
}

extension Compiler {
    /// The cheapest way to read `expr`.
    func operand(_ expr: Expr) throws -> OperandShape {
        switch expr.kind {
        case .int(let i): return .constant(ConstantOperand(value: .int(i)))
        case .float(let d): return .constant(ConstantOperand(value: .float(d)))
        case .bool(let b): return .constant(ConstantOperand(value: .bool(b)))
        case .none: return .constant(ConstantOperand(value: .none))
        case .string(let s): return .constant(ConstantOperand(value: .str(s)))
        case .name(let name):
            switch scope.resolve(name) {
            case .local(let slot): return .local(LocalOperand(slot: slot, name: name, location: expr.location))
            case .global: return .global(globalOperand(name, at: expr.location))
            case .cell: break
            }
        default: break
        }
        return .expression(ExpressionOperand(evaluate: try expression(expr)))
    }

    /// `builder`'s result for the readers of two operands, specialized for their shapes.
    func specialized<B: OperandPairBuilder>(_ lhs: Expr, _ rhs: Expr, _ builder: B) throws -> B.Result {
        switch try operand(lhs) {
        case .local(let a): return try specialized(a, rhs, builder)
        case .global(let a): return try specialized(a, rhs, builder)
        case .constant(let a): return try specialized(a, rhs, builder)
        case .expression(let a): return try specialized(a, rhs, builder)
        }
    }

    private func specialized<L: OperandReader, B: OperandPairBuilder>(_ a: L, _ rhs: Expr, _ builder: B) throws -> B.Result {
        switch try operand(rhs) {
        case .local(let b): return builder.make(a, b)
        case .global(let b): return builder.make(a, b)
        case .constant(let b): return builder.make(a, b)
        case .expression(let b): return builder.make(a, b)
        }
    }
}

/// Makes compiled code from two operand readers. Swift has no generic closures, so
/// the factory is a value whose method is generic: each call site gets code
/// specialized for its operands' readers. The result is a struct holding the closure
/// (a closure returned as a generic type would be wrapped in reabstraction thunks).
protocol OperandPairBuilder {
    associatedtype Result
    func make<L: OperandReader, R: OperandReader>(_ lhs: L, _ rhs: R) -> Result
}
