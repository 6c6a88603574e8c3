import DuskArray

/// What went wrong with a Zarr store, and in which file.
///
/// Every error names the file (or directory) involved and says what is wrong with it, so a
/// user can find and fix it: bad metadata, an unknown codec, a truncated or corrupt chunk, a
/// chunk of the wrong size, a path that is not a Zarr store.
public struct ZarrError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; the runtime maps each to a Python exception type.
    public enum Kind: Sendable {
        /// No array or group at the path (`FileNotFoundError`).
        case notFound
        /// Something already exists where `mode='w-'` or a new array would go (`FileExistsError`).
        case exists
        /// Metadata that cannot be parsed or breaks the specification (`ValueError`).
        case invalidMetadata
        /// A valid feature Dusk does not read or write (a codec, a data type) (`NotImplementedError`).
        case unsupported
        /// A chunk whose bytes cannot be decoded, or decode to the wrong size (`ValueError`).
        case corruptChunk
        /// A write through a read-only array (`ValueError`, as zarr-python's `mode='r'`).
        case readOnly
        /// A bad argument: a selection out of range, values of the wrong shape (`ValueError`/`IndexError`).
        case invalidArgument
        /// A selection outside the array (`IndexError`).
        case indexOutOfRange
        /// The operating system refused a read or write (`OSError`).
        case io
        /// Stopped by a cancellation request (Ctrl-C) between chunks (`KeyboardInterrupt`).
        case cancelled
        /// The memory for a chunk or a result could not be allocated (`MemoryError`).
        case outOfMemory
    }

    public var kind: Kind
    public var message: String
    /// The file or directory the error is about, when there is one.
    public var path: String?

    public init(_ kind: Kind, _ message: String, path: String? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
    }

    /// An array operation's failure: memory as `outOfMemory`, the rest as a bad argument.
    public init(_ error: ArrayError) {
        self.init(error.kind == "MemoryError" ? .outOfMemory : .invalidArgument, error.message)
    }

    /// Runs an array operation (an allocation, a copy) inside a Zarr read or write.
    static func array<R>(_ body: () throws(ArrayError) -> R) throws(ZarrError) -> R {
        do { return try body() } catch { throw ZarrError(error) }
    }

    /// `<path>: <message>`, or the message alone.
    public var description: String {
        guard let path else { return message }
        return "\(path): \(message)"
    }

    /// The same error about `path` (kept when already set).
    func at(_ path: String) -> ZarrError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}
