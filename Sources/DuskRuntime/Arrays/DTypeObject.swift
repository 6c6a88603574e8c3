import DuskArray
import DuskSyntax

/// `x.dtype` and `np.dtype('f4')`: a data type as a value, printing `dtype('float64')`.
///
/// Compares equal to its names and scalar types: `x.dtype == 'float64'`, `x.dtype == np.float64`.
public final class DTypeObject: RuntimeObject {
    public let dtype: DType

    public init(_ dtype: DType) { self.dtype = dtype }

    public var typeName: String { "dtype[\(dtype.name)]" }
    public var repr: String { "dtype('\(dtype.name)')" }
    public var str: String { dtype.name }
    public var doc: String? { "A NumPy data type: \(dtype.name), \(dtype.itemSize) bytes per element." }
    public func hashKey() throws -> HashKey? { .custom("dtype:" + dtype.name) }

    public var attributeNames: [String] { ["name", "itemsize", "kind", "char", "str", "type"] }

    public func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "name": return .str(dtype.name)
        case "itemsize": return .int(dtype.itemSize)
        case "kind": return .str(String(dtype.kind))
        case "str": return .str(dtype.typeString)
        case "char": return .str(DTypeObject.charCodes[dtype] ?? "?")
        case "type": return .type(ScalarTypes.type(for: dtype))
        default: return nil
        }
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let same = ((try? ArrayConvert.dtype(other)) ?? nil) == dtype
        return .bool(op == .equal ? same : !same)
    }

    static let charCodes: [DType: String] = [
        .bool: "?", .int8: "b", .int16: "h", .int32: "i", .int64: "l", .uint8: "B", .uint16: "H",
        .uint32: "I", .uint64: "L", .float32: "f", .float64: "d",
    ]
}

/// The NumPy scalar types `np.float64`, `np.int32`, `np.bool_`...: usable as `dtype=` and
/// callable to make a scalar (`np.float64(1)`) or convert an array (`np.int32([1.5, 2.5])`).
enum ScalarTypes {
    /// The type object for `dtype`, named `numpy.<name>` as NumPy prints `<class 'numpy.float64'>`.
    static func type(for dtype: DType) -> TypeObject { table[dtype]! }

    static let table: [DType: TypeObject] = {
        var out: [DType: TypeObject] = [:]
        for dtype in DType.allCases {
            let name = dtype == .bool ? "bool" : dtype.name
            let constructor = Builtin("\(name)(value=0, /)", module: "numpy",
                                      doc: "A NumPy \(dtype.name) scalar (or an array of \(dtype.name) from a sequence).") { args, context in
                try convert(args[0], to: dtype, context: context)
            }
            out[dtype] = TypeObject(name: "numpy.\(name)", doc: "NumPy's \(dtype.name) scalar type.", constructor: constructor)
        }
        return out
    }()

    /// `np.float64(x)`: a scalar from a number or string, an array from a sequence.
    static func convert(_ value: Value, to dtype: DType, context: ExecutionContext) throws -> Value {
        switch value {
        case .str(let text):
            let trimmed = text.trimmingCharacters(in: " ")
            if dtype.isFloatingPoint, let d = Double(trimmed) { return Scalar.float64(d).cast(to: dtype).value }
            if let i = Int64(trimmed) { return try checkedInteger(i, dtype).value }
            throw DuskError(.valueError, "could not convert string to \(dtype.name): '\(text)'")
        case .int(let i):
            return try checkedInteger(Int64(i), dtype).value
        default:
            let array = try ArrayConvert.ndarray(value, context: context).converted(to: dtype)
            return ArrayConvert.wrap(array)
        }
    }

    private static func checkedInteger(_ i: Int64, _ dtype: DType) throws -> Scalar {
        if dtype.isInteger && !dtype.holds(integer: i) { throw ArrayError.integerOutOfBounds(i, dtype).duskError }
        return Scalar.int64(i).cast(to: dtype)
    }

    /// Names bound in `numpy`: every dtype name plus NumPy's aliases.
    static var bindings: [(String, TypeObject)] {
        var out = DType.allCases.map { ($0.name, type(for: $0)) }
        out.append(("bool_", type(for: .bool)))
        out.append(("float_", type(for: .float64)))
        out.append(("double", type(for: .float64)))
        out.append(("single", type(for: .float32)))
        out.append(("int_", type(for: .int64)))
        out.append(("intc", type(for: .int32)))
        out.append(("uint", type(for: .uint64)))
        return out
    }
}
