import DuskArray
import DuskGraph

/// Products of arrays: `dot`, `matmul` (the `@` operator), `tensordot`, `outer`.
extension ArrayFunction {
    static let linearAlgebraFunctions: [ArrayFunction] = [
        ArrayFunction("dot(a, b)", "Dot product: matrix product for 2-d, inner product for 1-d.",
                      in: [.numpy, .dask, .global, .method]) { args, context in
            try ArrayShapeOps.dot(args[0], args[1], context: context)
        },
        ArrayFunction("matmul(x1, x2, /)", "Matrix product (the @ operator).", in: [.numpy, .dask, .global]) { args, context in
            guard let result = try ArrayMath.matmul(args[0], args[1], context: context) else {
                throw DuskError(.typeError, "matmul() needs array-like operands")
            }
            return result
        },
        ArrayFunction("tensordot(a, b, axes=2)", "Sum of products over the given axes.", in: [.numpy, .dask, .global]) { args, context in
            try ArrayShapeOps.tensordot(args[0], args[1], axes: args["axes"], context: context)
        },
        ArrayFunction("outer(a, b)", "Outer product of two vectors (inputs flattened).", in: [.numpy, .dask, .global]) { args, context in
            try ArrayShapeOps.outer(args[0], args[1], context: context)
        },
    ]
}
