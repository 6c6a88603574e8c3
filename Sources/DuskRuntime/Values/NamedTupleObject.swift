/// A Python named tuple returned by a library function (NumPy's `UniqueAllResult`,
/// `QRResult`...): fields by name or position, unpacking, `len`, and Python's repr.
final class NamedTupleObject: RuntimeObject {
    let name: String
    let fields: [String]
    let values: [Value]

    init(_ name: String, _ entries: KeyValuePairs<String, Value>) {
        self.name = name
        self.fields = entries.map(\.key)
        self.values = entries.map(\.value)
    }

    var typeName: String { name }
    var repr: String {
        name + "(" + zip(fields, values).map { "\($0)=\($1.repr)" }.joined(separator: ", ") + ")"
    }
    var attributeNames: [String] { fields }
    var plainValue: Value? { .tuple(values) }

    func length() throws -> Int? { values.count }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        fields.firstIndex(of: name).map { values[$0] }
    }

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        try context.subscriptValue(.tuple(values), index)
    }

    func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        var position = 0
        let values = self.values
        return {
            guard position < values.count else { return nil }
            defer { position += 1 }
            return values[position]
        }
    }
}
