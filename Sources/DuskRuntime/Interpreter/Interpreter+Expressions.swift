import DuskSyntax

/// Evaluating expressions.
extension ExecutionContext {
    /// Evaluates an expression; an error raised inside is located at the innermost
    /// node that saw it.
    func evaluate(_ expr: Expr, in frame: Frame) throws -> Value {
        do {
            return try evaluateKind(expr, in: frame)
        } catch var e as DuskError {
            e.locate(expr.location)
            throw e
        } catch {
            var e = DuskError.from(error)
            e.locate(expr.location)
            throw e
        }
    }

    private func evaluateKind(_ expr: Expr, in frame: Frame) throws -> Value {
        switch expr.kind {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .str(s)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .ellipsis: return .ellipsis
        case .fstring(let parts): return .str(try formatFString(parts, in: frame))
        case .name(let name): return try load(name, in: frame)

        case .tuple(let items): return .tuple(try evaluateItems(items, in: frame))
        case .list(let items): return .list(ListRef(try evaluateItems(items, in: frame)))
        case .set(let items): return .set(try SetRef(try evaluateItems(items, in: frame)))
        case .dict(let items):
            let dict = DictRef()
            for item in items {
                if let key = item.key {
                    let k = try evaluate(key, in: frame)
                    try dict.set(k, try evaluate(item.value, in: frame))
                } else {
                    let other = try evaluate(item.value, in: frame)
                    guard case .dict(let source) = other else {
                        throw DuskError(.typeError, "'\(other.typeName)' object is not a mapping")
                    }
                    for (k, v) in source.entries { try dict.set(k, v) }
                }
            }
            return .dict(dict)
        case .starred:
            throw DuskError(.syntaxError, "can't use starred expression here")

        case .unary(let op, let operand):
            let v = try evaluate(operand, in: frame)
            callLocation = expr.location
            return try unary(op, v)
        case .binary(let op, let lhs, let rhs):
            let a = try evaluate(lhs, in: frame)
            let b = try evaluate(rhs, in: frame)
            if stack.isExhausted() { throw DuskError.recursionLimit() }
            callLocation = expr.location
            return try binary(op, a, b)
        case .logical(let op, let lhs, let rhs):
            let a = try evaluate(lhs, in: frame)
            switch op {
            case .and: return try truthiness(a) ? try evaluate(rhs, in: frame) : a
            case .or: return try truthiness(a) ? a : try evaluate(rhs, in: frame)
            }
        case .compare(let first, let rest):
            var left = try evaluate(first, in: frame)
            var result = Value.true
            for (i, c) in rest.enumerated() {
                let right = try evaluate(c.right, in: frame)
                do {
                    result = try compare(c.op, left, right)
                } catch var e as DuskError {
                    e.locate(c.location)
                    throw e
                }
                if i < rest.count - 1, !(try truthiness(result)) { return result }
                left = right
            }
            return result
        case .conditional(let test, let body, let orelse):
            return try truthiness(try evaluate(test, in: frame)) ? try evaluate(body, in: frame) : try evaluate(orelse, in: frame)
        case .lambda(let params, let body):
            let fn = try makeFunction(name: "<lambda>", parameters: params, body: .expression(body), docstring: nil,
                                      key: ScopeKey(.lambda, expr.location), location: expr.location, in: frame)
            return .function(fn)

        case .call(let calleeExpr, let argExprs):
            let callee = try evaluate(calleeExpr, in: frame)
            let args = try evaluateArguments(argExprs, in: frame)
            callLocation = expr.location
            return try call(callee, args)
        case .attribute(let base, let name):
            let object = try evaluate(base, in: frame)
            callLocation = expr.location
            return try attribute(of: object, name)
        case .subscript(let base, let index):
            let container = try evaluate(base, in: frame)
            let i = try evaluate(index, in: frame)
            callLocation = expr.location
            return try subscriptValue(container, i)
        case .slice(let lower, let upper, let step):
            return .slice(SliceValue(lower: try lower.map { try evaluate($0, in: frame) } ?? .none,
                                     upper: try upper.map { try evaluate($0, in: frame) } ?? .none,
                                     step: try step.map { try evaluate($0, in: frame) } ?? .none))

        case .listComprehension(let element, let clauses):
            let out = ListRef()
            try runComprehension(clauses, key: ScopeKey(.listComprehension, expr.location), elements: [element], in: frame) { values in
                out.append(values[0])
            }
            return .list(out)
        case .generator(let element, let clauses):
            var items: [Value] = []
            try runComprehension(clauses, key: ScopeKey(.generator, expr.location), elements: [element], in: frame) { values in
                items.append(values[0])
            }
            return .object(IteratorObject(name: "generator", items: items))
        case .dictComprehension(let key, let value, let clauses):
            let out = DictRef()
            try runComprehension(clauses, key: ScopeKey(.dictComprehension, expr.location), elements: [key, value], in: frame) { values in
                try out.set(values[0], values[1])
            }
            return .dict(out)
        }
    }

    /// Evaluates list/tuple/set items, expanding `*iterable`.
    func evaluateItems(_ items: [Expr], in frame: Frame) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item.kind {
                out.append(contentsOf: try elements(of: try evaluate(inner, in: frame)))
            } else {
                out.append(try evaluate(item, in: frame))
            }
        }
        return out
    }

    /// Runs a comprehension in its own frame: the first iterable in the enclosing
    /// frame, everything else (targets, conditions, elements) in the new one.
    func runComprehension(_ clauses: [Comprehension], key: ScopeKey, elements: [Expr], in frame: Frame,
                          emit: ([Value]) throws -> Void) throws {
        guard let first = clauses.first else { return }
        let firstIterable = try evaluate(first.iterable, in: frame)
        let scope: Scope
        if let s = frame.scope.children[key] {
            scope = s
        } else {
            scope = try ScopeAnalyzer.analyzeFunction(parameters: [], body: .expression(Expr(.listComprehension(elements[0], clauses), at: first.iterable.location)))
        }
        let inner = Frame(scope: scope, globals: frame.globals, name: frame.name)
        for name in scope.cellLocals { inner.cells[name] = Cell() }
        for (name, cell) in closure(for: scope, from: frame) { inner.cells[name] = cell }

        func loop(_ level: Int, _ iterable: Value) throws {
            let clause = clauses[level]
            let next = try makeIterator(iterable)
            outer: while let item = try next() {
                try Interrupt.check()
                try assign(clause.target, item, in: inner)
                for condition in clause.conditions where !(try truthiness(try evaluate(condition, in: inner))) {
                    continue outer
                }
                if level + 1 < clauses.count {
                    try loop(level + 1, try evaluate(clauses[level + 1].iterable, in: inner))
                } else {
                    try emit(try elements.map { try evaluate($0, in: inner) })
                }
            }
        }
        try loop(0, firstIterable)
    }

    /// Builds the text of an f-string.
    func formatFString(_ parts: [FStringPart], in frame: Frame) throws -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s):
                out += s
            case .interpolation(let e, let conversion, let spec, let debugText):
                var value = try evaluate(e, in: frame)
                if let debugText { out += debugText }
                switch conversion {
                case "r", "a": value = .str(repr(value))
                case "s": value = .str(str(value))
                default:
                    if debugText != nil && (spec ?? "").isEmpty { value = .str(repr(value)) }
                }
                let resolvedSpec = try spec.map { try expandNestedFields($0, in: frame) } ?? ""
                out += try format(value, spec: resolvedSpec)
            }
        }
        return out
    }

    /// Replaces `{name}` fields inside a format spec (`{x:{width}}`) by their values.
    private func expandNestedFields(_ spec: String, in frame: Frame) throws -> String {
        guard spec.contains("{") else { return spec }
        var out = ""
        var name: String?
        for ch in spec {
            if ch == "{" { name = ""; continue }
            if ch == "}", let n = name {
                out += str(try load(n.trimmingCharacters(in: " "), in: frame))
                name = nil
                continue
            }
            if name != nil { name!.append(ch) } else { out.append(ch) }
        }
        return out
    }
}
