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
        let code = fn.code
        let frame = makeFrame(for: fn)
        defer { recycle(frame) }
        let positional = arguments.positional
        if code.onlyRegularParameters, arguments.keywords.isEmpty, positional.count <= code.parameters.count,
           positional.count >= fn.requiredCount {
            // Positional call: bind directly, defaults for the rest.
            for i in 0..<positional.count { try fn.bind(i, positional[i], in: frame) }
            for i in positional.count..<code.parameters.count { try fn.bind(i, fn.defaults[i] ?? .none, in: frame) }
        } else {
            let slots = try bindArguments(arguments, to: fn.bindParameters, function: fn.name)
            for i in 0..<code.parameters.count { try fn.bind(i, slots[i] ?? fn.defaults[i] ?? .none, in: frame) }
        }
        return try run(fn, in: frame)
    }

    /// A new frame for a call of `fn`, with its closure cells; `caller` (if any) lends
    /// its global cache when both run in the same module.
    @inline(__always)
    func makeFrame(for fn: Function, caller: Frame? = nil) -> Frame {
        let code = fn.code
        var cache: GlobalCache
        if let caller {
            cache = caller.cache
            if cache.globals !== fn.globals { cache = self.cache(for: fn.globals) }
        } else {
            cache = self.cache(for: fn.globals)
        }
        return frame(count: code.slotCount, cells: Frame.cells(code.scope, fn.closureCells), cache: cache)
    }

    /// A frame for module-level code run in `globals`.
    func moduleFrame(_ scope: Scope, globals: Globals) -> Frame {
        Frame.make(scope: scope, cache: cache(for: globals))
    }

    /// Runs `fn`'s body in `frame`, whose parameters are bound. An error leaving it
    /// gains a traceback entry for this call, and the caller's frame sees it at
    /// `callSite` when known (the call site then rethrows it as it is).
    func run(_ fn: Function, in frame: Frame, from callSite: SourceLocation? = nil) throws -> Value {
        try Interrupt.check()
        if depth >= interpreter.recursionLimit || stack.isExhausted() { throw DuskError.recursionLimit() }
        depth += 1
        defer { depth -= 1 }
        let code = fn.code
        do {
            if case .returnValue(let v) = try code.run(self, frame) { return v }
            return .none
        } catch var e as DuskError {
            e.addFrame(TracebackEntry(function: code.name, location: e.frameLocation ?? code.location))
            e.frameLocation = callSite
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
}
