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
        let code = fn.code
        let frame = Frame(scope: code.scope, globals: fn.globals, name: code.name)
        if !fn.closureCells.isEmpty { frame.cells.append(contentsOf: fn.closureCells) }
        @inline(__always) func bind(_ i: Int, _ value: Value) {
            switch code.parameterSlots[i] {
            case .local(let s): frame.slots[s] = value
            case .cell(let s): frame.cells[s].set(value)
            case .global: fn.globals.set(code.parameters[i].name, value)
            }
        }
        let positional = arguments.positional
        if code.onlyRegularParameters, arguments.keywords.isEmpty, positional.count <= code.parameters.count,
           positional.count == code.parameters.count || fn.defaults[positional.count...].allSatisfy({ $0 != nil }) {
            // Positional call: bind directly, defaults for the rest.
            for i in 0..<code.parameters.count { bind(i, i < positional.count ? positional[i] : fn.defaults[i]!) }
        } else {
            let slots = try bindArguments(arguments, to: fn.bindParameters, function: fn.name)
            for i in 0..<code.parameters.count { bind(i, slots[i] ?? fn.defaults[i] ?? .none) }
        }
        depth += 1
        defer { depth -= 1 }
        do {
            switch code.body {
            case .block(let body):
                if case .returnValue(let v) = try body(self, frame) { return v }
                return .none
            case .expression(let e):
                return try e(self, frame)
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
}
