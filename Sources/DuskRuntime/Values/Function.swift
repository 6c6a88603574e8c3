import DuskSyntax
import Synchronization

/// A variable captured by a closure (or declared `nonlocal`): shared between the
/// frame that owns it and every function that captured it.
public final class Cell: Sendable {
    private let slot: Mutex<Value?>
    public init(_ value: Value? = nil) { slot = Mutex(value) }
    public var value: Value? {
        get { slot.withLock { $0 } }
    }
    public func set(_ value: Value?) { slot.withLock { $0 = value } }
}

/// A table of global variables: a module's, or the built-in layer.
///
/// Compiled code reaches a name through its slot (`slot(for:)`, resolved once when
/// the code is compiled), so a global access never hashes the name. Slots are never
/// reused: deleting a name empties its slot.
///
/// The table sits behind a lock, so any thread may read and write it; compiled code
/// reads through its thread's `GlobalCache` instead, which takes the lock only after
/// some thread wrote a global (every write, to any table, bumps `Globals.version`).
public final class Globals: Sendable {
    private struct Table {
        var index: [String: Int] = [:]
        var slotNames: [String] = []
        var values: [Value?] = []
        /// Bound names in the order they were bound.
        var order: [String] = []

        mutating func slot(for name: String) -> Int {
            if let i = index[name] { return i }
            index[name] = values.count
            slotNames.append(name)
            values.append(nil)
            return values.count - 1
        }

        mutating func set(_ slot: Int, _ value: Value) {
            if values[slot] == nil { order.append(slotNames[slot]) }
            values[slot] = value
        }

        mutating func remove(_ slot: Int) -> Value? {
            guard let old = values[slot] else { return nil }
            values[slot] = nil
            let name = slotNames[slot]
            order.removeAll { $0 == name }
            return old
        }
    }

    private let table = Mutex(Table())

    /// Counts writes to every table of the process. Incremented while the written table's
    /// lock is held, after the write, so a reader that sees a version sees the writes before it.
    static let version = Atomic<UInt64>(1)

    /// Notes a write; returns the version before it.
    private static func bump() -> UInt64 {
        version.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue
    }

    public init(_ values: [String: Value] = [:]) {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { set(name, value) }
    }

    public subscript(_ name: String) -> Value? {
        table.withLock { t in t.index[name].flatMap { t.values[$0] } }
    }

    public func set(_ name: String, _ value: Value) {
        table.withLock { t in
            t.set(t.slot(for: name), value)
            _ = Globals.bump()
        }
    }

    @discardableResult
    public func remove(_ name: String) -> Value? {
        table.withLock { t in
            defer { _ = Globals.bump() }
            return t.index[name].flatMap { t.remove($0) }
        }
    }

    /// Names in the order they were bound.
    public var names: [String] { table.withLock { $0.order } }

    public func removeAll() {
        table.withLock { t in
            for i in t.values.indices { t.values[i] = nil }
            t.order.removeAll()
            _ = Globals.bump()
        }
    }

    // MARK: Slots

    /// The slot of `name`, made empty if the name is new.
    func slot(for name: String) -> Int { table.withLock { $0.slot(for: name) } }

    func value(at slot: Int) -> Value? { table.withLock { $0.values[slot] } }

    /// Sets a slot; returns the version just before this write.
    @discardableResult
    func set(at slot: Int, _ value: Value) -> UInt64 {
        table.withLock { t in
            t.set(slot, value)
            return Globals.bump()
        }
    }

    func remove(at slot: Int) -> Value? {
        table.withLock { t in
            defer { _ = Globals.bump() }
            return t.remove(slot)
        }
    }

    func name(at slot: Int) -> String { table.withLock { $0.slotNames[slot] } }
}

/// One thread's copy of the globals its code has read from one table, valid while
/// no thread has written any global since (`Globals.version` unchanged).
///
/// Reading a global is then a comparison and an array read, without the table's lock,
/// so threads running the same functions do not contend for it. The cache belongs to
/// one `ExecutionContext` (one thread); entries hold what a name resolved to, the
/// module's value or else the built-in one.
final class GlobalCache {
    let globals: Globals
    /// Lives as long as the cache; frames that hold the cache read through it (`Frame.global`).
    let state: UnsafeMutablePointer<State>

    struct State {
        var version: UInt64 = 0
        var values: [Value?] = []
    }

    init(_ globals: Globals) {
        self.globals = globals
        state = .allocate(capacity: 1)
        state.initialize(to: State())
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The cached value of `slot`, if the cache is current and holds one.
    @inline(__always)
    func value(at slot: Int) -> Value? { GlobalCache.value(at: slot, in: state) }

    /// The cached value of `slot` in a cache's `state`, if the cache is current and holds one.
    @inline(__always)
    static func value(at slot: Int, in state: UnsafeMutablePointer<State>) -> Value? {
        guard state.pointee.version == Globals.version.load(ordering: .acquiring),
              slot < state.pointee.values.count else { return nil }
        return state.pointee.values[slot]
    }

    /// Reads `slot` from the table (else `fallback` from `builtins`) and caches what it found.
    func load(_ slot: Int, builtins: Globals, fallback: Int) -> Value? {
        let current = Globals.version.load(ordering: .acquiring)
        if state.pointee.version != current {
            for i in state.pointee.values.indices { state.pointee.values[i] = nil }
            state.pointee.version = current
        }
        guard let value = globals.value(at: slot) ?? builtins.value(at: fallback) else { return nil }
        store(value, at: slot)
        return value
    }

    /// Writes `slot` through to the table, keeping the cache current when this write is
    /// the only one since it was last validated.
    func write(_ value: Value, at slot: Int) {
        let before = globals.set(at: slot, value)
        if state.pointee.version == before {
            state.pointee.version = before &+ 1
            store(value, at: slot)
        }
    }

    private func store(_ value: Value, at slot: Int) {
        if slot >= state.pointee.values.count {
            state.pointee.values.append(contentsOf: repeatElement(nil, count: slot + 1 - state.pointee.values.count))
        }
        state.pointee.values[slot] = value
    }
}

/// The compiled form of a `def` or `lambda`: its parameters, resolved scope and
/// compiled body. Made once when the module is compiled, shared by every function
/// object the `def` creates and by every thread that calls them.
public final class FunctionCode: Sendable {
    public let name: String
    public let parameters: Parameters
    public let docstring: String?
    public let location: SourceLocation
    let scope: Scope
    /// The body; a lambda's expression returns its value.
    let run: Executor
    /// Where each parameter is stored in a new frame.
    let parameterSlots: [NameResolution]
    /// For each free variable (in the order of the scope's free cells), the cell slot
    /// of the defining frame it is captured from.
    let closureSources: [Int]
    /// No `*args`, `**kwargs` or keyword-only parameters: positional calls bind directly.
    let onlyRegularParameters: Bool
    /// The number of plain locals a frame of this code holds.
    let slotCount: Int

    init(name: String, parameters: Parameters, docstring: String?, location: SourceLocation, scope: Scope,
         body: CompiledBody, closureSources: [Int]) {
        self.name = name
        self.parameters = parameters
        self.docstring = docstring
        self.location = location
        self.scope = scope
        switch body {
        case .block(let block): self.run = block
        case .expression(let e): self.run = { c, f in .returnValue(try e(c, f)) }
        }
        self.parameterSlots = parameters.map { scope.resolve($0.name) }
        self.closureSources = closureSources
        self.onlyRegularParameters = parameters.allSatisfy { $0.kind == .regular }
        self.slotCount = scope.localNames.count
    }
}

/// A user-defined function: code, defaults evaluated at `def` time, the module
/// globals, and the captured cells. Immutable, so any thread may call it.
public final class Function: Sendable {
    public let code: FunctionCode
    /// One per parameter: the evaluated default, if any.
    public let defaults: [Value?]
    public let globals: Globals
    /// The captured cells, in the order of the code's free variables.
    let closureCells: [Cell]
    let bindParameters: [BindParameter]
    /// How many leading parameters have no default: a positional call needs at least these.
    let requiredCount: Int

    init(code: FunctionCode, defaults: [Value?], globals: Globals, closure: [Cell]) {
        self.code = code
        self.defaults = defaults
        self.globals = globals
        self.closureCells = closure
        self.bindParameters = code.parameters.enumerated().map { i, p in
            BindParameter(name: p.name, kind: Function.kind(p.kind), mayBeOmitted: defaults[i] != nil)
        }
        self.requiredCount = defaults.lastIndex(where: { $0 == nil }).map { $0 + 1 } ?? 0
    }

    /// Binds parameter `i` in a frame of this function.
    @inline(__always)
    func bind(_ i: Int, _ value: Value, in frame: Frame) throws {
        switch code.parameterSlots[i] {
        case .local(let s): try frame.setLocal(s, value)
        case .cell(let s): frame.cells[s].set(value)
        case .global: globals.set(code.parameters[i].name, value)
        }
    }

    static func kind(_ kind: Parameter.Kind) -> Signature.Kind {
        switch kind {
        case .regular: return .regular
        case .variadic: return .variadic
        case .keywordOnly: return .keywordOnly
        case .variadicKeywords: return .variadicKeywords
        }
    }

    public var name: String { code.name }
    public var doc: String? { code.docstring }

    /// The captured variables by name.
    public var closure: [String: Cell] {
        let names = code.scope.cellNames.dropFirst(code.scope.ownCellCount)
        return Dictionary(uniqueKeysWithValues: zip(names, closureCells))
    }

    /// The signature `help` and completion show, defaults in their repr.
    public var signature: Signature {
        Signature(name: code.name, parameters: code.parameters.enumerated().map { i, p in
            Signature.Parameter(name: p.name, kind: Function.kind(p.kind), defaultValue: defaults[i],
                                defaultText: defaults[i].map { $0.repr })
        })
    }
}
