import DuskArray
import DuskGraph

/// Shape, joining, selection and linear-algebra operations on array-likes, concrete or lazy:
/// the `ndarray`/`Array` methods and the `numpy`/`dask.array` functions share them.
enum ArrayShapeOps {
    /// A shape given as one tuple or as several ints (`reshape(2, 3)`, `reshape((2, 3))`).
    static func shapeArguments(_ values: [Value]) throws -> [Int] {
        if values.count == 1 { return try ArrayConvert.shape(values[0]) }
        return try values.map { try ArrayConvert.int($0, "shape") }
    }

    static func reshape(_ x: Value, _ shape: [Int], context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.reshaped(shape) }))
        case .lazy(let a):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.reshaped(shape, at: at) })
        }
    }

    static func transpose(_ x: Value, _ axes: [Int]?, context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.transposed(axes) }))
        case .lazy(let a):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.transposed(axes, at: at) })
        }
    }

    /// `swapaxes` and `moveaxis` as a permutation.
    static func permutation(ndim: Int, source: [Int], destination: [Int]) throws -> [Int] {
        let src = try source.map { try axis($0, ndim: ndim, argument: "source") }
        let dst = try destination.map { try axis($0, ndim: ndim, argument: "destination") }
        guard src.count == dst.count else {
            throw DuskError(.valueError, "`source` and `destination` arguments must have the same number of elements")
        }
        var order = (0..<ndim).filter { !src.contains($0) }
        for (d, s) in zip(dst, src).sorted(by: { $0.0 < $1.0 }) { order.insert(s, at: d) }
        return order
    }

    /// An axis normalized against `ndim` (negative counts from the end), NumPy's error otherwise.
    static func axis(_ value: Int, ndim: Int, argument: String? = nil) throws -> Int {
        try arrayCall { () throws(ArrayError) in try normalizedAxis(value, ndim: ndim, argument: argument) }
    }

    static func swapaxes(_ x: Value, _ a1: Int, _ a2: Int, context: ExecutionContext) throws -> Value {
        let ndim = try ndimOf(x, context: context)
        let first = try axis(a1, ndim: ndim, argument: "axis1")
        let second = try axis(a2, ndim: ndim, argument: "axis2")
        var axes = Array(0..<ndim)
        axes.swapAt(first, second)
        return try transpose(x, axes, context: context)
    }

    static func moveaxis(_ x: Value, _ source: [Int], _ destination: [Int], context: ExecutionContext) throws -> Value {
        let ndim = try ndimOf(x, context: context)
        return try transpose(x, try permutation(ndim: ndim, source: source, destination: destination), context: context)
    }

    static func shapeOf(_ x: Value, context: ExecutionContext) throws -> [Int] {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return a.shape
        case .lazy(let a): return a.shape
        }
    }

    /// `x[index]` for a concrete or lazy array.
    static func index(_ x: Value, _ index: [Index], context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try a.indexed(index) })
        case .lazy(let a):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.getitem(index, at: at) })
        }
    }

    /// A copy with its own data for a concrete array; lazy arrays are immutable and stay as they are.
    static func copy(_ x: Value, context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return .object(NDArrayObject(try a.copy()))
        case .lazy: return x
        }
    }

    static func ndimOf(_ x: Value, context: ExecutionContext) throws -> Int {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return a.ndim
        case .lazy(let a): return a.ndim
        }
    }

    static func squeeze(_ x: Value, _ axes: [Int]?, context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.squeezed(axes: axes) }))
        case .lazy(let a):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.squeezed(axes: axes, at: at) })
        }
    }

    static func expandDims(_ x: Value, _ axes: [Int], context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a):
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.expandingDimensions(at: axes) }))
        case .lazy(let a):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.expandingDimensions(at: axes, at: at) })
        }
    }

    static func ravel(_ x: Value, context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return .object(NDArrayObject(try a.raveled()))
        case .lazy: return try reshape(x, [-1], context: context)
        }
    }

    static func astype(_ x: Value, _ dtype: DType, context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return .object(NDArrayObject(try a.astype(dtype)))
        case .lazy(let a): return LazyArrayObject.wrap(a.astype(dtype, at: currentCallLocation(context)))
        }
    }

    static func broadcastTo(_ x: Value, _ shape: [Int], context: ExecutionContext) throws -> Value {
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a): return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.broadcast(to: shape) }))
        case .lazy(let a):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.broadcast(to: shape, at: at) })
        }
    }

    /// Several array-likes: lazy when any is lazy (the others become one-chunk lazy arrays).
    static func arrays(_ values: [Value], context: ExecutionContext) throws -> Either {
        if ArrayArgument.anyLazy(values) {
            return .lazy(try values.map { try ArrayMath.requireLazy($0, "concatenate", context: context) })
        }
        return .eager(try values.map { try ArrayConvert.ndarray($0, context: context) })
    }

    enum Either {
        case eager([NDArray])
        case lazy([LazyArray])
    }

    static func concatenate(_ values: [Value], axis: Int?, context: ExecutionContext) throws -> Value {
        switch try arrays(values, context: context) {
        case .eager(let list):
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.concatenate(list, axis: axis) }))
        case .lazy(var list):
            let at = currentCallLocation(context)
            var along = axis ?? 0
            if axis == nil {
                list = try list.map { a in try graphCall { () throws(GraphError) in try a.reshaped([-1], at: at) } }
                along = 0
            }
            let joined = list
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try LazyArray.concatenate(joined, axis: along, at: at) })
        }
    }

    static func stack(_ values: [Value], axis: Int, context: ExecutionContext) throws -> Value {
        switch try arrays(values, context: context) {
        case .eager(let list):
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.stack(list, axis: axis) }))
        case .lazy(let list):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try LazyArray.stack(list, axis: axis, at: at) })
        }
    }

    static func `where`(_ condition: Value, _ x: Value, _ y: Value, context: ExecutionContext) throws -> Value {
        if ArrayArgument.anyLazy([condition, x, y]) {
            let at = currentCallLocation(context)
            guard let c = try ArrayMath.lazyOperand(condition, context: context),
                  let a = try ArrayMath.lazyOperand(x, context: context),
                  let b = try ArrayMath.lazyOperand(y, context: context) else {
                throw DuskError(.typeError, "where() needs array-like arguments")
            }
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try LazyArray.where(c, a, b, at: at) })
        }
        let c = try ArrayConvert.ndarray(condition, context: context)
        let a = try ArrayConvert.requireOperand(x, "where", context: context)
        let b = try ArrayConvert.requireOperand(y, "where", context: context)
        return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try NDArray.where(c, a, b) })
    }

    static func clip(_ x: Value, _ lower: Value, _ upper: Value, context: ExecutionContext) throws -> Value {
        if lower.isNone && upper.isNone { throw DuskError(.valueError, "One of max or min must be given") }
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a):
            let lo = lower.isNone ? nil : try ArrayConvert.requireOperand(lower, "clip", context: context)
            let hi = upper.isNone ? nil : try ArrayConvert.requireOperand(upper, "clip", context: context)
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try a.clipped(min: lo, max: hi) })
        case .lazy(let a):
            let at = currentCallLocation(context)
            let lo = lower.isNone ? nil : try ArrayMath.lazyOperand(lower, context: context)
            let hi = upper.isNone ? nil : try ArrayMath.lazyOperand(upper, context: context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.clip(min: lo, max: hi, at: at) })
        }
    }

    /// NumPy's `round(x, decimals)` (negative decimals round to tens, hundreds...); 0-d
    /// results are NumPy scalars, Python numbers stay arrays of one element as NumPy makes them.
    static func round(_ x: Value, decimals: Int, context: ExecutionContext) throws -> Value {
        // NumPy reads `decimals` as a C int.
        if decimals > Int(Int32.max) { throw DuskError(.overflowError, "signed integer is greater than maximum") }
        if decimals < Int(Int32.min) { throw DuskError(.overflowError, "signed integer is less than minimum") }
        switch try ArrayArgument.of(x, context: context) {
        case .eager(let a):
            let result = try arrayCall { () throws(ArrayError) in try a.rounded(decimals: decimals) }
            ComputeRunner.reportWarnings(context)
            return ArrayConvert.wrap(result)
        case .lazy(let a):
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try a.rounded(decimals: decimals, at: at) })
        }
    }

    // MARK: - Linear algebra

    static func dot(_ a: Value, _ b: Value, context: ExecutionContext) throws -> Value {
        if ArrayArgument.anyLazy([a, b]) {
            let x = try ArrayMath.requireLazy(a, "dot", context: context), y = try ArrayMath.requireLazy(b, "dot", context: context)
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try LazyArray.dot(x, y, at: at) })
        }
        let x = try ArrayConvert.ndarray(a, context: context), y = try ArrayConvert.ndarray(b, context: context)
        return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try NDArray.dot(x, y) })
    }

    /// `axes=`: an int n, or a pair of axis lists (or of single axes).
    static func tensordotAxes(_ value: Value) throws -> (left: [Int], right: [Int])? {
        switch value {
        case .tuple(let items) where items.count == 2:
            return (try ArrayConvert.shape(items[0], "axes"), try ArrayConvert.shape(items[1], "axes"))
        case .list(let l) where l.count == 2:
            return (try ArrayConvert.shape(l.items[0], "axes"), try ArrayConvert.shape(l.items[1], "axes"))
        default:
            return nil
        }
    }

    static func tensordot(_ a: Value, _ b: Value, axes: Value, context: ExecutionContext) throws -> Value {
        let pairs = try tensordotAxes(axes)
        if ArrayArgument.anyLazy([a, b]) {
            let x = try ArrayMath.requireLazy(a, "tensordot", context: context)
            let y = try ArrayMath.requireLazy(b, "tensordot", context: context)
            let at = currentCallLocation(context)
            let chosen: (left: [Int], right: [Int])
            if let pairs { chosen = pairs } else {
                let n = try ArrayConvert.int(axes, "axes")
                chosen = (Array((x.ndim - n)..<x.ndim), Array(0..<n))
            }
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try LazyArray.tensordot(x, y, axes: chosen, at: at) })
        }
        let x = try ArrayConvert.ndarray(a, context: context), y = try ArrayConvert.ndarray(b, context: context)
        let spec: TensordotAxes = try pairs.map { .pairs($0.left, $0.right) } ?? .count(ArrayConvert.int(axes, "axes"))
        return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try NDArray.tensordot(x, y, axes: spec) })
    }

    static func outer(_ a: Value, _ b: Value, context: ExecutionContext) throws -> Value {
        if ArrayArgument.anyLazy([a, b]) {
            let x = try ravel(a, context: context), y = try ravel(b, context: context)
            let left = try expandDims(x, [1], context: context)
            return try ArrayMath.binary(.multiply, left, y, context: context)!
        }
        let x = try ArrayConvert.ndarray(a, context: context), y = try ArrayConvert.ndarray(b, context: context)
        return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try NDArray.outer(x, y) })
    }
}
