import DuskSyntax

/// Where a name lives, decided once per scope before execution (as Python's compiler does).
enum NameResolution: Sendable, Equatable {
    /// A plain local: a slot of the frame.
    case local(Int)
    /// A local captured by an inner function, or a variable of an enclosing function:
    /// a shared `Cell` in the frame's cell slots.
    case cell(Int)
    /// A module global (then the built-ins).
    case global
}

/// Identifies a scope-creating node within its parent scope.
struct ScopeKey: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case def, lambda, listComprehension, generator, dictComprehension }
    var kind: Kind
    var line: Int
    var column: Int

    init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.line = location.line
        self.column = location.column
    }
}

/// The resolved names of one scope: a module, function, lambda or comprehension,
/// with the slot layout of its frames.
final class Scope: Sendable {
    enum Kind: Sendable { case module, function, comprehension }

    let kind: Kind
    /// Plain locals, by slot.
    let localNames: [String]
    /// Cell slots: the scope's own captured locals first, then its free variables.
    let cellNames: [String]
    /// How many of `cellNames` are the scope's own (made fresh for each call).
    let ownCellCount: Int
    private let resolutions: [String: NameResolution]
    let children: [ScopeKey: Scope]
    /// The global names this scope and the scopes inside it read or write (for a function
    /// sent to another process: the globals it needs).
    let globalNames: Set<String>

    init(kind: Kind, localNames: [String], ownCells: [String], freeNames: [String],
         declaredGlobal: Set<String>, children: [ScopeKey: Scope], globalNames: Set<String> = []) {
        self.kind = kind
        self.globalNames = globalNames
        self.localNames = localNames
        self.cellNames = ownCells + freeNames
        self.ownCellCount = ownCells.count
        self.children = children
        var resolutions: [String: NameResolution] = [:]
        for (i, name) in localNames.enumerated() { resolutions[name] = .local(i) }
        for (i, name) in cellNames.enumerated() { resolutions[name] = .cell(i) }
        for name in declaredGlobal { resolutions[name] = .global }
        self.resolutions = resolutions
    }

    func resolve(_ name: String) -> NameResolution {
        if kind == .module { return .global }
        return resolutions[name] ?? .global
    }

    var locals: Set<String> { Set(localNames) }
    var cellLocals: Set<String> { Set(cellNames.prefix(ownCellCount)) }
    var freeNames: Set<String> { Set(cellNames.dropFirst(ownCellCount)) }
}

// MARK: - Building scopes

/// Walks a module once and resolves every name of every scope in it.
struct ScopeAnalyzer {
    /// A scope being collected.
    final class Builder {
        let kind: Scope.Kind
        var assigned: Set<String> = []
        var used: Set<String> = []
        var declaredGlobal: Set<String> = []
        var declaredNonlocal: [String: SourceLocation] = [:]
        var children: [(ScopeKey, Builder)] = []
        // Filled while resolving.
        var cellLocals: Set<String> = []
        var freeNames: Set<String> = []

        init(kind: Scope.Kind) { self.kind = kind }

        var locals: Set<String> {
            assigned.subtracting(declaredGlobal).subtracting(declaredNonlocal.keys)
        }
    }

    /// Analyzes a module; throws a `SyntaxError` for a `nonlocal` without a binding.
    static func analyze(_ body: [Stmt]) throws -> Scope {
        let root = Builder(kind: .module)
        var collector = Collector()
        collector.visit(body, in: root)
        try resolve(root, stack: [], env: [:])
        return freeze(root)
    }

    /// Decides local/cell/free/global for every name, top-down.
    /// `env` maps a name to the index in `stack` of the nearest enclosing function scope binding it.
    private static func resolve(_ scope: Builder, stack: [Builder], env: [String: Int]) throws {
        let stack = stack + [scope]
        let depth = stack.count - 1
        if scope.kind != .module {
            for (name, location) in scope.declaredNonlocal where env[name] == nil {
                throw DuskError(.syntaxError, "no binding for nonlocal '\(name)' found", at: location)
            }
            let locals = scope.locals
            for name in scope.used.union(scope.declaredNonlocal.keys) where !locals.contains(name) && !scope.declaredGlobal.contains(name) {
                if let owner = env[name] { capture(name, owner: owner, user: depth, stack: stack) }
            }
        }
        var childEnv = env
        if scope.kind != .module {
            for name in scope.locals { childEnv[name] = depth }
            for name in scope.declaredGlobal { childEnv[name] = nil }
        }
        for (_, child) in scope.children {
            try resolve(child, stack: stack, env: childEnv)
        }
    }

    /// Makes `name` a cell in its owner and free in every scope from the owner's child to `user`.
    private static func capture(_ name: String, owner: Int, user: Int, stack: [Builder]) {
        stack[owner].cellLocals.insert(name)
        for i in (owner + 1)...user { stack[i].freeNames.insert(name) }
    }

    private static func freeze(_ b: Builder) -> Scope {
        var children: [ScopeKey: Scope] = [:]
        for (key, child) in b.children { children[key] = freeze(child) }
        guard b.kind != .module else {
            return Scope(kind: .module, localNames: [], ownCells: [], freeNames: [], declaredGlobal: [], children: children)
        }
        let locals = b.locals
        var globalNames = b.used.subtracting(locals).subtracting(b.freeNames).union(b.declaredGlobal)
        for child in children.values { globalNames.formUnion(child.globalNames) }
        return Scope(kind: b.kind, localNames: locals.subtracting(b.cellLocals).sorted(),
                     ownCells: b.cellLocals.intersection(locals).sorted(),
                     freeNames: b.freeNames.subtracting(locals).sorted(),
                     declaredGlobal: b.declaredGlobal, children: children, globalNames: globalNames)
    }

    /// Collects bindings and uses.
    struct Collector {
        mutating func visit(_ body: [Stmt], in scope: Builder) {
            for stmt in body { visit(stmt, in: scope) }
        }

        mutating func visitFunction(parameters: Parameters, body: [Stmt], into fn: Builder) {
            for p in parameters { fn.assigned.insert(p.name) }
            visit(body, in: fn)
        }

        mutating func visitFunction(parameters: Parameters, body: Expr, into fn: Builder) {
            for p in parameters { fn.assigned.insert(p.name) }
            visit(body, in: fn)
        }

        mutating func visit(_ stmt: Stmt, in scope: Builder) {
            switch stmt.kind {
            case .expression(let e): visit(e, in: scope)
            case .assign(let targets, let value):
                visit(value, in: scope)
                for t in targets { bind(t, in: scope) }
            case .augmentedAssign(let target, _, let value):
                visit(value, in: scope)
                if case .name(let n) = target.kind { scope.used.insert(n) }
                bind(target, in: scope)
            case .functionDef(let def):
                for d in def.decorators { visit(d, in: scope) }
                for p in def.parameters { if let d = p.defaultValue { visit(d, in: scope) } }
                scope.assigned.insert(def.name)
                let fn = Builder(kind: .function)
                visitFunction(parameters: def.parameters, body: def.body, into: fn)
                scope.children.append((ScopeKey(.def, stmt.location), fn))
            case .return(let e): if let e { visit(e, in: scope) }
            case .if(let test, let body, let orelse), .while(let test, let body, let orelse):
                visit(test, in: scope); visit(body, in: scope); visit(orelse, in: scope)
            case .for(let target, let iterable, let body, let orelse):
                visit(iterable, in: scope); bind(target, in: scope)
                visit(body, in: scope); visit(orelse, in: scope)
            case .break, .continue, .pass: break
            case .import(let names):
                for n in names { scope.assigned.insert(n.alias ?? n.module.first ?? "") }
            case .fromImport(_, let names, _):
                for n in names { scope.assigned.insert(n.alias ?? n.name) }
            case .delete(let targets):
                for t in targets { bind(t, in: scope) }
            case .assert(let test, let message):
                visit(test, in: scope); if let m = message { visit(m, in: scope) }
            case .global(let names): for n in names { scope.declaredGlobal.insert(n) }
            case .nonlocal(let names): for n in names { scope.declaredNonlocal[n] = stmt.location }
            case .raise(let e): if let e { visit(e, in: scope) }
            case .try(let body, let handlers, let orelse, let finally):
                visit(body, in: scope)
                for h in handlers {
                    if let t = h.type { visit(t, in: scope) }
                    if let n = h.name { scope.assigned.insert(n) }
                    visit(h.body, in: scope)
                }
                visit(orelse, in: scope); visit(finally, in: scope)
            case .with(let items, let body):
                for item in items {
                    visit(item.context, in: scope)
                    if let t = item.target { bind(t, in: scope) }
                }
                visit(body, in: scope)
            }
        }

        /// A binding target: names are assigned, the rest is evaluated.
        mutating func bind(_ target: Expr, in scope: Builder) {
            switch target.kind {
            case .name(let n): scope.assigned.insert(n)
            case .tuple(let items), .list(let items): for i in items { bind(i, in: scope) }
            case .starred(let inner): bind(inner, in: scope)
            default: visit(target, in: scope)
            }
        }

        mutating func visit(_ expr: Expr, in scope: Builder) {
            switch expr.kind {
            case .int, .float, .string, .bool, .none, .ellipsis: break
            case .fstring(let parts):
                for case .interpolation(let e, _, _, _) in parts { visit(e, in: scope) }
            case .name(let n): scope.used.insert(n)
            case .tuple(let items), .list(let items), .set(let items): for i in items { visit(i, in: scope) }
            case .dict(let items):
                for item in items { if let k = item.key { visit(k, in: scope) }; visit(item.value, in: scope) }
            case .starred(let e), .unary(_, let e), .attribute(let e, _): visit(e, in: scope)
            case .binary(_, let a, let b), .logical(_, let a, let b): visit(a, in: scope); visit(b, in: scope)
            case .compare(let first, let rest):
                visit(first, in: scope); for c in rest { visit(c.right, in: scope) }
            case .conditional(let test, let body, let orelse):
                visit(test, in: scope); visit(body, in: scope); visit(orelse, in: scope)
            case .lambda(let params, let body):
                for p in params { if let d = p.defaultValue { visit(d, in: scope) } }
                let fn = Builder(kind: .function)
                visitFunction(parameters: params, body: body, into: fn)
                scope.children.append((ScopeKey(.lambda, expr.location), fn))
            case .call(let callee, let args):
                visit(callee, in: scope)
                for a in args {
                    switch a {
                    case .positional(let e), .keyword(_, let e), .unpack(let e), .unpackKeywords(let e): visit(e, in: scope)
                    }
                }
            case .subscript(let base, let index): visit(base, in: scope); visit(index, in: scope)
            case .slice(let lo, let hi, let step):
                for part in [lo, hi, step] { if let p = part { visit(p, in: scope) } }
            case .listComprehension(let element, let clauses):
                comprehension(.listComprehension, expr.location, elements: [element], clauses, in: scope)
            case .generator(let element, let clauses):
                comprehension(.generator, expr.location, elements: [element], clauses, in: scope)
            case .dictComprehension(let key, let value, let clauses):
                comprehension(.dictComprehension, expr.location, elements: [key, value], clauses, in: scope)
            }
        }

        /// The first iterable belongs to the enclosing scope; everything else to the comprehension's own.
        mutating func comprehension(_ kind: ScopeKey.Kind, _ location: SourceLocation, elements: [Expr],
                                    _ clauses: [Comprehension], in scope: Builder) {
            guard let first = clauses.first else { return }
            visit(first.iterable, in: scope)
            let inner = Builder(kind: .comprehension)
            for (i, clause) in clauses.enumerated() {
                if i > 0 { visit(clause.iterable, in: inner) }
                bind(clause.target, in: inner)
                for c in clause.conditions { visit(c, in: inner) }
            }
            for e in elements { visit(e, in: inner) }
            scope.children.append((ScopeKey(kind, location), inner))
        }
    }
}
