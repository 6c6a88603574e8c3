import DuskSyntax
import Synchronization

/// The shared, immutable part of an interpreter: the built-in layer, the module
/// table, the output sink and limits. `Sendable`, so worker threads can call user
/// functions through it (`interpreter.call(f, args)`), each with its own
/// `ExecutionContext`.
public final class Interpreter: Sendable {
    public let output: OutputSink
    private let limit: Atomic<Int>
    /// Global built-ins, exception types and prelude functions: looked up after a module's globals.
    public let builtins: Globals
    /// Built-in modules by dotted path (`numpy`, `dask.array`).
    public let modules: [String: Namespace]
    /// The registry the built-ins came from (for `help` and completion).
    public let registry: Registry
    /// `argv` as the script sees it.
    public let argv: [String]

    init(output: OutputSink, recursionLimit: Int, builtins: Globals, modules: [String: Namespace],
         registry: Registry, argv: [String]) {
        self.output = output
        self.limit = Atomic(recursionLimit)
        self.builtins = builtins
        self.modules = modules
        self.registry = registry
        self.argv = argv
    }

    /// The maximum depth of nested user function calls (`sys.setrecursionlimit`).
    public var recursionLimit: Int { limit.load(ordering: .relaxed) }

    public func setRecursionLimit(_ value: Int) { limit.store(max(1, value), ordering: .relaxed) }

    /// Calls a Dusk callable from any thread (for example a scheduler worker).
    /// Errors come back as `DuskError` with their traceback.
    public func call(_ callee: Value, _ arguments: Arguments) throws -> Value {
        try ExecutionContext(interpreter: self).call(callee, arguments)
    }

    /// A fresh execution context for the current thread.
    public func makeContext() -> ExecutionContext { ExecutionContext(interpreter: self) }
}

/// The state of one thread of execution: call depth, the native stack guard and
/// the exceptions being handled. Evaluation, calls and operators are its methods.
/// Confined to the thread that made it (not `Sendable`); built-ins and library
/// objects receive it to call back into Dusk (`context.call(f, args)`).
public final class ExecutionContext {
    public let interpreter: Interpreter
    var depth = 0
    let stack = StackGuard()
    /// Errors caught by the `except` clauses currently running (for bare `raise`).
    var handling: [DuskError] = []
    /// The globals of the module being run (for `dir()` without arguments).
    public var moduleGlobals: Globals?
    /// The expression whose operation is running: set just before an operator, call,
    /// attribute access or subscript is applied, so built-ins (lazy array nodes in
    /// particular) can record where they were written.
    public internal(set) var callLocation: SourceLocation?

    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
    }

    public var output: OutputSink { interpreter.output }
}

/// The variables of one running scope (module, function call or comprehension):
/// plain locals in slots, captured variables in cells, and the module globals.
final class Frame {
    var slots: [Value?]
    var cells: [Cell]
    let globals: Globals
    /// The function's name for tracebacks (`<module>` at top level).
    let name: String

    init(scope: Scope, globals: Globals, name: String) {
        self.slots = [Value?](repeating: nil, count: scope.localNames.count)
        self.cells = []
        self.globals = globals
        self.name = name
        if scope.ownCellCount > 0 {
            cells.reserveCapacity(scope.cellNames.count)
            for _ in 0..<scope.ownCellCount { cells.append(Cell()) }
        }
    }
}

/// Compiled code: closures over resolved slots, made once per module.
typealias Evaluator = @Sendable (ExecutionContext, Frame) throws -> Value
typealias Executor = @Sendable (ExecutionContext, Frame) throws -> Flow
typealias Binder = @Sendable (ExecutionContext, Frame, Value) throws -> Void

/// The body of a compiled function: a block of statements or a lambda's expression.
enum CompiledBody: Sendable {
    case block(Executor)
    case expression(Evaluator)
}

/// How a statement finished.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returnValue(Value)
}

/// Errors from other modules that know their Dusk form (shape errors, I/O errors...).
public protocol DuskErrorConvertible: Error {
    var duskError: DuskError { get }
}

extension DuskError {
    /// Any error as a Dusk error: Dusk errors as they are, convertible ones converted,
    /// others as a `RuntimeError` with their description.
    public static func from(_ error: any Error) -> DuskError {
        if let e = error as? DuskError { return e }
        if let c = error as? any DuskErrorConvertible { return c.duskError }
        if let d = error as? Diagnostic { return DuskError(.runtimeError, d.message, at: d.location) }
        return DuskError(.runtimeError, String(describing: error))
    }
}
