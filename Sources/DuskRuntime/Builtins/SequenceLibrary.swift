/// Sequences and iteration built-ins: `range`, `tuple`, `slice`, `enumerate`, `zip`,
/// `sorted`, `reversed`, `map`, `filter`, `any`, `all`.
enum SequenceLibrary {
    static let rangeConstructor = Builtin("range(*args)", doc: "range(stop) or range(start, stop, step=1): integers from start up to (not including) stop.") { args, _ in
        let parts = args.variadic
        func int(_ v: Value) throws -> Int {
            guard let i = v.intValue else { throw DuskError.notInteger(v) }
            return i
        }
        switch parts.count {
        case 1: return .range(RangeValue(start: 0, stop: try int(parts[0]), step: 1))
        case 2: return .range(RangeValue(start: try int(parts[0]), stop: try int(parts[1]), step: 1))
        case 3:
            let step = try int(parts[2])
            if step == 0 { throw DuskError(.valueError, "range() arg 3 must not be zero") }
            return .range(RangeValue(start: try int(parts[0]), stop: try int(parts[1]), step: step))
        default:
            throw DuskError(.typeError, "range expected at most 3 arguments, got \(parts.count)")
        }
    }

    static let tupleConstructor = Builtin("tuple(iterable=(), /)", doc: "A tuple of the items of an iterable.") { args, ctx in
        .tuple(try ctx.elements(of: args[0]))
    }

    static let sliceConstructor = Builtin("slice(*args)", doc: "slice(stop) or slice(start, stop, step=None), as in x[start:stop:step].") { args, _ in
        let parts = args.variadic
        switch parts.count {
        case 1: return .slice(SliceValue(upper: parts[0]))
        case 2: return .slice(SliceValue(lower: parts[0], upper: parts[1]))
        case 3: return .slice(SliceValue(lower: parts[0], upper: parts[1], step: parts[2]))
        default: throw DuskError(.typeError, "slice expected 1 to 3 arguments, got \(parts.count)")
        }
    }

    static let tupleMethods: [Builtin] = [
        Builtin("count(self, value, /)", doc: "The number of occurrences of value.") { args, ctx in
            guard case .tuple(let items) = args[0] else { return .int(0) }
            return .int(try items.filter { try ctx.equals($0, args[1]) }.count)
        },
        Builtin("index(self, value, /)", doc: "The first position of value.") { args, ctx in
            guard case .tuple(let items) = args[0] else { return .int(0) }
            if let i = try items.firstIndex(where: { try ctx.equals($0, args[1]) }) { return .int(i) }
            throw DuskError(.valueError, "tuple.index(x): x not in tuple")
        },
    ]

    static let rangeMethods: [Builtin] = [
        Builtin("count(self, value, /)", doc: "1 if value is in the range, else 0.") { args, ctx in
            .int(try ctx.contains(args[0], args[1]) ? 1 : 0)
        },
        Builtin("index(self, value, /)", doc: "The position of value in the range.") { args, ctx in
            guard case .range(let r) = args[0], try ctx.contains(args[0], args[1]), let i = args[1].intValue else {
                throw DuskError(.valueError, "\(args[1].repr) is not in range")
            }
            return .int((i - r.start) / r.step)
        },
    ]

    static func install(_ r: inout Registry) {
        r.register("enumerate(iterable, start=0)", doc: "Pairs (index, item) for the items of an iterable.") { args, ctx in
            .object(IteratorObject(name: "enumerate", state: .enumerate(try ctx.iteratorObject(args[0]), try args.int(1))))
        }
        r.register("zip(*iterables, strict=False)", doc: "Tuples of the i-th items of each iterable, up to the shortest.") { args, ctx in
            let inners = try args.variadic.map { try ctx.iteratorObject($0) }
            return .object(IteratorObject(name: "zip", state: .zip(inners, strict: try args.bool(1))))
        }
        r.register("map(function, iterable, /, *iterables)", doc: "function applied to the items of the iterables, lazily.") { args, ctx in
            let inners = try ([args[1]] + args.variadic).map { try ctx.iteratorObject($0) }
            return .object(IteratorObject(name: "map", state: .map(args[0], inners)))
        }
        r.register("filter(function, iterable, /)", doc: "The items for which function returns true (or that are true, when function is None).") { args, ctx in
            .object(IteratorObject(name: "filter", state: .filter(args[0].isNone ? nil : args[0], try ctx.iteratorObject(args[1]))))
        }
        r.register("reversed(sequence, /)", doc: "The items of a sequence in reverse order.") { args, ctx in
            switch args[0] {
            case .list, .tuple, .str, .range, .dict:
                return .object(IteratorObject(name: "reversed", items: try ctx.elements(of: args[0]).reversed()))
            case .object(let o):
                if let method = try? o.attribute("__reversed__", context: ctx) { return try ctx.call(method, []) }
                if try o.length() != nil {
                    return .object(IteratorObject(name: "reversed", items: try ctx.elements(of: args[0]).reversed()))
                }
            default: break
            }
            throw DuskError(.typeError, "'\(args[0].typeName)' object is not reversible")
        }
        r.register("sorted(iterable, /, *, key=None, reverse=False)", doc: "A new sorted list of the items (stable; key= and reverse= as list.sort).") { args, ctx in
            let items = try ctx.sorted(try ctx.elements(of: args[0]), key: args[1].isNone ? nil : args[1], reverse: try args.bool(2))
            return .list(ListRef(items))
        }
        r.register("any(iterable, /)", doc: "True if any item is true.") { args, ctx in
            let next = try ctx.makeIterator(args[0])
            while let v = try next() { if try ctx.truthiness(v) { return .true } }
            return .false
        }
        r.register("all(iterable, /)", doc: "True if every item is true (or the iterable is empty).") { args, ctx in
            let next = try ctx.makeIterator(args[0])
            while let v = try next() { if !(try ctx.truthiness(v)) { return .false } }
            return .true
        }
    }
}

extension ExecutionContext {
    /// A stable sort by `<` (of keys, when given); `reverse` keeps equal items in order, as Python.
    public func sorted(_ items: [Value], key: Value?, reverse: Bool) throws -> [Value] {
        let keys = try key.map { k in try items.map { try call(k, [$0]) } } ?? items
        var order = Array(items.indices)
        if reverse {
            try order.sort { try lessThan(keys[$1], keys[$0]) }
        } else {
            try order.sort { try lessThan(keys[$0], keys[$1]) }
        }
        return order.map { items[$0] }
    }
}
