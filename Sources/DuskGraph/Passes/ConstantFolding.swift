import DuskArray

/// Constant folding: an operation whose array inputs all hold one value (`ones`, `zeros`,
/// `full`, and what folding made of them) holds one value too, computed once while optimizing
/// instead of once per element: elementwise math on one element of each input (NumPy's own
/// dtype rules, since the eager kernels compute it), transposes, broadcasts, indexes, reshapes
/// and rechunks pass the value on, and a reduction of `count` equal values is computed from
/// the value and the count (a sum is value × count, a maximum the value).
///
/// A fold happens only when it gives exactly what computing element by element gives: a float
/// sum or mean when value × count is exact (then every partial sum is exact too, whatever
/// order the blocks are added in), never a NaN through a reduction, never an operation that
/// may warn (the warning belongs to the compute).
enum ConstantFolding {
    static let pass = OptimizerPass(
        name: "constant folding",
        purpose: "operations on arrays of one value (ones, zeros, full) are computed once, for all their elements",
        isEnabled: { _ in true },
        run: { outputs, context throws(GraphError) in try fold(outputs, &context) })

    static func fold(_ outputs: [GraphOutput], _ context: inout RewriteContext) throws(GraphError) -> [GraphOutput] {
        try GraphRewriter().rewrite(outputs) { expr, _ throws(GraphError) in
            guard constant(expr) == nil, let value = folded(expr), value.dtype == expr.dtype else { return expr }
            let node = expr.replaced(prefix: expr.prefix, op: .creation(.full(value)), inputs: [],
                                     material: TokenBuilder(expr.name, value.description))
            context.record(.fold, node.name, "\(expr.prefix) \(formatTuple(expr.shape)) is full of \(value): "
                + "computed once, not per element")
            return node
        }
    }

    /// The one value every element of `expr` holds, when its layer says so.
    static func constant(_ expr: ArrayExpr) -> Scalar? {
        guard case .creation(let creation) = expr.op else { return nil }
        var op = creation
        while case .sliced(let base, _) = op { op = base }
        guard case .full(let value) = op, value.dtype == expr.dtype else { return nil }
        return value
    }

    /// The value of `expr`'s every element when its inputs' values make it one.
    static func folded(_ expr: ArrayExpr) -> Scalar? {
        let inputs = expr.arrayInputs
        guard inputs.count == expr.inputs.count, !inputs.isEmpty else { return nil }
        switch expr.op {
        case .elementwise(let op):
            let values = inputs.compactMap(constant)
            guard values.count == inputs.count else { return nil }
            return elementwise(op, values, expr)
        case .transpose, .broadcastTo, .getitem, .reshape, .rechunk, .selectBlocks, .concatenate, .stack:
            guard let value = constant(inputs[0]), inputs.allSatisfy({ constant($0) == value }) else { return nil }
            return value
        case .reduction(let step) where step.phase == .aggregate:
            // Down the combine steps to the per-chunk step, whose input is the reduced array.
            var node = inputs[0]
            while case .reduction(let inner) = node.op, inner.phase != .chunk, let next = node.arrayInputs.first { node = next }
            guard case .reduction(let chunk) = node.op, chunk.phase == .chunk, let array = node.arrayInputs.first,
                  let value = constant(array) else { return nil }
            let count = step.axes.reduce(1) { $0 * array.shape[$1] }
            return reduced(step, value, count: count, dtype: expr.dtype)
        default:
            return nil
        }
    }

    /// `op` on one element of each input, by the kernel that computes it block by block; nil
    /// when it fails or may warn (then the compute does, where it belongs).
    static func elementwise(_ op: ElementwiseOp, _ values: [Scalar], _ expr: ArrayExpr) -> Scalar? {
        // NumPy warns where a float result is NaN or infinite from finite inputs, where an
        // integer is divided by zero, and where a NaN or infinity is cast to an integer.
        let finite = values.allSatisfy { $0.doubleValue.isFinite }
        if case .binary(let binary) = op.function, [.floor_divide, .remainder, .fmod, .divide].contains(binary),
           values.contains(where: { $0.doubleValue == 0 }) { return nil }
        if !finite && !expr.dtype.isFloatingPoint { return nil }
        let function = ChunkKernels.elementwise(op, dtype: expr.dtype, key: TaskKey(expr.name))
        guard let arrays = try? values.map({ (value: Scalar) throws(ArrayError) in try NDArray(scalar: value) }),
              case .array(let result)? = try? function(arrays.map { .array($0) }),
              result.dtype == expr.dtype, result.count == 1, let value = try? result.item() else { return nil }
        if finite && !value.doubleValue.isFinite { return nil }
        return value
    }

    /// The reduction of `count` elements equal to `value`, in `dtype`, when it is exact.
    static func reduced(_ step: ReductionStep, _ value: Scalar, count: Int, dtype: DType) -> Scalar? {
        guard count > 0, !value.doubleValue.isNaN else { return nil }
        switch step.kind {
        case .min, .max, .nanmin, .nanmax:
            return value.cast(to: dtype)
        case .any, .all:
            return Scalar.bool(value.boolValue).cast(to: dtype)
        case .sum, .nansum:
            return multiplied(value.cast(to: dtype), count)
        case .mean, .nanmean:
            // Means are float: only integers that are floats exactly.
            let mean = value.cast(to: dtype)
            return mean.cast(to: value.dtype) == value && multiplied(mean, count) != nil ? mean : nil
        case .variance, .nanvar, .std, .nanstd:
            let mean = value.cast(to: dtype)
            guard Double(count) - step.ddof > 0, mean.cast(to: value.dtype) == value, multiplied(mean, count) != nil else { return nil }
            return Scalar.float(0, dtype).cast(to: dtype)
        case .prod, .nanprod:
            return power(value.cast(to: dtype), count)
        case .argmin, .argmax:
            return nil
        }
    }

    /// `value × count` in `value`'s dtype: integers wrap as NumPy's sums do; floats only when exact.
    static func multiplied(_ value: Scalar, _ count: Int) -> Scalar? {
        switch value {
        case .bool:
            return nil
        case .int(let v, let dtype):
            return Scalar.int(v &* Int64(count), .int64).cast(to: dtype)
        case .uint(let v, let dtype):
            return Scalar.uint(v &* UInt64(count), .uint64).cast(to: dtype)
        case .float(let v, let dtype):
            guard count <= 1 << 29 || dtype == .float64, count < 1 << 53 else { return nil }
            // -0.0 sums to +0.0 from an accumulator starting at zero: not folded.
            let product = v * Double(count)
            guard product.isFinite, v.sign == .plus || v != 0, (-product).addingProduct(v, Double(count)) == 0 else { return nil }
            if dtype == .float32 && Double(Float(product)) != product { return nil }
            return .float(product, dtype)
        }
    }

    /// `value` to the power `count` in `value`'s dtype: integers wrap as NumPy's products do;
    /// floats only when every partial product is exact (0, 1 and -1).
    static func power(_ value: Scalar, _ count: Int) -> Scalar? {
        switch value {
        case .bool:
            return nil
        case .int(let v, let dtype):
            var (result, base, exponent) = (Int64(1), v, count)
            while exponent > 0 {
                if exponent & 1 == 1 { result = result &* base }
                base = base &* base
                exponent >>= 1
            }
            return Scalar.int(result, .int64).cast(to: dtype)
        case .uint(let v, let dtype):
            var (result, base, exponent) = (UInt64(1), v, count)
            while exponent > 0 {
                if exponent & 1 == 1 { result = result &* base }
                base = base &* base
                exponent >>= 1
            }
            return Scalar.uint(result, .uint64).cast(to: dtype)
        case .float(let v, let dtype):
            guard v == 0 || v == 1 || v == -1 else { return nil }
            return .float(v == -1 && count % 2 == 0 ? 1 : v, dtype)
        }
    }
}
