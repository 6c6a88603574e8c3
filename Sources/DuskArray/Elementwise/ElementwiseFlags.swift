#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conditions an elementwise kernel met, reported as NumPy's `RuntimeWarning`s.
///
/// Integer kernels set these themselves (division by zero, `INT_MIN // -1`); float kernels
/// rely on the processor's floating-point exception flags, read around the kernel call.
public struct ElementwiseFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let divideByZero = ElementwiseFlags(rawValue: 1)
    public static let overflow = ElementwiseFlags(rawValue: 2)
    public static let invalid = ElementwiseFlags(rawValue: 4)
    /// Not a warning: an integer power had a negative exponent, and the operation must fail
    /// with `ArrayError.negativeIntegerPower` (NumPy's `ValueError`).
    public static let negativePower = ElementwiseFlags(rawValue: 8)
    /// Not a warning: a driver stopped early because `KernelCancellation` was requested, and
    /// the operation must fail with `ArrayError.interrupted`.
    public static let interrupted = ElementwiseFlags(rawValue: 16)

    /// NumPy's warning texts for an operation: `RuntimeWarning: divide by zero encountered in divide`.
    public func warnings(in operation: String) -> [String] {
        var messages: [String] = []
        if contains(.divideByZero) { messages.append("RuntimeWarning: divide by zero encountered in \(operation)") }
        if contains(.overflow) { messages.append("RuntimeWarning: overflow encountered in \(operation)") }
        if contains(.invalid) { messages.append("RuntimeWarning: invalid value encountered in \(operation)") }
        return messages
    }

    /// Clears the thread's floating-point exception flags before a float kernel runs.
    public static func clearFloatingPointFlags() {
        feclearexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID)
    }

    /// The thread's floating-point exception flags raised since the last clear.
    public static func floatingPointFlags() -> ElementwiseFlags {
        let raised = fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID)
        var flags: ElementwiseFlags = []
        if raised & FE_DIVBYZERO != 0 { flags.insert(.divideByZero) }
        if raised & FE_OVERFLOW != 0 { flags.insert(.overflow) }
        if raised & FE_INVALID != 0 { flags.insert(.invalid) }
        return flags
    }

    /// Runs `body` and leaves the thread's exception flags as they were before it, plus the
    /// conditions `body` returns: for kernels (SLEEF's) whose flags differ from the C math
    /// library's, which derive the conditions from the values instead.
    @inline(__always)
    static func replacingFloatingPointFlags(_ body: () -> ElementwiseFlags) {
        let bits: Int32 = FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID
        let before = fetestexcept(bits)
        let found = body()
        let spurious = fetestexcept(bits) & ~before
        if spurious != 0 { feclearexcept(spurious) }
        if found.isEmpty { return }
        var raise: Int32 = 0
        if found.contains(.divideByZero) { raise |= FE_DIVBYZERO }
        if found.contains(.overflow) { raise |= FE_OVERFLOW }
        if found.contains(.invalid) { raise |= FE_INVALID }
        feraiseexcept(raise)
    }
}
