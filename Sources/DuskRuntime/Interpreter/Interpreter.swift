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
    let stack = StackGuard()
    /// The state every call and operator touches, behind a pointer: a class's stored
    /// `var`s pay a dynamic exclusivity check on each access, a pointee does not.
    private let hot: UnsafeMutablePointer<HotState>
    /// This thread's caches of module globals (see `GlobalCache`), most recent first.
    private var globalCaches: [GlobalCache] = []
    /// Errors caught by the `except` clauses currently running (for bare `raise`).
    var handling: [DuskError] = []
    /// The globals of the module being run (for `dir()` without arguments).
    public var moduleGlobals: Globals?

    private struct HotState {
        var depth = 0
        var callLocation: SourceLocation?
        var frames = FrameStack()
        var memberCache = ModuleMemberCache()
    }

    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
        hot = .allocate(capacity: 1)
        hot.initialize(to: HotState())
    }

    deinit {
        hot.deinitialize(count: 1)
        hot.deallocate()
    }

    public var output: OutputSink { interpreter.output }

    /// The number of user function calls running on this thread.
    var depth: Int {
        @inline(__always) get { hot.pointee.depth }
        @inline(__always) set { hot.pointee.depth = newValue }
    }

    /// The expression whose operation is running: set just before a built-in, a library
    /// object's hook or an operator on library values is applied, so built-ins (lazy array
    /// nodes in particular) can record where they were written.
    public internal(set) var callLocation: SourceLocation? {
        @inline(__always) get { hot.pointee.callLocation }
        @inline(__always) set { hot.pointee.callLocation = newValue }
    }

    /// This thread's cache of module member reads.
    var memberCache: ModuleMemberCache {
        @inline(__always) _read { yield hot.pointee.memberCache }
        @inline(__always) _modify { yield &hot.pointee.memberCache }
    }

    /// A frame for a call (at the current depth) of a scope with `count` locals, reused
    /// from this thread's frame stack when it can be.
    @inline(__always)
    func frame(count: Int, cells: [Cell], cache: GlobalCache) -> Frame {
        if let frame = hot.pointee.frames.take(depth: depth), frame.prepare(count: count, cells: cells, cache: cache) {
            return frame
        }
        return Frame.make(count: count, cells: cells, cache: cache)
    }

    /// Clears the frame of a call that returned and keeps it for the next call at this depth.
    @inline(__always)
    func recycle(_ frame: Frame) {
        frame.clear()
        hot.pointee.frames.keep(frame, depth: depth)
    }

    /// This thread's cache of `globals`.
    func cache(for globals: Globals) -> GlobalCache {
        if let first = globalCaches.first, first.globals === globals { return first }
        if let i = globalCaches.firstIndex(where: { $0.globals === globals }) {
            let found = globalCaches.remove(at: i)
            globalCaches.insert(found, at: 0)
            return found
        }
        let made = GlobalCache(globals)
        globalCaches.insert(made, at: 0)
        if globalCaches.count > 8 { globalCaches.removeLast() }
        return made
    }
}

/// Compiled code: closures over resolved slots, made once per module.
typealias Evaluator = @Sendable (ExecutionContext, Frame) throws -> Value
typealias Executor = @Sendable (ExecutionContext, Frame) throws -> Flow
typealias Binder = @Sendable (ExecutionContext, Frame, Value) throws -> Void
typealias Condition = @Sendable (ExecutionContext, Frame) throws -> Bool

/// A compiled expression kept in an array. Arrays and optionals hold closures at their
/// most general abstraction, so calling one straight from them goes through two
/// reabstraction thunks; a closure in a struct field keeps its own calling convention.
struct CompiledExpression: Sendable {
    let evaluate: Evaluator
}

/// A compiled truth test kept in an array (see `CompiledExpression`).
struct CompiledCondition: Sendable {
    let test: Condition
}

/// A compiled assignment target kept in an array (see `CompiledExpression`).
struct CompiledBinder: Sendable {
    let bind: Binder
}

/// A compiled statement kept in an array, with its location (see `CompiledExpression`).
struct CompiledStatement: Sendable {
    let run: Executor
    let location: SourceLocation

    /// Runs the statement; an error it raises is located here unless a node inside claimed it.
    @inline(__always)
    func step(_ c: ExecutionContext, _ f: Frame) throws -> Flow {
        do { return try run(c, f) } catch { throw DuskError.located(error, at: location) }
    }
}

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
