/// What a notebook's inspector (Shift-Tab) shows.
extension Session {
    /// The `help()` text of the name at `cursor` (a UTF-8 offset into `code`): the dotted
    /// name the cursor is in or just after, else the function whose call's parentheses hold
    /// the cursor (`da.ones((3, 3), |` shows `da.ones`). Nil when no such name resolves.
    /// Only looks names up; never runs user code.
    public func documentation(for code: String, cursor: Int) -> String? {
        let utf8 = Array(code.utf8)
        let end = max(0, min(cursor, utf8.count))
        let before = String(decoding: utf8[..<end], as: UTF8.self)
        let after = String(decoding: utf8[end...], as: UTF8.self)
        if Self.isInsideString(before) { return nil }
        let head = Self.trailingDottedName(before)
        let tail = String(after.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        var candidates: [String] = []
        if !(head + tail).isEmpty { candidates.append(head + tail) }
        if let callee = Self.enclosingCallee(before) { candidates.append(callee) }
        for name in candidates {
            let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
            if let value = resolve(dottedName: trimmed) {
                return HelpText.describe(value, interpreter.makeContext())
            }
        }
        return nil
    }
}
