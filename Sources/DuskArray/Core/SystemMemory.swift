import Foundation

/// Memory the system can give without swapping: `MemAvailable` from /proc/meminfo,
/// or the physical memory size where that file does not exist.
public func availableMemoryBytes() -> Int? {
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
        return parseMemAvailable(text)
    }
    let physical = ProcessInfo.processInfo.physicalMemory
    return physical > 0 ? Int(clamping: physical) : nil
}

/// The `MemAvailable:  123456 kB` line of a /proc/meminfo text, in bytes.
public func parseMemAvailable(_ text: String) -> Int? {
    for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let value = Int(fields[1]) else { return nil }
        let unit = fields.count >= 3 ? fields[2].lowercased() : "b"
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit == "kb" ? 1024 : 1)
        return overflow ? Int.max : bytes
    }
    return nil
}
