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

/// `numpy.linalg`'s functions through LAPACK (bound there only, not in `numpy` itself). A lazy
/// argument is computed first.
extension ArrayFunction {
    static let lapackFunctions: [ArrayFunction] = [
        ArrayFunction("inv(a)", "The inverse of a square matrix (of each matrix of a stack).", in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.linalgInverse() }))
        },
        ArrayFunction("det(a)", "The determinant of a square matrix (of each matrix of a stack).", in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            let result = try arrayCall { () throws(ArrayError) in try a.linalgDeterminant() }
            return ArrayConvert.wrap(result)
        },
        ArrayFunction("solve(a, b)", "x with a @ x == b, for a square a (or a stack of them).", in: []) { args, context in
            let a = try linalgOperand(args[0], context: context), b = try linalgOperand(args[1], context: context)
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.linalgSolve(a, b) }))
        },
    ]

    /// A concrete array: lazy arrays are computed, array-likes converted.
    private static func linalgOperand(_ value: Value, context: ExecutionContext) throws -> NDArray {
        if case .object(let o as LazyArrayObject) = value { return try o.computeArray(context: context) }
        return try ArrayConvert.ndarray(value, context: context)
    }
}
