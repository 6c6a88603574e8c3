import DuskSyntax

/// Executing statements.
extension ExecutionContext {
    /// Runs a block; stops early on `break`, `continue` or `return`.
    func execute(_ body: [Stmt], in frame: Frame) throws -> Flow {
        for stmt in body {
            let flow = try execute(stmt, in: frame)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    /// Runs one statement; an error raised by it is located at the statement unless
    /// an inner node already claimed it.
    func execute(_ stmt: Stmt, in frame: Frame) throws -> Flow {
        do {
            return try executeKind(stmt, in: frame)
        } catch var e as DuskError {
            e.locate(stmt.location)
            throw e
        } catch {
            var e = DuskError.from(error)
            e.locate(stmt.location)
            throw e
        }
    }

    private func executeKind(_ stmt: Stmt, in frame: Frame) throws -> Flow {
        switch stmt.kind {
        case .expression(let e):
            _ = try evaluate(e, in: frame)
        case .assign(let targets, let valueExpr):
            let value = try evaluate(valueExpr, in: frame)
            for t in targets { try assign(t, value, in: frame) }
        case .augmentedAssign(let target, let op, let valueExpr):
            try augmentedAssign(target, op, valueExpr, in: frame)
        case .functionDef(let def):
            var decorators: [Value] = []
            for d in def.decorators { decorators.append(try evaluate(d, in: frame)) }
            let fn = try makeFunction(name: def.name, parameters: def.parameters, body: .statements(def.body),
                                      docstring: def.docstring, key: ScopeKey(.def, stmt.location),
                                      location: stmt.location, in: frame)
            var value = Value.function(fn)
            for d in decorators.reversed() { value = try call(d, [value]) }
            store(def.name, value, in: frame)
        case .return(let e):
            return .returnValue(try e.map { try evaluate($0, in: frame) } ?? .none)
        case .if(let test, let body, let orelse):
            return try truthiness(try evaluate(test, in: frame)) ? try execute(body, in: frame) : try execute(orelse, in: frame)
        case .while(let test, let body, let orelse):
            while try truthiness(try evaluate(test, in: frame)) {
                try Interrupt.check()
                switch try execute(body, in: frame) {
                case .breakLoop: return .normal
                case .returnValue(let v): return .returnValue(v)
                case .normal, .continueLoop: continue
                }
            }
            return try execute(orelse, in: frame)
        case .for(let target, let iterableExpr, let body, let orelse):
            let next = try makeIterator(try evaluate(iterableExpr, in: frame))
            while let item = try next() {
                try Interrupt.check()
                try assign(target, item, in: frame)
                switch try execute(body, in: frame) {
                case .breakLoop: return .normal
                case .returnValue(let v): return .returnValue(v)
                case .normal, .continueLoop: continue
                }
            }
            return try execute(orelse, in: frame)
        case .break: return .breakLoop
        case .continue: return .continueLoop
        case .pass: break
        case .import(let names):
            for n in names { try importModule(n, in: frame) }
        case .fromImport(let path, let names, let star):
            try importFrom(path, names: names, star: star, at: stmt.location, in: frame)
        case .delete(let targets):
            for t in targets { try deleteTarget(t, in: frame) }
        case .assert(let test, let message):
            if !(try truthiness(try evaluate(test, in: frame))) {
                let text = try message.map { str(try evaluate($0, in: frame)) } ?? ""
                var e = DuskError(.assertionError, text, at: stmt.location)
                e.showsTypeName = true
                throw e
            }
        case .global, .nonlocal:
            break
        case .raise(let e):
            try raise(e, at: stmt.location, in: frame)
        case .try(let body, let handlers, let orelse, let finally):
            return try executeTry(body: body, handlers: handlers, orelse: orelse, finally: finally, in: frame)
        case .with(let items, let body):
            return try executeWith(items[...], body: body, in: frame)
        }
        return .normal
    }

    // MARK: - raise / try / with

    private func raise(_ expr: Expr?, at location: SourceLocation, in frame: Frame) throws {
        guard let expr else {
            guard let current = handling.last else { throw DuskError.noActiveException() }
            throw current
        }
        let value = try evaluate(expr, in: frame)
        let exception: ExceptionValue
        switch value {
        case .exception(let e): exception = e
        case .type(let t) where t.isSubtype(of: .baseException):
            guard case .exception(let e) = try makeException(t, Arguments()) else { return }
            exception = e
        default:
            throw DuskError.notAnException(value)
        }
        var error = DuskError(exception: exception, at: location)
        error.showsTypeName = true
        throw error
    }

    private func executeTry(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt], finally: [Stmt],
                            in frame: Frame) throws -> Flow {
        var flow = Flow.normal
        var pending: (any Error)?
        do {
            flow = try executeTryBody(body: body, handlers: handlers, orelse: orelse, in: frame)
        } catch {
            pending = error
        }
        if !finally.isEmpty {
            let finallyFlow = try execute(finally, in: frame)
            if case .normal = finallyFlow {} else { return finallyFlow }
        }
        if let pending { throw pending }
        return flow
    }

    private func executeTryBody(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt], in frame: Frame) throws -> Flow {
        let flow: Flow
        do {
            flow = try execute(body, in: frame)
        } catch let error as DuskError {
            for handler in handlers {
                guard try handlerMatches(handler, error, in: frame) else { continue }
                if let name = handler.name { store(name, .exception(error.exception), in: frame) }
                handling.append(error)
                defer {
                    handling.removeLast()
                    if let name = handler.name { try? delete(name, in: frame) }
                }
                return try execute(handler.body, in: frame)
            }
            throw error
        }
        if case .normal = flow { return try execute(orelse, in: frame) }
        return flow
    }

    private func handlerMatches(_ handler: ExceptHandler, _ error: DuskError, in frame: Frame) throws -> Bool {
        guard let typeExpr = handler.type else { return true }
        let value = try evaluate(typeExpr, in: frame)
        func matches(_ v: Value) throws -> Bool {
            switch v {
            case .type(let t) where t.isSubtype(of: .baseException): return error.matches(t)
            case .tuple(let items): return try items.contains { try matches($0) }
            default:
                throw DuskError(.typeError, "catching classes that do not inherit from BaseException is not allowed")
            }
        }
        return try matches(value)
    }

    private func executeWith(_ items: ArraySlice<WithItem>, body: [Stmt], in frame: Frame) throws -> Flow {
        guard let item = items.first else { return try execute(body, in: frame) }
        let manager = try evaluate(item.context, in: frame)
        guard case .object(let object) = manager, let entered = try object.enter(context: self) else {
            throw DuskError.notAContextManager(manager)
        }
        if let target = item.target { try assign(target, entered, in: frame) }
        let flow: Flow
        do {
            flow = try executeWith(items.dropFirst(), body: body, in: frame)
        } catch let error as DuskError {
            if try object.exit(error: error, context: self) { return .normal }
            throw error
        }
        _ = try object.exit(error: nil, context: self)
        return flow
    }

    // MARK: - import

    private func importModule(_ name: ImportName, in frame: Frame) throws {
        let path = name.module.joined(separator: ".")
        do {
            guard let module = interpreter.modules[path] else {
                throw DuskError.noModule(path, candidates: Array(interpreter.modules.keys))
            }
            if let alias = name.alias {
                store(alias, .module(module), in: frame)
            } else {
                guard let top = interpreter.modules[name.module[0]] else {
                    throw DuskError.noModule(name.module[0], candidates: Array(interpreter.modules.keys))
                }
                store(name.module[0], .module(top), in: frame)
            }
        } catch var e as DuskError {
            e.locate(name.location)
            throw e
        }
    }

    private func importFrom(_ pathParts: [String], names: [ImportAlias], star: Bool, at location: SourceLocation,
                            in frame: Frame) throws {
        let path = pathParts.joined(separator: ".")
        guard let module = interpreter.modules[path] else {
            throw DuskError.noModule(path, candidates: Array(interpreter.modules.keys))
        }
        if star {
            for member in module.memberNames where !member.hasPrefix("_") {
                if let v = module.member(member) { store(member, v, in: frame) }
            }
            return
        }
        for alias in names {
            let value = module.member(alias.name) ?? interpreter.modules[path + "." + alias.name].map { Value.module($0) }
            guard let value else {
                var e = DuskError.cannotImport(alias.name, from: path, candidates: module.memberNames)
                e.locate(alias.location)
                throw e
            }
            store(alias.alias ?? alias.name, value, in: frame)
        }
    }
}
