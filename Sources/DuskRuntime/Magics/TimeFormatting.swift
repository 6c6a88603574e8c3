#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Formatting of durations and counts the way IPython's timing magics print them.
public enum TimeFormatting {
    /// A duration with `precision` significant digits and a unit among ns, µs, ms and s
    /// (`1.23 ms`, `45.6 µs`, `0 ns`); a minute or more prints as `1min 5s`, `2h 3min`.
    public static func duration(_ seconds: Double, precision: Int = 3) -> String {
        guard seconds.isFinite else { return "\(seconds) s" }
        if seconds >= 60 {
            let parts: [(String, Double)] = [("d", 86_400), ("h", 3_600), ("min", 60), ("s", 1)]
            var pieces: [String] = []
            var leftover = seconds
            for (suffix, length) in parts {
                let value = Int(leftover / length)
                if value > 0 {
                    leftover = leftover.truncatingRemainder(dividingBy: length)
                    pieces.append("\(value)\(suffix)")
                }
                if leftover < 1 { break }
            }
            return pieces.joined(separator: " ")
        }
        let units = ["s", "ms", "µs", "ns"]
        let scaling: [Double] = [1, 1e3, 1e6, 1e9]
        var order = 3
        if seconds > 0 {
            // floor(log10) // 3, negated: 1 s -> 0, 1 ms -> 1, 1 µs -> 2, below -> 3.
            let exponent = Int(log10(seconds).rounded(.down))
            order = min(-floorDivide(exponent, 3), 3)
            order = max(order, 0)
        }
        return "\(general(seconds * scaling[order], significantDigits: precision)) \(units[order])"
    }

    /// An integer with commas between groups of three digits (`1,000,000`).
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// C's `%.*g`: `significantDigits` significant digits, trailing zeros removed.
    public static func general(_ value: Double, significantDigits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([Int32(significantDigits), value]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.*g", args) }
        }
        guard count > 0 else { return "\(value)" }
        return String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Python's `//` for integers: rounds towards negative infinity.
    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

extension TimeFormatting {
    /// C's `%.*f`: `digits` digits after the point.
    public static func fixed(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 352)
        let count = withVaList([Int32(digits), value]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, "%.*f", args) }
        }
        guard count > 0 else { return "\(value)" }
        return String(decoding: buffer.prefix(min(Int(count), buffer.count - 1)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
