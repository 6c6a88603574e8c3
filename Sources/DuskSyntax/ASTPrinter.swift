/// Prints syntax trees as S-expressions, for golden tests and `explain` tooling.
///
/// ```
/// x = f(1) + 2        (assign (targets (name x)) (binary + (call (name f) (int 1)) (int 2)))
/// ```
/// Absent optional parts print as `_`; strings are double-quoted with escapes.
/// `module(_:)` puts each top-level statement on its own line.
public enum ASTPrinter {
    /// One line per top-level statement.
    public static func module(_ module: Module) -> String {
        module.body.map(statement).joined(separator: "\n")
    }

    public static func statements(_ statements: [Stmt]) -> String {
        statements.map(statement).joined(separator: "\n")
    }

    public static func statement(_ stmt: Stmt) -> String {
        switch stmt.kind {
        case .expression(let e):
            return "(expr \(expression(e)))"
        case .assign(let targets, let value):
            return "(assign (targets \(list(targets))) \(expression(value)))"
        case .augmentedAssign(let target, let op, let value):
            return "(augassign \(op.rawValue) \(expression(target)) \(expression(value)))"
        case .functionDef(let def):
            var parts = ["def", def.name, "(params\(prefixed(def.parameters.map(parameter))))"]
            if !def.decorators.isEmpty { parts.append("(decorators \(list(def.decorators)))") }
            if let doc = def.docstring { parts.append("(doc \(quoted(doc)))") }
            parts.append(block("body", def.body))
            return "(" + parts.joined(separator: " ") + ")"
        case .return(let value):
            return value.map { "(return \(expression($0)))" } ?? "(return)"
        case .if(let test, let body, let orelse):
            return "(if \(expression(test)) \(block("body", body))\(optionalBlock("else", orelse)))"
        case .for(let target, let iterable, let body, let orelse):
            return "(for \(expression(target)) \(expression(iterable)) \(block("body", body))\(optionalBlock("else", orelse)))"
        case .while(let test, let body, let orelse):
            return "(while \(expression(test)) \(block("body", body))\(optionalBlock("else", orelse)))"
        case .break: return "(break)"
        case .continue: return "(continue)"
        case .pass: return "(pass)"
        case .import(let names):
            let items = names.map { name in
                "(\(name.module.joined(separator: "."))\(name.alias.map { " as \($0)" } ?? ""))"
            }
            return "(import \(items.joined(separator: " ")))"
        case .fromImport(let module, let names, let star):
            let items = star ? "*" : names.map { "(\($0.name)\($0.alias.map { " as \($0)" } ?? ""))" }.joined(separator: " ")
            return "(from \(module.joined(separator: ".")) \(items))"
        case .delete(let targets):
            return "(del \(list(targets)))"
        case .assert(let test, let message):
            return "(assert \(expression(test))\(message.map { " " + expression($0) } ?? ""))"
        case .global(let names):
            return "(global \(names.joined(separator: " ")))"
        case .nonlocal(let names):
            return "(nonlocal \(names.joined(separator: " ")))"
        case .raise(let value):
            return value.map { "(raise \(expression($0)))" } ?? "(raise)"
        case .try(let body, let handlers, let orelse, let finally):
            var out = "(try \(block("body", body))"
            for handler in handlers {
                out += " (except \(handler.type.map(expression) ?? "_") \(handler.name ?? "_") \(block("body", handler.body)))"
            }
            out += optionalBlock("else", orelse) + optionalBlock("finally", finally) + ")"
            return out
        case .with(let items, let body):
            let rendered = items.map { "(item \(expression($0.context)) \($0.target.map(expression) ?? "_"))" }
            return "(with \(rendered.joined(separator: " ")) \(block("body", body)))"
        }
    }

    public static func expression(_ expr: Expr) -> String {
        switch expr.kind {
        case .int(let v): return "(int \(v))"
        case .float(let v): return "(float \(v))"
        case .string(let s): return "(str \(quoted(s)))"
        case .fstring(let parts): return "(fstr\(prefixed(parts.map(fstringPart))))"
        case .bool(let v): return v ? "(true)" : "(false)"
        case .none: return "(none)"
        case .ellipsis: return "(ellipsis)"
        case .name(let n): return "(name \(n))"
        case .tuple(let items): return "(tuple\(prefixed(items.map(expression))))"
        case .list(let items): return "(list\(prefixed(items.map(expression))))"
        case .set(let items): return "(set\(prefixed(items.map(expression))))"
        case .dict(let items):
            let rendered = items.map { item in
                item.key.map { "(\(expression($0)) \(expression(item.value)))" } ?? "(** \(expression(item.value)))"
            }
            return "(dict\(prefixed(rendered)))"
        case .starred(let e): return "(starred \(expression(e)))"
        case .unary(let op, let e): return "(unary \(op.rawValue) \(expression(e)))"
        case .binary(let op, let l, let r): return "(binary \(op.rawValue) \(expression(l)) \(expression(r)))"
        case .logical(let op, let l, let r): return "(\(op.rawValue) \(expression(l)) \(expression(r)))"
        case .compare(let first, let rest):
            let tail = rest.map { "\($0.op.rawValue) \(expression($0.right))" }
            return "(compare \(expression(first)) \(tail.joined(separator: " ")))"
        case .conditional(let test, let body, let orelse):
            return "(ifexp \(expression(test)) \(expression(body)) \(expression(orelse)))"
        case .lambda(let params, let body):
            return "(lambda (params\(prefixed(params.map(parameter)))) \(expression(body)))"
        case .call(let callee, let args):
            return "(call \(expression(callee))\(prefixed(args.map(argument))))"
        case .attribute(let value, let name): return "(attr \(expression(value)) \(name))"
        case .subscript(let value, let index): return "(subscript \(expression(value)) \(expression(index)))"
        case .slice(let lower, let upper, let step):
            return "(slice \(optional(lower)) \(optional(upper)) \(optional(step)))"
        case .listComprehension(let element, let clauses):
            return "(listcomp \(expression(element))\(prefixed(clauses.map(comprehension))))"
        case .generator(let element, let clauses):
            return "(genexp \(expression(element))\(prefixed(clauses.map(comprehension))))"
        case .dictComprehension(let key, let value, let clauses):
            return "(dictcomp \(expression(key)) \(expression(value))\(prefixed(clauses.map(comprehension))))"
        }
    }

    // MARK: - Pieces

    static func parameter(_ p: Parameter) -> String {
        let name = switch p.kind {
        case .regular: p.name
        case .variadic: "*" + p.name
        case .keywordOnly: "kwonly " + p.name
        case .variadicKeywords: "**" + p.name
        }
        return "(\(name)\(p.defaultValue.map { " " + expression($0) } ?? ""))"
    }

    static func argument(_ a: Argument) -> String {
        switch a {
        case .positional(let e): expression(e)
        case .keyword(let name, let e): "(kw \(name) \(expression(e)))"
        case .unpack(let e): "(* \(expression(e)))"
        case .unpackKeywords(let e): "(** \(expression(e)))"
        }
    }

    static func comprehension(_ c: Comprehension) -> String {
        let conditions = c.conditions.map { " (if \(expression($0)))" }.joined()
        return "(for \(expression(c.target)) \(expression(c.iterable))\(conditions))"
    }

    static func fstringPart(_ part: FStringPart) -> String {
        switch part {
        case .literal(let s):
            return quoted(s)
        case .interpolation(let e, let conversion, let spec, let debug):
            var out = "(interp \(expression(e))"
            if let debug { out += " (debug \(quoted(debug)))" }
            if let conversion { out += " !\(conversion)" }
            if let spec { out += " (spec \(quoted(spec)))" }
            return out + ")"
        }
    }

    static func block(_ label: String, _ body: [Stmt]) -> String {
        "(\(label)\(prefixed(body.map(statement))))"
    }

    static func optionalBlock(_ label: String, _ body: [Stmt]) -> String {
        body.isEmpty ? "" : " " + block(label, body)
    }

    static func optional(_ e: Expr?) -> String { e.map(expression) ?? "_" }

    static func list(_ items: [Expr]) -> String { items.map(expression).joined(separator: " ") }

    /// Each item preceded by a space (so empty lists print nothing).
    static func prefixed(_ items: [String]) -> String { items.map { " " + $0 }.joined() }

    /// A double-quoted string with `\\`, `\"`, `\n`, `\t`, `\r` and other controls escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 32 || scalar.value == 127 {
                    out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
