import Synchronization

/// The table of built-ins every session starts from: global functions and values,
/// and the namespaces (`numpy`, `dask.array`, `time`...) with their members.
///
/// Libraries fill it through installer functions (`(inout Registry) -> Void`):
/// the standard ones are listed in `Builtins.standardLibraries`; others can be
/// added at run time with `Builtins.addLibrary` before a session is created.
/// The same table feeds `help`, `dir` and tab completion.
public struct Registry: Sendable {
    struct NamespaceEntry: Sendable {
        var doc: String
        var members: [(String, Value)]
    }

    private(set) var namespaces: [String: NamespaceEntry] = [:]
    private(set) var namespaceOrder: [String] = []
    private(set) var globals: [(String, Value)] = []

    public init() {}

    /// Declares a namespace (and its parents: `dask.array` declares `dask`).
    public mutating func addNamespace(_ path: String, doc: String = "") {
        let parts = path.split(separator: ".")
        if parts.count > 1 {
            let parent = parts.dropLast().joined(separator: ".")
            if namespaces[parent] == nil { addNamespace(parent) }
        }
        if namespaces[path] == nil {
            namespaces[path] = NamespaceEntry(doc: doc, members: [])
            namespaceOrder.append(path)
        } else if !doc.isEmpty {
            namespaces[path]!.doc = doc
        }
    }

    /// Registers a native function from its signature text, in a namespace and/or as a global.
    ///
    /// ```
    /// registry.register(in: "numpy", global: true, "ones(shape, dtype=None, chunks='auto')",
    ///                   doc: "An array of ones.") { args, context in ... }
    /// ```
    @discardableResult
    public mutating func register(in namespace: String? = nil, global: Bool = false, _ signature: String,
                                  doc: String, _ body: @escaping Builtin.Body) -> Builtin {
        let builtin = Builtin(signature, module: namespace, doc: doc, body)
        setValue(.builtin(builtin), named: builtin.name, in: namespace, global: global || namespace == nil)
        return builtin
    }

    /// Binds a value (a constant, a type, an object) in a namespace and/or as a global.
    /// A later registration of the same name replaces the earlier one.
    public mutating func setValue(_ value: Value, named name: String, in namespace: String? = nil, global: Bool = false) {
        if let namespace {
            addNamespace(namespace)
            if let i = namespaces[namespace]!.members.firstIndex(where: { $0.0 == name }) {
                namespaces[namespace]!.members[i].1 = value
            } else {
                namespaces[namespace]!.members.append((name, value))
            }
        }
        if global || namespace == nil {
            if let i = globals.firstIndex(where: { $0.0 == name }) {
                globals[i].1 = value
            } else {
                globals.append((name, value))
            }
        }
    }

    /// The documentation of a namespace.
    public func doc(ofNamespace path: String) -> String? { namespaces[path]?.doc }

    /// Every namespace path, in registration order.
    public var namespacePaths: [String] { namespaceOrder }

    /// Fresh namespace objects for a session, children linked into their parents.
    func makeNamespaces() -> [String: Namespace] {
        var made: [String: Namespace] = [:]
        for path in namespaceOrder {
            let entry = namespaces[path]!
            made[path] = Namespace(name: path, doc: entry.doc, members: entry.members)
        }
        for path in namespaceOrder {
            let parts = path.split(separator: ".")
            guard parts.count > 1 else { continue }
            let parent = parts.dropLast().joined(separator: ".")
            if let p = made[parent], p.member(String(parts.last!)) == nil {
                p.setMember(String(parts.last!), .module(made[path]!))
            }
        }
        return made
    }
}

/// Installing libraries of built-ins.
public enum Builtins {
    public typealias Installer = @Sendable (inout Registry) -> Void

    private static let extraLibraries = Mutex<[Installer]>([])

    /// Adds a library installed into every session created afterwards
    /// (for example the command line's `timeit`).
    public static func addLibrary(_ install: @escaping Installer) {
        extraLibraries.withLock { $0.append(install) }
    }

    /// Registers one function for every session created afterwards.
    public static func register(in namespace: String? = nil, global: Bool = false, _ signature: String,
                                doc: String, _ body: @escaping Builtin.Body) {
        addLibrary { $0.register(in: namespace, global: global, signature, doc: doc, body) }
    }

    /// The standard libraries, installed once per process.
    private static let standardRegistry: Registry = {
        var registry = Registry()
        for install in standardLibraries { install(&registry) }
        return registry
    }()

    /// The registry a new session starts from: the standard libraries plus any added ones.
    public static func makeRegistry() -> Registry {
        var registry = standardRegistry
        for install in extraLibraries.withLock({ $0 }) { install(&registry) }
        return registry
    }
}
