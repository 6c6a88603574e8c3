import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax

/// A lazy chunked array as a Dusk value: Dask's `Array`.
///
/// Operations add graph nodes and return new lazy arrays; `compute()` runs the graph and
/// returns an `ndarray`. The repr is Dask's one line (`dusk.array<...>`); the REPL also shows
/// a summary table and a drawing of the chunk grid.
public final class LazyArrayObject: RuntimeObject {
    public let array: LazyArray

    public init(_ array: LazyArray) { self.array = array }

    static func wrap(_ array: LazyArray) -> Value { .object(LazyArrayObject(array)) }

    public var typeName: String { "Array" }
    public var runtimeType: TypeObject { LazyArrayObject.type }
    public var repr: String { array.repr }
    public var doc: String? { LazyArrayObject.type.doc }

    static let type = TypeObject(name: "dask.array.core.Array", doc: """
        A lazy chunked array (Dask's Array): shape, dtype and chunks are known, no data is computed.
        Operations build a graph; x.compute() runs it and returns an ndarray.
        """)

    public func replDisplay(context: ExecutionContext) -> String? { array.repr + "\n" + array.summary }

    /// Dask's notebook view: the summary table beside the SVG drawing of the chunk grid.
    public func richDisplay(context: ExecutionContext) -> [String: String] { ["text/html": array.htmlSummary] }

    public func hashKey() throws -> HashKey? { .custom("array:" + array.name) }

    public func length() throws -> Int? {
        guard let first = array.shape.first else { throw DuskError(.typeError, "len() of unsized object") }
        return first
    }

    public func truthiness() throws -> Bool {
        throw DuskError(.valueError, "The truth value of a lazy Array is ambiguous; compute() it first "
                        + "(or use x.any().compute() / x.all().compute())")
    }

    /// The array's value, computed with the default scheduler.
    func computeArray(context: ExecutionContext) throws -> NDArray {
        try ComputeRunner.compute(array, configuration: SchedulerDefaults.configuration, context: context)
    }

    // MARK: - Operators

    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        if case .object(let o) = other, o is DelayedObject { return nil }
        let (a, b) = reflected ? (other, Value.object(self)) : (Value.object(self), other)
        guard let ufunc = ArrayMath.ufunc(for: op) else { return try ArrayMath.matmul(a, b, context: context) }
        return try ArrayMath.binary(ufunc, a, b, operatorName: true, context: context)
    }

    public func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value? {
        switch op {
        case .negate: return try ArrayMath.unary(.negative, .object(self), layerName: "neg", context: context)
        case .plus: return try ArrayMath.unary(.positive, .object(self), layerName: "pos", context: context)
        case .invert: return try ArrayMath.unary(.invert, .object(self), layerName: "invert", context: context)
        case .not: return nil
        }
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        if case .object(let o) = other, o is DelayedObject { return nil }
        guard let ufunc = ArrayMath.ufunc(for: op) else { return nil }
        return try ArrayMath.binary(ufunc, .object(self), other, operatorName: true, context: context)
    }

    // MARK: - Indexing and iteration

    public func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        let entries = try ArrayConvert.index(index, context: context)
        let at = currentCallLocation(context)
        return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try array.getitem(entries, at: at) })
    }

    public func setSubscript(_ index: Value, to value: Value, context: ExecutionContext) throws -> Bool {
        throw DuskError(.notImplementedError, "item assignment to a lazy Array is not supported; "
                        + "use da.where(mask, value, x) to build the new array")
    }

    public func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        guard let count = array.shape.first else { throw DuskError(.typeError, "iteration over a 0-d array") }
        let array = self.array
        var position = 0
        return {
            guard position < count else { return nil }
            defer { position += 1 }
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try array.getitem([.int(position)]) })
        }
    }
}
