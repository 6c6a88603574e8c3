import Synchronization

/// A built-in module: `numpy`, `dask.array`, `time`... Its members are values.
///
/// Each session gets its own namespaces (made from the registry), so a script
/// that assigns `np.x = 1` does not leak into another session.
public final class Namespace: Sendable {
    /// The full path: `dask.array`.
    public let name: String
    public let doc: String
    private let members: Mutex<[String: Value]>
    private let order: Mutex<[String]>

    /// Counts writes to the members of every namespace of the process (and namespaces
    /// made), so threads can cache what a member read found (`ModuleMemberCache`): a
    /// cached read is valid while this is unchanged. Incremented after the write, while
    /// the lock is held, as `Globals.version` is.
    static let version = Atomic<UInt64>(1)

    public init(name: String, doc: String = "", members: [(String, Value)] = []) {
        self.name = name
        self.doc = doc
        var table: [String: Value] = [:]
        var names: [String] = []
        for (k, v) in members {
            if table.updateValue(v, forKey: k) == nil { names.append(k) }
        }
        self.members = Mutex(table)
        self.order = Mutex(names)
        // A cache keyed by a namespace's identity must not match a new one made at the
        // address of a freed one.
        _ = Namespace.version.wrappingAdd(1, ordering: .acquiringAndReleasing)
    }

    public func member(_ name: String) -> Value? { members.withLock { $0[name] } }

    public func setMember(_ name: String, _ value: Value) {
        let isNew = members.withLock { table in
            defer { _ = Namespace.version.wrappingAdd(1, ordering: .acquiringAndReleasing) }
            return table.updateValue(value, forKey: name) == nil
        }
        if isNew { order.withLock { $0.append(name) } }
    }

    /// Member names in registration order.
    public var memberNames: [String] { order.withLock { $0 } }
}
