import DuskSyntax

/// Compiling calls.
///
/// A call with positional arguments only (the common case) evaluates them straight into
/// the callee's new frame when the callee is a user function that takes them, with no
/// argument array in between; up to three arguments are held one by one, so the call
/// site is specialized for its arity, and for how its callee is read (a global or local
/// function is read in place, without a closure call). A method call on a plain value (`xs.append(x)`)
/// calls the method found when the site was compiled, without making a bound method; a
/// module's function (`math.sqrt(x)`) is found through this thread's `ModuleMemberCache`.
extension Compiler {
    func call(_ calleeExpr: Expr, _ argExprs: [Argument], at location: SourceLocation) throws -> Evaluator {
        let positional: [Expr] = argExprs.compactMap { if case .positional(let e) = $0 { return e }; return nil }
        guard positional.count == argExprs.count else {
            let callee = try expression(calleeExpr)
            let build = try arguments(argExprs)
            return { c, f in
                let fn = try callee(c, f)
                let args = try build(c, f)
                c.callLocation = location
                return try locating(location) { try c.call(fn, args) }
            }
        }
        let args = try positional.map { CompiledExpression(evaluate: try expression($0)) }
        switch args.count {
        case 0: return try call(calleeExpr, NoArguments(), at: location)
        case 1: return try call(calleeExpr, OneArgument(a: args[0]), at: location)
        case 2: return try call(calleeExpr, TwoArguments(a: args[0], b: args[1]), at: location)
        case 3: return try call(calleeExpr, ThreeArguments(a: args[0], b: args[1], c: args[2]), at: location)
        default: return try call(calleeExpr, ManyArguments(items: args), at: location)
        }
    }

    private func call<A: PositionalArguments>(_ calleeExpr: Expr, _ args: A, at location: SourceLocation) throws -> Evaluator {
        if case .attribute(let baseExpr, let name) = calleeExpr.kind, PlainMethods.mayApply(to: name) {
            return try methodCall(baseExpr, name, args, at: location, attributeLocation: calleeExpr.location)
        }
        switch try operand(calleeExpr) {
        case .global(let callee): return call(callee, args, at: location)
        case .local(let callee): return call(callee, args, at: location)
        case .constant, .expression: return call(ExpressionOperand(evaluate: try expression(calleeExpr)), args, at: location)
        }
    }

    /// A call whose callee is read in place (a global or local function needs no closure call to find).
    private func call<C: OperandReader, A: PositionalArguments>(_ callee: C, _ args: A, at location: SourceLocation) -> Evaluator {
        { c, f in try c.call(try callee.read(c, f), args, from: f, at: location) }
    }

    /// `receiver.name(args...)`: methods of plain values are called directly (no bound
    /// method is made); anything else reads the attribute, then calls it.
    private func methodCall<A: PositionalArguments>(_ baseExpr: Expr, _ name: String, _ args: A, at location: SourceLocation,
                                                    attributeLocation: SourceLocation) throws -> Evaluator {
        let base = try expression(baseExpr)
        let methods = PlainMethods(name)
        let site = ModuleMemberCache.newSite()
        return { c, f in
            let receiver = try base(c, f)
            if case .module(let m) = receiver {
                let fn = try locating(attributeLocation) { try c.member(of: m, name, site: site) }
                return try c.call(fn, args, from: f, at: location)
            }
            if let method = methods.method(of: receiver), method.acceptsPositional(args.count + 1) {
                var slots = ArgumentSlots()
                slots.append(receiver)
                try args.append(to: &slots, c, f)
                c.callLocation = location
                do { return try method.invoke(positional: consume slots, context: c) } catch {
                    throw DuskError.from(error).located(location)
                }
            }
            c.callLocation = attributeLocation
            let fn = try locating(attributeLocation) { try c.attribute(of: receiver, name) }
            return try c.call(fn, args, from: f, at: location)
        }
    }
}

extension ExecutionContext {
    /// Calls `fn` with positional arguments evaluated in `caller`.
    @inline(__always)
    fileprivate func call<A: PositionalArguments>(_ fn: Value, _ args: A, from caller: Frame, at location: SourceLocation) throws -> Value {
        if case .function(let function) = fn {
            let code = function.code
            if code.onlyRegularParameters, args.count <= code.parameters.count, args.count >= function.requiredCount {
                let frame = makeFrame(for: function, caller: caller)
                try args.bind(function, in: frame, self, caller)
                for k in args.count..<code.parameters.count { try function.bind(k, function.defaults[k] ?? .none, in: frame) }
                defer { recycle(frame) }
                do { return try run(function, in: frame) } catch { throw DuskError.from(error).located(location) }
            }
        }
        if case .builtin(let builtin) = fn, builtin.acceptsPositional(args.count) {
            var slots = ArgumentSlots()
            try args.append(to: &slots, self, caller)
            callLocation = location
            do { return try builtin.invoke(positional: consume slots, context: self) } catch {
                throw DuskError.from(error).located(location)
            }
        }
        var values: [Value] = []
        values.reserveCapacity(args.count)
        try args.append(to: &values, self, caller)
        callLocation = location
        return try locating(location) { try call(fn, Arguments(values)) }
    }
}

/// The positional arguments of a call site. Up to three are held one by one (an array
/// element would be copied, and its closure retained, on every call).
protocol PositionalArguments: Sendable {
    var count: Int { get }
    /// Evaluates the arguments in `caller` and binds them to the first parameters of `fn` in `frame`.
    func bind(_ fn: Function, in frame: Frame, _ c: ExecutionContext, _ caller: Frame) throws
    /// Evaluates the arguments onto the end of `values`.
    func append(to values: inout [Value], _ c: ExecutionContext, _ caller: Frame) throws
    /// Evaluates the arguments onto the end of a built-in's argument slots.
    func append(to slots: inout ArgumentSlots, _ c: ExecutionContext, _ caller: Frame) throws
}

struct NoArguments: PositionalArguments {
    var count: Int { 0 }
    func bind(_ fn: Function, in frame: Frame, _ c: ExecutionContext, _ caller: Frame) throws {}
    func append(to values: inout [Value], _ c: ExecutionContext, _ caller: Frame) throws {}
    func append(to slots: inout ArgumentSlots, _ c: ExecutionContext, _ caller: Frame) throws {}
}

struct OneArgument: PositionalArguments {
    let a: CompiledExpression
    var count: Int { 1 }

    @inline(__always)
    func bind(_ fn: Function, in frame: Frame, _ c: ExecutionContext, _ caller: Frame) throws {
        try fn.bind(0, try a.evaluate(c, caller), in: frame)
    }

    func append(to values: inout [Value], _ c: ExecutionContext, _ caller: Frame) throws {
        values.append(try a.evaluate(c, caller))
    }

    func append(to slots: inout ArgumentSlots, _ c: ExecutionContext, _ caller: Frame) throws {
        slots.append(try a.evaluate(c, caller))
    }
}

struct TwoArguments: PositionalArguments {
    let a, b: CompiledExpression
    var count: Int { 2 }

    @inline(__always)
    func bind(_ fn: Function, in frame: Frame, _ c: ExecutionContext, _ caller: Frame) throws {
        try fn.bind(0, try a.evaluate(c, caller), in: frame)
        try fn.bind(1, try b.evaluate(c, caller), in: frame)
    }

    func append(to values: inout [Value], _ c: ExecutionContext, _ caller: Frame) throws {
        values.append(try a.evaluate(c, caller))
        values.append(try b.evaluate(c, caller))
    }

    func append(to slots: inout ArgumentSlots, _ c: ExecutionContext, _ caller: Frame) throws {
        slots.append(try a.evaluate(c, caller))
        slots.append(try b.evaluate(c, caller))
    }
}

struct ThreeArguments: PositionalArguments {
    let a, b, c: CompiledExpression
    var count: Int { 3 }

    @inline(__always)
    func bind(_ fn: Function, in frame: Frame, _ context: ExecutionContext, _ caller: Frame) throws {
        try fn.bind(0, try a.evaluate(context, caller), in: frame)
        try fn.bind(1, try b.evaluate(context, caller), in: frame)
        try fn.bind(2, try c.evaluate(context, caller), in: frame)
    }

    func append(to values: inout [Value], _ context: ExecutionContext, _ caller: Frame) throws {
        values.append(try a.evaluate(context, caller))
        values.append(try b.evaluate(context, caller))
        values.append(try c.evaluate(context, caller))
    }

    func append(to slots: inout ArgumentSlots, _ context: ExecutionContext, _ caller: Frame) throws {
        slots.append(try a.evaluate(context, caller))
        slots.append(try b.evaluate(context, caller))
        slots.append(try c.evaluate(context, caller))
    }
}

struct ManyArguments: PositionalArguments {
    let items: [CompiledExpression]
    var count: Int { items.count }

    func bind(_ fn: Function, in frame: Frame, _ c: ExecutionContext, _ caller: Frame) throws {
        for (k, item) in items.enumerated() { try fn.bind(k, try item.evaluate(c, caller), in: frame) }
    }

    func append(to values: inout [Value], _ c: ExecutionContext, _ caller: Frame) throws {
        for item in items { values.append(try item.evaluate(c, caller)) }
    }

    func append(to slots: inout ArgumentSlots, _ c: ExecutionContext, _ caller: Frame) throws {
        for item in items { slots.append(try item.evaluate(c, caller)) }
    }
}
