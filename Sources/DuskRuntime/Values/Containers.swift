import Synchronization

/// A Dusk list: a shared, mutable sequence.
///
/// Every access takes the lock briefly; no user code ever runs while it is held
/// (operations that call back, such as `sort(key=...)`, work on a snapshot).
public final class ListRef: Sendable {
    private let storage: Mutex<[Value]>

    public init(_ items: [Value] = []) { storage = Mutex(items) }

    /// A copy of the current elements.
    public var items: [Value] { storage.withLock { $0 } }
    public var count: Int { storage.withLock { $0.count } }

    /// Runs `body` with exclusive access to the elements. `body` must not call user code.
    public func withLock<R>(_ body: (inout [Value]) throws -> R) rethrows -> R {
        try storage.withLock { try body(&$0) }
    }

    public func append(_ value: Value) { storage.withLock { $0.append(value) } }

    /// The element at `index` if it is in bounds (no negative indexing).
    public func element(at index: Int) -> Value? {
        storage.withLock { index >= 0 && index < $0.count ? $0[index] : nil }
    }

    /// The element at `index` counted as Python does (negative from the end), if in bounds.
    public func element(atIndex index: Int) -> Value? {
        storage.withLock { items in
            let n = index < 0 ? index &+ items.count : index
            return n >= 0 && n < items.count ? items[n] : nil
        }
    }

    /// Replaces the element at `index` counted as Python does, if in bounds; false (and
    /// the list unchanged) otherwise.
    public func setElement(atIndex index: Int, to value: Value) -> Bool {
        storage.withLock { items in
            let n = index < 0 ? index &+ items.count : index
            guard n >= 0 && n < items.count else { return false }
            items[n] = value
            return true
        }
    }

    public func replaceAll(with items: [Value]) { storage.withLock { $0 = items } }
}

/// Insertion-ordered hash storage shared by dicts and sets.
struct OrderedStore: Sendable {
    private(set) var index: [HashKey: Int] = [:]
    private(set) var entries: [(key: Value, value: Value)?] = []
    private(set) var count = 0

    func lookup(_ key: HashKey) -> Value? {
        guard let i = index[key] else { return nil }
        return entries[i]?.value
    }

    func contains(_ key: HashKey) -> Bool { index[key] != nil }

    mutating func set(_ hash: HashKey, key: Value, value: Value) {
        if let i = index[hash] {
            entries[i] = (entries[i]!.key, value)
        } else {
            index[hash] = entries.count
            entries.append((key, value))
            count += 1
        }
    }

    @discardableResult
    mutating func remove(_ hash: HashKey) -> (key: Value, value: Value)? {
        guard let i = index.removeValue(forKey: hash) else { return nil }
        let old = entries[i]
        entries[i] = nil
        count -= 1
        if entries.count > 32 && count * 2 < entries.count { compact() }
        return old
    }

    /// Removes and returns the last entry.
    mutating func popLast() -> (key: Value, value: Value)? {
        while let last = entries.last {
            if let entry = last {
                _ = remove(try! entry.key.hashKey())
                return entry
            }
            entries.removeLast()
        }
        return nil
    }

    mutating func removeAll() { self = OrderedStore() }

    var live: [(key: Value, value: Value)] { entries.compactMap { $0 } }

    private mutating func compact() {
        let kept = live
        index.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        for (offset, entry) in kept.enumerated() {
            index[try! entry.key.hashKey()] = offset
        }
        entries = kept
    }
}

/// A Dusk dict: insertion-ordered, keys are hashable values; shared and locked like `ListRef`.
public final class DictRef: Sendable {
    private let storage: Mutex<OrderedStore>

    public init() { storage = Mutex(OrderedStore()) }

    public convenience init(_ pairs: [(Value, Value)]) throws {
        self.init()
        for (k, v) in pairs { try set(k, v) }
    }

    public var count: Int { storage.withLock { $0.count } }
    /// A snapshot of the entries, in insertion order.
    public var entries: [(key: Value, value: Value)] { storage.withLock { $0.live } }
    public var keys: [Value] { entries.map(\.key) }
    public var values: [Value] { entries.map(\.value) }

    public func get(_ key: Value) throws -> Value? {
        let hash = try key.hashKey()
        return storage.withLock { $0.lookup(hash) }
    }

    public func contains(_ key: Value) throws -> Bool {
        let hash = try key.hashKey()
        return storage.withLock { $0.contains(hash) }
    }

    public func set(_ key: Value, _ value: Value) throws {
        let hash = try key.hashKey()
        storage.withLock { $0.set(hash, key: key, value: value) }
    }

    /// Removes a key, returning its value, or nil when absent.
    @discardableResult
    public func remove(_ key: Value) throws -> Value? {
        let hash = try key.hashKey()
        return storage.withLock { $0.remove(hash)?.value }
    }

    public func popLast() -> (key: Value, value: Value)? { storage.withLock { $0.popLast() } }
    public func removeAll() { storage.withLock { $0.removeAll() } }

    /// Sets `key` to `value` unless present; returns the value now stored.
    public func setDefault(_ key: Value, _ value: Value) throws -> Value {
        let hash = try key.hashKey()
        return storage.withLock { store in
            if let old = store.lookup(hash) { return old }
            store.set(hash, key: key, value: value)
            return value
        }
    }

    public func copy() -> DictRef {
        let new = DictRef()
        let snapshot = storage.withLock { $0 }
        new.storage.withLock { $0 = snapshot }
        return new
    }
}

/// A Dusk set: insertion-ordered unique hashable values; shared and locked.
public final class SetRef: Sendable {
    private let storage: Mutex<OrderedStore>

    public init() { storage = Mutex(OrderedStore()) }

    public convenience init(_ items: [Value]) throws {
        self.init()
        for item in items { try insert(item) }
    }

    public var count: Int { storage.withLock { $0.count } }
    public var items: [Value] { storage.withLock { $0.live.map(\.key) } }

    public func contains(_ value: Value) throws -> Bool {
        let hash = try value.hashKey()
        return storage.withLock { $0.contains(hash) }
    }

    public func insert(_ value: Value) throws {
        let hash = try value.hashKey()
        storage.withLock { $0.set(hash, key: value, value: .none) }
    }

    @discardableResult
    public func remove(_ value: Value) throws -> Bool {
        let hash = try value.hashKey()
        return storage.withLock { $0.remove(hash) != nil }
    }

    public func popLast() -> Value? { storage.withLock { $0.popLast()?.key } }
    public func removeAll() { storage.withLock { $0.removeAll() } }
}

/// `range(start, stop, step)`: an immutable arithmetic sequence.
public struct RangeValue: Sendable, Hashable {
    public let start: Int
    public let stop: Int
    public let step: Int

    public init(start: Int, stop: Int, step: Int) {
        self.start = start; self.stop = stop; self.step = step
    }

    public var count: Int {
        // Clamped: a range longer than Int.max elements reports Int.max.
        if step > 0 {
            return start < stop ? Int(clamping: (Int128(stop) - Int128(start) - 1) / Int128(step) + 1) : 0
        }
        return start > stop ? Int(clamping: (Int128(start) - Int128(stop) - 1) / -Int128(step) + 1) : 0
    }

    public func element(at i: Int) -> Int { start &+ i &* step }
}

/// `lower:upper:step`, as built by a subscript or `slice(...)`.
public struct SliceValue: Sendable {
    public var lower: Value
    public var upper: Value
    public var step: Value
    public init(lower: Value = .none, upper: Value = .none, step: Value = .none) {
        self.lower = lower; self.upper = upper; self.step = step
    }
}
