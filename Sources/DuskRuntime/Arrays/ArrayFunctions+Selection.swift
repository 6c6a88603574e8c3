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
                      eager: { a, _, _ in .tuple(try a.nonzero().map { .object(NDArrayObject($0)) }) }, lazy: nil),
        ArrayFunction("shape(a)", "The shape of an array-like.", in: [.numpy], eager: { a, _, _ in .tuple(a.shape.map { .int($0) }) },
                      lazy: { x, _, _ in .tuple(x.shape.map { .int($0) }) }),
        ArrayFunction("ndim(a)", "The number of dimensions of an array-like.", in: [.numpy],
                      eager: { a, _, _ in .int(a.ndim) }, lazy: { x, _, _ in .int(x.ndim) }),
        ArrayFunction("size(a)", "The number of elements of an array-like.", in: [.numpy],
                      eager: { a, _, _ in .int(a.count) }, lazy: { x, _, _ in .int(x.size) }),
    ]
}
