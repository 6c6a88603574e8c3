import DuskSyntax

/// Calling values: user functions (with their own frame), built-ins, bound
/// methods, types and library objects.
extension ExecutionContext {
    /// Calls any callable value.
    public func call(_ callee: Value, _ arguments: Arguments) throws -> Value {
        switch callee {
        case .function(let f):
            return try callFunction(f, arguments)
        case .builtin(let b):
            do {
                return try b.invoke(arguments, context: self)
            } catch let e as DuskError {
                throw e
            } catch {
                throw DuskError.from(error)
            }
        case .boundMethod(let m):
            var args = arguments
            args.positional.insert(m.receiver, at: 0)
            return try call(m.function, args)
        case .type(let t):
            if let constructor = t.constructor { return try call(.builtin(constructor), arguments) }
            if t.isSubtype(of: .baseException) { return try makeException(t, arguments) }
            throw DuskError(.typeError, "cannot create '\(t.name)' instances")
        case .object(let o):
            do {
                if let result = try o.call(arguments, context: self) { return result }
            } catch let e as DuskError {
                throw e
            } catch {
                throw DuskError.from(error)
            }
            throw DuskError.notCallable(callee)
        default:
            throw DuskError.notCallable(callee)
        }
    }

    /// Calls with positional arguments only.
    public func call(_ callee: Value, _ positional: [Value]) throws -> Value {
        try call(callee, Arguments(positional))
    }

    /// Runs a user function in a new frame on this thread.
    func callFunction(_ fn: Function, _ arguments: Arguments) throws -> Value {
        try Interrupt.check()
        if depth >= interpreter.recursionLimit || stack.isExhausted() { throw DuskError.recursionLimit() }
        let slots = try bindArguments(arguments, to: fn.bindParameters, function: fn.name)
        depth += 1
        defer { depth -= 1 }
        let code = fn.code
        let frame = Frame(scope: code.scope, globals: fn.globals, name: code.name)
        for name in code.scope.cellLocals { frame.cells[name] = Cell() }
        for (name, cell) in fn.closure { frame.cells[name] = cell }
        for (i, p) in code.parameters.enumerated() {
            store(p.name, slots[i] ?? fn.defaults[i] ?? .none, in: frame)
        }
        do {
            switch code.body {
            case .statements(let body):
                if case .returnValue(let v) = try execute(body, in: frame) { return v }
                return .none
            case .expression(let e):
                return try evaluate(e, in: frame)
            }
        } catch var e as DuskError {
            e.traceback.append(TracebackEntry(function: code.name, location: e.frameLocation ?? code.location))
            e.frameLocation = nil
            throw e
        }
    }

    /// `ValueError("bad")`: an exception value.
    func makeException(_ type: TypeObject, _ arguments: Arguments) throws -> Value {
        if !arguments.keywords.isEmpty {
            throw DuskError(.typeError, "\(type.name)() takes no keyword arguments")
        }
        let args = arguments.positional
        let message: String
        switch args.count {
        case 0: message = ""
        case 1: message = args[0].str
        default: message = Value.tuple(args).repr
        }
        return .exception(ExceptionValue(type: type, message: message, args: args))
    }

    /// Evaluates call arguments as written: positional, keywords, `*args`, `**kwargs`.
    func evaluateArguments(_ args: [Argument], in frame: Frame) throws -> Arguments {
        var result = Arguments()
        result.positional.reserveCapacity(args.count)
        for arg in args {
            switch arg {
            case .positional(let e):
                result.positional.append(try evaluate(e, in: frame))
            case .keyword(let name, let e):
                let v = try evaluate(e, in: frame)
                if result.keywords.contains(where: { $0.name == name }) {
                    throw DuskError(.syntaxError, "keyword argument repeated: \(name)")
                }
                result.keywords.append(.init(name, v))
            case .unpack(let e):
                let v = try evaluate(e, in: frame)
                result.positional.append(contentsOf: try elements(of: v))
            case .unpackKeywords(let e):
                let v = try evaluate(e, in: frame)
                guard case .dict(let d) = v else {
                    throw DuskError(.typeError, "argument after ** must be a mapping, not \(v.typeName)")
                }
                for (k, value) in d.entries {
                    guard case .str(let name) = k else { throw DuskError(.typeError, "keywords must be strings") }
                    if result.keywords.contains(where: { $0.name == name }) {
                        throw DuskError(.typeError, "got multiple values for keyword argument '\(name)'")
                    }
                    result.keywords.append(.init(name, value))
                }
            }
        }
        return result
    }

    /// Makes a function object for a `def` or `lambda` executed in `frame`.
    func makeFunction(name: String, parameters: Parameters, body: FunctionCode.Body, docstring: String?,
                      key: ScopeKey, location: SourceLocation, in frame: Frame) throws -> Function {
        var defaults: [Value?] = []
        defaults.reserveCapacity(parameters.count)
        for p in parameters {
            defaults.append(try p.defaultValue.map { try evaluate($0, in: frame) })
        }
        let scope = try childScope(key, of: frame.scope, parameters: parameters, body: body)
        let code = FunctionCode(name: name, parameters: parameters, body: body, docstring: docstring,
                                location: location, scope: scope)
        return Function(code: code, defaults: defaults, globals: frame.globals, closure: closure(for: scope, from: frame))
    }

    /// The resolved scope of a nested def, lambda or comprehension.
    func childScope(_ key: ScopeKey, of parent: Scope, parameters: Parameters, body: FunctionCode.Body) throws -> Scope {
        if let scope = parent.children[key] { return scope }
        // Code not seen by the analyzer (built by hand): analyze it on its own.
        return try ScopeAnalyzer.analyzeFunction(parameters: parameters, body: body)
    }

    /// The cells a new function captures from the frame defining it.
    func closure(for scope: Scope, from frame: Frame) -> [String: Cell] {
        var cells: [String: Cell] = [:]
        for name in scope.freeNames {
            if let cell = frame.cells[name] {
                cells[name] = cell
            } else {
                let cell = Cell()
                frame.cells[name] = cell
                cells[name] = cell
            }
        }
        return cells
    }
}
