import Synchronization

/// Iterating values: `for`, unpacking, `list(x)`, comprehensions.
extension ExecutionContext {
    /// A pull iterator over any iterable value. Lists are read live by index, so
    /// appending while iterating is seen, as in Python; dicts and sets iterate a snapshot.
    public func makeIterator(_ value: Value) throws -> ValueIterator {
        switch value {
        case .list(let l):
            var i = 0
            return {
                guard let v = l.element(at: i) else { return nil }
                i += 1
                return v
            }
        case .tuple(let items): return arrayIterator(items)
        case .str(let s): return arrayIterator(s.unicodeScalars.map { .str(String($0)) })
        case .dict(let d): return arrayIterator(d.keys)
        case .set(let s): return arrayIterator(s.items)
        case .range(let r):
            var i = 0
            let count = r.count
            return {
                guard i < count else { return nil }
                defer { i += 1 }
                return .int(r.element(at: i))
            }
        case .object(let o):
            if let iterator = o as? IteratorObject { return { try iterator.next(context: self) } }
            if let it = try o.makeIterator(context: self) { return it }
            throw DuskError.notIterable(value)
        default:
            throw DuskError.notIterable(value)
        }
    }

    private func arrayIterator(_ items: [Value]) -> ValueIterator {
        var i = 0
        return {
            guard i < items.count else { return nil }
            defer { i += 1 }
            return items[i]
        }
    }

    /// All elements of an iterable, in order.
    public func elements(of value: Value) throws -> [Value] {
        switch value {
        case .range(let r) where r.count > ExecutionContext.maxMaterializedCount:
            throw DuskError(.memoryError, "cannot make a sequence of \(r.count) elements")
        case .list(let l): return l.items
        case .tuple(let items): return items
        case .dict(let d): return d.keys
        case .set(let s): return s.items
        default:
            var out: [Value] = []
            let next = try makeIterator(value)
            while let v = try next() {
                out.append(v)
                if out.count & 0xffff == 0 {
                    try Interrupt.check()
                    if out.count > ExecutionContext.maxMaterializedCount {
                        throw DuskError(.memoryError, "cannot make a sequence of more than \(ExecutionContext.maxMaterializedCount) elements")
                    }
                }
            }
            return out
        }
    }

    /// A shareable iterator object over `value` (`iter(x)`).
    public func iteratorObject(_ value: Value, name: String? = nil) throws -> IteratorObject {
        switch value {
        case .object(let o as IteratorObject): return o
        case .list(let l): return IteratorObject(name: name ?? "list_iterator", state: .list(l, 0))
        case .range(let r): return IteratorObject(name: name ?? "range_iterator", state: .range(r, 0))
        default:
            return IteratorObject(name: name ?? "\(value.typeName)_iterator", items: try elements(of: value))
        }
    }
}

/// An iterator as a value: what `iter`, `enumerate`, `zip`, `map`, `filter`,
/// `reversed` and generator expressions return. Single pass; its position is
/// shared by everyone holding it (behind a lock).
public final class IteratorObject: RuntimeObject {
    indirect enum State: Sendable {
        case items([Value], Int)
        case list(ListRef, Int)
        case range(RangeValue, Int)
        case enumerate(IteratorObject, Int)
        case zip([IteratorObject], strict: Bool)
        case map(Value, [IteratorObject])
        case filter(Value?, IteratorObject)
        case exhausted
    }

    let name: String
    private let state: Mutex<State>

    init(name: String, state: State) {
        self.name = name
        self.state = Mutex(state)
    }

    public convenience init(name: String, items: [Value]) {
        self.init(name: name, state: .items(items, 0))
    }

    public var typeName: String { name }
    public var repr: String { name == "generator" ? "<generator object <genexpr>>" : "<\(name) object>" }

    public func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        { try self.next(context: context) }
    }

    /// The next element, or nil at the end. User functions (`map`, `filter`) run without the lock held.
    public func next(context: ExecutionContext) throws -> Value? {
        let current = state.withLock { $0 }
        switch current {
        case .exhausted:
            return nil
        case .items, .list, .range:
            return state.withLock { s -> Value? in
                switch s {
                case .items(let items, let i):
                    guard i < items.count else { s = .exhausted; return nil }
                    s = .items(items, i + 1)
                    return items[i]
                case .list(let l, let i):
                    guard let v = l.element(at: i) else { s = .exhausted; return nil }
                    s = .list(l, i + 1)
                    return v
                case .range(let r, let i):
                    guard i < r.count else { s = .exhausted; return nil }
                    s = .range(r, i + 1)
                    return .int(r.element(at: i))
                default:
                    return nil
                }
            }
        case .enumerate(let inner, _):
            guard let v = try inner.next(context: context) else { finish(); return nil }
            let n = state.withLock { s -> Int in
                guard case .enumerate(let it, let n) = s else { return 0 }
                s = .enumerate(it, n + 1)
                return n
            }
            return .tuple([.int(n), v])
        case .zip(let inners, let strict):
            if inners.isEmpty { finish(); return nil }
            var values: [Value] = []
            for (k, inner) in inners.enumerated() {
                guard let v = try inner.next(context: context) else {
                    if strict && k > 0 {
                        throw DuskError(.valueError, "zip() argument \(k + 1) is shorter than argument\(k == 1 ? " 1" : "s 1-\(k)")")
                    }
                    if strict && k == 0 {
                        for (m, other) in inners.enumerated().dropFirst() where try other.next(context: context) != nil {
                            throw DuskError(.valueError, "zip() argument \(m + 1) is longer than argument\(m == 1 ? " 1" : "s 1-\(m)")")
                        }
                    }
                    finish()
                    return nil
                }
                values.append(v)
            }
            return .tuple(values)
        case .map(let fn, let inners):
            var values: [Value] = []
            for inner in inners {
                guard let v = try inner.next(context: context) else { finish(); return nil }
                values.append(v)
            }
            return try context.call(fn, values)
        case .filter(let fn, let inner):
            while let v = try inner.next(context: context) {
                let keep = try fn.map { try context.truthiness(try context.call($0, [v])) } ?? (try context.truthiness(v))
                if keep { return v }
            }
            finish()
            return nil
        }
    }

    private func finish() { state.withLock { $0 = .exhausted } }
}
