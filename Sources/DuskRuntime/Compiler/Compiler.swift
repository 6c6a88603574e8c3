import DuskSyntax
import Synchronization

/// Turns a parsed, analyzed module into closures over resolved slots.
///
/// Each node becomes one closure that already knows where its names live (a frame
/// slot, a cell slot, or a global slot), so running code never hashes a name. The
/// closures are immutable and `Sendable`: a compiled function can run on several
/// threads at once, each call with its own `Frame`.
///
/// Errors a node raises are located at that node (the innermost one that saw them).
struct Compiler: Sendable {
    let scope: Scope
    let globals: Globals
    let builtins: Globals
    /// Where the code of every `def` and `lambda` compiled goes, when someone asked for it.
    var functionCodes: FunctionCodeTable? = nil

    /// Compiles a module's statements against the globals it will run in.
    static func compile(_ module: [Stmt], globals: Globals, builtins: Globals,
                        functionCodes: FunctionCodeTable? = nil) throws -> CompiledModule {
        let scope = try ScopeAnalyzer.analyze(module)
        let compiler = Compiler(scope: scope, globals: globals, builtins: builtins, functionCodes: functionCodes)
        var statements: [CompiledModule.Statement] = []
        for stmt in module {
            var expression: Evaluator?
            if case .expression(let e) = stmt.kind { expression = try compiler.expression(e) }
            statements.append(.init(stmt: stmt, run: try compiler.statement(stmt), expression: expression))
        }
        return CompiledModule(scope: scope, statements: statements)
    }

    /// A compiler for a nested scope.
    func nested(_ child: Scope) -> Compiler {
        Compiler(scope: child, globals: globals, builtins: builtins, functionCodes: functionCodes)
    }

    func childScope(_ key: ScopeKey, at location: SourceLocation) throws -> Scope {
        guard let child = scope.children[key] else {
            throw DuskError(.runtimeError, "internal error: no scope for the code at \(location)", at: location)
        }
        return child
    }
}

/// The compiled code of each function of a module, by where its `def` or `lambda` starts: how
/// a process that received a function's source finds the function's code in it.
final class FunctionCodeTable: Sendable {
    private let table = Mutex<[ScopeKey: FunctionCode]>([:])

    func record(_ code: FunctionCode, key: ScopeKey) { table.withLock { $0[key] = code } }

    func code(at key: ScopeKey) -> FunctionCode? { table.withLock { $0[key] } }
}

/// A compiled module: its top-level statements, run one by one (the REPL echoes
/// expression statements; magics run between statements).
struct CompiledModule: Sendable {
    struct Statement: Sendable {
        let stmt: Stmt
        let run: Executor
        /// For expression statements: the expression, to show its value.
        let expression: Evaluator?
    }

    let scope: Scope
    let statements: [Statement]

    /// Runs every statement in a new module frame.
    func run(_ context: ExecutionContext, globals: Globals) throws {
        let frame = context.moduleFrame(scope, globals: globals)
        for s in statements { _ = try s.run(context, frame) }
    }
}

// MARK: - Locating errors

extension DuskError {
    /// This error located at `location` if it has no location yet.
    func located(_ location: SourceLocation) -> DuskError {
        var e = self
        e.locate(location)
        return e
    }

    /// `error` as a Dusk error located at `location` if it has no location yet, to throw
    /// on. A Dusk error already located is returned as it is: rethrowing it reuses its
    /// box, where a new error would allocate one at every node it passes.
    static func located(_ error: any Error, at location: SourceLocation) -> any Error {
        guard let e = error as? DuskError else { return from(error).located(location) }
        if e.isLocated { return error }
        return e.located(location)
    }
}

/// Runs `body`, locating any error it throws at `location`.
@inline(__always)
func locating<T>(_ location: SourceLocation, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw DuskError.located(error, at: location)
    }
}

// MARK: - Names

extension Compiler {
    /// Reads a name.
    func load(_ name: String, at location: SourceLocation) -> Evaluator {
        switch scope.resolve(name) {
        case .local(let i):
            return { _, frame in
                if let v = try frame.local(i) { return v }
                throw DuskError.unboundLocal(name).located(location)
            }
        case .cell(let i):
            let own = i < scope.ownCellCount
            return { _, frame in
                if let v = frame.cells[i].value { return v }
                throw (own ? DuskError.unboundLocal(name) : DuskError.unboundFree(name)).located(location)
            }
        case .global:
            let global = globalOperand(name, at: location)
            return { c, f in try global.read(c, f) }
        }
    }

    /// How to read the global (or built-in) `name`.
    func globalOperand(_ name: String, at location: SourceLocation) -> GlobalOperand {
        GlobalOperand(name: name, location: location, globals: globals, builtins: builtins,
                      slot: globals.slot(for: name), fallback: builtins.slot(for: name),
                      scopeNames: scope.localNames + scope.cellNames)
    }

    /// Binds a name.
    func store(_ name: String) -> Binder {
        switch scope.resolve(name) {
        case .local(let i): return { _, frame, value in try frame.setLocal(i, value) }
        case .cell(let i): return { _, frame, value in frame.cells[i].set(value) }
        case .global:
            let globals = self.globals
            let g = globals.slot(for: name)
            return { context, frame, value in
                let cache = frame.cache.globals === globals ? frame.cache : context.cache(for: globals)
                cache.write(value, at: g)
            }
        }
    }

    /// Unbinds a name (`del x`).
    func delete(_ name: String, at location: SourceLocation) -> Executor {
        switch scope.resolve(name) {
        case .local(let i):
            return { _, frame in
                if try frame.local(i) == nil { throw DuskError.unboundLocal(name).located(location) }
                try frame.setLocal(i, nil)
                return .normal
            }
        case .cell(let i):
            return { _, frame in
                if frame.cells[i].value == nil { throw DuskError.unboundLocal(name).located(location) }
                frame.cells[i].set(nil)
                return .normal
            }
        case .global:
            let globals = self.globals
            let g = globals.slot(for: name)
            return { context, frame in
                if globals.remove(at: g) == nil {
                    throw DuskError.undefinedName(name, candidates: context.visibleNames(in: frame, scopeNames: [])).located(location)
                }
                return .normal
            }
        }
    }
}

extension ExecutionContext {
    /// Every name visible from a frame (for suggestions).
    func visibleNames(in frame: Frame, scopeNames: [String]) -> [String] {
        scopeNames + frame.globals.names + interpreter.builtins.names
    }
}
