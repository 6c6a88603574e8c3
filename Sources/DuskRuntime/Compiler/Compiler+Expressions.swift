import DuskSyntax

/// Compiling expressions.
extension Compiler {
    func expression(_ expr: Expr) throws -> Evaluator {
        let location = expr.location
        switch expr.kind {
        case .int(let i):
            let v = Value.int(i)
            return { _, _ in v }
        case .float(let d):
            let v = Value.float(d)
            return { _, _ in v }
        case .string(let s):
            let v = Value.str(s)
            return { _, _ in v }
        case .bool(let b):
            let v = Value.bool(b)
            return { _, _ in v }
        case .none: return { _, _ in .none }
        case .ellipsis: return { _, _ in .ellipsis }
        case .fstring(let parts): return try fstring(parts, at: location)
        case .name(let name): return load(name, at: location)

        case .tuple(let items):
            let build = try itemList(items)
            return { c, f in .tuple(try build(c, f)) }
        case .list(let items):
            let build = try itemList(items)
            return { c, f in .list(ListRef(try build(c, f))) }
        case .set(let items):
            let build = try itemList(items)
            return { c, f in
                let values = try build(c, f)
                return try locating(location) { .set(try SetRef(values)) }
            }
        case .dict(let entries):
            let compiled = try entries.map { entry in
                (key: try entry.key.map { CompiledExpression(evaluate: try expression($0)) },
                 value: CompiledExpression(evaluate: try expression(entry.value)))
            }
            return { c, f in
                let dict = DictRef()
                for entry in compiled {
                    if let key = entry.key {
                        let k = try key.evaluate(c, f)
                        let v = try entry.value.evaluate(c, f)
                        try locating(location) { try dict.set(k, v) }
                    } else {
                        let other = try entry.value.evaluate(c, f)
                        guard case .dict(let source) = other else {
                            throw DuskError(.typeError, "'\(other.typeName)' object is not a mapping", at: location)
                        }
                        for (k, v) in source.entries { try dict.set(k, v) }
                    }
                }
                return .dict(dict)
            }
        case .starred:
            throw DuskError(.syntaxError, "can't use starred expression here", at: location)

        case .unary(.not, let operand):
            let test = try condition(operand, at: location)
            return { c, f in .bool(!(try test(c, f))) }
        case .unary(let op, let operand):
            let value = try expression(operand)
            return { c, f in
                let v = try value(c, f)
                c.callLocation = location
                return try locating(location) { try c.unary(op, v) }
            }
        case .binary(let op, let lhs, let rhs):
            return try binary(op, lhs, rhs, at: location)
        case .logical(let op, let lhs, let rhs):
            let a = try expression(lhs), b = try expression(rhs)
            switch op {
            case .and: return { c, f in
                let v = try a(c, f)
                return try locating(location) { try c.truthiness(v) } ? try b(c, f) : v
            }
            case .or: return { c, f in
                let v = try a(c, f)
                return try locating(location) { try c.truthiness(v) } ? v : try b(c, f)
            }
            }
        case .compare(let first, let rest):
            if rest.count == 1 { return try comparison(rest[0].op, first, rest[0].right, at: rest[0].location) }
            return try comparisonChain(first, rest)
        case .conditional(let test, let body, let orelse):
            let t = try condition(test, at: location), b = try expression(body), o = try expression(orelse)
            return { c, f in try t(c, f) ? try b(c, f) : try o(c, f) }
        case .lambda(let params, let body):
            return try lambda(params, body, at: location)

        case .call(let callee, let args):
            return try call(callee, args, at: location)
        case .attribute(let base, let name):
            let b = try expression(base)
            let site = ModuleMemberCache.newSite()
            return { c, f in
                let v = try b(c, f)
                if case .module(let m) = v { return try locating(location) { try c.member(of: m, name, site: site) } }
                c.callLocation = location
                return try locating(location) { try c.attribute(of: v, name) }
            }
        case .subscript(let base, let index):
            return try specialized(base, index, SubscriptBuilder(location: location)).evaluate
        case .slice(let lower, let upper, let step):
            let compile = { (e: Expr?) in try e.map { CompiledExpression(evaluate: try expression($0)) } }
            let lo = try compile(lower), hi = try compile(upper), st = try compile(step)
            return { c, f in
                .slice(SliceValue(lower: try lo?.evaluate(c, f) ?? .none, upper: try hi?.evaluate(c, f) ?? .none,
                                  step: try st?.evaluate(c, f) ?? .none))
            }

        case .listComprehension(let element, let clauses):
            let run = try comprehension(clauses, key: ScopeKey(.listComprehension, location), element: element, at: location)
            return { c, f in
                var out: [Value] = []
                try run(c, f) { v, _ in out.append(v) }
                return .list(ListRef(out))
            }
        case .generator(let element, let clauses):
            let run = try comprehension(clauses, key: ScopeKey(.generator, location), element: element, at: location)
            return { c, f in
                var out: [Value] = []
                try run(c, f) { v, _ in out.append(v) }
                return .object(IteratorObject(name: "generator", items: out))
            }
        case .dictComprehension(let key, let value, let clauses):
            let run = try comprehension(clauses, key: ScopeKey(.dictComprehension, location), element: key, value: value,
                                        at: location)
            return { c, f in
                let out = DictRef()
                try run(c, f) { k, v in try locating(location) { try out.set(k, v) } }
                return .dict(out)
            }
        }
    }

    /// List, tuple and set items, expanding `*iterable`.
    func itemList(_ items: [Expr]) throws -> @Sendable (ExecutionContext, Frame) throws -> [Value] {
        let compiled: [(Evaluator, starred: Bool, SourceLocation)] = try items.map { item in
            if case .starred(let inner) = item.kind { return (try expression(inner), true, item.location) }
            return (try expression(item), false, item.location)
        }
        if !compiled.contains(where: { $0.starred }) {
            let plain = compiled.map { CompiledExpression(evaluate: $0.0) }
            return { c, f in
                var out: [Value] = []
                out.reserveCapacity(plain.count)
                for e in plain { out.append(try e.evaluate(c, f)) }
                return out
            }
        }
        return { c, f in
            var out: [Value] = []
            for (e, starred, location) in compiled {
                let v = try e(c, f)
                if starred { out.append(contentsOf: try locating(location) { try c.elements(of: v) }) } else { out.append(v) }
            }
            return out
        }
    }

    /// `a < b < c`: each link compared in turn, each operand evaluated once.
    private func comparisonChain(_ first: Expr, _ rest: [Comparison]) throws -> Evaluator {
        let head = try expression(first)
        let links = try rest.map { (op: $0.op, right: try expression($0.right), location: $0.location) }
        return { c, f in
            var left = try head(c, f)
            var result = Value.true
            for (i, link) in links.enumerated() {
                let right = try link.right(c, f)
                result = try c.compare(link.op, left, right, at: link.location)
                if i < links.count - 1, !(try locating(link.location) { try c.truthiness(result) }) { return result }
                left = right
            }
            return result
        }
    }

    /// Call arguments as written: positional, keywords, `*args`, `**kwargs`.
    func arguments(_ args: [Argument]) throws -> @Sendable (ExecutionContext, Frame) throws -> Arguments {
        enum Part: Sendable {
            case positional(Evaluator)
            case keyword(String, Evaluator)
            case unpack(Evaluator, SourceLocation)
            case unpackKeywords(Evaluator, SourceLocation)
        }
        var seen: Set<String> = []
        let parts: [Part] = try args.map { arg in
            switch arg {
            case .positional(let e): return .positional(try expression(e))
            case .keyword(let name, let e):
                if !seen.insert(name).inserted {
                    throw DuskError(.syntaxError, "keyword argument repeated: \(name)", at: e.location)
                }
                return .keyword(name, try expression(e))
            case .unpack(let e): return .unpack(try expression(e), e.location)
            case .unpackKeywords(let e): return .unpackKeywords(try expression(e), e.location)
            }
        }
        return { c, f in
            var result = Arguments()
            for part in parts {
                switch part {
                case .positional(let e): result.positional.append(try e(c, f))
                case .keyword(let name, let e): result.keywords.append(.init(name, try e(c, f)))
                case .unpack(let e, let location):
                    let v = try e(c, f)
                    result.positional.append(contentsOf: try locating(location) { try c.elements(of: v) })
                case .unpackKeywords(let e, let location):
                    let v = try e(c, f)
                    guard case .dict(let d) = v else {
                        throw DuskError(.typeError, "argument after ** must be a mapping, not \(v.typeName)", at: location)
                    }
                    for (k, value) in d.entries {
                        guard case .str(let name) = k else { throw DuskError(.typeError, "keywords must be strings", at: location) }
                        if result.keywords.contains(where: { $0.name == name }) {
                            throw DuskError(.typeError, "got multiple values for keyword argument '\(name)'", at: location)
                        }
                        result.keywords.append(.init(name, value))
                    }
                }
            }
            return result
        }
    }

    /// An f-string: literal parts and formatted interpolations.
    private func fstring(_ parts: [FStringPart], at location: SourceLocation) throws -> Evaluator {
        enum Piece: Sendable {
            case literal(String)
            case field(Evaluator, conversion: Character?, spec: Evaluator?, debugText: String?, hasSpec: Bool, SourceLocation)
        }
        let pieces: [Piece] = try parts.map { part in
            switch part {
            case .literal(let s): return .literal(s)
            case .interpolation(let e, let conversion, let spec, let debugText):
                let specEvaluator = try spec.map { try formatSpec($0, at: e.location) }
                return .field(try expression(e), conversion: conversion, spec: specEvaluator, debugText: debugText,
                              hasSpec: !(spec ?? "").isEmpty, e.location)
            }
        }
        return { c, f in
            var out = ""
            for piece in pieces {
                switch piece {
                case .literal(let s): out += s
                case .field(let e, let conversion, let spec, let debugText, let hasSpec, let fieldLocation):
                    var value = try e(c, f)
                    if let debugText { out += debugText }
                    switch conversion {
                    case "r", "a": value = .str(c.repr(value))
                    case "s": value = .str(c.str(value))
                    default: if debugText != nil && !hasSpec { value = .str(c.repr(value)) }
                    }
                    var specText = ""
                    if let spec, case .str(let s) = try spec(c, f) { specText = s }
                    out += try locating(fieldLocation) { try c.format(value, spec: specText) }
                }
            }
            return .str(out)
        }
    }

    /// A format spec, with `{name}` fields inside it (`{x:{width}}`) looked up as names.
    private func formatSpec(_ spec: String, at location: SourceLocation) throws -> Evaluator {
        guard spec.contains("{") else {
            let v = Value.str(spec)
            return { _, _ in v }
        }
        var parts: [(String, Evaluator?)] = []
        var literal = ""
        var name: String?
        for ch in spec {
            if ch == "{" { name = ""; continue }
            if ch == "}", let n = name {
                parts.append((literal, load(n.trimmingCharacters(in: " "), at: location)))
                literal = ""
                name = nil
                continue
            }
            if name != nil { name!.append(ch) } else { literal.append(ch) }
        }
        parts.append((literal, nil))
        let pieces = parts
        return { c, f in
            var out = ""
            for (text, field) in pieces {
                out += text
                if let field { out += c.str(try field(c, f)) }
            }
            return .str(out)
        }
    }
}
