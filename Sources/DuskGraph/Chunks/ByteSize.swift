import Foundation

/// Byte counts as Dask reads and writes them: `parse_bytes('128MiB')`, `format_bytes(800000000)`.
public enum ByteSize {
    /// Multipliers by lower-cased unit, as Dask's `byte_sizes`: `kb`, `mib`, `k`, `mi`, `b`, and none.
    static let units: [String: Int] = {
        let base: [String: Int] = [
            "kB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
            "PB": 1_000_000_000_000_000,
            "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40, "PiB": 1 << 50,
            "B": 1, "": 1,
        ]
        var table: [String: Int] = [:]
        for (unit, value) in base { table[unit.lowercased()] = value }
        for (unit, value) in table where !unit.isEmpty && !unit.contains("i") {
            table[String(unit.prefix(1))] = value
        }
        for (unit, value) in table where unit.contains("i") {
            table[String(unit.dropLast())] = value
        }
        return table
    }()

    /// Parses `'128MiB'`, `'1 kB'`, `'5e6'`, `'MB'` (one megabyte) into a number of bytes.
    public static func parse(_ text: String) throws(GraphError) -> Int {
        var text = text.replacingOccurrences(of: " ", with: "")
        if !text.contains(where: \.isNumber) { text = "1" + text }
        let unitStart = text.lastIndex(where: { !$0.isLetter }).map { text.index(after: $0) } ?? text.startIndex
        let number = String(text[..<unitStart])
        let unit = String(text[unitStart...]).lowercased()
        guard let value = Double(number) else { throw .byteSize(text) }
        guard let multiplier = units[unit] else { throw .byteSize(text) }
        let bytes = value * Double(multiplier)
        guard bytes.isFinite, abs(bytes) < 9.0e18 else { throw .byteSize(text) }
        return Int(bytes)
    }

    /// Dask's `format_bytes`: `762.94 MiB`, `7.63 MiB`, `800 B`, `1.00 kiB`.
    public static func format(_ bytes: Int) -> String {
        let value = Double(bytes)
        for (prefix, size) in [("Pi", 1 << 50), ("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("ki", 1 << 10)]
        where value >= Double(size) * 0.9 {
            return String(format: "%.2f", value / Double(size)) + " \(prefix)B"
        }
        return "\(bytes) B"
    }
}
