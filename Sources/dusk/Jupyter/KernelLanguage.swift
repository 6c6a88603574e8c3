import DuskRuntime
import DuskSyntax

/// Completion, inspection and `is_complete` for the Jupyter protocol mode.
///
/// Jupyter counts cursor positions in Unicode code points (protocol 5.2); the session
/// counts UTF-8 bytes. Positions are converted on the way in and out.
struct KernelLanguage {
    let session: Session

    /// `complete_request`: the candidates for the name before the cursor. A member after a
    /// dot replaces only the text after the last dot (`da.fr` offers `from_array`, ...).
    func complete(_ request: JSONValue) -> [String: JSONValue] {
        let code = request["code"]?.string ?? ""
        let cursor = Self.utf8Offset(ofCodePoint: request["cursor_pos"]?.int, in: code)
        var result = Completer(session: session).complete(line: code, cursor: cursor)
        let bytes = Array(code.utf8)
        let replaced = String(decoding: bytes[result.start..<cursor], as: UTF8.self)
        if let dot = replaced.lastIndex(of: ".") {
            let base = String(replaced[...dot])
            if result.candidates.allSatisfy({ $0.hasPrefix(base) }) {
                result.candidates = result.candidates.map { String($0.dropFirst(base.count)) }
                result.start += base.utf8.count
            }
        }
        return [
            "status": "ok",
            "matches": JSONValue(result.candidates),
            "cursor_start": .int(Self.codePointOffset(ofUTF8: result.start, in: bytes)),
            "cursor_end": .int(Self.codePointOffset(ofUTF8: cursor, in: bytes)),
            "metadata": [:],
        ]
    }

    /// `inspect_request`: the `help()` text of the name at the cursor.
    func inspect(_ request: JSONValue) -> [String: JSONValue] {
        let code = request["code"]?.string ?? ""
        let cursor = Self.utf8Offset(ofCodePoint: request["cursor_pos"]?.int, in: code)
        guard let text = session.documentation(for: code, cursor: cursor) else {
            return ["status": "ok", "found": false, "data": [:], "metadata": [:]]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": .string(text)], "metadata": [:]]
    }

    /// `is_complete_request`: whether a console should run `code` now (`complete`), read
    /// another line (`incomplete`, with the indentation to offer), or run it to show the
    /// syntax error (`invalid`). Decided as the REPL decides: `%` lines and help lines
    /// (`x?`) are magics, a `%%` cell and a compound statement end at a blank line.
    static func isComplete(_ code: String) -> [String: JSONValue] {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return ["status": "complete"] }
        let endsWithBlankLine = lines.count > 1 && lines[lines.count - 1].allSatisfy(\.isWhitespace)
        if first.hasPrefix("%%") {
            return endsWithBlankLine ? ["status": "complete"] : ["status": "incomplete", "indent": ""]
        }
        let source = MagicCommand.codeWithoutMagics(code)
        if Parser.isIncomplete(source + "\n") {
            var accumulator = CellAccumulator(isIncomplete: { _ in true })
            for line in lines { _ = accumulator.add(line) }
            return ["status": "incomplete", "indent": .string(accumulator.nextIndentation)]
        }
        if case .failure = Parser.parse(SourceFile(name: "<cell>", text: source)) { return ["status": "invalid"] }
        return ["status": "complete"]
    }

    /// The UTF-8 offset of a code-point position (the end for nil or out of range).
    static func utf8Offset(ofCodePoint position: Int?, in text: String) -> Int {
        guard let position, position >= 0 else { return text.utf8.count }
        var offset = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == position { return offset }
            offset += UTF8.width(scalar)
        }
        return offset
    }

    /// The code-point position of a UTF-8 offset (which falls on a character boundary).
    static func codePointOffset(ofUTF8 offset: Int, in bytes: [UInt8]) -> Int {
        String(decoding: bytes[..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count
    }
}
