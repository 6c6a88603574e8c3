#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex on the heap, usable with `PosixCondition`.
///
/// Swift's `Mutex` has no condition variable; the pools need both. Not recursive.
final class PosixLock: @unchecked Sendable {
    let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always) func lock() { pthread_mutex_lock(mutex) }
    @inline(__always) func unlock() { pthread_mutex_unlock(mutex) }

    @inline(__always) func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}

/// A pthread condition variable whose timed waits use the monotonic clock.
final class PosixCondition: @unchecked Sendable {
    let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if canImport(Glibc)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
    }

    /// Waits until signalled (or a spurious wakeup). `lock` must be held.
    @inline(__always) func wait(_ lock: PosixLock) {
        pthread_cond_wait(condition, lock.mutex)
    }

    /// Waits until signalled or `seconds` have passed. `lock` must be held.
    func wait(_ lock: PosixLock, seconds: Double) {
        var deadline = timespec()
        #if canImport(Glibc)
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        #else
        clock_gettime(CLOCK_REALTIME, &deadline)
        #endif
        let nanos = Int(seconds * 1e9) + deadline.tv_nsec
        deadline.tv_sec += nanos / 1_000_000_000
        deadline.tv_nsec = nanos % 1_000_000_000
        pthread_cond_timedwait(condition, lock.mutex, &deadline)
    }

    @inline(__always) func signal() { pthread_cond_signal(condition) }
    @inline(__always) func broadcast() { pthread_cond_broadcast(condition) }
}

/// Seconds on the monotonic clock, for timing and deadlines.
@inline(__always) func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
