import DuskArray
import DuskSyntax

/// A concrete array as a Dusk value: NumPy's `ndarray`.
///
/// Prints as NumPy 2 (`array([1., 2.])` as repr, `[1. 2.]` as str). Operators broadcast with
/// NumPy's promotion (Python numbers are weak scalars, NEP 50); an operation with a lazy
/// array gives a lazy array; full reductions give NumPy scalars.
public final class NDArrayObject: RuntimeObject {
    public let array: NDArray

    public init(_ array: NDArray) { self.array = array }

    public var typeName: String { "ndarray" }
    public var runtimeType: TypeObject { NDArrayObject.type }
    public var repr: String { array.repr }
    public var str: String { array.str }
    public var doc: String? { NDArrayObject.type.doc }

    static let type = TypeObject(name: "numpy.ndarray", doc: """
        A concrete n-dimensional array (NumPy's ndarray): shape, dtype, strides over shared storage.
        Made by np.array, np.ones, ... or by compute() of a lazy array.
        """)

    public var plainValue: Value? {
        guard array.ndim == 0, let s = try? array.item() else { return nil }
        return ArrayConvert.pythonValue(s)
    }

    public func truthiness() throws -> Bool {
        if array.count == 1 { return try arrayCall { () throws(ArrayError) in try array.reshaped([]).item() }.boolValue }
        if array.count == 0 {
            throw DuskError(.valueError, "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.")
        }
        throw DuskError(.valueError, "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
    }

    public func length() throws -> Int? {
        guard let first = array.shape.first else { throw DuskError(.typeError, "len() of unsized object") }
        return first
    }

    public func hashKey() throws -> HashKey? { nil }

    public func isIdentical(to other: any RuntimeObject) -> Bool {
        guard let o = other as? NDArrayObject else { return false }
        return o === self
    }

    // MARK: - Operators

    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        if case .object(let o) = other, o is LazyArrayObject || o is DelayedObject { return nil }
        let (a, b) = reflected ? (other, Value.object(self)) : (Value.object(self), other)
        guard let ufunc = ArrayMath.ufunc(for: op) else { return try ArrayMath.matmul(a, b, context: context) }
        return try ArrayMath.binary(ufunc, a, b, context: context)
    }

    public func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value? {
        let ufunc: UnaryOp
        switch op {
        case .negate: ufunc = .negative
        case .plus: ufunc = .positive
        case .invert: ufunc = .invert
        case .not: return nil
        }
        return try ArrayMath.unary(ufunc, .object(self), context: context)
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        if case .object(let o) = other, o is LazyArrayObject || o is DelayedObject { return nil }
        guard let ufunc = ArrayMath.ufunc(for: op) else { return nil }
        return try ArrayMath.binary(ufunc, .object(self), other, context: context)
    }

    public func contains(_ item: Value, context: ExecutionContext) throws -> Bool? {
        guard let equal = try ArrayMath.binary(.equal, .object(self), item, context: context) else { return false }
        let any = try ArrayConvert.ndarray(equal, context: context)
        return try arrayCall { () throws(ArrayError) in try any.any().item() }.boolValue
    }

    // MARK: - Indexing and iteration

    public func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        let entries = try ArrayConvert.index(index, context: context)
        let result = try arrayCall { () throws(ArrayError) in try array.indexed(entries) }
        // Integers on every axis give a scalar; `a[...]` and masks keep arrays.
        let allIntegers = entries.allSatisfy { if case .int = $0 { return true } else { return false } }
        return allIntegers ? ArrayConvert.wrap(result) : ArrayConvert.wrapArray(result)
    }

    public func setSubscript(_ index: Value, to value: Value, context: ExecutionContext) throws -> Bool {
        let entries = try ArrayConvert.index(index, context: context)
        let operand: Operand
        if case .object(let o) = value, let lazy = o as? LazyArrayObject {
            operand = .array(try lazy.computeArray(context: context))
        } else {
            operand = try ArrayConvert.requireOperand(value, "__setitem__", context: context)
        }
        try arrayCall { () throws(ArrayError) in try array.setSubscript(entries, value: operand) }
        return true
    }

    public func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        guard let count = array.shape.first else { throw DuskError(.typeError, "iteration over a 0-d array") }
        let array = self.array
        var position = 0
        return {
            guard position < count else { return nil }
            defer { position += 1 }
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try array.indexed([.int(position)]) })
        }
    }
}
