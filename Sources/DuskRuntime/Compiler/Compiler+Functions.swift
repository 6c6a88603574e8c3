import DuskSyntax

/// Compiling scopes of their own: `def`, `lambda` and comprehensions.
extension Compiler {
    /// The compiled code of a function body, and how to capture its closure from a frame of this scope.
    func functionCode(name: String, parameters: Parameters, docstring: String?, key: ScopeKey,
                      at location: SourceLocation, body: (Compiler) throws -> CompiledBody) throws -> FunctionCode {
        let child = try childScope(key, at: location)
        let compiled = try body(nested(child))
        let code = FunctionCode(name: name, parameters: parameters, docstring: docstring, location: location,
                                scope: child, body: compiled, closureSources: try closureSources(for: child, at: location))
        functionCodes?.record(code, key: key)
        return code
    }

    /// For each free variable of `child`, the cell slot of this scope holding it.
    func closureSources(for child: Scope, at location: SourceLocation) throws -> [Int] {
        try child.cellNames.dropFirst(child.ownCellCount).map { name in
            guard case .cell(let i) = scope.resolve(name) else {
                throw DuskError(.runtimeError, "internal error: '\(name)' is not a cell of the enclosing scope", at: location)
            }
            return i
        }
    }

    /// An expression that makes a function object when evaluated (`def` and `lambda`).
    func makeFunction(_ code: FunctionCode) throws -> Evaluator {
        let defaults: [Evaluator?] = try code.parameters.map { try $0.defaultValue.map(expression) }
        let sources = code.closureSources
        return { c, f in
            var values: [Value?] = []
            values.reserveCapacity(defaults.count)
            for d in defaults { values.append(try d?(c, f)) }
            let closure = sources.map { f.cells[$0] }
            return .function(Function(code: code, defaults: values, globals: f.globals, closure: closure))
        }
    }

    func lambda(_ params: Parameters, _ body: Expr, at location: SourceLocation) throws -> Evaluator {
        let code = try functionCode(name: "<lambda>", parameters: params, docstring: nil, key: ScopeKey(.lambda, location),
                                    at: location) { inner in .expression(try inner.expression(body)) }
        return try makeFunction(code)
    }

    func functionDef(_ def: FunctionDef, at location: SourceLocation) throws -> Executor {
        let code = try functionCode(name: def.name, parameters: def.parameters, docstring: def.docstring,
                                    key: ScopeKey(.def, location), at: location) { inner in .block(try inner.block(def.body)) }
        let make = try makeFunction(code)
        let decorators = try def.decorators.map { (try expression($0), $0.location) }
        let bind = store(def.name)
        return { c, f in
            var applied: [(Value, SourceLocation)] = []
            for (d, l) in decorators { applied.append((try d(c, f), l)) }
            var value = try make(c, f)
            for (decorator, l) in applied.reversed() {
                let function = value
                value = try locating(l) { try c.call(decorator, [function]) }
            }
            try bind(c, f, value)
            return .normal
        }
    }

    /// A comprehension: the first iterable runs in this scope, the rest in the comprehension's
    /// own frame. The returned function runs it, handing each element (a value, or a key and
    /// a value for a dict) to `emit`.
    func comprehension(_ clauses: [Comprehension], key: ScopeKey, element: Expr, value: Expr? = nil,
                       at location: SourceLocation) throws
        -> @Sendable (ExecutionContext, Frame, _ emit: (Value, Value) throws -> Void) throws -> Void {
        guard let first = clauses.first else { return { _, _, _ in } }
        let firstIterable = try expression(first.iterable)
        let child = try childScope(key, at: location)
        let inner = nested(child)
        struct Clause: Sendable {
            /// Nil for the first clause, whose iterable is evaluated in the enclosing scope.
            let iterable: CompiledExpression?
            let iterableLocation: SourceLocation
            let target: Binder
            /// The target's slot when it is a plain local.
            let localSlot: Int?
            let conditions: [CompiledCondition]
        }
        let compiled: [Clause] = try clauses.enumerated().map { i, clause in
            let slot: Int? = if case .name(let n) = clause.target.kind, case .local(let s) = child.resolve(n) { s } else { nil }
            return Clause(iterable: i == 0 ? nil : CompiledExpression(evaluate: try inner.expression(clause.iterable)),
                          iterableLocation: clause.iterable.location, target: try inner.target(clause.target), localSlot: slot,
                          conditions: try clause.conditions.map { CompiledCondition(test: try inner.condition($0, at: $0.location)) })
        }
        let output = try inner.expression(element)
        let second = try value.map { CompiledExpression(evaluate: try inner.expression($0)) }
        let sources = try closureSources(for: child, at: location)
        let firstLocation = first.iterable.location

        return { c, f, emit in
            let source = try firstIterable(c, f)
            let frame = Frame.make(scope: child, captured: sources.map { f.cells[$0] }, cache: f.cache)

            /// Binds one item of clause `level`; then filters, and goes a level deeper or emits.
            func step(_ level: Int, _ clause: Clause, _ item: Value) throws {
                try Interrupt.check()
                if let slot = clause.localSlot { try frame.setLocal(slot, item) } else { try clause.target(c, frame, item) }
                for condition in clause.conditions where !(try condition.test(c, frame)) { return }
                if level + 1 < compiled.count {
                    let next = compiled[level + 1]
                    if let iterable = next.iterable { try loop(level + 1, try iterable.evaluate(c, frame), next.iterableLocation) }
                } else if let second {
                    try emit(try output(c, frame), try second.evaluate(c, frame))
                } else {
                    try emit(try output(c, frame), .none)
                }
            }

            func loop(_ level: Int, _ iterable: Value, _ iterableLocation: SourceLocation) throws {
                let clause = compiled[level]
                if case .range(let r) = iterable {
                    for k in 0..<r.count { try step(level, clause, .int(r.element(at: k))) }
                    return
                }
                let next = try locating(iterableLocation) { try c.makeIterator(iterable) }
                while let item = try next() { try step(level, clause, item) }
            }
            try loop(0, source, firstLocation)
        }
    }
}
