import DuskArray
import DuskSyntax

/// A NumPy scalar: what full reductions and element access return. Prints as NumPy 2 does
/// (`np.float64(3.0)` as repr, `3.0` as str) and acts as a plain number (`int(x)`, indexing,
/// formatting, arithmetic with Python numbers keeping NumPy's dtype rules).
public final class NumPyScalar: RuntimeObject {
    public let scalar: Scalar

    public init(_ scalar: Scalar) { self.scalar = scalar }

    public var typeName: String { scalar.dtype == .bool ? "bool" : scalar.dtype.name }
    public var runtimeType: TypeObject { ScalarTypes.type(for: scalar.dtype) }
    public var repr: String { scalar.repr }
    public var str: String { scalar.str }
    public var plainValue: Value? { ArrayConvert.pythonValue(scalar) }
    public func truthiness() throws -> Bool { scalar.boolValue }
    public func hashKey() throws -> HashKey? { try plainValue?.hashKey() }

    /// The scalar as a 0-d array, which does the work of every operation.
    var array: NDArray { get throws { try NDArray(scalar: scalar) } }
    private var arrayObject: NDArrayObject { get throws { NDArrayObject(try array) } }

    public var attributeNames: [String] { NDArrayObject.attributeNames }

    public func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "real": return scalar.value
        case "imag": return Scalar.int64(0).cast(to: scalar.dtype).value
        default: return try arrayObject.attribute(name, context: context)
        }
    }

    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        try arrayObject.binaryOperation(op, other, reflected: reflected, context: context)
    }

    public func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value? {
        try arrayObject.unaryOperation(op, context: context)
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        try arrayObject.compare(op, other, reflected: reflected, context: context)
    }
}
