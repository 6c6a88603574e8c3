#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells the recursive-descent parser when the current thread's stack runs low.
///
/// The nesting limit (`Parser.maximumNestingDepth`) bounds recursion on a normal
/// thread, but a thread with a small stack (or an unoptimized build, whose frames
/// are several times larger) can run out first. The parser checks the headroom at
/// every nesting level and reports "nested too deeply" instead of crashing.
struct StackGuard {
    /// Keep this much stack free for the frames between two checks and for callers.
    static let reserve: UInt = 160 * 1024

    /// The lowest address the stack may reach before the parser stops (stacks grow down),
    /// or nil when the platform does not say.
    let limit: UInt?

    /// Measures the current thread's stack.
    init() {
        limit = StackGuard.lowestStackAddress().map { $0 + StackGuard.reserve }
    }

    /// True when less than `reserve` bytes of stack are left.
    @inline(__always)
    var isLow: Bool {
        guard let limit else { return false }
        return StackGuard.approximateStackPointer() < limit
    }

    /// The address of a local variable of a non-inlined function: close to the stack pointer.
    @inline(never)
    static func approximateStackPointer() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    private static func lowestStackAddress() -> UInt? {
        #if canImport(Glibc)
        // `pthread_getattr_np` is a GNU extension the Glibc module does not import.
        typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
        let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
        var attributes = pthread_attr_t()
        guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return UInt(bitPattern: address)
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = UInt(pthread_get_stacksize_np(pthread_self()))
        return top > size ? top - size : nil
        #else
        return nil
        #endif
    }
}
