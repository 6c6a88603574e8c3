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
            if let call = try keywordCall(calleeExpr, argExprs, at: location) { return call }
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

    /// `f(a, b, name=c)`, without `*` or `**`: when the callee is a user function whose
    /// parameters are all regular and each keyword names a parameter the positional
    /// arguments left free, the arguments are evaluated in order straight into the new
    /// frame (no argument arrays, no general binding). Any other callee or binding (a
    /// built-in, an unknown name, a missing argument) takes the general path, which
    /// reports the errors. Nil when the call has `*`/`**` or a repeated keyword.
    private func keywordCall(_ calleeExpr: Expr, _ argExprs: [Argument], at location: SourceLocation) throws -> Evaluator? {
        var positional: [CompiledExpression] = []
        var names: [String] = []
        var keywords: [CompiledExpression] = []
        for arg in argExprs {
            switch arg {
            case .positional(let e):
                guard names.isEmpty else { return nil }
                positional.append(CompiledExpression(evaluate: try expression(e)))
            case .keyword(let name, let e):
                guard !names.contains(name) else { return nil }
                names.append(name)
                keywords.append(CompiledExpression(evaluate: try expression(e)))
            case .unpack, .unpackKeywords:
                return nil
            }
        }
        let callee = try expression(calleeExpr)
        let call = KeywordCall(positional: positional, names: names, keywords: keywords)
        return { c, f in
            let fn = try callee(c, f)
            if case .function(let function) = fn, call.fits(function) {
                return try c.call(function, call, from: f, at: location)
            }
            var args = Arguments()
            for a in call.positional { args.positional.append(try a.evaluate(c, f)) }
            for (name, k) in zip(call.names, call.keywords) { args.keywords.append(.init(name, try k.evaluate(c, f))) }
            c.callLocation = location
            return try locating(location) { try c.call(fn, args) }
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
        switch try operand(baseExpr) {
        case .local(let base): return methodCall(base, name, args, at: location, attributeLocation: attributeLocation)
        case .global(let base): return methodCall(base, name, args, at: location, attributeLocation: attributeLocation)
        case .constant(let base): return methodCall(base, name, args, at: location, attributeLocation: attributeLocation)
        case .expression(let base): return methodCall(base, name, args, at: location, attributeLocation: attributeLocation)
        }
    }

    /// `methodCall` with its receiver read in place when it is a local, global or literal.
    private func methodCall<B: OperandReader, A: PositionalArguments>(_ base: B, _ name: String, _ args: A, at location: SourceLocation,
                                                                      attributeLocation: SourceLocation) -> Evaluator {
        let methods = PlainMethods(name)
        let site = ModuleMemberCache.newSite()
        return { c, f in
            let receiver = try base.read(c, f)
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
                    throw DuskError.located(error, at: location)
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
                // Cleared even when an argument raises, so no value bound so far is left in
                // the frame for the next call at this depth.
                defer { recycle(frame) }
                try args.bind(function, in: frame, self, caller)
                for k in args.count..<code.parameters.count { try function.bind(k, function.defaults[k] ?? .none, in: frame) }
                do { return try run(function, in: frame, from: location) } catch { throw DuskError.located(error, at: location) }
            }
        }
        if case .builtin(let builtin) = fn, builtin.acceptsPositional(args.count) {
            var slots = ArgumentSlots()
            try args.append(to: &slots, self, caller)
            callLocation = location
            do { return try builtin.invoke(positional: consume slots, context: self) } catch {
                throw DuskError.located(error, at: location)
            }
        }
        var values: [Value] = []
        values.reserveCapacity(args.count)
        try args.append(to: &values, self, caller)
        callLocation = location
        return try locating(location) { try call(fn, Arguments(values)) }
    }
}

/// The arguments of a call site with keywords (`f(a, name=b)`), for `keywordCall`.
struct KeywordCall: Sendable {
    let positional: [CompiledExpression]
    let names: [String]
    let keywords: [CompiledExpression]

    /// The parameter of `code` named `name`.
    @inline(__always)
    private func parameter(_ name: String, of code: FunctionCode) -> Int? {
        code.parameters.firstIndex { $0.name == name }
    }

    /// True when this call binds `fn`'s parameters without an error: all regular, each
    /// keyword names one the positional arguments left free, and every parameter left
    /// without an argument has a default.
    func fits(_ fn: Function) -> Bool {
        let code = fn.code
        let count = code.parameters.count
        guard code.onlyRegularParameters, positional.count <= count, count <= 64 else { return false }
        var given: UInt64 = positional.count == 64 ? ~0 : (1 << UInt64(positional.count)) &- 1
        for name in names {
            guard let i = parameter(name, of: code), given & (1 << UInt64(i)) == 0 else { return false }
            given |= 1 << UInt64(i)
        }
        for k in 0..<count where given & (1 << UInt64(k)) == 0 && fn.defaults[k] == nil { return false }
        return true
    }

    /// Evaluates the arguments in `caller`, in order, into `frame` (a frame of `fn`, which
    /// this call `fits`), then the defaults of the parameters left.
    func bind(_ fn: Function, in frame: Frame, _ c: ExecutionContext, _ caller: Frame) throws {
        let code = fn.code
        var given: UInt64 = positional.count == 64 ? ~0 : (1 << UInt64(positional.count)) &- 1
        for (i, a) in positional.enumerated() { try fn.bind(i, try a.evaluate(c, caller), in: frame) }
        for (name, k) in zip(names, keywords) {
            guard let i = parameter(name, of: code) else { continue }
            try fn.bind(i, try k.evaluate(c, caller), in: frame)
            given |= 1 << UInt64(i)
        }
        for k in 0..<code.parameters.count where given & (1 << UInt64(k)) == 0 {
            try fn.bind(k, fn.defaults[k] ?? .none, in: frame)
        }
    }
}

extension ExecutionContext {
    /// Calls `fn` with the arguments of a keyword call site that `fits` it.
    fileprivate func call(_ fn: Function, _ call: KeywordCall, from caller: Frame, at location: SourceLocation) throws -> Value {
        let frame = makeFrame(for: fn, caller: caller)
        defer { recycle(frame) }
        try call.bind(fn, in: frame, self, caller)
        do { return try run(fn, in: frame, from: location) } catch { throw DuskError.located(error, at: location) }
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
