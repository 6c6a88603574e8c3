import DuskSyntax

/// Compiling assignment targets, augmented assignment and `del`.
extension Compiler {
    /// A target of `=`, `for`, `with ... as` or a comprehension.
    func target(_ target: Expr) throws -> Binder {
        let location = target.location
        switch target.kind {
        case .name(let name):
            return store(name)
        case .tuple(let items), .list(let items):
            return try unpacking(items, at: location)
        case .subscript(let baseExpr, let indexExpr):
            return try specialized(baseExpr, indexExpr, SubscriptStoreBuilder(location: location)).bind
        case .attribute(let baseExpr, let name):
            let base = try expression(baseExpr)
            return { c, f, value in
                let object = try base(c, f)
                try locating(location) { try c.setAttribute(of: object, name, value) }
            }
        case .starred:
            throw DuskError(.syntaxError, "starred assignment target must be in a list or tuple", at: location)
        default:
            throw DuskError(.syntaxError, "cannot assign to expression", at: location)
        }
    }

    /// `a, *rest, b = value`.
    private func unpacking(_ targets: [Expr], at location: SourceLocation) throws -> Binder {
        let starIndex = targets.firstIndex { if case .starred = $0.kind { return true }; return false }
        if targets.filter({ if case .starred = $0.kind { return true }; return false }).count > 1 {
            throw DuskError(.syntaxError, "multiple starred expressions in assignment", at: location)
        }
        let binders: [CompiledBinder] = try targets.map { t in
            if case .starred(let inner) = t.kind { return CompiledBinder(bind: try target(inner)) }
            return CompiledBinder(bind: try target(t))
        }
        let count = targets.count
        return { c, f, value in
            let items: [Value]
            do {
                items = try c.elements(of: value)
            } catch let e as DuskError where e.type === TypeObject.typeError {
                throw DuskError.cannotUnpack(value).located(location)
            }
            if let star = starIndex {
                let after = count - star - 1
                guard items.count >= count - 1 else {
                    throw DuskError(.valueError, "not enough values to unpack (expected at least \(count - 1), got \(items.count))", at: location)
                }
                for i in 0..<star { try binders[i].bind(c, f, items[i]) }
                try binders[star].bind(c, f, .list(ListRef(Array(items[star..<(items.count - after)]))))
                for i in 0..<after { try binders[star + 1 + i].bind(c, f, items[items.count - after + i]) }
                return
            }
            if items.count > count { throw DuskError.tooManyToUnpack(expected: count).located(location) }
            if items.count < count { throw DuskError.notEnoughToUnpack(expected: count, got: items.count).located(location) }
            for i in 0..<count { try binders[i].bind(c, f, items[i]) }
        }
    }

    /// `x op= v`: the target's parts are evaluated once; lists extend in place, as in Python.
    func augmentedAssign(_ targetExpr: Expr, _ op: BinaryOperator, _ valueExpr: Expr) throws -> Executor {
        let location = targetExpr.location
        let operand = try expression(valueExpr)
        @Sendable func combine(_ c: ExecutionContext, _ current: Value, _ other: Value) throws -> Value {
            c.callLocation = location
            return try locating(location) {
                if op == .add, case .list(let l) = current {
                    let extra = try c.elements(of: other)
                    l.withLock { $0.append(contentsOf: extra) }
                    return current
                }
                if let r = Arithmetic.fast(op, current, other) { return r }
                return try c.binary(op, current, other)
            }
        }
        switch targetExpr.kind {
        case .name(let name):
            if case .local(let slot) = scope.resolve(name) {
                return { c, f in
                    guard let current = try f.local(slot) else { throw DuskError.unboundLocal(name).located(location) }
                    let other = try operand(c, f)
                    try f.setLocal(slot, try Arithmetic.fast(op, current, other) ?? combine(c, current, other))
                    return .normal
                }
            }
            let read = load(name, at: location), write = store(name)
            return { c, f in
                let current = try read(c, f)
                let other = try operand(c, f)
                try write(c, f, try combine(c, current, other))
                return .normal
            }
        case .subscript(let baseExpr, let indexExpr):
            let builder = AugmentedSubscriptBuilder(op: op, operand: CompiledExpression(evaluate: operand),
                                                    combine: combine, location: location)
            return try specialized(baseExpr, indexExpr, builder).run
        case .attribute(let baseExpr, let name):
            let base = try expression(baseExpr)
            return { c, f in
                let object = try base(c, f)
                let current = try locating(location) { try c.attribute(of: object, name) }
                let other = try operand(c, f)
                let result = try combine(c, current, other)
                try locating(location) { try c.setAttribute(of: object, name, result) }
                return .normal
            }
        default:
            throw DuskError(.syntaxError, "illegal expression for augmented assignment", at: location)
        }
    }

    /// One target of `del`.
    func deleteTarget(_ target: Expr) throws -> Executor {
        let location = target.location
        switch target.kind {
        case .name(let name):
            return delete(name, at: location)
        case .tuple(let items), .list(let items):
            let parts = try items.map(deleteTarget)
            return { c, f in
                for p in parts { _ = try p(c, f) }
                return .normal
            }
        case .subscript(let baseExpr, let indexExpr):
            let base = try expression(baseExpr), index = try expression(indexExpr)
            return { c, f in
                let container = try base(c, f)
                let key = try index(c, f)
                try locating(location) { try c.deleteSubscript(container, key) }
                return .normal
            }
        case .attribute(let baseExpr, let name):
            let base = try expression(baseExpr)
            return { c, f in
                let object = try base(c, f)
                throw DuskError(.attributeError, "cannot delete attribute '\(name)' of '\(object.typeName)' object", at: location)
            }
        default:
            throw DuskError(.syntaxError, "cannot delete expression", at: location)
        }
    }
}

/// `base[index] = value`, compiled for how its operands are read, with an inline path for
/// a list and an int in range.
struct SubscriptStoreBuilder: OperandPairBuilder {
    let location: SourceLocation

    func make<L: OperandReader, R: OperandReader>(_ base: L, _ index: R) -> CompiledBinder {
        let location = location
        return CompiledBinder { c, f, value in
            let container = try base.read(c, f)
            let key = try index.read(c, f)
            if Subscripts.store(container, key, value) { return }
            c.callLocation = location
            try locating(location) { try c.setSubscript(container, key, value) }
        }
    }
}

/// `base[index] op= value` (`v[0] += dx`), compiled for how its operands are read: a list
/// element and plain numbers take inline paths. The order is Python's: the container, the
/// index, the element, the value, the operation, the store.
struct AugmentedSubscriptBuilder: OperandPairBuilder {
    let op: BinaryOperator
    let operand: CompiledExpression
    /// The operation through the full tables (lists extend in place).
    let combine: @Sendable (ExecutionContext, Value, Value) throws -> Value
    let location: SourceLocation

    func make<L: OperandReader, R: OperandReader>(_ base: L, _ index: R) -> CompiledStatement {
        let op = op, operand = operand, combine = combine, location = location
        return CompiledStatement(run: { c, f in
            let container = try base.read(c, f)
            let key = try index.read(c, f)
            let current = try Subscripts.fast(container, key) ?? locating(location) { try c.subscriptValue(container, key) }
            let other = try operand.evaluate(c, f)
            let result = try Arithmetic.fast(op, current, other) ?? combine(c, current, other)
            if Subscripts.store(container, key, result) { return .normal }
            try locating(location) { try c.setSubscript(container, key, result) }
            return .normal
        }, location: location)
    }
}
