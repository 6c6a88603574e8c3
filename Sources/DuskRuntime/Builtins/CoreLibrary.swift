/// Core built-ins: printing, introspection, attributes, iteration helpers, characters.
enum CoreLibrary {
    static let typeConstructor = Builtin("type(object, /)", doc: "The type of a value.") { args, _ in
        .type(TypeObject.of(args[0]))
    }

    static func install(_ r: inout Registry) {
        for t in TypeObject.builtinTypes { r.setValue(.type(t), named: t.name) }
        for t in TypeObject.exceptionTypes { r.setValue(.type(t), named: t.name) }
        r.setValue(.float(.infinity), named: "inf")
        r.setValue(.float(.nan), named: "nan")
        r.setValue(.ellipsis, named: "Ellipsis")

        r.register("print(*values, sep=' ', end='\\n', file=None, flush=False)",
                   doc: "Prints the values, separated by sep and followed by end.") { args, ctx in
            let sep = args.given(1) ? try args.string(1) : " "
            let end = args.given(2) ? try args.string(2) : "\n"
            let text = args.variadic.map { ctx.str($0) }.joined(separator: sep) + end
            switch args[3] {
            case .none:
                ctx.output.write(text)
            case .object(let s as StreamObject):
                ctx.output.write(text, to: s.stream)
            default:
                // Any object with a write method, as in Python.
                _ = try ctx.call(try ctx.attribute(of: args[3], "write"), [.str(text)])
            }
            if try args.bool(4) { ctx.output.flush() }
            return .none
        }
        r.register("len(obj, /)", doc: "The number of items of a container.") { args, ctx in
            .int(try ctx.length(args[0]))
        }
        r.register("repr(obj, /)", doc: "The printable representation of a value, as Python's repr.") { args, ctx in
            .str(ctx.repr(args[0]))
        }
        r.register("ascii(obj, /)", doc: "Like repr, with non-ASCII characters escaped.") { args, ctx in
            var out = ""
            for scalar in ctx.repr(args[0]).unicodeScalars {
                if scalar.isASCII { out.unicodeScalars.append(scalar); continue }
                let hex = String(scalar.value, radix: 16)
                if scalar.value <= 0xff { out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
                else if scalar.value <= 0xffff { out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
                else { out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex }
            }
            return .str(out)
        }
        r.register("isinstance(obj, class_or_tuple, /)", doc: "Whether a value is of a type (or of one of a tuple of types).") { args, _ in
            .bool(try isInstance(args[0], args[1]))
        }
        r.register("id(obj, /)", doc: "A number that identifies a value while it exists.") { args, _ in
            .int(identity(of: args[0]))
        }
        r.register("hash(obj, /)", doc: "The hash of a hashable value.") { args, _ in
            let key = try args[0].hashKey()
            if case .int(let i) = key { return .int(i == -1 ? -2 : i) }
            return .int(key.hashValue)
        }
        r.register("callable(obj, /)", doc: "Whether a value can be called.") { args, _ in
            switch args[0] {
            case .function, .builtin, .boundMethod, .type: return .true
            case .object(let o): return .bool(o.callSignature != nil)
            default: return .false
            }
        }
        r.register("getattr(obj, name, default?, /)", doc: "The attribute of a value by name, or default when missing.") { args, ctx in
            let name = try args.string(1)
            do {
                return try ctx.attribute(of: args[0], name)
            } catch let e as DuskError where e.matches(.attributeError) && args.has(2) {
                return args[2]
            }
        }
        r.register("hasattr(obj, name, /)", doc: "Whether a value has an attribute.") { args, ctx in
            do {
                _ = try ctx.attribute(of: args[0], try args.string(1))
                return .true
            } catch let e as DuskError where e.matches(.attributeError) {
                return .false
            }
        }
        r.register("setattr(obj, name, value, /)", doc: "Sets an attribute by name.") { args, ctx in
            try ctx.setAttribute(of: args[0], try args.string(1), args[2])
            return .none
        }
        r.register("iter(obj, /)", doc: "An iterator over an iterable.") { args, ctx in
            .object(try ctx.iteratorObject(args[0]))
        }
        r.register("next(iterator, default?, /)", doc: "The next item of an iterator, or default when exhausted.") { args, ctx in
            guard case .object(let o as IteratorObject) = args[0] else {
                throw DuskError(.typeError, "'\(args[0].typeName)' object is not an iterator")
            }
            if let v = try o.next(context: ctx) { return v }
            if args.has(1) { return args[1] }
            throw DuskError(.stopIteration, "")
        }
        r.register("format(value, format_spec='', /)", doc: "Formats a value with a format spec, as in f-strings.") { args, ctx in
            .str(try ctx.format(args[0], spec: try args.string(1)))
        }
        r.register("chr(i, /)", doc: "The one-character string for a Unicode code point.") { args, _ in
            let i = try args.int(0)
            guard i >= 0, i < 0x110000, let scalar = Unicode.Scalar(UInt32(i)) else {
                throw DuskError(.valueError, "chr() arg not in range(0x110000)")
            }
            return .str(String(Character(scalar)))
        }
        r.register("ord(c, /)", doc: "The Unicode code point of a one-character string.") { args, _ in
            let s = try args.string(0)
            guard s.unicodeScalars.count == 1 else {
                throw DuskError(.typeError, "ord() expected a character, but string of length \(s.unicodeScalars.count) found")
            }
            return .int(Int(s.unicodeScalars.first!.value))
        }
        for (name, radix, prefix) in [("hex", 16, "0x"), ("oct", 8, "0o"), ("bin", 2, "0b")] {
            r.register("\(name)(number, /)", doc: "The \(name == "hex" ? "hexadecimal" : name == "oct" ? "octal" : "binary") text of an integer, with a '\(prefix)' prefix.") { args, _ in
                guard let i = args[0].intValue else { throw DuskError.notInteger(args[0]) }
                return .str((i < 0 ? "-" : "") + prefix + String(i.magnitude, radix: radix))
            }
        }
    }

    /// `isinstance` with Python's rules (bool is an int; `object` matches everything).
    static func isInstance(_ value: Value, _ classInfo: Value) throws -> Bool {
        switch classInfo {
        case .type(let t):
            if t.name == "object" { return true }
            return TypeObject.of(value).isSubtype(of: t)
        case .tuple(let items):
            return try items.contains { try isInstance(value, $0) }
        default:
            throw DuskError(.typeError, "isinstance() arg 2 must be a type, a tuple of types, or a union")
        }
    }

    static func identity(of value: Value) -> Int {
        switch value {
        case .list(let l): return unsafeBitCast(l, to: Int.self)
        case .dict(let d): return unsafeBitCast(d, to: Int.self)
        case .set(let s): return unsafeBitCast(s, to: Int.self)
        case .function(let f): return unsafeBitCast(f, to: Int.self)
        case .builtin(let b): return unsafeBitCast(b, to: Int.self)
        case .module(let m): return unsafeBitCast(m, to: Int.self)
        case .exception(let e): return unsafeBitCast(e, to: Int.self)
        default: return (try? value.hashKey().hashValue) ?? 0
        }
    }
}

/// Conversions to text and lengths, shared by built-ins.
extension ExecutionContext {
    /// `repr(v)`.
    public func repr(_ v: Value) -> String { v.repr }
    /// `str(v)`.
    public func str(_ v: Value) -> String { v.str }

    /// `format(v, spec)`.
    public func format(_ v: Value, spec: String) throws -> String {
        if case .object(let o) = v, spec.isEmpty { return o.str }
        if case .object(let o) = v, let plain = o.plainValue, (try? o.format(spec: spec)) == nil {
            return try ValueFormatter.format(plain, spec: spec)
        }
        return try ValueFormatter.format(v, spec: spec)
    }

    /// `len(v)`.
    public func length(_ v: Value) throws -> Int {
        switch v {
        case .str(let s): return s.codePointCount
        case .list(let l): return l.count
        case .tuple(let t): return t.count
        case .dict(let d): return d.count
        case .set(let s): return s.count
        case .range(let r): return r.count
        case .object(let o):
            if let n = try o.length() { return n }
        default: break
        }
        throw DuskError.noLength(v)
    }
}
