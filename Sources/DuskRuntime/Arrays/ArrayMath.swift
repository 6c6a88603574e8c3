import DuskArray
import DuskGraph
import DuskSyntax

/// An array argument classified: concrete (NumPy semantics, runs now) or lazy (adds a node).
enum ArrayArgument {
    case eager(NDArray)
    case lazy(LazyArray)

    /// Lazy when the value is a lazy array; otherwise the value as a concrete array.
    static func of(_ value: Value, context: ExecutionContext) throws -> ArrayArgument {
        if case .object(let o) = value, let lazy = o as? LazyArrayObject { return .lazy(lazy.array) }
        return .eager(try ArrayConvert.ndarray(value, context: context))
    }

    /// True when any of `values` is a lazy array.
    static func anyLazy(_ values: [Value]) -> Bool {
        values.contains { if case .object(let o) = $0 { return o is LazyArrayObject } else { return false } }
    }
}

/// Where a graph node is being created: the call being evaluated, for task error reports.
///
/// The runtime does not expose the location of the call a built-in runs for yet, so nodes
/// carry no location; errors raised while building are still located by the interpreter.
func currentCallLocation(_ context: ExecutionContext) -> SourceLocation? { context.callLocation }

/// Elementwise math shared by arrays, scalars, lazy arrays and the `numpy` functions:
/// concrete operands run the NDArray kernels, any lazy operand makes the result lazy.
enum ArrayMath {
    /// Python's operator symbols as NumPy ufuncs (`@` is handled apart).
    static func ufunc(for op: BinaryOperator) -> BinaryOp? {
        switch op {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .floorDivide: .floor_divide
        case .modulo: .remainder
        case .power: .power
        case .matmul: nil
        case .leftShift: .left_shift
        case .rightShift: .right_shift
        case .bitAnd: .bitwise_and
        case .bitOr: .bitwise_or
        case .bitXor: .bitwise_xor
        }
    }

    /// Comparisons as ufuncs.
    static func ufunc(for op: ComparisonOperator) -> BinaryOp? {
        switch op {
        case .less: .less
        case .lessEqual: .less_equal
        case .greater: .greater
        case .greaterEqual: .greater_equal
        case .equal: .equal
        case .notEqual: .not_equal
        default: nil
        }
    }

    /// The layer names Dask gives operators (Python's `operator` module names).
    static func daskName(_ op: BinaryOp) -> String? {
        switch op {
        case .add: "add"
        case .subtract: "sub"
        case .multiply: "mul"
        case .divide: "truediv"
        case .floor_divide: "floordiv"
        case .remainder: "mod"
        case .power: "pow"
        case .left_shift: "lshift"
        case .right_shift: "rshift"
        case .bitwise_and: "and_"
        case .bitwise_or: "or_"
        case .bitwise_xor: "xor"
        case .less: "lt"
        case .less_equal: "le"
        case .greater: "gt"
        case .greater_equal: "ge"
        case .equal: "eq"
        case .not_equal: "ne"
        default: nil
        }
    }

    /// A lazy operand from any array-like value (nil when the value is not one).
    static func lazyOperand(_ value: Value, context: ExecutionContext) throws -> LazyOperand? {
        switch value {
        case .int(let i): return .int(Int64(i))
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .list, .tuple: return .ndarray(try ArrayConvert.ndarray(value, context: context))
        case .object(let o):
            if let lazy = o as? LazyArrayObject { return .array(lazy.array) }
            if let a = o as? NDArrayObject { return .ndarray(a.array) }
            if let s = o as? NumPyScalar { return .ndarray(try NDArray(scalar: s.scalar)) }
            if let convertible = o as? any NDArrayConvertible { return .ndarray(try convertible.ndarray(context: context)) }
            return nil
        default: return nil
        }
    }

    /// `op(a, b)` for array-likes; nil when an operand is not array-like (so the caller can
    /// report the usual operator error). `operatorName` names the layer as Dask names operators.
    static func binary(_ op: BinaryOp, _ a: Value, _ b: Value, operatorName: Bool = false,
                       context: ExecutionContext) throws -> Value? {
        if ArrayArgument.anyLazy([a, b]) {
            guard let x = try lazyOperand(a, context: context), let y = try lazyOperand(b, context: context) else { return nil }
            let name = operatorName ? daskName(op) : nil
            let location = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.binary(op, x, y, name: name, at: location)
            })
        }
        guard let x = try ArrayConvert.operand(a, context: context),
              let y = try ArrayConvert.operand(b, context: context) else { return nil }
        let result = try arrayCall { () throws(ArrayError) in try NDArray.binary(op, x, y) }
        ComputeRunner.reportWarnings(context)
        return ArrayConvert.wrap(result)
    }

    /// `op(x)` for an array-like.
    static func unary(_ op: UnaryOp, _ x: Value, layerName: String? = nil, context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .lazy(let lazy):
            let location = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.unary(op, lazy, name: layerName, at: location)
            })
        case .eager(let array):
            let result = try arrayCall { () throws(ArrayError) in try array.unary(op) }
            ComputeRunner.reportWarnings(context)
            return ArrayConvert.wrap(result)
        }
    }

    /// `a @ b` and `np.matmul`.
    static func matmul(_ a: Value, _ b: Value, context: ExecutionContext) throws -> Value? {
        if ArrayArgument.anyLazy([a, b]) {
            guard let x = try lazyArray(a, context: context), let y = try lazyArray(b, context: context) else { return nil }
            let location = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try LazyArray.matmul(x, y, at: location) })
        }
        guard try ArrayConvert.operand(a, context: context) != nil, try ArrayConvert.operand(b, context: context) != nil else {
            return nil
        }
        let x = try ArrayConvert.ndarray(a, context: context), y = try ArrayConvert.ndarray(b, context: context)
        if x.ndim == 0 || y.ndim == 0 {
            throw DuskError(.valueError, "matmul: Input operand \(x.ndim == 0 ? 0 : 1) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
        }
        return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try NDArray.matmul(x, y) })
    }

    /// A value as a lazy array: lazy arrays as they are, concrete array-likes as one chunk.
    static func lazyArray(_ value: Value, context: ExecutionContext) throws -> LazyArray? {
        if case .object(let o) = value {
            if let lazy = o as? LazyArrayObject { return lazy.array }
            if o is DelayedObject { return nil }
        }
        guard try ArrayConvert.operand(value, context: context) != nil else { return nil }
        let array = try ArrayConvert.ndarray(value, context: context)
        let location = currentCallLocation(context)
        return try graphCall { () throws(GraphError) in try LazyArray.fromArray(array, chunks: .uniform(-1), at: location) }
    }

    /// A value as a lazy array or a `TypeError`.
    static func requireLazy(_ value: Value, _ function: String, context: ExecutionContext) throws -> LazyArray {
        if let lazy = try lazyArray(value, context: context) { return lazy }
        throw DuskError(.typeError, "\(function)() needs an array, not '\(value.typeName)'")
    }
}
