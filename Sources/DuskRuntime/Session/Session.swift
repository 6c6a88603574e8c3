import DuskArray
import DuskGraph
import DuskSyntax
import Synchronization

/// A Dusk session: one set of globals and the interpreter that runs code in them.
/// Shared by the script runner and the REPL (the `dusk` command drives it).
///
/// ```
/// let session = Session(argv: ["tour.dsk"], interactive: false)
/// let ok = session.run(file: SourceFile(name: "tour.dsk", text: text))
/// ```
/// Code runs on a thread with a large stack; errors are written to the output
/// sink's standard error as rendered diagnostics.
public final class Session: Sendable {
    public let interpreter: Interpreter
    /// The user's module globals.
    public let globals: Globals
    /// REPL mode: expression statements print their value and bind `_`.
    public let interactive: Bool
    private let handler = Mutex<MagicHandler?>(nil)
    private let presenter = Mutex<Presentation?>(nil)
    /// Problems met while loading the prelude (shown once by the command line if it wants).
    public let preludeDiagnostics: [Diagnostic]
    /// The runtime warnings of this session's code, kept apart from other sessions' in the
    /// same process (tests, kernels): bound as `Warnings.current` while the session runs code.
    let warnings = Warnings()
    /// This session's `dask.config` optimizer settings, bound as `OptimizerSettings.current`
    /// while it runs code, so that changing them affects no other session in the process.
    let optimizerSettings = OptimizerSettings()

    /// Makes a session: built-ins from the registry, namespaces, then the prelude (`stdlib/`).
    public init(argv: [String] = [], interactive: Bool = false, output: OutputSink = .standard,
                recursionLimit: Int = 1000, loadPrelude: Bool = true) {
        let registry = Builtins.makeRegistry()
        let modules = registry.makeNamespaces()
        let builtins = Globals()
        for (name, value) in registry.globals { builtins.set(name, value) }
        let argvValue = Value.list(ListRef(argv.map { .str($0) }))
        builtins.set("argv", argvValue)
        modules["sys"]?.setMember("argv", argvValue)
        interpreter = Interpreter(output: output, recursionLimit: recursionLimit, builtins: builtins,
                                  modules: modules, registry: registry, argv: argv)
        globals = Globals()
        self.interactive = interactive
        preludeDiagnostics = loadPrelude ? Prelude.load(into: interpreter) : []
        resetGlobals()
    }

    public var output: OutputSink { interpreter.output }

    /// Runs `%...` lines and `%%...` cells; without one, magics are an error.
    public var magicHandler: MagicHandler? {
        get { handler.withLock { $0 } }
        set { handler.withLock { $0 = newValue } }
    }

    /// How cells show values and errors in a front end other than the terminal (the
    /// Jupyter kernel); nil: as text on the output sink.
    public var presentation: Presentation? {
        get { presenter.withLock { $0 } }
        set { presenter.withLock { $0 = newValue } }
    }

    // MARK: - Globals

    /// The names the user has bound, in binding order.
    public var globalNames: [String] { globals.names.filter { $0 != "__name__" } }

    public func value(named name: String) -> Value? { globals[name] ?? interpreter.builtins[name] }

    public func setValue(_ value: Value, named name: String) { globals.set(name, value) }

    /// Forgets every user variable (`%reset`); built-ins and the prelude stay.
    public func reset() { resetGlobals() }

    private func resetGlobals() {
        globals.removeAll()
        globals.set("__name__", .str("__main__"))
    }

    // MARK: - Running code

    /// Runs a script; on error prints the diagnostic to standard error and returns false.
    ///
    /// With `continueAfterErrors`, an error in a top-level statement is reported and
    /// the script goes on with the next statement (the script tests use this to check
    /// several errors in one file).
    public func run(file: SourceFile, continueAfterErrors: Bool = false) -> Bool {
        runScript(file, continueAfterErrors: continueAfterErrors).succeeded
    }

    /// Runs a script like `run(file:)`, returning the errors it reported.
    public func runScript(_ file: SourceFile, continueAfterErrors: Bool = false) -> CellResult {
        runSource(file, wholeCellMagics: false, echo: false, continueAfterErrors: continueAfterErrors)
    }

    /// Runs one REPL cell (magics included). In interactive mode expression
    /// statements print their value (unless None) and bind `_`.
    public func runCell(_ text: String, name: String = "<stdin>") -> CellResult {
        Interrupt.reset()
        return runSource(SourceFile(name: name, text: text), wholeCellMagics: true, echo: interactive)
    }

    /// Parses code for repeated execution (the timing magics): returns the prepared
    /// code or throws `SessionError.syntax`. `firstLine` makes line numbers match the
    /// file the code came from.
    public func prepare(_ code: String, name: String, firstLine: Int = 1) throws -> PreparedCode {
        let padded = String(repeating: "\n", count: max(0, firstLine - 1)) + code
        let file = SourceFile(name: name, text: padded)
        guard case .success(let module) = Parser.parse(file) else {
            throw SessionError.syntax(Parser.parse(file).diagnostics)
        }
        do {
            return PreparedCode(code: try Compiler.compile(module.body, globals: globals, builtins: interpreter.builtins))
        } catch let e as DuskError {
            throw SessionError.syntax([e.diagnostic])
        }
    }

    /// Runs prepared code in the session's globals; returns the value of its last
    /// statement if that is an expression. Throws `SessionError.runtime` on error.
    @discardableResult
    public func execute(_ code: PreparedCode) throws -> Value? {
        let result: Result<Value?, SessionError> = bindingLocals { InterpreterThread.run {
            let context = ExecutionContext(interpreter: self.interpreter)
            context.moduleGlobals = self.globals
            let frame = context.moduleFrame(code.code.scope, globals: self.globals)
            do {
                var last: Value?
                for statement in code.code.statements {
                    last = nil
                    if let e = statement.expression {
                        last = try locating(statement.stmt.location) { try e(context, frame) }
                    } else {
                        _ = try statement.run(context, frame)
                    }
                }
                return .success(last)
            } catch {
                return .failure(.runtime(Session.moduleLevel(DuskError.from(error))))
            }
        } }
        return try result.get()
    }

    /// Reports an error: rendered with its location and traceback on standard error, or to
    /// the presentation's `reportError`.
    public func report(_ error: any Error) {
        report(ReportedError(error))
    }

    func report(_ error: ReportedError) {
        if let presentation {
            output.flush()
            presentation.reportError(error)
        } else {
            output.write(error.rendered + "\n", to: .standardError)
        }
    }

    /// Shows a cell's value (not `None`) and binds it to `_`: its display text on the output,
    /// or through the presentation's `showValue`.
    public func show(_ value: Value, context: ExecutionContext? = nil) {
        guard !value.isNone else { return }
        globals.set("_", value)
        let context = context ?? interpreter.makeContext()
        if let presentation {
            output.flush()
            presentation.showValue(value, context)
        } else {
            output.write(display(value, context) + "\n")
        }
    }

    /// Parses, analyzes and runs a source, magics interleaved at their lines.
    private func runSource(_ original: SourceFile, wholeCellMagics: Bool, echo: Bool,
                           continueAfterErrors: Bool = false) -> CellResult {
        let (code, magics) = MagicScanner.scan(original, wholeCellBody: wholeCellMagics)
        let file = magics.isEmpty ? original : SourceFile(name: original.name, text: code)
        let module: Module
        switch Parser.parse(file) {
        case .success(let m): module = m
        case .failure(let diagnostics):
            report(ReportedError(typeName: "SyntaxError", diagnostics: diagnostics))
            output.flush()
            return CellResult(succeeded: false, value: nil, diagnostics: diagnostics)
        }
        let compiled: CompiledModule
        do {
            compiled = try Compiler.compile(module.body, globals: globals, builtins: interpreter.builtins)
        } catch {
            let e = DuskError.from(error)
            report(ReportedError(e))
            return CellResult(succeeded: false, value: nil, diagnostics: [e.diagnostic])
        }
        let result = bindingLocals {
            InterpreterThread.run {
                self.executeTopLevel(compiled, magics: magics, echo: echo, continueAfterErrors: continueAfterErrors)
            }
        }
        output.flush()
        return result
    }

    /// Runs `body` with this session's warning sink and optimizer settings bound.
    private func bindingLocals<T>(_ body: () throws -> T) rethrows -> T {
        try Warnings.$current.withValue(warnings) {
            try OptimizerSettings.$current.withValue(optimizerSettings) { try body() }
        }
    }

    private func executeTopLevel(_ module: CompiledModule, magics: [MagicCommand], echo: Bool,
                                 continueAfterErrors: Bool) -> CellResult {
        let context = ExecutionContext(interpreter: interpreter)
        context.moduleGlobals = globals
        let frame = context.moduleFrame(module.scope, globals: globals)
        var pending = magics[...]
        var last: Value?
        func runMagics(before line: Int) throws {
            while let magic = pending.first, magic.location.line < line {
                pending.removeFirst()
                guard let handler = magicHandler else {
                    var e = DuskError.unknownMagic(magic.name)
                    e.locate(magic.location)
                    throw e
                }
                do {
                    try handler(magic, self)
                } catch var e as DuskError {
                    e.locate(magic.location)
                    throw e
                }
            }
        }
        var failures: [Diagnostic] = []
        func report(_ error: any Error) {
            let reported = error is SessionError ? ReportedError(error) : ReportedError(Session.moduleLevel(DuskError.from(error)))
            self.report(reported)
            failures += reported.diagnostics
        }
        let lastOnly = presentation?.showsLastExpressionOnly ?? false
        for (index, statement) in module.statements.enumerated() {
            let stmt = statement.stmt
            do {
                try runMagics(before: stmt.location.line)
                last = nil
                if let e = statement.expression {
                    let value = try locating(stmt.location) { try e(context, frame) }
                    last = value
                    let isLast = index == module.statements.count - 1 && pending.isEmpty
                    if echo && (isLast || !lastOnly) { show(value, context: context) }
                } else {
                    _ = try statement.run(context, frame)
                }
            } catch let e as DuskError where e.exitStatus != nil {
                if case .str(let message)? = e.exception.args.first { output.write(message + "\n", to: .standardError) }
                return CellResult(succeeded: failures.isEmpty && e.exitStatus == 0, value: nil, diagnostics: failures,
                                  exitStatus: e.exitStatus)
            } catch {
                report(error)
                if !continueAfterErrors { return CellResult(succeeded: false, value: nil, diagnostics: failures) }
                context.handling.removeAll()
            }
        }
        do {
            try runMagics(before: Int.max)
        } catch {
            report(error)
        }
        return CellResult(succeeded: failures.isEmpty, value: last, diagnostics: failures)
    }

    /// What the REPL shows for a value: a library object's display text, or its repr.
    public func display(_ value: Value, _ context: ExecutionContext? = nil) -> String {
        (context ?? interpreter.makeContext()).displayText(of: value)
    }

    /// Adds the `<module>` entry to an error's traceback.
    static func moduleLevel(_ error: DuskError) -> DuskError {
        var e = error
        e.addFrame(TracebackEntry(function: "<module>", location: e.frameLocation ?? e.location))
        e.frameLocation = nil
        return e
    }
}

/// How a front end other than the terminal shows what cells produce (the Jupyter kernel
/// sets one on its session).
public struct Presentation: Sendable {
    /// Shows a cell's value (Python's `sys.displayhook`): an expression statement's, or
    /// what `%time` returns.
    public var showValue: @Sendable (Value, ExecutionContext) -> Void
    /// Reports an error that stopped code (Python's `sys.excepthook`).
    public var reportError: @Sendable (ReportedError) -> Void
    /// Whether a cell shows only its last statement's value when that is an expression
    /// (IPython's `last_expr`), rather than every expression statement's (the REPL).
    public var showsLastExpressionOnly: Bool

    public init(showValue: @escaping @Sendable (Value, ExecutionContext) -> Void,
                reportError: @escaping @Sendable (ReportedError) -> Void, showsLastExpressionOnly: Bool = true) {
        self.showValue = showValue
        self.reportError = reportError
        self.showsLastExpressionOnly = showsLastExpressionOnly
    }
}

/// An error as a session reports it: the exception's type name (`ZeroDivisionError`,
/// `SyntaxError`), its message and the diagnostics that locate it.
public struct ReportedError: Sendable {
    public var typeName: String
    public var message: String
    public var diagnostics: [Diagnostic]

    public init(typeName: String, message: String? = nil, diagnostics: [Diagnostic]) {
        self.typeName = typeName
        self.message = message ?? diagnostics.first?.message ?? ""
        self.diagnostics = diagnostics
    }

    init(_ error: DuskError) {
        self.init(typeName: error.type.name, message: error.message, diagnostics: [error.diagnostic])
    }

    init(_ error: any Error) {
        switch error {
        case let e as SessionError:
            switch e {
            case .syntax(let diagnostics): self.init(typeName: "SyntaxError", diagnostics: diagnostics)
            case .runtime(let e): self.init(e)
            }
        case let e as DuskError: self.init(e)
        case let d as Diagnostic: self.init(typeName: "SyntaxError", diagnostics: [d])
        default: self.init(typeName: "Error", diagnostics: [Diagnostic(.error, "\(error)", at: nil)])
        }
    }

    /// The diagnostics as text (location, source line, caret, traceback), one after the other.
    public var rendered: String { diagnostics.map { $0.rendered() }.joined(separator: "\n") }
}

/// The outcome of a REPL cell.
public struct CellResult: Sendable {
    public var succeeded: Bool
    /// The value of the last statement, if it was an expression.
    public var value: Value?
    /// The errors reported (already written to standard error).
    public var diagnostics: [Diagnostic]
    /// Set when the code called `exit(code)`: the status the process should exit with.
    /// The rest of the script (or cell) did not run.
    public var exitStatus: Int?

    public init(succeeded: Bool, value: Value?, diagnostics: [Diagnostic], exitStatus: Int? = nil) {
        self.succeeded = succeeded
        self.value = value
        self.diagnostics = diagnostics
        self.exitStatus = exitStatus
    }
}

/// Code parsed once and run many times (`%timeit`).
public struct PreparedCode: Sendable {
    let code: CompiledModule
}

/// A failure of prepared code.
public enum SessionError: Error, Sendable {
    case syntax([Diagnostic])
    case runtime(DuskError)

    public var diagnostics: [Diagnostic] {
        switch self {
        case .syntax(let d): return d
        case .runtime(let e): return [e.diagnostic]
        }
    }

    /// The diagnostics as text, one after the other.
    public var rendered: String { diagnostics.map { $0.rendered() }.joined(separator: "\n") }
}
