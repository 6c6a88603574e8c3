#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskRuntime
import DuskSyntax

/// Tab completion for the REPL: the shell's own syntax here (magic names after `%`,
/// file names after `%run`/`%load`), and Dusk code through `Session.completions(for:cursor:)`
/// (names, keywords, members after `x.`, keyword arguments inside a call).
struct Completer {
    let session: Session

    /// Candidates for the word that ends at `cursor` (a UTF-8 offset in `line`). The text
    /// may hold several lines (a notebook cell): magics and file names are looked for in the
    /// cursor's line, code sees everything before the cursor.
    func complete(line: String, cursor: Int) -> CompletionResult {
        let bytes = Array(line.utf8.prefix(cursor))
        let lineStart = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        if let files = completeFileName(Array(bytes[lineStart...])) {
            return CompletionResult(start: lineStart + files.start, candidates: files.candidates)
        }
        var wordStart = bytes.count
        while wordStart > 0, Self.isIdentifierByte(bytes[wordStart - 1]) { wordStart -= 1 }

        // `%tim` → magics.
        let before = bytes[lineStart..<wordStart]
        if !before.isEmpty && before.count <= 2 && before.allSatisfy({ $0 == UInt8(ascii: "%") }) {
            let word = String(decoding: bytes[wordStart...], as: UTF8.self)
            let names = before.count == 2 ? Magics.cellMagicNames : Magics.lineMagicNames
            return CompletionResult(start: wordStart, candidates: names.filter { $0.hasPrefix(word) })
        }

        // Code: the session's candidates replace the dotted name before the cursor.
        var nameStart = bytes.count
        while nameStart > 0, Self.isIdentifierByte(bytes[nameStart - 1]) || bytes[nameStart - 1] == UInt8(ascii: ".") {
            nameStart -= 1
        }
        return CompletionResult(start: nameStart, candidates: session.completions(for: line, cursor: bytes.count))
    }

    /// After `%run ` or `%load `: the entries of the directory named so far.
    private func completeFileName(_ bytes: [UInt8]) -> CompletionResult? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("%run ") || text.hasPrefix("%load ") else { return nil }
        let word = text.split(separator: " ", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let slash = word.lastIndex(of: "/")
        let directory = slash.map { String(word[...$0]) } ?? ""
        let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        var listed = directory.isEmpty ? "." : directory
        if listed.hasPrefix("~/"), let home = getenv("HOME") { listed = String(cString: home) + listed.dropFirst() }
        var names: [String] = []
        if let handle = opendir(listed) {
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != ".", name != "..", name.hasPrefix(prefix), prefix.hasPrefix(".") || !name.hasPrefix(".") else { continue }
                var info = stat()
                let isDirectory = stat(listed + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                names.append(isDirectory ? name + "/" : name)
            }
            closedir(handle)
        }
        return CompletionResult(start: bytes.count - prefix.utf8.count, candidates: names.sorted())
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte >= 0x80
    }
}
