import DuskSyntax

/// An IPython-style magic found in a cell or script: `%time x = f()` (a line magic)
/// or `%%timeit -r 1` followed by its body (a cell magic, whose body runs to the
/// next blank line in a script, or to the end of a REPL cell).
public struct MagicCommand: Sendable {
    /// The name without percent signs: `timeit`.
    public var name: String
    /// The rest of the magic's line: `-r 1`, or the statement of a line magic.
    public var arguments: String
    /// The body of a cell magic; nil for a line magic.
    public var body: String?
    /// Where the `%` is.
    public var location: SourceLocation
    /// The 1-based line of the body's first line (or of the magic's line for line magics),
    /// so code run from the magic reports errors at the right line.
    public var bodyFirstLine: Int

    public var isCell: Bool { body != nil }

    /// A cell's code as the parser sees it: magics and help lines (`x?`) blank, so line
    /// numbers hold.
    public static func codeWithoutMagics(_ text: String) -> String {
        MagicScanner.scan(SourceFile(name: "<cell>", text: text), wholeCellBody: true).code
    }
}

/// Runs a magic. Set by the command line (`Session.magicHandler`); output goes to
/// `session.output`; a thrown error stops the script or cell and is reported.
public typealias MagicHandler = @Sendable (MagicCommand, Session) throws -> Void

/// Splits magics out of source text, leaving blank lines in their place so the
/// code's line numbers stay those of the original text.
enum MagicScanner {
    static func scan(_ file: SourceFile, wholeCellBody: Bool) -> (code: String, magics: [MagicCommand]) {
        var lines = file.lines.map(String.init)
        var magics: [MagicCommand] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            guard line.hasPrefix("%") else { i += 1; continue }
            let isCell = line.hasPrefix("%%")
            let header = line.dropFirst(isCell ? 2 : 1)
            let name = String(header.prefix { !$0.isWhitespace })
            let arguments = header.dropFirst(name.count).trimmingCharacters(in: " ")
            let location = SourceLocation(file: file, line: i + 1, column: 1, length: line.count)
            lines[i] = ""
            if isCell {
                var body: [String] = []
                var j = i + 1
                while j < lines.count, wholeCellBody || !lines[j].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                    body.append(lines[j])
                    lines[j] = ""
                    j += 1
                }
                while body.last?.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) == true { body.removeLast() }
                magics.append(MagicCommand(name: name, arguments: arguments, body: body.joined(separator: "\n"),
                                           location: location, bodyFirstLine: i + 2))
                i = j
            } else {
                magics.append(MagicCommand(name: name, arguments: arguments, body: nil, location: location, bodyFirstLine: i + 1))
                i += 1
            }
        }
        magics += helpRequests(in: &lines, file: file)
        magics.sort { $0.location.line < $1.location.line }
        return (lines.joined(separator: "\n"), magics)
    }
}
