import DuskSyntax

/// An exception as a Dusk value: its type, message and arguments.
public final class ExceptionValue: Sendable {
    public let type: TypeObject
    public let args: [Value]
    /// What `str(e)` shows.
    public let message: String

    public init(type: TypeObject, message: String, args: [Value]? = nil) {
        self.type = type
        self.message = message
        self.args = args ?? (message.isEmpty ? [] : [.str(message)])
    }
}

/// One line of a traceback: the function and where in it execution was.
public struct TracebackEntry: Sendable, Hashable {
    public var function: String
    public var location: SourceLocation?
    public init(function: String, location: SourceLocation?) {
        self.function = function; self.location = location
    }
}

/// A node of a traceback: one frame and the frames passed before it.
///
/// `@unchecked Sendable`: `inner` changes only in `deinit`, when no one else holds the node.
final class TracebackFrames: @unchecked Sendable {
    let entry: TracebackEntry
    private(set) var inner: TracebackFrames?

    init(entry: TracebackEntry, outer inner: TracebackFrames?) {
        self.entry = entry
        self.inner = inner
    }

    /// Innermost first.
    var entries: [TracebackEntry] {
        var result: [TracebackEntry] = []
        var node: TracebackFrames? = self
        while let current = node {
            result.append(current.entry)
            node = current.inner
        }
        return result.reversed()
    }

    deinit {
        // Unlink iteratively: a recursive release of 100,000 nodes would exhaust the stack.
        var next = inner
        inner = nil
        while var node = next {
            next = nil
            guard isKnownUniquelyReferenced(&node) else { break }
            next = node.inner
            node.inner = nil
        }
    }
}

/// A raised Dusk exception, thrown through the interpreter as a Swift error.
///
/// Natives throw it without a location; the interpreter fills in the location of
/// the innermost node that failed and, while unwinding, one traceback entry per
/// user function (innermost first while building, reversed when rendered).
public struct DuskError: Error, Sendable, CustomStringConvertible {
    /// The fields, shared by copies until one of them changes one: an error is copied out
    /// of its `any Error` box each time a node catches it to locate it or add a frame, and
    /// one reference is cheaper to copy than six fields.
    ///
    /// `@unchecked Sendable`: a storage is changed only through `unique()`, when no other
    /// error (so no other thread) refers to it.
    private final class Storage: @unchecked Sendable {
        var exception: ExceptionValue
        var location: SourceLocation?
        var frames: TracebackFrames?
        var frameLocation: SourceLocation?
        var showsTypeName = false
        var remoteNotes: [String] = []

        init(exception: ExceptionValue, location: SourceLocation?) {
            self.exception = exception
            self.location = location
            self.frameLocation = location
        }

        func copy() -> Storage {
            let c = Storage(exception: exception, location: location)
            c.frames = frames
            c.frameLocation = frameLocation
            c.showsTypeName = showsTypeName
            c.remoteNotes = remoteNotes
            return c
        }
    }

    private var storage: Storage

    /// The storage, copied first if another error shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var exception: ExceptionValue {
        get { storage.exception }
        set { unique().exception = newValue }
    }
    /// Where the error was raised (the innermost node).
    public var location: SourceLocation? {
        get { storage.location }
        set { unique().location = newValue }
    }
    /// Frames passed while unwinding, innermost first.
    public var traceback: [TracebackEntry] {
        get { storage.frames?.entries ?? [] }
        set { unique().frames = newValue.reduce(nil) { TracebackFrames(entry: $1, outer: $0) } }
    }

    /// Adds the frame being left, outside those already passed. (The frames are a shared
    /// list, newest (outermost) first: each frame adds a node in O(1) while a deep
    /// recursion unwinds, where an array would be copied at every frame.)
    public mutating func addFrame(_ entry: TracebackEntry) {
        let s = unique()
        s.frames = TracebackFrames(entry: entry, outer: s.frames)
    }
    /// The location in the frame currently unwinding (set by the first node that sees the error).
    var frameLocation: SourceLocation? {
        get { storage.frameLocation }
        set { unique().frameLocation = newValue }
    }
    /// True when the headline shows the type name (`raise` and `assert`: `ValueError: bad input`).
    public var showsTypeName: Bool {
        get { storage.showsTypeName }
        set { unique().showsTypeName = newValue }
    }
    /// Lines shown after the traceback: where another process raised the error (a Dask
    /// worker's traceback).
    public var remoteNotes: [String] {
        get { storage.remoteNotes }
        set { unique().remoteNotes = newValue }
    }

    public init(_ type: TypeObject, _ message: String, at location: SourceLocation? = nil) {
        storage = Storage(exception: ExceptionValue(type: type, message: message), location: location)
    }

    public init(exception: ExceptionValue, at location: SourceLocation? = nil) {
        storage = Storage(exception: exception, location: location)
    }

    public var type: TypeObject { exception.type }
    public var message: String { exception.message }

    /// True when an `except` clause naming `type` catches this error.
    public func matches(_ type: TypeObject) -> Bool { exception.type.isSubtype(of: type) }

    /// True when the error knows where it was raised and where its frame was (so no
    /// node that sees it later changes it).
    var isLocated: Bool { storage.location != nil && storage.frameLocation != nil }

    /// Fills in the location of the node that saw the error, if none is known yet.
    mutating func locate(_ location: SourceLocation) {
        if storage.location == nil { self.location = location }
        if storage.frameLocation == nil { frameLocation = location }
    }

    /// The headline: the message, prefixed with the type for user-raised errors.
    public var headline: String {
        if showsTypeName || message.isEmpty {
            return message.isEmpty ? type.name : "\(type.name): \(message)"
        }
        return message
    }

    /// The error as a diagnostic: location, source line and caret, and a traceback
    /// through user functions (innermost last) when there is one.
    public var diagnostic: Diagnostic {
        var notes: [String] = []
        if traceback.contains(where: { $0.function != "<module>" }) {
            notes.append("traceback (most recent call last):")
            var previous: String?
            var repeats = 0
            for entry in traceback.reversed() {
                let place = entry.location.map { " at \($0)" } ?? ""
                let line = "  in \(entry.function)\(place)"
                if line == previous {
                    repeats += 1
                    continue
                }
                if repeats > 0 { notes.append("  [previous line repeated \(repeats) more times]") }
                repeats = 0
                previous = line
                notes.append(line)
            }
            if repeats > 0 { notes.append("  [previous line repeated \(repeats) more times]") }
        }
        notes += remoteNotes
        return Diagnostic(.error, headline, at: location, notes: notes)
    }

    public var description: String { diagnostic.rendered() }
}
