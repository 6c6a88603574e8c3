import DuskZarr

/// `z.attrs` / `g.attrs`: the node's attributes as a mutable mapping. Reads see the
/// attributes as last read or written; each change rewrites the node's metadata file.
final class ZarrAttributesObject: RuntimeObject {
    enum Owner {
        case array(ZarrArrayObject)
        case group(ZarrGroupObject)
    }

    let owner: Owner

    init(owner: Owner) { self.owner = owner }

    var typeName: String { "Attributes" }

    private var attributes: JSONObject {
        switch owner {
        case .array(let a): a.array.metadata.attributes
        case .group(let g): g.group.attributes
        }
    }

    private func store(_ attributes: JSONObject) throws {
        switch owner {
        case .array(let a): try a.update { (array) throws(ZarrError) in try array.settingAttributes(attributes) }
        case .group(let g): try g.update { (group) throws(ZarrError) in try group.settingAttributes(attributes) }
        }
    }

    /// As a dict: `{'name': 'image', 'scale': 0.5}`.
    var repr: String { ZarrValues.value(.object(attributes)).repr }

    func length() throws -> Int? { attributes.count }

    func contains(_ item: Value, context: ExecutionContext) throws -> Bool? {
        guard case .str(let key) = item else { return false }
        return attributes[key] != nil
    }

    func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        var keys = attributes.keys.makeIterator()
        return { keys.next().map { .str($0) } }
    }

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        guard case .str(let key) = index, let value = attributes[key] else { throw DuskError.keyNotFound(index) }
        return ZarrValues.value(value)
    }

    func setSubscript(_ index: Value, to value: Value, context: ExecutionContext) throws -> Bool {
        guard case .str(let key) = index else {
            throw DuskError(.typeError, "attribute names must be str, not '\(index.typeName)'")
        }
        var updated = attributes
        updated[key] = try ZarrValues.json(value)
        try store(updated)
        return true
    }

    var attributeNames: [String] { ["asdict", "keys", "values", "items", "get", "update", "put"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        let method: Builtin
        switch name {
        case "asdict":
            method = Builtin("asdict()", doc: "The attributes as a dict.") { [self] _, _ in ZarrValues.value(.object(attributes)) }
        case "keys":
            method = Builtin("keys()", doc: "The attribute names.") { [self] _, _ in .makeList(attributes.keys.map { .str($0) }) }
        case "values":
            method = Builtin("values()", doc: "The attribute values.") { [self] _, _ in
                .makeList(attributes.members.map { ZarrValues.value($0.value) })
            }
        case "items":
            method = Builtin("items()", doc: "(name, value) pairs.") { [self] _, _ in
                .makeList(attributes.members.map { .tuple([.str($0.key), ZarrValues.value($0.value)]) })
            }
        case "get":
            method = Builtin("get(key, default=None)", doc: "An attribute, or default when absent.") { [self] args, _ in
                guard case .str(let key) = args[0], let value = attributes[key] else { return args[1] }
                return ZarrValues.value(value)
            }
        case "update", "put":
            let replace = name == "put"
            method = Builtin("\(name)(d)", doc: replace ? "Replaces all attributes with d." : "Adds or replaces attributes from d.") { [self] args, _ in
                guard case .object(let object) = try ZarrValues.json(args[0]) else {
                    throw DuskError(.typeError, "\(name)() needs a dict, not '\(args[0].typeName)'")
                }
                var updated = replace ? JSONObject() : attributes
                for (key, value) in object.members { updated[key] = value }
                try store(updated)
                return .none
            }
        default:
            return nil
        }
        return .builtin(method)
    }
}
