/// `help` and `dir`: documentation from the one registry of built-ins.
enum HelpLibrary {
    static func install(_ r: inout Registry) {
        r.register("help(obj=?)", doc: "Shows the signature and documentation of a function, type or namespace.") { args, ctx in
            let text = args.has(0) ? HelpText.describe(args[0], ctx) : HelpText.overview(ctx)
            ctx.output.write(text + "\n")
            return .none
        }
        r.register("dir(obj=?)", doc: "The sorted attribute names of a value (or the global names).") { args, ctx in
            let names = args.has(0) ? HelpText.attributeNames(of: args[0], ctx) : (ctx.moduleGlobals?.names ?? [])
            return .list(ListRef(Set(names).sorted().map { .str($0) }))
        }
    }
}

/// The text `help` prints.
public enum HelpText {
    /// Documentation for one value.
    public static func describe(_ value: Value, _ ctx: ExecutionContext) -> String {
        switch value {
        case .builtin(let b):
            return entry(b.signature.text, b.doc)
        case .function(let f):
            return entry(f.signature.text, f.doc.map(dedent) ?? "")
        case .boundMethod(let m):
            return describe(m.function, ctx)
        case .module(let m):
            var lines = ["module \(m.name)" + (m.doc.isEmpty ? "" : ": \(m.doc)")]
            let members = m.memberNames.filter { !$0.hasPrefix("_") }
            if !members.isEmpty { lines.append("") }
            for name in members {
                guard let v = m.member(name) else { continue }
                lines.append(memberLine(name, v))
            }
            return lines.joined(separator: "\n")
        case .type(let t):
            var lines = ["class \(t.name)" + (t.parent.map { "(\($0.name))" } ?? "") + (t.doc.isEmpty ? "" : ": \(t.doc)")]
            let methods = t.methods.values.sorted { $0.name < $1.name }
            if !methods.isEmpty { lines.append("") }
            for m in methods { lines.append(indent(entry(m.signature.text, m.doc))) }
            return lines.joined(separator: "\n")
        case .object(let o):
            var lines = [o.callSignature.map { $0.text } ?? "\(o.typeName) object"]
            if let doc = o.doc { lines.append(indent(doc)) }
            let attributes = o.attributeNames.filter { !$0.hasPrefix("_") }
            if !attributes.isEmpty { lines.append("  attributes: " + attributes.joined(separator: ", ")) }
            return lines.joined(separator: "\n")
        default:
            return describe(.type(TypeObject.of(value)), ctx)
        }
    }

    /// A one-entry summary of a namespace member: signature and doc for functions, value for the rest.
    static func memberLine(_ name: String, _ v: Value) -> String {
        switch v {
        case .builtin(let b): return indent(entry(b.signature.text, b.doc))
        case .function(let f): return indent(entry(f.signature.text, f.doc.map(dedent)?.split(separator: "\n").first.map(String.init) ?? ""))
        case .module(let sub): return "  \(name): module \(sub.name)"
        case .type(let t): return "  \(name): class \(t.name)"
        case .object(let o): return "  \(name): \(o.typeName)" + (o.doc.map { " - \($0)" } ?? "")
        default: return "  \(name) = \(v.repr)"
        }
    }

    /// An overview: how to use help, the namespaces and the global built-ins.
    public static func overview(_ ctx: ExecutionContext) -> String {
        var lines = ["Dusk: a lazy, chunked array language with Python's syntax.",
                     "help(f) shows a function's signature and documentation; help(np) lists a namespace.",
                     "", "namespaces (import them: import numpy as np, import dask.array as da):"]
        let registry = ctx.interpreter.registry
        for path in registry.namespacePaths.sorted() {
            let doc = registry.doc(ofNamespace: path) ?? ""
            lines.append("  \(path)" + (doc.isEmpty ? "" : " - \(doc)"))
        }
        lines.append("")
        lines.append("built-in functions:")
        let names = ctx.interpreter.builtins.names.filter { name in
            if case .builtin? = ctx.interpreter.builtins[name] { return true }
            if case .function? = ctx.interpreter.builtins[name] { return true }
            return false
        }.sorted()
        var line = " "
        for name in names {
            if line.count + name.count > 76 { lines.append(line); line = " " }
            line += " " + name
        }
        if line.count > 1 { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// Names `dir(x)` lists and completion offers after `x.`.
    public static func attributeNames(of value: Value, _ ctx: ExecutionContext?) -> [String] {
        switch value {
        case .module(let m): return m.memberNames
        case .object(let o): return o.attributeNames
        case .type(let t): return Array(t.methods.keys)
        default:
            var names = Array(TypeObject.of(value).methods.keys)
            if let ctx { names += ctx.specialAttributeNames(of: value) }
            return names
        }
    }

    static func entry(_ signature: String, _ doc: String) -> String {
        doc.isEmpty ? signature : signature + "\n" + indent(doc, by: 4)
    }

    static func indent(_ text: String, by n: Int = 2) -> String {
        let pad = String(repeating: " ", count: n)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    /// A docstring without its common indentation and surrounding blank lines.
    static func dedent(_ doc: String) -> String {
        var lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let rest = lines.dropFirst().filter { !$0.trimmingCharacters(in: " ").isEmpty }
        let common = rest.map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        for i in lines.indices.dropFirst() { lines[i] = String(lines[i].dropFirst(min(common, lines[i].prefix(while: { $0 == " " }).count))) }
        lines[0] = lines[0].trimmingCharacters(in: " ")
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.trimmingCharacters(in: " ").isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
