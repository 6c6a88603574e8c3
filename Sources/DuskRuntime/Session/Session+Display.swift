/// What a notebook shows for a value.
extension Session {
    /// The value's views keyed by MIME type, as a Jupyter `execute_result` carries them.
    public func mimeBundle(for value: Value, context: ExecutionContext? = nil) -> [String: String] {
        (context ?? interpreter.makeContext()).mimeBundle(of: value)
    }
}

extension ExecutionContext {
    /// What the REPL shows for a value: a library object's display text, or its repr.
    public func displayText(of value: Value) -> String {
        if case .object(let o) = value, let text = o.replDisplay(context: self) { return text }
        return value.repr
    }

    /// The value's views keyed by MIME type: `text/plain` (what the REPL prints) and the
    /// object's richer views (`text/html` for a lazy array, `image/svg+xml` for a picture).
    public func mimeBundle(of value: Value) -> [String: String] {
        var bundle = ["text/plain": displayText(of: value)]
        if case .object(let object) = value {
            bundle.merge(object.richDisplay(context: self)) { _, rich in rich }
        }
        return bundle
    }
}
