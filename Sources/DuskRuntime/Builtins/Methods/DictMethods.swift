import DuskSyntax

/// Methods of `dict`, and the live views `keys()`, `values()`, `items()` return.
enum DictMethods {
    static let constructor = Builtin("dict(mapping_or_pairs=?, /, **kwargs)", doc: "A new dict from a mapping or (key, value) pairs, then keyword arguments.") { args, ctx in
        let d = DictRef()
        if args.has(0) { try update(d, from: args[0], ctx) }
        for (k, v) in args.extraKeywords { try d.set(.str(k), v) }
        return .dict(d)
    }

    static func update(_ d: DictRef, from source: Value, _ ctx: ExecutionContext) throws {
        if case .dict(let other) = source {
            for (k, v) in other.entries { try d.set(k, v) }
            return
        }
        // A mapping (an object with keys()): its keys with the values it holds for them, as Python.
        if case .object(let o) = source, let keys = try o.attribute("keys", context: ctx) {
            for key in try ctx.elements(of: try ctx.call(keys, [])) { try d.set(key, try ctx.subscriptValue(source, key)) }
            return
        }
        for (i, pair) in try ctx.elements(of: source).enumerated() {
            let parts = try ctx.elements(of: pair)
            guard parts.count == 2 else {
                throw DuskError(.valueError, "dictionary update sequence element #\(i) has length \(parts.count); 2 is required")
            }
            try d.set(parts[0], parts[1])
        }
    }

    static func dict(_ args: Args) -> DictRef {
        guard case .dict(let d) = args[0] else { preconditionFailure("dict method on \(args[0].typeName)") }
        return d
    }

    static let all: [Builtin] = [
        Builtin("keys(self, /)", doc: "A live view of the keys.") { args, _ in .object(DictView(dict(args), .keys)) },
        Builtin("values(self, /)", doc: "A live view of the values.") { args, _ in .object(DictView(dict(args), .values)) },
        Builtin("items(self, /)", doc: "A live view of the (key, value) pairs.") { args, _ in .object(DictView(dict(args), .items)) },
        Builtin("get(self, key, default=None, /)", doc: "The value for key, or default.") { args, _ in
            try dict(args).get(args[1]) ?? args[2]
        },
        Builtin("pop(self, key, default?, /)", doc: "Removes key and returns its value (or default when missing).") { args, _ in
            if let v = try dict(args).remove(args[1]) { return v }
            if args.has(2) { return args[2] }
            throw DuskError.keyNotFound(args[1])
        },
        Builtin("popitem(self, /)", doc: "Removes and returns the last inserted (key, value) pair.") { args, _ in
            guard let (k, v) = dict(args).popLast() else { throw DuskError(.keyError, "popitem(): dictionary is empty") }
            return .tuple([k, v])
        },
        Builtin("update(self, other=?, /, **kwargs)", doc: "Adds the pairs of a mapping or iterable of pairs, then keyword arguments.") { args, ctx in
            let d = dict(args)
            if args.has(1) { try update(d, from: args[1], ctx) }
            for (k, v) in args.extraKeywords { try d.set(.str(k), v) }
            return .none
        },
        Builtin("setdefault(self, key, default=None, /)", doc: "The value for key, inserting default first when missing.") { args, _ in
            try dict(args).setDefault(args[1], args[2])
        },
        Builtin("copy(self, /)", doc: "A shallow copy of the dict.") { args, _ in .dict(dict(args).copy()) },
        Builtin("clear(self, /)", doc: "Removes every item.") { args, _ in
            dict(args).removeAll()
            return .none
        },
    ]
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
final class DictView: RuntimeObject {
    enum Kind: Sendable { case keys, values, items }
    let dict: DictRef
    let kind: Kind

    init(_ dict: DictRef, _ kind: Kind) {
        self.dict = dict
        self.kind = kind
    }

    var elements: [Value] {
        switch kind {
        case .keys: return dict.keys
        case .values: return dict.values
        case .items: return dict.entries.map { .tuple([$0.key, $0.value]) }
        }
    }

    var typeName: String {
        switch kind {
        case .keys: return "dict_keys"
        case .values: return "dict_values"
        case .items: return "dict_items"
        }
    }

    var repr: String { "\(typeName)(\(Value.list(ListRef(elements)).repr))" }
    func length() throws -> Int? { dict.count }
    func truthiness() throws -> Bool { dict.count > 0 }

    func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        let items = elements
        var i = 0
        return {
            guard i < items.count else { return nil }
            defer { i += 1 }
            return items[i]
        }
    }

    func contains(_ item: Value, context: ExecutionContext) throws -> Bool? {
        switch kind {
        case .keys: return try dict.contains(item)
        case .values: return nil
        case .items:
            guard case .tuple(let pair) = item, pair.count == 2, let v = try dict.get(pair[0]) else { return false }
            return try context.equals(v, pair[1])
        }
    }

    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        guard op == .equal || op == .notEqual, case .object(let o as DictView) = other, kind != .values else { return nil }
        let equal = try context.equals(.set(try SetRef(elements)), .set(try SetRef(o.elements)))
        return .bool(op == .equal ? equal : !equal)
    }
}
