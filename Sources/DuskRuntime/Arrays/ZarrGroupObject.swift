import Foundation
import DuskZarr
import Synchronization

/// A Zarr group as a Dusk value: zarr-python 3's `zarr.Group`. `g['a']` opens a member,
/// `g.create_array(...)` and `g.create_group(...)` add members, `g.attrs` holds attributes.
final class ZarrGroupObject: RuntimeObject {
    private let state: Mutex<ZarrGroup>

    init(_ group: ZarrGroup) { state = Mutex(group) }

    var group: ZarrGroup { state.withLock { $0 } }

    func update(_ body: (ZarrGroup) throws(ZarrError) -> ZarrGroup) throws {
        let current = group
        let updated = try zarrCall { () throws(ZarrError) in try body(current) }
        state.withLock { $0 = updated }
    }

    static let type = TypeObject(name: "zarr.Group", doc: """
        A group of Zarr arrays and groups (zarr-python's Group): g['name'] opens a member, \
        g.create_array(name, shape=..., dtype=...) and g.create_group(name) add members, g.attrs holds attributes.
        """)

    var typeName: String { "Group" }
    var runtimeType: TypeObject { ZarrGroupObject.type }
    var repr: String { "<Group file://\(group.location)>" }
    var doc: String? { ZarrGroupObject.type.doc }

    private func members() throws -> [(name: String, kind: ZarrNodeKind)] {
        let g = group
        return try zarrCall { () throws(ZarrError) in try g.members() }
    }

    /// The member `name` (a path below the group, such as `sub/b`).
    func member(_ name: String) throws -> Value {
        let g = group
        let path = g.memberPath(name)
        switch try zarrCall({ () throws(ZarrError) in try ZarrNode.probe(g.store, path, format: g.zarrFormat) }) {
        case .array?:
            return .object(ZarrArrayObject(try zarrCall { () throws(ZarrError) in
                try ZarrArray.open(g.store, path: path, format: g.zarrFormat, readOnly: g.readOnly)
            }))
        case .group?:
            return .object(ZarrGroupObject(try zarrCall { () throws(ZarrError) in
                try ZarrGroup.open(g.store, path: path, format: g.zarrFormat, readOnly: g.readOnly)
            }))
        case nil:
            throw DuskError.keyNotFound(.str(name))
        }
    }

    func length() throws -> Int? { try members().count }

    func contains(_ item: Value, context: ExecutionContext) throws -> Bool? {
        guard case .str(let name) = item else { return false }
        let g = group
        return try zarrCall { () throws(ZarrError) in try ZarrNode.probe(g.store, g.memberPath(name), format: g.zarrFormat) } != nil
    }

    func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        var names = try members().map(\.name).makeIterator()
        return { names.next().map { .str($0) } }
    }

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        guard case .str(let name) = index else { throw DuskError.keyNotFound(index) }
        return try member(name)
    }

    var attributeNames: [String] {
        ["attrs", "info", "path", "name", "basename", "read_only", "store_path", "members", "keys", "array_keys",
         "group_keys", "arrays", "groups", "create_array", "create_group", "require_group"]
    }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        let g = group
        switch name {
        case "attrs": return .object(ZarrAttributesObject(owner: .group(self)))
        case "info":
            let rows = [("Name", g.path), ("Type", "Group"), ("Zarr format", String(g.zarrFormat)),
                        ("Read-only", g.readOnly ? "True" : "False"), ("Store type", "LocalStore")]
            return .object(ZarrInfoObject(text: rows.map { $0.0.padding(toLength: 12, withPad: " ", startingAt: 0) + ": " + $0.1 }
                .joined(separator: "\n")))
        case "path": return .str(g.path)
        case "name": return .str("/" + g.path)
        case "basename": return .str(g.path.split(separator: "/").last.map(String.init) ?? "")
        case "read_only": return .bool(g.readOnly)
        case "store_path": return .str("file://" + g.location)
        default: break
        }
        let method: Builtin
        switch name {
        case "members":
            method = Builtin("members()", doc: "(name, member) pairs.") { [self] _, _ in
                .tuple(try members().map { .tuple([.str($0.name), try member($0.name)]) })
            }
        case "keys", "array_keys", "group_keys":
            method = Builtin("\(name)()", doc: "Member names.") { [self] _, _ in
                .makeList(try members().filter { entry in
                    switch (name, entry.kind) {
                    case ("array_keys", .group), ("group_keys", .array): false
                    default: true
                    }
                }.map { .str($0.name) })
            }
        case "arrays", "groups":
            method = Builtin("\(name)()", doc: "(name, member) pairs of the \(name).") { [self] _, _ in
                .tuple(try members().filter { entry in
                    if case .array = entry.kind { return name == "arrays" }
                    return name == "groups"
                }.map { .tuple([.str($0.name), try member($0.name)]) })
            }
        case "create_array":
            method = Builtin("create_array(name, *, shape, dtype='float64', chunks='auto', fill_value=None, "
                             + "compressors='auto', filters=None, order=None, attributes=None, overwrite=False, **kwargs)",
                             doc: "A new array below the group.") { [self] args, _ in
                let g = group
                guard !g.readOnly else { throw ZarrError(.readOnly, ZarrLibrary.readOnlyMessage).duskError }
                let path = g.memberPath(try args.string(0))
                let keywords = ZarrLibrary.keywords(args, skipping: ["name", "overwrite"])
                return try ZarrLibrary.createArray(g.store, path: path, format: g.zarrFormat, keywords: keywords,
                                                   overwrite: try args.bool(named: "overwrite"))
            }
        case "create_group", "require_group":
            let require = name == "require_group"
            method = Builtin("\(name)(name, attributes=None, overwrite=False)", doc: "A new group below the group.") { [self] args, _ in
                let g = group
                let path = g.memberPath(try args.string(0))
                if require, try zarrCall({ () throws(ZarrError) in try ZarrNode.probe(g.store, path) }) != nil {
                    return try member(try args.string(0))
                }
                guard !g.readOnly else { throw ZarrError(.readOnly, ZarrLibrary.readOnlyMessage).duskError }
                let attributes = args[1].isNone ? JSONObject() : try ZarrLibrary.attributes(args[1])
                let overwrite = try args.bool(2)
                return .object(ZarrGroupObject(try zarrCall { () throws(ZarrError) in
                    try ZarrGroup.create(g.store, path: path, format: g.zarrFormat, attributes: attributes, overwrite: overwrite)
                }))
            }
        default:
            return nil
        }
        return .builtin(method)
    }
}
