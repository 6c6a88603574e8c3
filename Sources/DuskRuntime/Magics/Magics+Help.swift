import DuskSyntax

/// `%pinfo NAME` and `%pinfo2 NAME`, which IPython's help syntax `NAME?` and `NAME??` become.
extension Magics {
    /// Shows the `help()` text of a name in the pager (a notebook shows it beside the
    /// cell, a terminal prints it); `withSource` (`NAME??`) adds the code of a function
    /// defined in Dusk. Only looks the name up: never runs code.
    static func pinfo(_ command: MagicCommand, _ session: Session, withSource: Bool) {
        let name = command.arguments.trimmingCharacters(in: " ")
        guard let value = session.resolve(dottedName: name) else {
            session.output.write("Object `\(name)` not found.\n")
            return
        }
        var text = HelpText.describe(value, session.interpreter.makeContext())
        if withSource, case .function(let function) = value, let source = Self.source(of: function.code) {
            text += "\n\nSource:\n" + source
        }
        session.output.page(text)
    }

    /// The lines of a `def`: its first line and the more indented (or blank) lines after it.
    /// A lambda gives its line.
    static func source(of code: FunctionCode) -> String? {
        let file = code.location.file
        let first = code.location.line
        guard first >= 1 && first <= file.lines.count else { return nil }
        func indentation(_ line: Substring) -> Int { line.prefix { $0 == " " || $0 == "\t" }.count }
        func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
        var lines = [file.line(first)]
        guard lines[0].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("def ") else { return String(lines[0]) }
        let base = indentation(lines[0])
        var number = first + 1
        while number <= file.lines.count, isBlank(file.line(number)) || indentation(file.line(number)) > base {
            lines.append(file.line(number))
            number += 1
        }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

extension MagicScanner {
    /// IPython's help syntax: a line that is only a dotted name with `?` or `??` before or
    /// after it (`da.ones?`, `??f`) becomes `%pinfo` or `%pinfo2` of that name. A `?` counts
    /// only where the parser rejects it, so a line `Really?` inside a string stays text.
    /// `lines` has the help lines blanked, as the magics' are.
    static func helpRequests(in lines: inout [String], file: SourceFile) -> [MagicCommand] {
        let candidates = lines.indices.compactMap { i in helpRequest(lines[i]).map { (index: i, request: $0) } }
        guard !candidates.isEmpty,
              case .failure(let diagnostics) = Parser.parse(SourceFile(name: file.name, text: lines.joined(separator: "\n")))
        else { return [] }
        let rejected = Set(diagnostics.compactMap { d in d.location.map { "\($0.line):\($0.column)" } })
        var magics: [MagicCommand] = []
        for (index, request) in candidates where rejected.contains("\(index + 1):\(request.markColumn)") {
            let location = SourceLocation(file: file, line: index + 1, column: 1, length: lines[index].count)
            magics.append(MagicCommand(name: request.detailed ? "pinfo2" : "pinfo", arguments: request.name, body: nil,
                                       location: location, bodyFirstLine: index + 1))
            lines[index] = ""
        }
        return magics
    }

    /// The name, the detail level and the column of the first `?` of a help line, or nil.
    private static func helpRequest(_ line: String) -> (name: String, detailed: Bool, markColumn: Int)? {
        guard line.contains("?") else { return nil }
        let scalars = Array(line.unicodeScalars)
        var end = scalars.count
        while end > 0, scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\r" { end -= 1 }
        var start = 0
        while start < end, start < 2, scalars[start] == "?" { start += 1 }
        var nameEnd = end
        while nameEnd > start, end - nameEnd < 2, scalars[nameEnd - 1] == "?" { nameEnd -= 1 }
        let before = start, after = end - nameEnd
        guard (before == 0) != (after == 0), nameEnd > start else { return nil }
        let name = scalars[start..<nameEnd]
        let isNameScalar: (Unicode.Scalar) -> Bool = { $0 == "_" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        guard let first = name.first, name.allSatisfy(isNameScalar), first != ".", name.last != ".",
              !("0"..."9").contains(first)
        else { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: name)
        return (text, max(before, after) == 2, before > 0 ? 1 : nameEnd + 1)
    }
}
