import DuskSyntax

/// A lazy call of an opaque function: Dask's `Delayed`.
///
/// The function receives the values of `dependencies` in order: a delayed dependency's
/// result, or a lazy array's whole value (its chunks assembled into one `NDArray`). Plain
/// arguments are not dependencies; the runtime captures them in the function and describes
/// them in the token material, so the key is a deterministic token of the function's
/// identity, the plain arguments and the dependencies' names: identical calls merge.
public final class DelayedNode: Sendable, CustomStringConvertible {
    /// `<name>-<token>`, as Dask keys a delayed call (`add-1f0e...`).
    public let key: String
    /// The function's name, for display (`add`, `sum`, `getattr`).
    public let displayName: String
    public let dependencies: [GraphInput]
    public let function: TaskFunction
    /// Where the call was written.
    public let location: SourceLocation?
    /// The call as data (function and plain arguments), for a worker in another process; nil
    /// when it cannot travel.
    public let portable: (any PortableCode)?

    /// A delayed call.
    ///
    /// - Parameters:
    ///   - displayName: the function's name; the key starts with it.
    ///   - token: what identifies the function and the plain arguments (the runtime's choice,
    ///     e.g. the function's identity and the arguments' reprs); `nil` gives a key that
    ///     never merges (Dask's `pure=False`).
    ///   - dependencies: delayed calls and lazy arrays whose values the function receives.
    public init(displayName: String, token: String?, dependencies: [GraphInput],
                location: SourceLocation? = nil, portable: (any PortableCode)? = nil,
                function: @escaping TaskFunction) {
        var builder = TokenBuilder()
        builder.combine(displayName)
        if let token {
            builder.combine(token)
        } else {
            builder.combine(word: DelayedNode.nextUnique())
        }
        for dependency in dependencies { builder.combine(dependency.name) }
        self.key = displayName + "-" + builder.finalize()
        self.displayName = displayName
        self.dependencies = dependencies
        self.function = function
        self.location = location
        self.portable = portable
    }

    /// A node with an explicit key (Dask's `dask_key_name=`).
    public init(key: String, displayName: String, dependencies: [GraphInput],
                location: SourceLocation? = nil, portable: (any PortableCode)? = nil,
                function: @escaping TaskFunction) {
        self.key = key
        self.displayName = displayName
        self.dependencies = dependencies
        self.function = function
        self.location = location
        self.portable = portable
    }

    /// Dask's repr: `Delayed('add-1f0e...')`.
    public var description: String { "Delayed('\(key)')" }

    private static let uniqueCounter = UniqueCounter()

    /// A number never returned before in this process, for names that must not merge.
    static func nextUnique() -> UInt64 { uniqueCounter.next() }
}

import Synchronization

/// A process-wide counter for keys that must never merge.
final class UniqueCounter: Sendable {
    private let value = Atomic<UInt64>(0)
    func next() -> UInt64 { value.add(1, ordering: .relaxed).newValue }
}
