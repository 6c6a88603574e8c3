/// The variables of one running scope (module, function call or comprehension):
/// plain locals in slots, captured variables in cells, and the module globals (through
/// this thread's cache of them).
///
/// One allocation holds the header and the slots, and compiled code reads and writes the
/// slots through a pointer (slot numbers come from the scope analysis; every access is
/// checked against the count). Frames of calls are reused through a per-thread
/// `FrameStack`, so a call allocates nothing in the common case.
final class Frame: ManagedBuffer<Frame.Header, Value?> {
    struct Header {
        /// The slots in use: the scope's locals.
        var count: Int
        /// The slots allocated, all initialized (nil beyond `count`).
        let capacity: Int
        var cells: [Cell]
        /// This thread's view of the module globals the code runs in.
        var cache: GlobalCache {
            didSet { cacheState = cache.state; cacheGlobals = ObjectIdentifier(cache.globals) }
        }
        /// `cache`'s state and globals, read without retaining the cache: a global read
        /// costs no reference counting (the frame holds the cache, so the state lives).
        private(set) var cacheState: UnsafeMutablePointer<GlobalCache.State>
        private(set) var cacheGlobals: ObjectIdentifier

        init(count: Int, capacity: Int, cells: [Cell], cache: GlobalCache) {
            self.count = count
            self.capacity = capacity
            self.cells = cells
            self.cache = cache
            cacheState = cache.state
            cacheGlobals = ObjectIdentifier(cache.globals)
        }
    }

    /// A frame for `scope` with its own cells made fresh and `captured` cells after them,
    /// running in the globals of `cache`.
    static func make(scope: Scope, captured: [Cell] = [], cache: GlobalCache) -> Frame {
        make(count: scope.localNames.count, cells: cells(scope, captured), cache: cache)
    }

    /// The cells of a frame of `scope`: its own, made fresh, then the captured ones.
    @inline(__always)
    static func cells(_ scope: Scope, _ captured: [Cell]) -> [Cell] {
        if scope.ownCellCount == 0 { return captured }
        var cells: [Cell] = []
        cells.reserveCapacity(scope.ownCellCount + captured.count)
        for _ in 0..<scope.ownCellCount { cells.append(Cell()) }
        cells.append(contentsOf: captured)
        return cells
    }

    static func make(count: Int, cells: [Cell], cache: GlobalCache) -> Frame {
        let capacity = FrameStack.capacity(for: count)
        let buffer = Frame.create(minimumCapacity: capacity) { _ in
            Header(count: count, capacity: capacity, cells: cells, cache: cache)
        }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: nil, count: capacity) }
        return frame
    }

    deinit {
        _ = withUnsafeMutablePointers { header, slots in slots.deinitialize(count: header.pointee.capacity) }
    }

    /// Sets a cleared frame up for a scope with `count` locals; false (and the frame
    /// unchanged) when it has too few slots.
    @inline(__always)
    func prepare(count: Int, cells: [Cell], cache: GlobalCache) -> Bool {
        withUnsafeMutablePointerToHeader { header in
            guard count <= header.pointee.capacity else { return false }
            header.pointee.count = count
            if !cells.isEmpty { header.pointee.cells = cells }
            if header.pointee.cache !== cache { header.pointee.cache = cache }
            return true
        }
    }

    /// Unbinds every local and drops the cells, for reuse.
    @inline(__always)
    func clear() {
        withUnsafeMutablePointers { header, slots in
            for i in 0..<header.pointee.count { slots[i] = nil }
            header.pointee.count = 0
            if !header.pointee.cells.isEmpty { header.pointee.cells = [] }
        }
    }

    var cells: [Cell] { withUnsafeMutablePointerToHeader { $0.pointee.cells } }

    /// The value of global `slot` of `globals` from this thread's cache, if the frame runs
    /// in `globals` and the cache is current and holds it.
    @inline(__always)
    func global(_ slot: Int, in globals: Globals) -> Value? {
        withUnsafeMutablePointerToHeader { header in
            guard header.pointee.cacheGlobals == ObjectIdentifier(globals) else { return nil }
            return GlobalCache.value(at: slot, in: header.pointee.cacheState)
        }
    }
    var cache: GlobalCache { withUnsafeMutablePointerToHeader { $0.pointee.cache } }
    var globals: Globals { cache.globals }

    /// The value in local slot `i`, nil when unbound. (Through the pointers: `header` is a
    /// stored property, and reading it directly pays a dynamic exclusivity check.)
    ///
    /// Slot numbers come from the scope analysis of the scope this frame was made for, so
    /// they are always in range; a slot out of range would be a compiler bug, reported as
    /// an internal error rather than a crash.
    @inline(__always)
    func local(_ i: Int) throws -> Value? {
        try withUnsafeMutablePointers { header, slots in
            guard i >= 0 && i < header.pointee.count else { throw Frame.slotOutOfRange(i) }
            return slots[i]
        }
    }

    /// Binds (or, with nil, unbinds) local slot `i`.
    @inline(__always)
    func setLocal(_ i: Int, _ value: Value?) throws {
        try withUnsafeMutablePointers { header, slots in
            guard i >= 0 && i < header.pointee.count else { throw Frame.slotOutOfRange(i) }
            slots[i] = value
        }
    }

    @inline(never)
    static func slotOutOfRange(_ i: Int) -> DuskError {
        DuskError(.runtimeError, "internal error: local variable slot \(i) is outside its frame")
    }
}

/// One thread's frames for calls, one per call depth: a call at depth d reuses the frame
/// the last call at depth d used (cleared when that call returned), unless something
/// still holds it or it is too small (`Frame.prepare`). So a call allocates nothing in the common case.
struct FrameStack {
    /// Deeper calls allocate their frames (and free them on return).
    private static let maxDepth = 512
    private var frames: [Frame?] = []

    /// The slot capacity to allocate for `count` locals (rounded up, so frames can be
    /// shared by functions of similar sizes).
    static func capacity(for count: Int) -> Int { max(8, (count + 7) & ~7) }

    /// The cleared frame kept for depth `depth`, if nothing else holds it.
    @inline(__always)
    mutating func take(depth: Int) -> Frame? {
        guard depth < frames.count, isKnownUniquelyReferenced(&frames[depth]) else { return nil }
        return frames[depth]
    }

    /// Keeps a frame of a call at `depth` that just returned (and was cleared).
    @inline(__always)
    mutating func keep(_ frame: Frame, depth: Int) {
        guard depth < FrameStack.maxDepth else { return }
        if depth >= frames.count { frames.append(contentsOf: repeatElement(nil, count: depth + 1 - frames.count)) }
        if frames[depth] !== frame { frames[depth] = frame }
    }
}
