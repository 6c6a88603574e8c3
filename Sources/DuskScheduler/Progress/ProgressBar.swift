/// The text of one progress line, as Dask's `ProgressBar` draws it:
/// `[########                                ] | 20% Completed | 1.2s`.
public struct ProgressBar: Sendable {
    /// Characters between the brackets.
    public var width: Int

    public init(width: Int = 40) { self.width = width }

    /// The line for `completed` of `total` tasks after `elapsed` seconds (no newline).
    public func render(completed: Int, total: Int, elapsed: Double) -> String {
        let fraction = total > 0 ? Swift.min(1, Swift.max(0, Double(completed) / Double(total))) : 1
        let filled = Int(Double(width) * fraction)
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let percent = Int(fraction * 100)
        return "[\(bar)] | \(percent)% Completed | \(Self.formatSeconds(elapsed))"
    }

    /// `1.2s`, one decimal.
    static func formatSeconds(_ seconds: Double) -> String {
        let tenths = Int((Swift.max(0, seconds) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
