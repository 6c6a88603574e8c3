import DuskArray
import DuskSyntax

/// An error found while building or lowering a lazy graph: a Python exception kind, a message
/// in Dask's or NumPy's words, and where the expression was written.
///
/// Every message is made by one of the static functions below, the catalog of the graph layer.
public struct GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Python exception Dask raises: `ValueError`, `IndexError`, `TypeError`, `NotImplementedError`.
    public var kind: String
    public var message: String
    public var location: SourceLocation?

    public init(kind: String, message: String, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String { "\(kind): \(message)" }

    /// The same error pointing at `location`, unless it already has one.
    public func located(_ location: SourceLocation?) -> GraphError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }

    /// An error from an array operation, kept with its kind and message.
    public static func array(_ error: ArrayError, at location: SourceLocation? = nil) -> GraphError {
        GraphError(kind: error.kind, message: error.message, location: location)
    }

    // MARK: - Chunks

    static func chunksDoNotAddUp(_ chunks: [[Int]], shape: [Int]) -> GraphError {
        GraphError(kind: "ValueError", message:
            "Chunks do not add up to shape. Got chunks=\(Chunks(chunks)), shape=\(formatTuple(shape))")
    }

    static func chunksRankMismatch(chunkCount: Int, shape: [Int]) -> GraphError {
        GraphError(kind: "ValueError", message:
            "Chunks and shape must be of the same length/dimension. Got \(chunkCount) chunk entries, shape=\(formatTuple(shape))")
    }

    static let emptyChunkTuple = GraphError(kind: "ValueError", message:
        "Empty tuples are not allowed in chunks. Express zero length dimensions with 0(s) in chunks")

    static func invalidChunkSize(_ size: Int) -> GraphError {
        GraphError(kind: "ValueError", message: "chunk sizes must be positive integers, got \(size)")
    }

    static func inconsistentByteLimit(_ parsed: Int, _ limit: Int) -> GraphError {
        GraphError(kind: "ValueError", message:
            "Only one consistent value of limit or chunk is allowed.Used \(parsed) != \(limit)")
    }

    static func byteSize(_ text: String) -> GraphError {
        GraphError(kind: "ValueError", message: "Could not interpret '\(text)' as a byte size")
    }

    static func chunksDoNotAlign(_ dimensions: [[Int]]) -> GraphError {
        GraphError(kind: "ValueError", message:
            "Chunks do not add up to same value \(formatTuple(dimensions.map { formatTuple($0) }))")
    }

    static func rechunkRank(_ ndim: Int, given: Int) -> GraphError {
        GraphError(kind: "ValueError", message: "Provided chunks are not consistent with shape")
    }

    // MARK: - Shapes, axes, indices

    static func axisOutOfBounds(_ axis: Int, ndim: Int) -> GraphError {
        .array(.axisOutOfBounds(axis: axis, ndim: ndim))
    }

    static func duplicateAxis() -> GraphError {
        GraphError(kind: "ValueError", message: "duplicate value in 'axis'")
    }

    static func broadcast(_ shapes: [[Int]]) -> GraphError {
        .array(.broadcast(shapes))
    }

    static func value(_ message: String) -> GraphError {
        GraphError(kind: "ValueError", message: message)
    }

    static func type(_ message: String) -> GraphError {
        GraphError(kind: "TypeError", message: message)
    }

    static func index(_ message: String) -> GraphError {
        GraphError(kind: "IndexError", message: message)
    }

    static func notImplemented(_ message: String) -> GraphError {
        GraphError(kind: "NotImplementedError", message: message)
    }

    // MARK: - Running

    /// A per-chunk operation whose NDArray kernel is not available yet.
    static func kernelMissing(_ operation: String) -> GraphError {
        GraphError(kind: "NotImplementedError", message: "no chunk kernel for '\(operation)' yet")
    }

    static func unexpectedTaskValue(_ expected: String, key: String) -> GraphError {
        GraphError(kind: "TypeError", message: "task \(key) expected \(expected) from its dependency")
    }

    /// A block function (percentile, histogram...) whose block disagrees with the planned chunks.
    static func blockShapeMismatch(_ function: String, expected: [Int], got: [Int]) -> GraphError {
        GraphError(kind: "ValueError", message:
            "\(function): expected a block of shape \(formatTuple(expected)), got shape \(formatTuple(got))")
    }

    static func delayedShapeMismatch(expected: [Int], got: [Int]) -> GraphError {
        GraphError(kind: "ValueError", message:
            "from_delayed: expected an array of shape \(formatTuple(expected)), the delayed value has shape \(formatTuple(got))")
    }

    // MARK: - Tasks sent to other processes

    /// Task bytes another process cannot read (a version mismatch or a bug: never user input).
    public static func wire(_ detail: String) -> GraphError {
        GraphError(kind: "RuntimeError", message: "task bytes: \(detail)")
    }

    /// A task whose work has no description as data, so it cannot run in another process.
    public static func notPortable(_ what: String, key: String) -> GraphError {
        GraphError(kind: "NotImplementedError", message:
            "task \(key) cannot run on a cluster: \(what) cannot be sent to another process")
    }
}
