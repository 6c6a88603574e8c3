import DuskSyntax

/// Compiling statements.
extension Compiler {
    /// A block: runs statements in order, stopping at `break`, `continue` or `return`.
    /// An error a statement raises is located at that statement unless a node inside
    /// claimed it.
    func block(_ body: [Stmt]) throws -> Executor {
        sequence(try body.map { CompiledStatement(run: try statementKind($0), location: $0.location) }[...])
    }

    /// Statements in order. Up to four are held one by one (calling a closure copied out
    /// of an array retains and releases it); longer blocks chain groups of three.
    private func sequence(_ statements: ArraySlice<CompiledStatement>) -> Executor {
        let s = Array(statements)
        switch s.count {
        case 0: return { _, _ in .normal }
        case 1:
            let a = s[0]
            return { c, f in try a.step(c, f) }
        case 2:
            let a = s[0], b = s[1]
            return { c, f in
                let flow = try a.step(c, f)
                guard case .normal = flow else { return flow }
                return try b.step(c, f)
            }
        case 3:
            let a = s[0], b = s[1], d = s[2]
            return { c, f in
                var flow = try a.step(c, f)
                guard case .normal = flow else { return flow }
                flow = try b.step(c, f)
                guard case .normal = flow else { return flow }
                return try d.step(c, f)
            }
        default:
            let a = s[0], b = s[1], d = s[2]
            let rest = CompiledStatement(run: sequence(statements.dropFirst(3)), location: s[3].location)
            return { c, f in
                var flow = try a.step(c, f)
                guard case .normal = flow else { return flow }
                flow = try b.step(c, f)
                guard case .normal = flow else { return flow }
                flow = try d.step(c, f)
                guard case .normal = flow else { return flow }
                return try rest.run(c, f)
            }
        }
    }

    /// One statement on its own (a module's top level), its errors located as in a block.
    func statement(_ stmt: Stmt) throws -> Executor {
        let location = stmt.location
        let run = try statementKind(stmt)
        return { c, f in
            do { return try run(c, f) } catch { throw DuskError.located(error, at: location) }
        }
    }

    private func statementKind(_ stmt: Stmt) throws -> Executor {
        let location = stmt.location
        switch stmt.kind {
        case .expression(let e):
            let value = try expression(e)
            return { c, f in
                _ = try value(c, f)
                return .normal
            }
        case .assign(let targets, let valueExpr):
            let value = try expression(valueExpr)
            if targets.count == 1, case .name(let name) = targets[0].kind, case .local(let slot) = scope.resolve(name) {
                return { c, f in
                    try f.setLocal(slot, try value(c, f))
                    return .normal
                }
            }
            let binders = try targets.map { CompiledBinder(bind: try target($0)) }
            if binders.count == 1 {
                let bind = binders[0].bind
                return { c, f in
                    try bind(c, f, try value(c, f))
                    return .normal
                }
            }
            return { c, f in
                let v = try value(c, f)
                for b in binders { try b.bind(c, f, v) }
                return .normal
            }
        case .augmentedAssign(let target, let op, let valueExpr):
            return try augmentedAssign(target, op, valueExpr)
        case .functionDef(let def):
            return try functionDef(def, at: location)
        case .return(let e):
            guard let e else { return { _, _ in .returnValue(.none) } }
            let value = try expression(e)
            return { c, f in .returnValue(try value(c, f)) }
        case .if(let test, let body, let orelse):
            let t = try condition(test, at: test.location), b = try block(body)
            if orelse.isEmpty { return { c, f in try t(c, f) ? try b(c, f) : .normal } }
            let o = try block(orelse)
            return { c, f in try t(c, f) ? try b(c, f) : try o(c, f) }
        case .while(let test, let body, let orelse):
            let t = try condition(test, at: test.location), b = try block(body), o = try block(orelse)
            return { c, f in
                while try t(c, f) {
                    try Interrupt.check()
                    switch try b(c, f) {
                    case .breakLoop: return .normal
                    case .returnValue(let v): return .returnValue(v)
                    case .normal, .continueLoop: continue
                    }
                }
                return try o(c, f)
            }
        case .for(let targetExpr, let iterableExpr, let body, let orelse):
            return try forLoop(targetExpr, iterableExpr, body, orelse)
        case .break: return { _, _ in .breakLoop }
        case .continue: return { _, _ in .continueLoop }
        case .pass, .global, .nonlocal: return { _, _ in .normal }
        case .import(let names):
            let imports = names.map { importModule($0) }
            return { c, f in
                for i in imports { try i(c, f) }
                return .normal
            }
        case .fromImport(let path, let names, let star):
            return importFrom(path, names: names, star: star)
        case .delete(let targets):
            let deletions = try targets.map(deleteTarget)
            return { c, f in
                for d in deletions { _ = try d(c, f) }
                return .normal
            }
        case .assert(let test, let message):
            let t = try expression(test), m = try message.map(expression)
            return { c, f in
                let v = try t(c, f)
                if !(try c.truthiness(v)) {
                    let text = try m.map { c.str(try $0(c, f)) } ?? ""
                    var e = DuskError(.assertionError, text, at: location)
                    e.showsTypeName = true
                    throw e
                }
                return .normal
            }
        case .raise(let e):
            return try raise(e, at: location)
        case .try(let body, let handlers, let orelse, let finally):
            return try tryStatement(body: body, handlers: handlers, orelse: orelse, finally: finally)
        case .with(let items, let body):
            return try with(items[...], body: try block(body))
        }
    }

    private func forLoop(_ targetExpr: Expr, _ iterableExpr: Expr, _ body: [Stmt], _ orelse: [Stmt]) throws -> Executor {
        let iterable = try expression(iterableExpr)
        let bind = try target(targetExpr)
        let localSlot: Int? = if case .name(let name) = targetExpr.kind, case .local(let slot) = scope.resolve(name) { slot } else { nil }
        let b = try block(body), o = try block(orelse)
        let iterableLocation = iterableExpr.location
        return { c, f in
            /// Runs the body for one item: nil to go on, else how the loop ends.
            func iterate(_ item: Value) throws -> Flow? {
                try Interrupt.check()
                if let slot = localSlot { try f.setLocal(slot, item) } else { try bind(c, f, item) }
                switch try b(c, f) {
                case .breakLoop: return .normal
                case .returnValue(let v): return .returnValue(v)
                case .normal, .continueLoop: return nil
                }
            }
            // Ranges, lists and tuples are walked directly (a list by index, so the body
            // sees its own appends, as in Python); everything else through an iterator.
            switch try iterable(c, f) {
            case .range(let r):
                for k in 0..<r.count {
                    if let end = try iterate(.int(r.element(at: k))) { return end }
                }
            case .list(let l):
                var k = 0
                while let item = l.element(at: k) {
                    k += 1
                    if let end = try iterate(item) { return end }
                }
            case .tuple(let items):
                for item in items {
                    if let end = try iterate(item) { return end }
                }
            case let source:
                let next = try locating(iterableLocation) { try c.makeIterator(source) }
                while let item = try next() {
                    if let end = try iterate(item) { return end }
                }
            }
            return try o(c, f)
        }
    }

    // MARK: - raise / try / with

    private func raise(_ expr: Expr?, at location: SourceLocation) throws -> Executor {
        guard let expr else {
            return { c, _ in
                guard let current = c.handling.last else { throw DuskError.noActiveException().located(location) }
                throw current
            }
        }
        let value = try expression(expr)
        return { c, f in
            let v = try value(c, f)
            let exception: ExceptionValue
            switch v {
            case .exception(let e): exception = e
            case .type(let t) where t.isSubtype(of: .baseException):
                guard case .exception(let e) = try c.makeException(t, Arguments()) else { return .normal }
                exception = e
            default:
                throw DuskError.notAnException(v).located(location)
            }
            var error = DuskError(exception: exception, at: location)
            error.showsTypeName = true
            throw error
        }
    }

    private func tryStatement(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt], finally: [Stmt]) throws -> Executor {
        struct Handler: Sendable {
            let type: Evaluator?
            let bind: Binder?
            let unbind: Executor?
            let body: Executor
            let location: SourceLocation
        }
        let b = try block(body), o = try block(orelse)
        let fin = finally.isEmpty ? nil : try block(finally)
        let compiled: [Handler] = try handlers.map { h in
            Handler(type: try h.type.map(expression), bind: h.name.map(store),
                    unbind: h.name.map { delete($0, at: h.location) }, body: try block(h.body), location: h.location)
        }

        @Sendable func matches(_ handler: Handler, _ error: DuskError, _ c: ExecutionContext, _ f: Frame) throws -> Bool {
            guard let typeExpr = handler.type else { return true }
            let value = try typeExpr(c, f)
            func check(_ v: Value) throws -> Bool {
                switch v {
                case .type(let t) where t.isSubtype(of: .baseException): return error.matches(t)
                case .tuple(let items): return try items.contains { try check($0) }
                default:
                    throw DuskError(.typeError, "catching classes that do not inherit from BaseException is not allowed",
                                    at: handler.location)
                }
            }
            return try check(value)
        }

        let runBody: Executor = { c, f in
            let flow: Flow
            do {
                flow = try b(c, f)
            } catch let thrown {
                guard let error = thrown as? DuskError else { throw thrown }
                for handler in compiled {
                    guard try matches(handler, error, c, f) else { continue }
                    try handler.bind?(c, f, .exception(error.exception))
                    c.handling.append(error)
                    defer {
                        c.handling.removeLast()
                        _ = try? handler.unbind?(c, f)
                    }
                    return try handler.body(c, f)
                }
                throw thrown
            }
            if case .normal = flow { return try o(c, f) }
            return flow
        }

        guard let fin else { return runBody }
        return { c, f in
            var flow = Flow.normal
            var pending: (any Error)?
            do {
                flow = try runBody(c, f)
            } catch {
                pending = error
            }
            let finallyFlow = try fin(c, f)
            if case .normal = finallyFlow {} else { return finallyFlow }
            if let pending { throw pending }
            return flow
        }
    }

    private func with(_ items: ArraySlice<WithItem>, body: @escaping Executor) throws -> Executor {
        guard let item = items.first else { return body }
        let manager = try expression(item.context)
        let bind = try item.target.map(target)
        let inner = try with(items.dropFirst(), body: body)
        let location = item.context.location
        return { c, f in
            let value = try manager(c, f)
            guard case .object(let object) = value, let entered = try locating(location, { try object.enter(context: c) }) else {
                throw DuskError.notAContextManager(value).located(location)
            }
            try bind?(c, f, entered)
            let flow: Flow
            do {
                flow = try inner(c, f)
            } catch let error as DuskError {
                if try locating(location, { try object.exit(error: error, context: c) }) { return .normal }
                throw error
            }
            _ = try locating(location) { try object.exit(error: nil, context: c) }
            return flow
        }
    }

    // MARK: - import

    private func importModule(_ name: ImportName) -> @Sendable (ExecutionContext, Frame) throws -> Void {
        let path = name.module.joined(separator: ".")
        let top = name.module[0]
        let bind = store(name.alias ?? top)
        let location = name.location
        let alias = name.alias
        return { c, f in
            let modules = c.interpreter.modules
            guard let module = modules[path] else {
                throw DuskError.noModule(path, candidates: Array(modules.keys)).located(location)
            }
            if alias != nil {
                try bind(c, f, .module(module))
            } else {
                guard let first = modules[top] else { throw DuskError.noModule(top, candidates: Array(modules.keys)).located(location) }
                try bind(c, f, .module(first))
            }
        }
    }

    private func importFrom(_ parts: [String], names: [ImportAlias], star: Bool) -> Executor {
        let path = parts.joined(separator: ".")
        let bindings = names.map { (name: $0.name, bind: store($0.alias ?? $0.name), location: $0.location) }
        let compiler = self
        return { c, f in
            let modules = c.interpreter.modules
            guard let module = modules[path] else { throw DuskError.noModule(path, candidates: Array(modules.keys)) }
            if star {
                for member in module.memberNames where !member.hasPrefix("_") {
                    if let v = module.member(member) { try compiler.store(member)(c, f, v) }
                }
                return .normal
            }
            for b in bindings {
                guard let value = module.member(b.name) ?? modules[path + "." + b.name].map({ Value.module($0) }) else {
                    throw DuskError.cannotImport(b.name, from: path, candidates: module.memberNames).located(b.location)
                }
                try b.bind(c, f, value)
            }
            return .normal
        }
    }
}
