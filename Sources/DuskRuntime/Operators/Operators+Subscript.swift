/// Indexing, slicing, item assignment and deletion for plain values.
extension ExecutionContext {
    public func subscriptValue(_ container: Value, _ index: Value) throws -> Value {
        switch container {
        case .list(let l):
            if case .slice(let s) = index { return .list(ListRef(try Slicing.apply(s, to: l.items))) }
            let items = l.items
            return items[try normalizedIndex(index, count: items.count, of: container)]
        case .tuple(let items):
            if case .slice(let s) = index { return .tuple(try Slicing.apply(s, to: items)) }
            return items[try normalizedIndex(index, count: items.count, of: container)]
        case .str(let string):
            if case .slice(let s) = index { return .str(try Slicing.apply(s, to: string)) }
            return .str(string.codePoint(at: try normalizedIndex(index, count: string.codePointCount, of: container)))
        case .range(let r):
            if case .slice(let s) = index {
                let (start, _, step, count) = try Slicing.indices(s, length: r.count)
                let first = r.start + start * r.step
                let newStep = r.step * step
                return .range(RangeValue(start: first, stop: first + count * newStep, step: newStep))
            }
            return .int(r.element(at: try normalizedIndex(index, count: r.count, of: container)))
        case .dict(let d):
            if let v = try d.get(index) { return v }
            throw DuskError.keyNotFound(index)
        case .object(let o):
            if let v = try o.subscriptValue(index, context: self) { return v }
        case .type(let t) where ["list", "tuple", "dict", "set", "type"].contains(t.name):
            return container
        default: break
        }
        throw DuskError.notSubscriptable(container)
    }

    public func setSubscript(_ container: Value, _ index: Value, _ value: Value) throws {
        switch container {
        case .list(let l):
            if case .slice(let s) = index {
                let newItems = try elements(of: value)
                try l.withLock { items in try Slicing.assign(s, in: &items, newItems) }
                return
            }
            let i = try intIndex(index, of: container)
            try l.withLock { items in
                let n = i < 0 ? i + items.count : i
                guard n >= 0 && n < items.count else { throw DuskError(.indexError, "list assignment index out of range") }
                items[n] = value
            }
        case .dict(let d):
            try d.set(index, value)
        case .object(let o):
            if try o.setSubscript(index, to: value, context: self) { return }
            throw DuskError.noItemAssignment(container)
        default:
            throw DuskError.noItemAssignment(container)
        }
    }

    public func deleteSubscript(_ container: Value, _ index: Value) throws {
        switch container {
        case .list(let l):
            if case .slice(let s) = index {
                try l.withLock { items in try Slicing.delete(s, in: &items) }
                return
            }
            let i = try intIndex(index, of: container)
            try l.withLock { items in
                let n = i < 0 ? i + items.count : i
                guard n >= 0 && n < items.count else { throw DuskError(.indexError, "list assignment index out of range") }
                items.remove(at: n)
            }
        case .dict(let d):
            if try d.remove(index) == nil { throw DuskError.keyNotFound(index) }
        default:
            throw DuskError.noItemDeletion(container)
        }
    }

    private func intIndex(_ index: Value, of container: Value) throws -> Int {
        if let i = index.intValue { return i }
        if case .object(let o) = index, let v = try o.indexValue() { return v }
        throw DuskError.badIndexType(container, index)
    }

    /// An in-bounds position for `index` (negative counts from the end).
    func normalizedIndex(_ index: Value, count: Int, of container: Value) throws -> Int {
        let i = try intIndex(index, of: container)
        let n = i < 0 ? i + count : i
        guard n >= 0 && n < count else { throw DuskError.indexOutOfRange(container) }
        return n
    }
}

/// Inline indexing of lists and tuples by plain ints.
enum Subscripts {
    /// `container[key]` for a list or tuple and an int in range; nil sends the subscript
    /// through `subscriptValue` (other types, slices, out of range).
    @inline(__always)
    static func fast(_ container: Value, _ key: Value) -> Value? {
        guard case .int(let i) = key else { return nil }
        switch container {
        case .list(let l): return l.element(atIndex: i)
        case .tuple(let items):
            let n = i < 0 ? i &+ items.count : i
            return n >= 0 && n < items.count ? items[n] : nil
        default: return nil
        }
    }

    /// `container[key] = value` for a list and an int in range; false (and nothing
    /// changed) sends the assignment through `setSubscript`.
    @inline(__always)
    static func store(_ container: Value, _ key: Value, _ value: Value) -> Bool {
        guard case .int(let i) = key, case .list(let l) = container else { return false }
        return l.setElement(atIndex: i, to: value)
    }
}

extension RuntimeObject {
    /// A library integer scalar used as an index (`xs[np.int64(2)]`); nil otherwise.
    func indexValue() throws -> Int? {
        if case .int(let i)? = plainValue { return i }
        if case .bool(let b)? = plainValue { return b ? 1 : 0 }
        return nil
    }
}

/// Python's slice arithmetic over sequences.
enum Slicing {
    static func bound(_ v: Value) throws -> Int? {
        switch v {
        case .none: return nil
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: throw DuskError(.typeError, "slice indices must be integers or None or have an __index__ method")
        }
    }

    /// Start, stop, step and element count of a slice over `length` elements.
    static func indices(_ s: SliceValue, length: Int) throws -> (start: Int, stop: Int, step: Int, count: Int) {
        let step = max(try bound(s.step) ?? 1, -Int.max)
        if step == 0 { throw DuskError(.valueError, "slice step cannot be zero") }
        let lower = try bound(s.lower)
        let upper = try bound(s.upper)
        func adjust(_ v: Int?, _ defaultValue: Int) -> Int {
            guard var i = v else { return defaultValue }
            if i < 0 {
                i = i &+ length
                if i < 0 { i = step < 0 ? -1 : 0 }
            } else if i >= length {
                i = step < 0 ? length - 1 : length
            }
            return i
        }
        let start = adjust(lower, step < 0 ? length - 1 : 0)
        let stop = adjust(upper, step < 0 ? -1 : length)
        let count: Int
        if step < 0 {
            count = stop < start ? (start - stop - 1) / (-step) + 1 : 0
        } else {
            count = start < stop ? (stop - start - 1) / step + 1 : 0
        }
        return (start, stop, step, count)
    }

    static func positions(_ s: SliceValue, length: Int) throws -> [Int] {
        let (start, _, step, count) = try indices(s, length: length)
        return (0..<count).map { start + $0 * step }
    }

    static func apply<T>(_ s: SliceValue, to items: [T]) throws -> [T] {
        let (start, stop, step, count) = try indices(s, length: items.count)
        if step == 1 { return count > 0 ? Array(items[start..<stop]) : [] }
        var out: [T] = []
        out.reserveCapacity(count)
        for k in 0..<count { out.append(items[start + k * step]) }
        return out
    }

    /// A slice of a string by code points: a byte range when the step is 1 or the text ASCII.
    static func apply(_ s: SliceValue, to string: String) throws -> String {
        try string.withText { text in
            let length = text.isASCII ? text.count : text.codePoints(from: 0, to: text.count)
            let (start, stop, step, count) = try indices(s, length: length)
            if count == 0 { return "" }
            if step == 1 {
                let (lo, hi) = text.window(start: start, end: stop)
                return text.string(from: lo, to: hi)
            }
            if text.isASCII {
                var out: [UInt8] = []
                out.reserveCapacity(count)
                for k in 0..<count { out.append(text.bytes[start + k * step]) }
                return String(decoding: out, as: UTF8.self)
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: try apply(s, to: Array(string.unicodeScalars)))
            return String(view)
        }
    }

    static func assign(_ s: SliceValue, in items: inout [Value], _ newItems: [Value]) throws {
        let (start, stop, step, count) = try indices(s, length: items.count)
        if step == 1 {
            items.replaceSubrange(start..<max(start, stop), with: newItems)
            return
        }
        guard newItems.count == count else {
            throw DuskError(.valueError, "attempt to assign sequence of size \(newItems.count) to extended slice of size \(count)")
        }
        for k in 0..<count { items[start + k * step] = newItems[k] }
    }

    static func delete(_ s: SliceValue, in items: inout [Value]) throws {
        let positions = Set(try positions(s, length: items.count))
        items = items.enumerated().filter { !positions.contains($0.offset) }.map(\.element)
    }
}
