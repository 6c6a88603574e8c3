import DuskArray
import DuskGraph

/// Deterministic tokens for delayed calls and `map_blocks`, as Dask's `tokenize`: a function
/// is identified by its name, where it was defined (line and column in a source identified by
/// its content, not its path) and the values it captured; arguments by their values. Identical calls get identical keys and merge.
enum CallToken {
    /// The display name and identity token of a callable.
    static func identity(of callee: Value) -> (name: String, token: String) {
        switch callee {
        case .function(let f):
            let name = f.name == "<lambda>" ? "lambda" : f.name
            let defined = f.code.location
            var parts = ["fn", f.name, String(defined.file.contentDigest, radix: 16), "\(defined.line):\(defined.column)"]
            for (cellName, cell) in f.closure.sorted(by: { $0.key < $1.key }) {
                parts.append(cellName + "=" + (cell.value.map(token) ?? "unbound"))
            }
            parts += f.defaults.map { $0.map(token) ?? "-" }
            return (name, parts.joined(separator: "|"))
        case .builtin(let b):
            return (b.name, "builtin|" + b.qualifiedName)
        case .boundMethod(let m):
            return (m.name, "method|\(m.name)|" + token(m.receiver) + "|" + token(m.function))
        case .type(let t):
            return (t.name.split(separator: ".").last.map(String.init) ?? t.name, "type|" + t.name)
        case .object(let o as DelayedObject):
            return (o.node.displayName, "delayed|" + o.node.key)
        default:
            return (callee.typeName, "callable|" + token(callee))
        }
    }

    /// A value's token: equal values give equal tokens.
    static func token(_ value: Value) -> String {
        switch value {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return "i\(i)"
        case .float(let d): return "f\(d.bitPattern)"
        case .str(let s): return "s" + StringQuoting.repr(s)
        case .tuple(let items): return "(" + items.map(token).joined(separator: ",") + ")"
        case .list(let l): return "[" + l.items.map(token).joined(separator: ",") + "]"
        case .set(let s): return "{" + s.items.map(token).sorted().joined(separator: ",") + "}"
        case .dict(let d): return "{" + d.entries.map { token($0.key) + ":" + token($0.value) }.joined(separator: ",") + "}"
        case .slice(let s): return "slice(\(token(s.lower)),\(token(s.upper)),\(token(s.step)))"
        case .ellipsis: return "..."
        case .range(let r): return "range(\(r.start),\(r.stop),\(r.step))"
        case .function, .builtin, .boundMethod, .type:
            return "callable(" + identity(of: value).token + ")"
        case .module(let m): return "module(\(m.name))"
        case .exception(let e): return "exc(\(e.type.name),\(e.message))"
        case .object(let o):
            switch o {
            case let a as NDArrayObject: return "ndarray(" + TokenBuilder(a.array).finalize() + ")"
            case let s as NumPyScalar: return "scalar(" + s.scalar.repr + ")"
            case let l as LazyArrayObject: return "array(" + l.array.name + ")"
            case let d as DelayedObject: return "delayed(" + d.node.key + ")"
            case let f as FutureObject: return "future(" + f.key + ")"
            case let t as DTypeObject: return "dtype(" + t.dtype.name + ")"
            default: return "object(\(o.typeName)," + o.repr + ")"
            }
        }
    }

    /// The token of a call's arguments.
    static func token(of arguments: Arguments) -> String {
        (arguments.positional.map(token) + arguments.keywords.map { $0.name + "=" + token($0.value) })
            .joined(separator: ",")
    }
}
