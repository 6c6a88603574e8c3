#if canImport(Glibc)
import Glibc

@_silgen_name("pthread_getattr_np")
private func dusk_pthread_getattr_np(_ thread: pthread_t, _ attr: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#elseif canImport(Darwin)
import Darwin
#endif

/// Knows how much native stack the current thread has left, so deep recursion
/// (in Dusk code or in deeply nested expressions) raises `RecursionError` instead
/// of crashing, whatever thread the interpreter runs on.
struct StackGuard {
    /// The lowest address recursion may reach (stack base plus a safety margin).
    let limit: UInt

    /// Room kept free below the limit for natives called at the deepest point.
    static let margin: UInt = 256 * 1024

    init() {
        var low: UInt = 0
        var size: UInt = 0
        #if canImport(Glibc)
        var attr = pthread_attr_t()
        if dusk_pthread_getattr_np(pthread_self(), &attr) == 0 {
            var address: UnsafeMutableRawPointer?
            var byteCount = 0
            if pthread_attr_getstack(&attr, &address, &byteCount) == 0, let address {
                low = UInt(bitPattern: address)
                size = UInt(byteCount)
            }
            pthread_attr_destroy(&attr)
        }
        #elseif canImport(Darwin)
        let high = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        size = UInt(pthread_get_stacksize_np(pthread_self()))
        low = high - size
        #endif
        if size == 0 {
            // Unknown stack: assume 512 KiB below the current position.
            let here = StackGuard.currentAddress()
            low = here > 512 * 1024 ? here - 512 * 1024 : 0
            size = 512 * 1024
        }
        let margin = min(StackGuard.margin, size / 4)
        limit = low + margin
    }

    /// True when the current stack position is past the limit.
    @inline(__always)
    func isExhausted() -> Bool { StackGuard.currentAddress() < limit }

    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}
