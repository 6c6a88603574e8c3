#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskRuntime
import DuskSyntax

/// Tab completion over a session: names, keywords, members after `x.`, keyword
/// arguments inside a call, magic names after `%`, and file names after `%run`/`%load`.
struct Completer {
    let session: Session

    /// Candidates for the identifier that ends at `cursor` (a UTF-8 offset in `line`).
    func complete(line: String, cursor: Int) -> CompletionResult {
        let bytes = Array(line.utf8.prefix(cursor))
        if let files = completeFileName(bytes) { return files }
        var wordStart = bytes.count
        while wordStart > 0, Self.isIdentifierByte(bytes[wordStart - 1]) { wordStart -= 1 }
        let word = String(decoding: bytes[wordStart...], as: UTF8.self)
        if Self.insideString(bytes[..<wordStart]) { return CompletionResult(start: wordStart, candidates: []) }

        // `%tim` → magics.
        let before = bytes[..<wordStart]
        if before.allSatisfy({ $0 == 0x25 }) && !before.isEmpty && before.count <= 2 {
            let names = before.count == 2 ? Magics.cellMagicNames : Magics.lineMagicNames
            return CompletionResult(start: wordStart, candidates: names.filter { $0.hasPrefix(word) })
        }

        // `np.li` → members of the value before the dot.
        if wordStart > 0, bytes[wordStart - 1] == UInt8(ascii: ".") {
            var chainStart = wordStart - 1
            while chainStart > 0, Self.isIdentifierByte(bytes[chainStart - 1]) || bytes[chainStart - 1] == UInt8(ascii: ".") {
                chainStart -= 1
            }
            let chain = String(decoding: bytes[chainStart..<(wordStart - 1)], as: UTF8.self)
            guard let value = resolve(chain) else { return CompletionResult(start: wordStart, candidates: []) }
            let names = Set(Self.attributeNames(of: value))
            return CompletionResult(start: wordStart, candidates: Self.matching(names, word))
        }

        var candidates: [String] = []
        // Inside `f(...`: keyword arguments first.
        if let callee = openCallee(before), let value = resolve(callee) {
            candidates += keywordNames(of: value).filter { $0.hasPrefix(word) }.map { $0 + "=" }
        }
        var names = Set(session.globalNames)
        names.formUnion(session.interpreter.builtins.names)
        names.formUnion(Parser.keywords)
        candidates += Self.matching(names, word)
        return CompletionResult(start: wordStart, candidates: candidates)
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

    /// The value a dotted name refers to (`np.linalg`), following attributes.
    private func resolve(_ chain: String) -> Value? {
        let parts = chain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty, var value = session.value(named: first) else { return nil }
        for part in parts.dropFirst() {
            guard !part.isEmpty else { return nil }
            switch value {
            case .module(let namespace):
                guard let member = namespace.member(part) else { return nil }
                value = member
            case .object(let object):
                guard let member = try? object.attribute(part, context: session.interpreter.makeContext()) else { return nil }
                value = member
            default:
                return nil
            }
        }
        return value
    }

    /// The dotted name before the innermost bracket `(` still open at the cursor.
    private func openCallee(_ bytes: ArraySlice<UInt8>) -> String? {
        var depth = 0
        var index = bytes.endIndex
        while index > bytes.startIndex {
            index -= 1
            switch bytes[index] {
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if depth == 0 { return nil }
                depth -= 1
            case UInt8(ascii: "("):
                if depth > 0 { depth -= 1; continue }
                var start = index
                while start > bytes.startIndex, Self.isIdentifierByte(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ".") {
                    start -= 1
                }
                return start < index ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
            default: break
            }
        }
        return nil
    }

    /// The names offered after `value.`.
    private static func attributeNames(of value: Value) -> [String] {
        switch value {
        case .module(let namespace): return namespace.memberNames
        case .object(let object): return object.attributeNames
        case .type(let type): return Array(type.methods.keys)
        default: return Array(TypeObject.of(value).methods.keys)
        }
    }

    private func keywordNames(of value: Value) -> [String] {
        switch value {
        case .builtin(let builtin): return builtin.signature.keywordNames
        case .function(let function): return function.signature.keywordNames
        case .object(let object): return object.callSignature?.keywordNames ?? []
        case .type(let type): return type.constructor?.signature.keywordNames ?? []
        case .boundMethod(let method): return Array(keywordNames(of: method.function).dropFirst())
        default: return []
        }
    }

    /// Sorted names starting with `prefix`; names starting with `_` only when asked for.
    private static func matching(_ names: Set<String>, _ prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix("_") || !$0.hasPrefix("_")) }.sorted()
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte >= 0x80
    }

    /// Whether the text ends inside a string literal (quotes counted, escapes skipped).
    private static func insideString(_ bytes: ArraySlice<UInt8>) -> Bool {
        var quote: UInt8?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if let open = quote {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "#") {
                return true
            }
            index += 1
        }
        return quote != nil
    }
}
