/// The abstract syntax tree: what the parser produces and the interpreter walks.
///
/// Every node carries the location of its first token (for operators: the operator),
/// so runtime errors and lazy graph nodes can point back at the source.
/// Nodes are immutable values and `Sendable`: a function body is shared by every
/// thread that calls the function.

// MARK: - Expressions

public struct Expr: Hashable, Sendable {
    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public indirect enum Kind: Hashable, Sendable {
        // Literals
        case int(Int)
        case float(Double)
        /// An imaginary literal such as `2j` is not supported; neither are big integers.
        case string(String)
        case fstring([FStringPart])
        case bool(Bool)
        case none
        case ellipsis

        case name(String)
        case tuple([Expr])
        case list([Expr])
        /// `{k: v, **other}`: a `nil` key marks a `**` unpacking of the value.
        case dict([DictItem])
        case set([Expr])
        /// `*x` inside a call's arguments, a list, a tuple or an assignment target.
        case starred(Expr)

        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `a and b`, `a or b` (short-circuiting).
        case logical(LogicalOperator, Expr, Expr)
        /// `a < b <= c`: the first operand, then each operator with its right operand.
        case compare(Expr, [Comparison])
        /// `body if test else orelse`.
        case conditional(test: Expr, body: Expr, orelse: Expr)
        case lambda(Parameters, body: Expr)

        case call(Expr, [Argument])
        case attribute(Expr, String)
        /// `value[index]`; `a[1, 2:3]` has a tuple index whose items include a slice.
        case `subscript`(Expr, index: Expr)
        /// `lower:upper:step`, only valid as (part of) a subscript index.
        case slice(lower: Expr?, upper: Expr?, step: Expr?)

        /// `[element for ... in ... if ...]`
        case listComprehension(Expr, [Comprehension])
        /// `(element for ...)`; evaluated eagerly into a list-like iterable.
        case generator(Expr, [Comprehension])
        /// `{key: value for ...}`
        case dictComprehension(key: Expr, value: Expr, [Comprehension])
    }
}

public struct DictItem: Hashable, Sendable {
    /// `nil` for `**mapping`.
    public var key: Expr?
    public var value: Expr
    public init(key: Expr?, value: Expr) { self.key = key; self.value = value }
}

public enum FStringPart: Hashable, Sendable {
    case literal(String)
    /// `{expr!r:spec}`; `debugText` is set for `{expr = }` and holds `expr = ` exactly
    /// as written (the value is then shown with `repr` unless a conversion or spec says otherwise).
    case interpolation(Expr, conversion: Character?, formatSpec: String?, debugText: String?)
}

public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-", plus = "+", invert = "~", not = "not"
}

public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", power = "**", matmul = "@"
    case leftShift = "<<", rightShift = ">>", bitAnd = "&", bitOr = "|", bitXor = "^"
}

public enum LogicalOperator: String, Hashable, Sendable {
    case and, or
}

public enum ComparisonOperator: String, Hashable, Sendable {
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case equal = "==", notEqual = "!="
    case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
}

public struct Comparison: Hashable, Sendable {
    public var op: ComparisonOperator
    public var right: Expr
    public var location: SourceLocation
    public init(_ op: ComparisonOperator, _ right: Expr, at location: SourceLocation) {
        self.op = op; self.right = right; self.location = location
    }
}

public enum Argument: Hashable, Sendable {
    case positional(Expr)
    case keyword(String, Expr)
    /// `*args`
    case unpack(Expr)
    /// `**kwargs`
    case unpackKeywords(Expr)
}

public struct Comprehension: Hashable, Sendable {
    public var target: Expr
    public var iterable: Expr
    public var conditions: [Expr]
    public init(target: Expr, iterable: Expr, conditions: [Expr]) {
        self.target = target; self.iterable = iterable; self.conditions = conditions
    }
}

public struct Parameter: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// An ordinary parameter, positional or by keyword.
        case regular
        /// `*args`
        case variadic
        /// A parameter after `*` or `*args`: by keyword only.
        case keywordOnly
        /// `**kwargs`
        case variadicKeywords
    }
    public var name: String
    public var kind: Kind
    public var defaultValue: Expr?
    public var location: SourceLocation
    public init(name: String, kind: Kind = .regular, defaultValue: Expr? = nil, at location: SourceLocation) {
        self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.location = location
    }
}

public typealias Parameters = [Parameter]

// MARK: - Statements

public struct Stmt: Hashable, Sendable {
    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public indirect enum Kind: Hashable, Sendable {
        case expression(Expr)
        /// `a = b = value`: every target gets the value, left to right.
        case assign(targets: [Expr], value: Expr)
        case augmentedAssign(target: Expr, BinaryOperator, value: Expr)
        case functionDef(FunctionDef)
        case `return`(Expr?)
        case `if`(test: Expr, body: [Stmt], orelse: [Stmt])
        case `for`(target: Expr, iterable: Expr, body: [Stmt], orelse: [Stmt])
        case `while`(test: Expr, body: [Stmt], orelse: [Stmt])
        case `break`
        case `continue`
        case pass
        /// `import a.b as c, d`
        case `import`([ImportName])
        /// `from a.b import c as d, e` (`names` is empty for `from m import *`).
        case fromImport(module: [String], names: [ImportAlias], star: Bool)
        case delete([Expr])
        case assert(test: Expr, message: Expr?)
        case global([String])
        case nonlocal([String])
        /// `raise` or `raise value`
        case raise(Expr?)
        /// `try: ... except [Type [as name]]: ... finally: ...`
        case `try`(body: [Stmt], handlers: [ExceptHandler], orelse: [Stmt], finally: [Stmt])
        /// `with expr [as target], ...: body`
        case with(items: [WithItem], body: [Stmt])
    }
}

public struct FunctionDef: Hashable, Sendable {
    public var name: String
    public var parameters: Parameters
    public var body: [Stmt]
    /// Applied bottom-up: `@a @b def f` is `f = a(b(f))`.
    public var decorators: [Expr]
    /// The docstring, if the body starts with a string literal.
    public var docstring: String?
    public init(name: String, parameters: Parameters, body: [Stmt], decorators: [Expr], docstring: String?) {
        self.name = name; self.parameters = parameters; self.body = body
        self.decorators = decorators; self.docstring = docstring
    }
}

public struct ImportName: Hashable, Sendable {
    /// `["dask", "array"]` for `import dask.array`.
    public var module: [String]
    public var alias: String?
    public var location: SourceLocation
    public init(module: [String], alias: String?, at location: SourceLocation) {
        self.module = module; self.alias = alias; self.location = location
    }
}

public struct ImportAlias: Hashable, Sendable {
    public var name: String
    public var alias: String?
    public var location: SourceLocation
    public init(name: String, alias: String?, at location: SourceLocation) {
        self.name = name; self.alias = alias; self.location = location
    }
}

public struct ExceptHandler: Hashable, Sendable {
    /// `nil` for a bare `except:`.
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var location: SourceLocation
    public init(type: Expr?, name: String?, body: [Stmt], at location: SourceLocation) {
        self.type = type; self.name = name; self.body = body; self.location = location
    }
}

public struct WithItem: Hashable, Sendable {
    public var context: Expr
    public var target: Expr?
    public init(context: Expr, target: Expr?) { self.context = context; self.target = target }
}

/// A parsed file or REPL cell.
public struct Module: Hashable, Sendable {
    public var body: [Stmt]
    public var file: SourceFile
    public init(body: [Stmt], file: SourceFile) { self.body = body; self.file = file }
}
