/// A type as a value: `int`, `list`, `ValueError`, `ndarray`...
///
/// Calling a type constructs a value (`int("7")`); `isinstance` walks `parent`.
/// Methods of plain values (`list.append`) live in `methods`, which also feeds
/// completion after `x.`. Types are immutable once made.
public final class TypeObject: Sendable, CustomStringConvertible {
    public let name: String
    public let parent: TypeObject?
    public let doc: String
    /// What calling the type does (nil: the type cannot be called).
    public let constructor: Builtin?
    /// Methods by name; each takes the receiver as its first argument.
    public let methods: [String: Builtin]

    public init(name: String, parent: TypeObject? = nil, doc: String = "",
                constructor: Builtin? = nil, methods: [Builtin] = []) {
        self.name = name
        self.parent = parent
        self.doc = doc
        self.constructor = constructor
        var table: [String: Builtin] = [:]
        for m in methods { table[m.name] = m }
        self.methods = table
    }

    /// True when this type is `other` or derives from it (compared by name).
    public func isSubtype(of other: TypeObject) -> Bool {
        var t: TypeObject? = self
        while let current = t {
            if current === other || current.name == other.name { return true }
            t = current.parent
        }
        return false
    }

    public var description: String { "<class '\(name)'>" }
}

// MARK: - Exception types

/// The exception hierarchy, as in Python (a subset).
extension TypeObject {
    public static let baseException = TypeObject(name: "BaseException", doc: "Common base class for all exceptions.")
    public static let exception = TypeObject(name: "Exception", parent: baseException, doc: "Common base class for all non-exit exceptions.")
    public static let systemExit = TypeObject(name: "SystemExit", parent: baseException, doc: "Request to exit from the interpreter.")
    public static let keyboardInterrupt = TypeObject(name: "KeyboardInterrupt", parent: baseException, doc: "Program interrupted by user.")
    public static let arithmeticError = TypeObject(name: "ArithmeticError", parent: exception, doc: "Base class for arithmetic errors.")
    public static let zeroDivisionError = TypeObject(name: "ZeroDivisionError", parent: arithmeticError, doc: "Second argument to a division or modulo operation was zero.")
    public static let overflowError = TypeObject(name: "OverflowError", parent: arithmeticError, doc: "Result too large to be represented.")
    public static let lookupError = TypeObject(name: "LookupError", parent: exception, doc: "Base class for lookup errors.")
    public static let indexError = TypeObject(name: "IndexError", parent: lookupError, doc: "Sequence index out of range.")
    public static let keyError = TypeObject(name: "KeyError", parent: lookupError, doc: "Mapping key not found.")
    public static let valueError = TypeObject(name: "ValueError", parent: exception, doc: "Inappropriate argument value (of correct type).")
    public static let typeError = TypeObject(name: "TypeError", parent: exception, doc: "Inappropriate argument type.")
    public static let nameError = TypeObject(name: "NameError", parent: exception, doc: "Name not found globally.")
    public static let unboundLocalError = TypeObject(name: "UnboundLocalError", parent: nameError, doc: "Local name referenced but not bound to a value.")
    public static let attributeError = TypeObject(name: "AttributeError", parent: exception, doc: "Attribute not found.")
    public static let assertionError = TypeObject(name: "AssertionError", parent: exception, doc: "Assertion failed.")
    public static let runtimeError = TypeObject(name: "RuntimeError", parent: exception, doc: "Unspecified run-time error.")
    public static let recursionError = TypeObject(name: "RecursionError", parent: runtimeError, doc: "Recursion limit exceeded.")
    public static let notImplementedError = TypeObject(name: "NotImplementedError", parent: runtimeError, doc: "Method or function hasn't been implemented yet.")
    public static let stopIteration = TypeObject(name: "StopIteration", parent: exception, doc: "Signal the end from iterator.__next__().")
    public static let importError = TypeObject(name: "ImportError", parent: exception, doc: "Import can't find module, or can't find name in module.")
    public static let moduleNotFoundError = TypeObject(name: "ModuleNotFoundError", parent: importError, doc: "Module not found.")
    public static let osError = TypeObject(name: "OSError", parent: exception, doc: "Base class for I/O related errors.")
    public static let fileNotFoundError = TypeObject(name: "FileNotFoundError", parent: osError, doc: "File not found.")
    public static let fileExistsError = TypeObject(name: "FileExistsError", parent: osError, doc: "File already exists.")
    public static let timeoutError = TypeObject(name: "TimeoutError", parent: osError, doc: "Timeout expired.")
    public static let memoryError = TypeObject(name: "MemoryError", parent: exception, doc: "Out of memory.")
    public static let syntaxError = TypeObject(name: "SyntaxError", parent: exception, doc: "Invalid syntax.")

    /// Every built-in exception type, bound as a global name.
    public static let exceptionTypes: [TypeObject] = [
        baseException, exception, systemExit, keyboardInterrupt, arithmeticError, zeroDivisionError, overflowError,
        lookupError, indexError, keyError, valueError, typeError, nameError, unboundLocalError,
        attributeError, assertionError, runtimeError, recursionError, notImplementedError, stopIteration,
        importError, moduleNotFoundError, osError, fileNotFoundError, fileExistsError, timeoutError, memoryError, syntaxError,
    ]
}
