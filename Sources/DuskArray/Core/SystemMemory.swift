import Foundation
import Synchronization

/// A cap on the bytes one allocation may take, below what the system has: the fuzzers set
/// it (`fuzz/`), so that `np.zeros(10**9)` is a `MemoryError` there as it is on a machine
/// with less memory. Unset (the default), only the memory available limits allocations.
public enum AllocationLimit {
    private static let cap = Atomic<Int>(Int.max)

    /// The most bytes one allocation may take (`Int.max`: no cap).
    public static var bytes: Int {
        get { cap.load(ordering: .relaxed) }
        set { cap.store(newValue, ordering: .relaxed) }
    }

    /// Whether an allocation of `byteCount` bytes must fail: more than the cap, or (from
    /// `threshold` bytes on, where reading /proc/meminfo is cheap next to the allocation)
    /// more than the memory available now.
    public static func refuses(_ byteCount: Int, checkingFrom threshold: Int) -> Bool {
        if byteCount > bytes { return true }
        return byteCount >= threshold && byteCount > availableMemoryBytes() ?? Int.max
    }
}

/// Memory the system can give without swapping: `MemAvailable` from /proc/meminfo,
/// or the physical memory size where that file does not exist. Reads the file on every call
/// (a few microseconds); checks made on every compute use `recentAvailableMemoryBytes()`.
public func availableMemoryBytes() -> Int? {
    if let bytes = SystemMemory.readMemAvailable() { return bytes }
    let physical = ProcessInfo.processInfo.physicalMemory
    return physical > 0 ? Int(clamping: physical) : nil
}

/// `availableMemoryBytes()` as read at most `SystemMemory.maximumAge` ago: for the guards
/// every compute passes, where reading the file each time cost more than computing one element.
public func recentAvailableMemoryBytes() -> Int? {
    let now = DispatchTime.now().uptimeNanoseconds
    if let cached = SystemMemory.cache.withLock({ $0 }), now &- cached.time < SystemMemory.maximumAge {
        return cached.bytes
    }
    let bytes = availableMemoryBytes()
    SystemMemory.cache.withLock { $0 = (bytes, now) }
    return bytes
}

/// The `MemAvailable:  123456 kB` line of a /proc/meminfo text, in bytes.
public func parseMemAvailable(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { SystemMemory.parseMemAvailable(UnsafeRawBufferPointer($0)) }
}

enum SystemMemory {
    /// How long a reading of /proc/meminfo serves `recentAvailableMemoryBytes()`: 100 ms.
    static let maximumAge: UInt64 = 100_000_000
    /// The last reading and when it was made (`DispatchTime` nanoseconds).
    static let cache = Mutex<(bytes: Int?, time: UInt64)?>(nil)

    /// `MemAvailable` from /proc/meminfo, read into a stack buffer (the line is near the start
    /// of the file), or nil when the file cannot be read or has no such line.
    static func readMemAvailable() -> Int? {
        let descriptor = open("/proc/meminfo", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { buffer -> Int? in
            var filled = 0
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                filled += count
            }
            return parseMemAvailable(UnsafeRawBufferPointer(rebasing: buffer[..<filled]))
        }
    }

    /// The value of the `MemAvailable:` line of meminfo text, in bytes (`kB` means 1024 bytes;
    /// a value beyond `Int` is `Int.max`).
    static func parseMemAvailable(_ text: UnsafeRawBufferPointer) -> Int? {
        let key = Array("MemAvailable:".utf8)
        var lineStart = 0
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count && text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            if lineEnd - lineStart >= key.count && key.indices.allSatisfy({ text[lineStart + $0] == key[$0] }) {
                return parseValue(text, from: lineStart + key.count, to: lineEnd)
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    /// `  123456 kB` (or a bare number of bytes) between `start` and `end`.
    private static func parseValue(_ text: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var i = start
        while i < end && isSpace(text[i]) { i += 1 }
        var value = 0
        var digits = 0
        var overflow = false
        while i < end, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(text[i] - UInt8(ascii: "0")))
            overflow = overflow || o1 || o2
            value = sum
            digits += 1
            i += 1
        }
        guard digits > 0, i == end || isSpace(text[i]) else { return nil }
        while i < end && isSpace(text[i]) { i += 1 }
        var unitEnd = end
        while unitEnd > i && isSpace(text[unitEnd - 1]) { unitEnd -= 1 }
        // `kB` in any case: ASCII letters lowered by setting bit 5.
        let kilobytes = unitEnd - i == 2 && text[i] | 0x20 == UInt8(ascii: "k") && text[i + 1] | 0x20 == UInt8(ascii: "b")
        let (bytes, o3) = value.multipliedReportingOverflow(by: kilobytes ? 1024 : 1)
        return overflow || o3 ? Int.max : bytes
    }
}
