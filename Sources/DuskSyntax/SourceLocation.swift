/// A position in a source file: 1-based line and column, plus the file it came from.
///
/// Locations are small values carried by every token, AST node and lazy graph node,
/// so that an error found late (even inside a running task) can point back at the
/// source text that caused it.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: SourceFile
    public var line: Int
    public var column: Int
    /// How many characters the marker under the column spans (at least 1).
    public var length: Int

    public init(file: SourceFile, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
    }

    /// `file:line:col`, as printed at the start of a diagnostic.
    public var description: String { "\(file.name):\(line):\(column)" }
}

/// The text of one source: a script file, a REPL cell or a `-c` string.
///
/// A reference type so that every location shares one copy of the text; the text is
/// immutable, which makes sharing across threads safe.
public final class SourceFile: Hashable, Sendable {
    public let name: String
    public let text: String
    /// The source split into lines, without line terminators.
    public let lines: [Substring]
    /// A stable digest of the text (64-bit FNV-1a), the same in every process: names
    /// derived from code (delayed keys) depend on what the code says, not on the path
    /// it was run from.
    public let contentDigest: UInt64

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        self.contentDigest = digest
    }

    /// The text of a 1-based line, or an empty string past the end.
    public func line(_ number: Int) -> Substring {
        number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
