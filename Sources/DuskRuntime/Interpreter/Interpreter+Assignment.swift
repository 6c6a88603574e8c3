import DuskSyntax

/// Assignment targets: names, unpacking, subscripts, attributes; augmented
/// assignment and `del`.
extension ExecutionContext {
    func assign(_ target: Expr, _ value: Value, in frame: Frame) throws {
        switch target.kind {
        case .name(let name):
            store(name, value, in: frame)
        case .tuple(let targets), .list(let targets):
            try unpack(targets, value, in: frame)
        case .subscript(let baseExpr, let indexExpr):
            let base = try evaluate(baseExpr, in: frame)
            let index = try evaluate(indexExpr, in: frame)
            do {
                try setSubscript(base, index, value)
            } catch var e as DuskError {
                e.locate(target.location)
                throw e
            }
        case .attribute(let baseExpr, let name):
            let base = try evaluate(baseExpr, in: frame)
            do {
                try setAttribute(of: base, name, value)
            } catch var e as DuskError {
                e.locate(target.location)
                throw e
            }
        case .starred:
            throw DuskError(.syntaxError, "starred assignment target must be in a list or tuple", at: target.location)
        default:
            throw DuskError(.syntaxError, "cannot assign to expression", at: target.location)
        }
    }

    /// `a, *rest, b = value`.
    private func unpack(_ targets: [Expr], _ value: Value, in frame: Frame) throws {
        let items: [Value]
        do {
            items = try elements(of: value)
        } catch let e as DuskError where e.type === TypeObject.typeError {
            throw DuskError.cannotUnpack(value)
        }
        if let star = targets.firstIndex(where: { if case .starred = $0.kind { return true }; return false }) {
            let after = targets.count - star - 1
            guard items.count >= targets.count - 1 else {
                throw DuskError(.valueError, "not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
            }
            for i in 0..<star { try assign(targets[i], items[i], in: frame) }
            guard case .starred(let inner) = targets[star].kind else { return }
            try assign(inner, .list(ListRef(Array(items[star..<(items.count - after)]))), in: frame)
            for i in 0..<after { try assign(targets[star + 1 + i], items[items.count - after + i], in: frame) }
            return
        }
        if items.count > targets.count { throw DuskError.tooManyToUnpack(expected: targets.count) }
        if items.count < targets.count { throw DuskError.notEnoughToUnpack(expected: targets.count, got: items.count) }
        for (t, v) in zip(targets, items) { try assign(t, v, in: frame) }
    }

    /// `x += v`: the target's parts are evaluated once. Lists extend in place, as in Python.
    func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr, in frame: Frame) throws {
        func combine(_ current: Value, _ operand: Value) throws -> Value {
            do {
                if op == .add, case .list(let l) = current {
                    let extra = try elements(of: operand)
                    l.withLock { $0.append(contentsOf: extra) }
                    return current
                }
                return try inPlace(op, current, operand)
            } catch var e as DuskError {
                e.locate(target.location)
                throw e
            }
        }
        switch target.kind {
        case .name(let name):
            let current = try load(name, in: frame)
            let operand = try evaluate(valueExpr, in: frame)
            store(name, try combine(current, operand), in: frame)
        case .subscript(let baseExpr, let indexExpr):
            let base = try evaluate(baseExpr, in: frame)
            let index = try evaluate(indexExpr, in: frame)
            let current = try subscriptValue(base, index)
            let operand = try evaluate(valueExpr, in: frame)
            try setSubscript(base, index, try combine(current, operand))
        case .attribute(let baseExpr, let name):
            let base = try evaluate(baseExpr, in: frame)
            let current = try attribute(of: base, name)
            let operand = try evaluate(valueExpr, in: frame)
            try setAttribute(of: base, name, try combine(current, operand))
        default:
            throw DuskError(.syntaxError, "illegal expression for augmented assignment", at: target.location)
        }
    }

    func deleteTarget(_ target: Expr, in frame: Frame) throws {
        switch target.kind {
        case .name(let name):
            try delete(name, in: frame)
        case .tuple(let items), .list(let items):
            for item in items { try deleteTarget(item, in: frame) }
        case .subscript(let baseExpr, let indexExpr):
            let base = try evaluate(baseExpr, in: frame)
            let index = try evaluate(indexExpr, in: frame)
            try deleteSubscript(base, index)
        case .attribute(let baseExpr, let name):
            let base = try evaluate(baseExpr, in: frame)
            throw DuskError(.attributeError, "cannot delete attribute '\(name)' of '\(base.typeName)' object")
        default:
            throw DuskError(.syntaxError, "cannot delete expression", at: target.location)
        }
    }
}
