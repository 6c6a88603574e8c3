import DuskArray
import Foundation

/// Thrown before a compute whose result alone would not fit in memory.
public struct ResultTooLarge: Error, Sendable, CustomStringConvertible {
    /// Bytes the result needs.
    public var bytes: Int
    /// Bytes the system reported available.
    public var available: Int

    public init(bytes: Int, available: Int) {
        self.bytes = bytes
        self.available = available
    }

    public var description: String {
        "result of \(formatBytes(bytes)) does not fit in available memory (\(formatBytes(available)))"
    }
}

/// Throws `ResultTooLarge` when a result of `bytes` bytes exceeds the memory available
/// now (`recentAvailableMemoryBytes()`, or `available` when given). Call it before running a
/// compute whose result size is known from shape and dtype.
public func checkResultFits(bytes: Int, available: Int? = nil) throws {
    guard let limit = available ?? recentAvailableMemoryBytes() else { return }
    if bytes > limit { throw ResultTooLarge(bytes: bytes, available: limit) }
}

/// A byte count in decimal units with one decimal: `800.0 GB`, `12.5 MB`, `512 B`.
public func formatBytes(_ bytes: Int) -> String {
    let units = ["kB", "MB", "GB", "TB", "PB", "EB"]
    var value = Double(bytes)
    guard value >= 1000 else { return "\(bytes) B" }
    var unit = -1
    while value >= 1000 && unit < units.count - 1 {
        value /= 1000
        unit += 1
    }
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10) \(units[unit])"
}
