import DuskArray
import DuskSyntax

/// An argument of a lazy elementwise operation: a lazy array, an in-memory array, or a Python
/// scalar (weak in NumPy 2's promotion, as `Operand` in the NDArray module).
public enum LazyOperand: Sendable {
    case array(LazyArray)
    case ndarray(NDArray)
    case int(Int64)
    case float(Double)
    case bool(Bool)
}

extension LazyArray {
    /// A ufunc of one argument: `sin(x)`, `-x`, `abs(x)`.
    ///
    /// `name` is the layer's name when it should differ from NumPy's (Dask names operators
    /// after Python's: `neg`, `invert`).
    public static func unary(_ op: UnaryOp, _ x: LazyArray, name: String? = nil,
                             at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let result = try arrayResult { () throws(ArrayError) in try op.resolve(x.dtype).result }
        return try elementwise(.unary(op), [.array(x)], dtype: result, name: name, at: location)
    }

    /// A ufunc of two arguments with broadcasting: `x + y`, `x < 1`, `maximum(x, y)`.
    ///
    /// `name` is the layer's name when it should differ from NumPy's: Dask names operators
    /// after Python's (`x * y` is `mul`, `x / y` is `truediv`, `x > 0` is `gt`).
    public static func binary(_ op: BinaryOp, _ lhs: LazyOperand, _ rhs: LazyOperand, name: String? = nil,
                              at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let result = try arrayResult { () throws(ArrayError) in
            try op.resolve(lhs.dtypeProbe, rhs.dtypeProbe).result
        }
        return try elementwise(.binary(op), [lhs, rhs], dtype: result, name: name, at: location)
    }

    /// `where(condition, x, y)`: elements of `x` where the condition holds, else of `y`.
    public static func `where`(_ condition: LazyOperand, _ x: LazyOperand, _ y: LazyOperand,
                               at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let result = Operand.resultDType([x.dtypeProbe, y.dtypeProbe])
        return try elementwise(.where, [condition, x, y], dtype: result, at: location)
    }

    /// `clip(x, min, max)`: `minimum(maximum(x, min), max)`; a nil bound is not applied.
    public func clip(min lower: LazyOperand?, max upper: LazyOperand?,
                     at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard lower != nil || upper != nil else {
            throw GraphError.value("One of max or min must be given").located(location)
        }
        // Python int bounds beyond an integer dtype's range are dropped, as NumPy 2 (and NDArray) do.
        var (lower, upper) = (lower, upper)
        if dtype.isInteger, let bounds = dtype.integerBounds {
            if case .int(let value)? = lower, value <= bounds.min { lower = nil }
            if case .int(let value)? = upper, value >= 0, UInt64(value) >= bounds.max { upper = nil }
        }
        var probe = Operand.array(LazyOperand.placeholder(dtype))
        for (op, bound) in [(BinaryOp.maximum, lower), (BinaryOp.minimum, upper)] {
            guard let bound else { continue }
            let current = probe
            let dtype = try LazyArray.arrayResult { () throws(ArrayError) in try op.resolve(current, bound.dtypeProbe).result }
            probe = .array(LazyOperand.placeholder(dtype))
        }
        return try LazyArray.elementwise(.clip, [.array(self), lower, upper], dtype: probe.array!.dtype, at: location)
    }

    /// `x.astype(dtype)`: the same array with elements cast as NumPy casts them.
    public func astype(_ target: DType, at location: SourceLocation? = nil) -> LazyArray {
        if target == dtype { return self }
        return try! LazyArray.elementwise(.astype(target), [.array(self)], dtype: target, at: location)
    }

    /// `round(x, decimals)`: NumPy's `round` (`NDArray.rounded`) block by block, one layer as
    /// in Dask; integer and bool arrays are returned as they are for `decimals >= 0`.
    public func rounded(decimals: Int = 0, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        if !dtype.isFloatingPoint && dtype != .bool && decimals >= 0 { return self }
        let input = dtype
        let result = try LazyArray.arrayResult { () throws(ArrayError) in
            try NDArray(zeros: input, shape: [0]).rounded(decimals: decimals).dtype
        }
        return try LazyArray.elementwise(.round(decimals: decimals), [.array(self)], dtype: result, at: location)
    }

    /// The common path: broadcast shapes, unify chunks (rechunking inputs that differ),
    /// one node whose blocks apply `function` to aligned input blocks.
    static func elementwise(_ function: ElementwiseFunction, _ operands: [LazyOperand?], dtype: DType,
                            name: String? = nil, at location: SourceLocation?) throws(GraphError) -> LazyArray {
        var arrays: [LazyArray] = []
        var slots: [ElementwiseOperand] = []
        var token = TokenBuilder()
        for operand in operands {
            switch operand {
            case .none:
                slots.append(.none)
            case .array(let array)?:
                slots.append(.input(arrays.count))
                arrays.append(array)
            case .ndarray(let array)?:
                slots.append(.input(arrays.count))
                arrays.append(try fromArray(array, chunks: .perDimension(array.shape.map { .size($0) }), at: location))
            case .int(let value)?:
                slots.append(.int(value))
                token.combine(Int(value))
            case .float(let value)?:
                slots.append(.float(value))
                token.combine(value)
            case .bool(let value)?:
                slots.append(.bool(value))
                token.combine(value)
            }
        }
        for slot in slots { token.combine(slot.tokenTag) }
        let shape: [Int]
        do {
            shape = try NDArray.broadcastShapes(arrays.map(\.shape))
        } catch {
            throw GraphError.array(error, at: location)
        }
        let unified = try Chunks.unifyBroadcasting(arrays.map(\.chunks), outputShape: shape)
        let inputs = try arrays.indices.map { (i) throws(GraphError) in try arrays[i].rechunked(to: unified.inputs[i], at: location) }
        token.combine(function.name)
        if case .astype(let target) = function { token.combine(target) }
        if case .round(let decimals) = function { token.combine(decimals) }
        return try make(name ?? function.name, op: .elementwise(ElementwiseOp(function: function, operands: slots)),
                    inputs: inputs.map { .array($0.expr) }, dtype: dtype, chunks: unified.output,
                    token: token, location: location)
    }

    /// Runs a dtype rule, turning its error into a graph error.
    static func arrayResult<R>(_ body: () throws(ArrayError) -> R) throws(GraphError) -> R {
        do { return try body() } catch { throw GraphError.array(error) }
    }
}

extension LazyOperand {
    /// The operand as the NDArray module's `Operand`, with a placeholder array of the right
    /// dtype, so its dtype rules can run without data.
    var dtypeProbe: Operand {
        switch self {
        case .array(let array): .array(LazyOperand.placeholder(array.dtype))
        case .ndarray(let array): .array(LazyOperand.placeholder(array.dtype))
        case .int(let value): .int(value)
        case .float(let value): .float(value)
        case .bool(let value): .bool(value)
        }
    }

    /// An empty array of each dtype, made once.
    private static let placeholders: [NDArray] = DType.allCases.map { dtype in
        NDArray(dtype: dtype, shape: [0], strides: [1], offset: 0, storage: .placeholder)
    }

    static func placeholder(_ dtype: DType) -> NDArray {
        placeholders[DType.allCases.firstIndex(of: dtype) ?? 0]
    }
}

extension ElementwiseOperand {
    /// A word telling operands apart in tokens.
    var tokenTag: Int {
        switch self {
        case .input(let slot): 100 + slot
        case .int: 1
        case .float: 2
        case .bool: 3
        case .none: 4
        }
    }
}
