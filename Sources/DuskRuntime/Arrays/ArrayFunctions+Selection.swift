import DuskArray
import DuskGraph

/// Choosing, limiting, rounding and comparing elements; the shape queries.
extension ArrayFunction {
    static let selectionFunctions: [ArrayFunction] = [
        ArrayFunction("where(condition, x?, y?)",
                      "Elements of x where condition holds, else of y; with only a condition, the indices where it holds.",
                      in: [.numpy, .dask, .global]) { args, context in
            if !args.has(1) && !args.has(2) {
                return .tuple(try ArrayConvert.ndarray(args[0], context: context).nonzero().map { .object(NDArrayObject($0)) })
            }
            guard args.has(1) && args.has(2) else { throw DuskError(.valueError, "either both or neither of x and y should be given") }
            return try ArrayShapeOps.where(args[0], args[1], args[2], context: context)
        },
        ArrayFunction("clip(a, a_min=None, a_max=None, min=None, max=None)", "Values limited to [a_min, a_max].",
                      in: [.numpy, .dask, .global, .method], method: "clip(self, min=None, max=None)") { args, context in
            let lower = args["a_min"].isNone ? args["min"] : args["a_min"]
            let upper = args["a_max"].isNone ? args["max"] : args["a_max"]
            return try ArrayShapeOps.clip(args[0], lower, upper, context: context)
        },
        ArrayFunction("round(a, decimals=0)", "Values rounded to the given number of decimals (halves to even).",
                      in: [.numpy, .dask, .method], aliases: ["around"]) { args, context in
            try ArrayShapeOps.round(args[0], decimals: try ArrayConvert.int(args["decimals"], "decimals"), context: context)
        },
        ArrayFunction("nonzero(a)", "The indices of the non-zero elements, one array per axis.", in: [.numpy, .method],
                      eager: { a, _, _ in .tuple(a.nonzero().map { .object(NDArrayObject($0)) }) }, lazy: nil),
        ArrayFunction("shape(a)", "The shape of an array-like.", in: [.numpy], eager: { a, _, _ in .tuple(a.shape.map { .int($0) }) },
                      lazy: { x, _, _ in .tuple(x.shape.map { .int($0) }) }),
        ArrayFunction("ndim(a)", "The number of dimensions of an array-like.", in: [.numpy],
                      eager: { a, _, _ in .int(a.ndim) }, lazy: { x, _, _ in .int(x.ndim) }),
        ArrayFunction("size(a)", "The number of elements of an array-like.", in: [.numpy],
                      eager: { a, _, _ in .int(a.count) }, lazy: { x, _, _ in .int(x.size) }),
        ArrayFunction("array_equal(a1, a2)", "True when both have the same shape and elements.", in: [.numpy]) { args, context in
            let a = try ArrayConvert.ndarray(args[0], context: context), b = try ArrayConvert.ndarray(args[1], context: context)
            guard a.shape == b.shape else { return .false }
            let equal = try arrayCall { () throws(ArrayError) in try NDArray.binary(.equal, a, b).all().item() }
            return .bool(equal.boolValue)
        },
        ArrayFunction("isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)", "Elementwise |a - b| <= atol + rtol * |b|.",
                      in: [.numpy, .dask]) { args, context in
            ArrayConvert.wrap(try closeness(args, context: context))
        },
        ArrayFunction("allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                      "True when every element of a is close to b (see isclose).", in: [.numpy, .dask]) { args, context in
            let close = try closeness(args, context: context)
            return .bool(try arrayCall { () throws(ArrayError) in try close.all().item() }.boolValue)
        },
    ]

    private static func closeness(_ args: Args, context: ExecutionContext) throws -> NDArray {
        let a = try ArrayConvert.ndarray(args[0], context: context).astype(.float64)
        let b = try ArrayConvert.ndarray(args[1], context: context).astype(.float64)
        let rtol = try ArrayConvert.double(args["rtol"], "rtol"), atol = try ArrayConvert.double(args["atol"], "atol")
        let equalNaN = try args.bool(named: "equal_nan")
        return try arrayCall { () throws(ArrayError) -> NDArray in
            let difference = try NDArray.binary(.subtract, a, b).unary(.absolute)
            let bound = try NDArray.binary(.add, .float(atol), .array(try NDArray.binary(.multiply, .float(rtol), .array(try b.unary(.absolute)))))
            var close = try NDArray.binary(.less_equal, difference, bound)
            let same = try NDArray.binary(.equal, a, b)
            close = try NDArray.binary(.logical_or, close, same)
            if equalNaN {
                let bothNaN = try NDArray.binary(.logical_and, try a.unary(.isnan), try b.unary(.isnan))
                close = try NDArray.binary(.logical_or, close, bothNaN)
            }
            return close
        }
    }
}
