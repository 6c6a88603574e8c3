import DuskArray
import DuskGraph

/// Reading Dusk values as array arguments (shapes, axes, dtypes, operands, indices) and
/// wrapping array results back into Dusk values.
enum ArrayConvert {
    // MARK: - Results

    /// An operation's result: NumPy returns a scalar where the result is 0-d.
    static func wrap(_ array: NDArray) -> Value {
        if array.ndim == 0, let scalar = try? array.item() { return scalar.value }
        return .object(NDArrayObject(array))
    }

    /// An array kept as an array even when 0-d (`np.array(5)`, `a[...]`).
    static func wrapArray(_ array: NDArray) -> Value { .object(NDArrayObject(array)) }

    // MARK: - Numbers

    /// An `Int` from an int, bool or NumPy integer scalar.
    static func int(_ value: Value, _ what: String) throws -> Int {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .object(let o):
            if let s = o as? NumPyScalar, s.scalar.dtype.isInteger || s.scalar.dtype.isBool { return Int(s.scalar.int64Value) }
            if let a = o as? NDArrayObject, a.array.ndim == 0, a.array.dtype.isInteger,
               let s = try? a.array.item() { return Int(s.int64Value) }
        default: break
        }
        throw DuskError(.typeError, "\(what) must be an integer, not '\(value.typeName)'")
    }

    static func double(_ value: Value, _ what: String) throws -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .object(let o):
            if let s = o as? NumPyScalar { return s.scalar.doubleValue }
            if let a = o as? NDArrayObject, a.array.count == 1, let s = try? a.array.reshaped([]).item() { return s.doubleValue }
        default: break
        }
        throw DuskError(.typeError, "\(what) must be a number, not '\(value.typeName)'")
    }

    /// A Python number or NumPy scalar as a typed `Scalar` (Python ints are `int64`, floats `float64`).
    static func scalar(_ value: Value, _ what: String) throws -> Scalar {
        switch value {
        case .int(let i): return .int64(Int64(i))
        case .bool(let b): return .bool(b)
        case .float(let d): return .float64(d)
        case .object(let o):
            if let s = o as? NumPyScalar { return s.scalar }
            if let a = o as? NDArrayObject, a.array.ndim == 0, let s = try? a.array.item() { return s }
        default: break
        }
        throw DuskError(.typeError, "\(what) must be a number, not '\(value.typeName)'")
    }

    // MARK: - Shapes and axes

    /// A shape: an int or a sequence of ints (`(3, 4)`, `[500] * 3`).
    static func shape(_ value: Value, _ what: String = "shape") throws -> [Int] {
        switch value {
        case .tuple(let items): return try items.map { try int($0, what) }
        case .list(let l): return try l.items.map { try int($0, what) }
        default:
            if case .object(let o) = value, let a = o as? NDArrayObject, a.array.ndim == 1 {
                return a.array.scalars.map { Int($0.int64Value) }
            }
            return [try int(value, what)]
        }
    }

    /// `axis=`: None (all axes), an int, or a tuple of ints.
    static func axes(_ value: Value) throws -> [Int]? {
        switch value {
        case .none: return nil
        case .tuple(let items): return try items.map { try int($0, "axis") }
        case .list(let l): return try l.items.map { try int($0, "axis") }
        default: return [try int(value, "axis")]
        }
    }

    /// `axis=` for functions taking one axis or None.
    static func axis(_ value: Value) throws -> Int? {
        if value.isNone { return nil }
        return try int(value, "axis")
    }

    // MARK: - Dtypes

    /// `dtype=`: None, a name (`'f8'`, `'int32'`), `np.float32`, `float`, `int`, `bool`, a dtype object.
    static func dtype(_ value: Value) throws -> DType? {
        switch value {
        case .none: return nil
        case .str(let name):
            guard let dtype = DType(numpyName: name) else { throw ArrayError.unknownDType(name).duskError }
            return dtype
        case .type(let t):
            let name = t.name.hasPrefix("numpy.") ? String(t.name.dropFirst(6)) : t.name
            if let dtype = DType(numpyName: name) { return dtype }
            throw DuskError(.typeError, "cannot interpret '\(t.description)' as a data type")
        case .object(let o):
            if let d = o as? DTypeObject { return d.dtype }
            throw DuskError(.typeError, "cannot interpret '\(value.repr)' as a data type")
        default:
            throw DuskError(.typeError, "cannot interpret '\(value.repr)' as a data type")
        }
    }

    // MARK: - Array data

    /// A value as `NestedValue`, the input of `np.array`.
    static func nested(_ value: Value, context: ExecutionContext) throws -> NestedValue {
        switch value {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .float(let d): return .float(d)
        case .tuple(let items): return .list(try items.map { try nested($0, context: context) })
        case .list(let l): return .list(try l.items.map { try nested($0, context: context) })
        case .range(let r): return .list((0..<r.count).map { .int(Int64(r.element(at: $0))) })
        case .object(let o):
            if let a = o as? NDArrayObject { return .array(a.array) }
            if let s = o as? NumPyScalar { return .scalar(s.scalar) }
            if let lazy = o as? LazyArrayObject { return .array(try lazy.computeArray(context: context)) }
            if let convertible = o as? any NDArrayConvertible { return .array(try convertible.ndarray(context: context)) }
            if let plain = o.plainValue { return try nested(plain, context: context) }
        default: break
        }
        throw DuskError(.typeError, "cannot make an array element from a '\(value.typeName)' value")
    }

    /// Any array-like value as an `NDArray` (`np.asarray`): arrays as they are (converted when
    /// `dtype` differs), lazy arrays computed, nested lists and scalars built.
    static func ndarray(_ value: Value, dtype: DType? = nil, context: ExecutionContext) throws -> NDArray {
        if case .object(let o) = value, let a = o as? NDArrayObject {
            return try dtype.map { try a.array.converted(to: $0) } ?? a.array
        }
        let source = try nested(value, context: context)
        return try arrayCall { () throws(ArrayError) in try NDArray.asarray(source, dtype: dtype) }
    }

    /// An elementwise operand: Python scalars stay weak (NEP 50), NumPy scalars and arrays are
    /// strong, lists become arrays. Nil for values that are not array-like (and lazy arrays).
    static func operand(_ value: Value, context: ExecutionContext) throws -> Operand? {
        switch value {
        case .int(let i): return .int(Int64(i))
        case .float(let d): return .float(d)
        case .bool(let b): return .bool(b)
        case .list, .tuple:
            return .array(try ndarray(value, context: context))
        case .object(let o):
            if let a = o as? NDArrayObject { return .array(a.array) }
            if let s = o as? NumPyScalar { return .array(try NDArray(scalar: s.scalar)) }
            if let convertible = o as? any NDArrayConvertible { return .array(try convertible.ndarray(context: context)) }
            return nil
        default:
            return nil
        }
    }

    /// An elementwise operand, or a `TypeError` naming the operation.
    static func requireOperand(_ value: Value, _ function: String, context: ExecutionContext) throws -> Operand {
        if let operand = try operand(value, context: context) { return operand }
        throw DuskError(.typeError, "\(function)() does not support an argument of type '\(value.typeName)'")
    }

    // MARK: - Indices

    /// A subscript as NumPy index entries: `a[1, 2:5, None, ..., [0, 2]]`.
    static func index(_ value: Value, context: ExecutionContext) throws -> [Index] {
        if case .tuple(let items) = value { return try items.map { try indexEntry($0, context: context) } }
        return [try indexEntry(value, context: context)]
    }

    static func indexEntry(_ value: Value, context: ExecutionContext) throws -> Index {
        switch value {
        case .int(let i): return .int(i)
        case .bool(let b): return .array(try NDArray(scalar: .bool(b)))
        case .none: return .newAxis
        case .ellipsis: return .ellipsis
        case .slice(let s):
            return .slice(start: try sliceBound(s.lower), stop: try sliceBound(s.upper), step: try sliceBound(s.step))
        case .list, .tuple, .range:
            return .array(try ndarray(value, context: context))
        case .object(let o):
            if let a = o as? NDArrayObject { return .array(a.array) }
            if let s = o as? NumPyScalar {
                if s.scalar.dtype.isInteger { return .int(Int(s.scalar.int64Value)) }
                if s.scalar.dtype.isBool { return .array(try NDArray(scalar: s.scalar)) }
            }
            if let lazy = o as? LazyArrayObject { return .array(try lazy.computeArray(context: context)) }
        default: break
        }
        throw DuskError(.indexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
    }

    private static func sliceBound(_ value: Value) throws -> Int? {
        if value.isNone { return nil }
        return try int(value, "slice indices")
    }

    // MARK: - Python values from arrays

    /// `a.tolist()`: nested lists of Python numbers.
    static func toList(_ array: NDArray) throws -> Value {
        if array.ndim == 0 { return (try? array.item()).map(pythonValue) ?? .none }
        let scalars = try array.contiguous().scalars
        var position = 0
        func build(_ axis: Int) -> Value {
            if axis == array.ndim - 1 {
                let n = array.shape[axis]
                defer { position += n }
                return .list(ListRef(scalars[position..<position + n].map(pythonValue)))
            }
            return .list(ListRef((0..<array.shape[axis]).map { _ in build(axis + 1) }))
        }
        return build(0)
    }

    /// A scalar as the closest Python value (`item()`).
    static func pythonValue(_ scalar: Scalar) -> Value {
        switch scalar {
        case .bool(let b): return .bool(b)
        case .int(let v, _): return .int(Int(v))
        case .uint(let v, _): return v <= UInt64(Int.max) ? .int(Int(v)) : .float(Double(v))
        case .float(let d, _): return .float(d)
        }
    }
}

extension Scalar {
    /// The scalar as a Dusk value: a NumPy scalar object.
    var value: Value { .object(NumPyScalar(self)) }
}
