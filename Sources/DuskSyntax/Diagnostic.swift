/// An error or warning tied to a place in the source.
///
/// Rendered as
/// ```
/// tour.dsk:3:12: error: name 'onse' is not defined; did you mean 'ones'?
///   3 | y = sin(x) * onse((3, 3))
///     |              ^~~~
/// ```
/// Messages are lower-case, without a final period, and quote source text.
/// Build them through the catalog (`Diagnostic+Catalog.swift`), not ad hoc.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// Extra lines printed after the source excerpt (for example a traceback).
    public var notes: [String]

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation?, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// The full text: header line, source line with a gutter, caret marker, notes.
    public var description: String { rendered() }

    public func rendered() -> String {
        guard let loc = location else {
            return (["\(severity.rawValue): \(message)"] + notes).joined(separator: "\n")
        }
        var out = "\(loc): \(severity.rawValue): \(message)"
        let text = loc.file.line(loc.line)
        if !text.isEmpty || loc.line <= loc.file.lines.count {
            let gutter = String(loc.line)
            let pad = String(repeating: " ", count: gutter.count)
            // Tabs in the prefix are kept so the caret lines up under them.
            let prefix = String(text.prefix(max(0, loc.column - 1)).map { $0 == "\t" ? Character("\t") : Character(" ") })
            let available = max(1, text.count - (loc.column - 1))
            let span = min(loc.length, available)
            let marker = "^" + String(repeating: "~", count: max(0, span - 1))
            out += "\n \(gutter) | \(text)"
            out += "\n \(pad) | \(prefix)\(marker)"
        }
        for note in notes { out += "\n" + note }
        return out
    }
}
