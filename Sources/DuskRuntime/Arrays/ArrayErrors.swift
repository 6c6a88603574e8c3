import DuskArray
import DuskGraph
import DuskScheduler

/// Errors of the array, graph and scheduler modules as Dusk exceptions, with the Python
/// exception class NumPy or Dask would raise.
extension TypeObject {
    /// NumPy's `AxisError` (a `ValueError` and an `IndexError` in NumPy; a `ValueError` here).
    public static let axisError = TypeObject(name: "AxisError", parent: .valueError,
                                             doc: "Axis supplied was invalid.")

    /// NumPy's `numpy.linalg.LinAlgError` (a `ValueError`): a singular or non-square matrix.
    public static let linAlgError = TypeObject(name: "LinAlgError", parent: .valueError,
                                               doc: "Generic Python-exception-derived object raised by linalg functions.")

    /// The exception type named `name` (`ValueError`, `AxisError`...), `RuntimeError` if unknown.
    static func named(_ name: String) -> TypeObject {
        if name == "AxisError" { return .axisError }
        if name == "LinAlgError" { return .linAlgError }
        return TypeObject.exceptionTypes.first { $0.name == name } ?? .runtimeError
    }
}

extension ArrayError: DuskErrorConvertible {
    public var duskError: DuskError { self == .interrupted ? DuskError.interrupted() : DuskError(.named(kind), message) }
}

extension GraphError: DuskErrorConvertible {
    public var duskError: DuskError { DuskError(.named(kind), message, at: location) }
}

extension ComputeCancelled: DuskErrorConvertible {
    public var duskError: DuskError { DuskError.interrupted() }
}

extension ResultTooLarge: DuskErrorConvertible {
    public var duskError: DuskError {
        DuskError(.memoryError, "cannot compute: the " + description + "; compute a smaller piece (slice or reduce first)")
    }
}

extension InvalidTaskGraph: DuskErrorConvertible {
    public var duskError: DuskError { DuskError(.runtimeError, description) }
}

extension TaskFailure: DuskErrorConvertible {
    /// The task's own error, with a traceback entry naming the task and where the
    /// expression that made it was written.
    public var duskError: DuskError {
        if let cancelled = underlying as? ComputeCancelled { return cancelled.duskError }
        if let error = underlying as? ArrayError, error == .interrupted { return error.duskError }
        var error = DuskError.from(underlying)
        if error.location == nil, let origin { error.location = origin }
        error.addFrame(TracebackEntry(function: "task \(key)", location: origin))
        return error
    }
}

extension DuskError {
    /// A `visualize()` option outside its choices.
    static func badVisualizeChoice(_ option: String, _ value: Value, choices: [String]) -> DuskError {
        let given = if case .str(let s) = value { "'\(s)'" } else { value.typeName }
        return DuskError(.valueError, "visualize() \(option) must be one of "
                         + choices.map { "'\($0)'" }.joined(separator: ", ") + ", not \(given)")
    }

    /// `visualize()` or `explain()` given nothing lazy.
    static func nothingLazy(_ function: String, _ verb: String) -> DuskError {
        DuskError(.valueError, "\(function)() found no lazy array or Delayed value to \(verb)")
    }

    /// A `visualize()` name option that is not a string.
    static func badVisualizeType(_ option: String, _ value: Value) -> DuskError {
        DuskError(.typeError, "visualize() \(option) must be a str or None, not '\(value.typeName)'")
    }

    /// What `visualize()` says when Graphviz is missing (a warning, not an error: the DOT file
    /// is written).
    static func graphvizMissing(wanted: String, wrote: String, format: String) -> String {
        "UserWarning: Graphviz's dot was not found, so '\(wanted)' was not drawn; wrote '\(wrote)' instead. "
            + "To draw it, \(Graphviz.installHint)"
            + (format == "html" ? "; then call visualize() again" : "; then run: dot -T\(format) \(wrote) -o \(wanted)")
    }
}

/// Runs an array operation, turning its typed error into a Dusk error.
@inline(__always)
func arrayCall<T>(_ body: () throws(ArrayError) -> T) throws -> T {
    do { return try body() } catch { throw error.duskError }
}

/// Runs a graph operation, turning its typed error into a Dusk error.
@inline(__always)
func graphCall<T>(_ body: () throws(GraphError) -> T) throws -> T {
    do { return try body() } catch { throw error.duskError }
}
