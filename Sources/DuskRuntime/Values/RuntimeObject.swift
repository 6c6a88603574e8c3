import DuskSyntax

/// The extension point for library types: NDArray, lazy arrays, delayed values,
/// iterators, schedulers' clients...
///
/// A type conforms by giving its `typeName` and `repr`, then overrides only the
/// hooks it supports; every hook has a default meaning "not supported", and the
/// interpreter turns that into the standard Python-like error
/// (`unsupported operand type(s) for +: 'Delayed' and 'str'`,
/// `'ndarray' object has no attribute 'foo'`...). Hooks that return an optional
/// return `nil` for "not supported" so the interpreter can try the other operand.
///
/// Conforming types are `Sendable` classes: values cross threads when tasks run in
/// parallel, and a class-bound existential keeps `Value` small (two words).
/// Hooks must not hold a lock while calling back into the interpreter.
public protocol RuntimeObject: AnyObject, Sendable {
    /// The Python-style type name: `ndarray`, `Array`, `Delayed`.
    var typeName: String { get }
    /// `type(x)`; by default a type named `typeName`.
    var runtimeType: TypeObject { get }
    /// `repr(x)`: one line for lists and the REPL.
    var repr: String { get }
    /// `str(x)` and `print(x)`; defaults to `repr`.
    var str: String { get }
    /// What the REPL shows when an expression statement yields this value (for example a
    /// summary table); nil means `repr`.
    func replDisplay(context: ExecutionContext) -> String?
    /// Richer views for notebooks, keyed by MIME type (`text/html`, `image/svg+xml`), as
    /// IPython's `_repr_mimebundle_`; empty for none. The text view is `replDisplay` or `repr`.
    func richDisplay(context: ExecutionContext) -> [String: String]
    /// The docstring `help(x)` shows.
    var doc: String? { get }
    /// The plain value a library scalar stands for (a 0-d array's element), used by
    /// `int(x)`, `float(x)`, indexing with `x` and formatting; nil for other objects.
    var plainValue: Value? { get }
    /// `format(x, spec)` and `f"{x:spec}"` for a non-empty spec; nil when unsupported.
    func format(spec: String) throws -> String?

    /// `bool(x)`, `if x:`. Throws for values without a truth value (arrays of several elements).
    func truthiness() throws -> Bool
    /// `len(x)`, or nil when the value has no length.
    func length() throws -> Int?
    /// `hash(x)` and use as a dict key; nil means unhashable. The default hashes by identity.
    func hashKey() throws -> HashKey?
    /// `a is b`: identity. The default compares references.
    func isIdentical(to other: any RuntimeObject) -> Bool

    /// `x.name`; nil when there is no such attribute.
    func attribute(_ name: String, context: ExecutionContext) throws -> Value?
    /// `x.name = value`; false when the attribute cannot be set.
    func setAttribute(_ name: String, to value: Value, context: ExecutionContext) throws -> Bool
    /// Names offered by completion after `x.`.
    var attributeNames: [String] { get }

    /// `self <op> other` (or `other <op> self` when `reflected`); nil when unsupported.
    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value?
    /// `-x`, `+x`, `~x` (`not x` always uses `truthiness`); nil when unsupported.
    func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value?
    /// `self <op> other` for `<`, `<=`, `>`, `>=`, `==`, `!=` (`reflected`: `other <op> self`).
    /// Return nil to fall back to identity equality (for `==`/`!=`) or an error.
    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value?
    /// `item in self`; nil when unsupported (the interpreter then iterates).
    func contains(_ item: Value, context: ExecutionContext) throws -> Bool?

    /// `x(...)`; nil when the value is not callable.
    func call(_ arguments: Arguments, context: ExecutionContext) throws -> Value?
    /// The signature completion and `help` show for a callable object.
    var callSignature: Signature? { get }

    /// `x[index]`; a tuple index for `x[1, 2:3]`. Nil when not subscriptable.
    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value?
    /// `x[index] = value`; false when item assignment is unsupported.
    func setSubscript(_ index: Value, to value: Value, context: ExecutionContext) throws -> Bool
    /// `for v in x`; nil when not iterable.
    func makeIterator(context: ExecutionContext) throws -> ValueIterator?

    /// `with x as y:` entry; returns what `as` binds. Nil when not a context manager.
    func enter(context: ExecutionContext) throws -> Value?
    /// `with` exit, with the error that left the block if any; true suppresses it.
    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool
}

/// A pull-based iterator: returns nil when exhausted. Confined to one thread.
public typealias ValueIterator = () throws -> Value?

extension RuntimeObject {
    public var runtimeType: TypeObject { TypeObject(name: typeName) }
    public var str: String { repr }
    public func replDisplay(context: ExecutionContext) -> String? { nil }
    public func richDisplay(context: ExecutionContext) -> [String: String] { [:] }
    public var doc: String? { nil }
    public func format(spec: String) throws -> String? { nil }
    public var plainValue: Value? { nil }
    public func truthiness() throws -> Bool { true }
    public func length() throws -> Int? { nil }
    public func hashKey() throws -> HashKey? { .identity(ObjectIdentifier(self)) }
    public func isIdentical(to other: any RuntimeObject) -> Bool { self === other }
    public func attribute(_ name: String, context: ExecutionContext) throws -> Value? { nil }
    public func setAttribute(_ name: String, to value: Value, context: ExecutionContext) throws -> Bool { false }
    public var attributeNames: [String] { [] }
    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? { nil }
    public func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value? { nil }
    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? { nil }
    public func contains(_ item: Value, context: ExecutionContext) throws -> Bool? { nil }
    public func call(_ arguments: Arguments, context: ExecutionContext) throws -> Value? { nil }
    public var callSignature: Signature? { nil }
    public func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? { nil }
    public func setSubscript(_ index: Value, to value: Value, context: ExecutionContext) throws -> Bool { false }
    public func makeIterator(context: ExecutionContext) throws -> ValueIterator? { nil }
    public func enter(context: ExecutionContext) throws -> Value? { nil }
    public func exit(error: DuskError?, context: ExecutionContext) throws -> Bool { false }
}
