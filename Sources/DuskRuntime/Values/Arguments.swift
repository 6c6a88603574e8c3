/// The arguments of a call as written: positional values, then keywords in order.
public struct Arguments: Sendable {
    public struct Keyword: Sendable {
        public var name: String
        public var value: Value
        public init(_ name: String, _ value: Value) { self.name = name; self.value = value }
    }

    public var positional: [Value]
    public var keywords: [Keyword]

    public init(_ positional: [Value] = [], keywords: [Keyword] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    /// The value of keyword `name`, if given.
    public func keyword(_ name: String) -> Value? {
        keywords.last(where: { $0.name == name })?.value
    }

    public var isEmpty: Bool { positional.isEmpty && keywords.isEmpty }
}
