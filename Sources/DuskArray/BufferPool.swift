#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Hands out 64-byte aligned buffers and takes them back, keeping recently freed large
/// buffers for reuse.
///
/// On the virtual machines Dusk runs on, touching fresh memory costs far more than reading
/// memory already touched (page faults run at under 1 GB/s; see the performance model in
/// DESIGN.md), and freed memory soon goes back to the host. So buffers of at least
/// `largeThreshold` bytes are mapped directly (2 MiB-aligned and advised for transparent
/// huge pages when big enough), and when released they wait in a per-size-class free list
/// for the next request of that class. The pool keeps at most `limit` bytes idle, evicting
/// the least recently released buffers first. Smaller buffers go to `malloc`, which caches
/// them well. Thread-safe.
public final class BufferPool: Sendable {
    public static let shared = BufferPool()

    /// Requests of at least this many bytes are pooled; smaller ones use `malloc`.
    public static let largeThreshold = 256 * 1024
    private static let hugePage = 2 * 1024 * 1024
    /// Requests of at least this many bytes are checked against the memory available.
    public static let checkedThreshold = 1 << 30

    /// Counters, for tests and tuning.
    public struct Statistics: Sendable, Equatable {
        /// Large requests served from the pool.
        public var hits = 0
        /// Large requests that mapped new memory.
        public var misses = 0
        /// Bytes currently idle in the pool.
        public var idleBytes = 0
        /// Buffers unmapped to stay under the limit.
        public var evictions = 0
    }

    private struct State {
        /// Idle buffers per size class, most recently released last; with release stamps.
        var idle: [Int: [(address: UInt, stamp: UInt64)]] = [:]
        var clock: UInt64 = 0
        var statistics = Statistics()
        var limit: Int
    }

    private let state: Mutex<State>

    /// A pool keeping at most `limit` idle bytes (default: an eighth of physical memory, at most 2 GiB).
    public init(limit: Int? = nil) {
        state = Mutex(State(limit: limit ?? BufferPool.defaultLimit()))
    }

    /// The most idle bytes kept; lowering it evicts at once.
    public var limit: Int {
        get { state.withLock { $0.limit } }
        set {
            let evicted = state.withLock { state in
                state.limit = newValue
                return BufferPool.evict(&state)
            }
            evicted.forEach(BufferPool.unmap)
        }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Records, for tests, the pooled requests (at least `largeThreshold` bytes) made while it
    /// is bound, by the binding task only: `BufferPool.$recorder.withValue(AllocationRecorder())`.
    /// Other tests running at the same time do not show up in it, as they would in `statistics`.
    @TaskLocal public static var recorder: AllocationRecorder?

    /// 64-byte aligned memory for `byteCount` bytes (at least 1), contents undefined.
    ///
    /// Throws when the system refuses the memory, or when a request of at least
    /// `checkedThreshold` bytes exceeds the memory available now: on Linux such a mapping
    /// would succeed and the process be killed later, when its pages are touched.
    public func allocate(byteCount: Int) throws(AllocationFailure) -> UnsafeMutableRawPointer {
        guard byteCount <= AllocationLimit.bytes else { throw AllocationFailure(byteCount: byteCount) }
        guard byteCount >= BufferPool.largeThreshold else {
            var pointer: UnsafeMutableRawPointer?
            guard posix_memalign(&pointer, 64, Swift.max(byteCount, 1)) == 0, let pointer else {
                throw AllocationFailure(byteCount: byteCount)
            }
            return pointer
        }
        BufferPool.recorder?.record(byteCount)
        guard byteCount <= Int.max - BufferPool.hugePage * 2 else { throw AllocationFailure(byteCount: byteCount) }
        let size = BufferPool.sizeClass(byteCount)
        let reused: UInt? = state.withLock { state in
            guard let buffer = state.idle[size]?.popLast() else {
                state.statistics.misses += 1
                return nil
            }
            state.statistics.hits += 1
            state.statistics.idleBytes -= size
            return buffer.address
        }
        if let reused, let pointer = UnsafeMutableRawPointer(bitPattern: reused) { return pointer }
        if AllocationLimit.refuses(size, checkingFrom: BufferPool.checkedThreshold) {
            throw AllocationFailure(byteCount: byteCount)
        }
        guard let pointer = BufferPool.map(size) else { throw AllocationFailure(byteCount: byteCount) }
        return pointer
    }

    /// Returns memory from `allocate(byteCount:)`, with the same `byteCount`.
    public func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        guard byteCount >= BufferPool.largeThreshold else {
            free(pointer)
            return
        }
        let size = BufferPool.sizeClass(byteCount)
        let address = UInt(bitPattern: pointer)
        let evicted: [(UInt, Int)] = state.withLock { state in
            guard size <= state.limit else { return [(address, size)] }
            state.clock += 1
            state.idle[size, default: []].append((address, state.clock))
            state.statistics.idleBytes += size
            return BufferPool.evict(&state)
        }
        evicted.forEach(BufferPool.unmap)
    }

    /// Unmaps every idle buffer.
    public func drain() {
        let evicted: [(UInt, Int)] = state.withLock { state in
            let all = state.idle.flatMap { size, buffers in buffers.map { ($0.address, size) } }
            state.idle = [:]
            state.statistics.idleBytes = 0
            return all
        }
        evicted.forEach(BufferPool.unmap)
    }

    // MARK: - Size classes and mapping

    /// Rounds up to a quarter of the enclosing power of two (at most 25% slack), and to whole
    /// huge pages from 2 MiB on.
    static func sizeClass(_ byteCount: Int) -> Int {
        if byteCount >= hugePage {
            return (byteCount + hugePage - 1) / hugePage * hugePage
        }
        let power = 1 << (Int.bitWidth - 1 - byteCount.leadingZeroBitCount)
        let step = Swift.max(power / 4, 4096)
        return (byteCount + step - 1) / step * step
    }

    /// A fresh aligned mapping of `size` bytes, nil when the system refuses it.
    private static func map(_ size: Int) -> UnsafeMutableRawPointer? {
        let alignment = size >= hugePage ? hugePage : 4096
        let length = size + alignment
        guard let raw = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else { return nil }
        // Trim the mapping to an aligned window of exactly `size` bytes.
        let address = UInt(bitPattern: raw)
        let aligned = (address + UInt(alignment) - 1) / UInt(alignment) * UInt(alignment)
        let head = Int(aligned - address)
        if head > 0 { munmap(raw, head) }
        let tail = length - head - size
        guard let start = UnsafeMutableRawPointer(bitPattern: aligned) else { return nil }
        if tail > 0 { munmap(start + size, tail) }
        #if os(Linux)
        if size >= hugePage { madvise(start, size, MADV_HUGEPAGE) }
        #endif
        return start
    }

    private static func unmap(_ buffer: (address: UInt, size: Int)) {
        munmap(UnsafeMutableRawPointer(bitPattern: buffer.address), buffer.size)
    }

    /// Removes the least recently released buffers until the idle bytes fit the limit.
    private static func evict(_ state: inout State) -> [(UInt, Int)] {
        var evicted: [(UInt, Int)] = []
        while state.statistics.idleBytes > state.limit {
            guard let (size, _) = state.idle
                .compactMap({ size, buffers in buffers.first.map { (size, $0.stamp) } })
                .min(by: { $0.1 < $1.1 }) else { break }
            guard let oldest = state.idle[size]?.removeFirst() else { break }
            if state.idle[size]?.isEmpty ?? true { state.idle[size] = nil }
            state.statistics.idleBytes -= size
            state.statistics.evictions += 1
            evicted.append((oldest.address, size))
        }
        return evicted
    }

    private static func defaultLimit() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return 1 << 30 }
        return Swift.min(pages * pageSize / 8, 2 << 30)
    }
}

/// The system refused `byteCount` bytes (or they exceed the memory available now).
public struct AllocationFailure: Error, Sendable {
    public var byteCount: Int
}

/// The sizes of the pooled allocations a task made (`BufferPool.recorder`).
public final class AllocationRecorder: Sendable {
    private let sizes = Mutex<[Int]>([])

    public init() {}

    func record(_ byteCount: Int) { sizes.withLock { $0.append(byteCount) } }

    /// The requested sizes in bytes, in the order asked.
    public var byteCounts: [Int] { sizes.withLock { $0 } }
}
