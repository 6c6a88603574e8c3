import Synchronization

/// One thread's cache of module member reads (`math.sqrt`, `np.float64`), by the site
/// in the code that reads them.
///
/// A namespace keeps its members in a dictionary behind a lock, so an uncached read
/// takes the lock and hashes the name. A hit here is three comparisons and a load: the
/// entry for the site must be for the same namespace and no namespace may have been
/// written since it was filled (`Namespace.version`). Entries are direct-mapped by site
/// number; two sites that share an entry take turns.
struct ModuleMemberCache {
    private struct Entry {
        var site = -1
        var namespace: ObjectIdentifier?
        var version: UInt64 = 0
        var value = Value.none
    }

    private static let size = 64
    /// Empty until the first store, so a thread that reads no module member allocates nothing.
    private var entries: [Entry] = []

    /// A number for a new site, distinct from every other site of the process.
    static func newSite() -> Int { nextSite.wrappingAdd(1, ordering: .relaxed).oldValue }
    private static let nextSite = Atomic<Int>(0)

    /// The member `site` read from `namespace`, if this thread's entry is still valid.
    @inline(__always)
    func value(site: Int, in namespace: Namespace) -> Value? {
        let i = site & (Self.size - 1)
        guard i < entries.count, entries[i].site == site, entries[i].namespace == ObjectIdentifier(namespace),
              entries[i].version == Namespace.version.load(ordering: .acquiring) else { return nil }
        return entries[i].value
    }

    /// Records what `site` read from `namespace`; `version` must have been loaded before the read.
    mutating func store(_ value: Value, site: Int, in namespace: Namespace, version: UInt64) {
        if entries.isEmpty { entries = Array(repeating: Entry(), count: Self.size) }
        entries[site & (Self.size - 1)] = Entry(site: site, namespace: ObjectIdentifier(namespace), version: version,
                                                value: value)
    }
}

extension ExecutionContext {
    /// `namespace.name`, read at `site` (see `ModuleMemberCache`).
    @inline(__always)
    func member(of namespace: Namespace, _ name: String, site: Int) throws -> Value {
        if let v = memberCache.value(site: site, in: namespace) { return v }
        return try loadMember(of: namespace, name, site: site)
    }

    @inline(never)
    private func loadMember(of namespace: Namespace, _ name: String, site: Int) throws -> Value {
        let version = Namespace.version.load(ordering: .acquiring)
        let value = try attribute(of: .module(namespace), name)
        memberCache.store(value, site: site, in: namespace, version: version)
        return value
    }
}
