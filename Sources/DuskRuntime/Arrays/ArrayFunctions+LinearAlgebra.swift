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
        ArrayFunction("slogdet(a)", "The sign and the natural logarithm of |det| of a square matrix (of each matrix of a stack).",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            let (sign, logarithm) = try arrayCall { () throws(ArrayError) in try a.linalgSignedLogDeterminant() }
            return .object(NamedTupleObject("SlogdetResult", ["sign": ArrayConvert.wrap(sign), "logabsdet": ArrayConvert.wrap(logarithm)]))
        },
        ArrayFunction("qr(a, mode='reduced')",
                      "QR factorization: Q with orthonormal columns and upper-triangular R, a == Q @ R (mode 'reduced', 'complete', 'r' or 'raw').",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            var name = try args.string(named: "mode")
            // NumPy's deprecated names: 'full' is 'reduced'; 'economic' the factored matrix.
            let economic = name == "e" || name == "economic"
            if name == "f" || name == "full" {
                context.output.write("DeprecationWarning: The 'full' option is deprecated in favor of 'reduced'.\n"
                                     + "For backward compatibility let mode default.\n", to: .standardError)
                name = "reduced"
            } else if economic {
                context.output.write("DeprecationWarning: The 'economic' option is deprecated.\n", to: .standardError)
                name = "raw"
            }
            guard let mode = QRMode(rawValue: name) else { throw DuskError(.valueError, "Unrecognized mode '\(name)'") }
            let arrays = try arrayCall { () throws(ArrayError) in
                let parts = try a.linalgQR(mode: mode)
                return economic ? [try parts[0].swappingAxes(-1, -2)] : parts
            }
            let parts = arrays.map(ArrayConvert.wrapArray)
            if economic { return parts[0] }
            switch mode {
            case .reduced, .complete: return .object(NamedTupleObject("QRResult", ["Q": parts[0], "R": parts[1]]))
            case .r: return parts[0]
            case .raw: return .tuple(parts)
            }
        },
        ArrayFunction("svd(a, full_matrices=True, compute_uv=True, hermitian=False)",
                      "Singular value decomposition a == U @ (S[..., None] * Vh), singular values in decreasing order.",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            let full = try args.bool(named: "full_matrices"), uv = try args.bool(named: "compute_uv")
            if try args.bool(named: "hermitian") {
                throw DuskError(.notImplementedError, "svd(hermitian=True) is not supported in Dusk; hermitian=False gives the same factors up to signs")
            }
            let factors = try arrayCall { () throws(ArrayError) in try a.linalgSVD(fullMatrices: full, computeUV: uv) }
            guard let u = factors.u, let vh = factors.vh else { return ArrayConvert.wrapArray(factors.s) }
            return .object(NamedTupleObject("SVDResult", ["U": ArrayConvert.wrapArray(u), "S": ArrayConvert.wrapArray(factors.s),
                                                          "Vh": ArrayConvert.wrapArray(vh)]))
        },
        ArrayFunction("svdvals(x, /)", "The singular values of a matrix (of each matrix of a stack), in decreasing order.",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try a.linalgSVD(computeUV: false).s })
        },
        ArrayFunction("eigh(a, UPLO='L')",
                      "Eigenvalues (increasing) and eigenvectors (columns) of a symmetric matrix, from its lower (or upper) triangle.",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context), lower = try lowerTriangle(args)
            let (values, vectors) = try arrayCall { () throws(ArrayError) in try a.linalgEigh(lower: lower) }
            return .object(NamedTupleObject("EighResult", ["eigenvalues": ArrayConvert.wrapArray(values),
                                                           "eigenvectors": ArrayConvert.wrapArray(vectors ?? values)]))
        },
        ArrayFunction("eigvalsh(a, UPLO='L')", "Eigenvalues (increasing) of a symmetric matrix, from its lower (or upper) triangle.",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context), lower = try lowerTriangle(args)
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try a.linalgEigh(lower: lower, vectors: false).values })
        },
        ArrayFunction("lstsq(a, b, rcond=None)",
                      "Least-squares solution x of a @ x = b: (x, residuals, rank, singular values of a).",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context), b = try linalgOperand(args[1], context: context)
            let rcond = args["rcond"].isNone ? nil : try ArrayConvert.double(args["rcond"], "rcond")
            let r = try arrayCall { () throws(ArrayError) in try NDArray.linalgLeastSquares(a, b, rcond: rcond) }
            return .tuple([ArrayConvert.wrapArray(r.x), ArrayConvert.wrapArray(r.residuals),
                           .object(NumPyScalar(.int(Int64(r.rank), .int32))), ArrayConvert.wrapArray(r.singularValues)])
        },
        ArrayFunction("norm(x, ord=None, axis=None, keepdims=False)",
                      "Vector norm (one axis), matrix norm (two axes) or the 2-norm of all elements; ord: None, 'fro', 'nuc', inf, -inf, 0, 1, -1, 2, -2, p.",
                      in: []) { args, context in
            let x = try linalgOperand(args[0], context: context)
            let order = try normOrder(args["ord"]), axes = try ArrayConvert.axes(args["axis"]), keepdims = try args.bool(named: "keepdims")
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try x.linalgNorm(order: order, axes: axes, keepdims: keepdims) })
        },
        ArrayFunction("vector_norm(x, /, *, axis=None, keepdims=False, ord=2)",
                      "The vector norm over all elements or over the given axes taken together.", in: []) { args, context in
            let x = try linalgOperand(args[0], context: context)
            let order = try normOrder(args["ord"]), axes = try ArrayConvert.axes(args["axis"]), keepdims = try args.bool(named: "keepdims")
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try x.linalgVectorNorm(order: order, axes: axes, keepdims: keepdims) })
        },
        ArrayFunction("matrix_norm(x, /, *, keepdims=False, ord='fro')",
                      "The matrix norm of each matrix (the last two axes).", in: []) { args, context in
            let x = try linalgOperand(args[0], context: context)
            let order = try normOrder(args["ord"]), keepdims = try args.bool(named: "keepdims")
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try x.linalgNorm(order: order, axes: [-2, -1], keepdims: keepdims) })
        },
        ArrayFunction("cholesky(a, /, *, upper=False)",
                      "The Cholesky factor L (a == L @ L.T) of a symmetric positive-definite matrix, or U (a == U.T @ U) with upper=True.",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context), upper = try args.bool(named: "upper")
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try a.linalgCholesky(upper: upper) })
        },
        ArrayFunction("matrix_rank(A, tol=None, hermitian=False, *, rtol=None)",
                      "The rank of a matrix (of each matrix of a stack): its singular values above a tolerance.", in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            if try args.bool(named: "hermitian") { throw DuskError(.notImplementedError, "matrix_rank(hermitian=True) is not supported in Dusk") }
            let tol = args["tol"].isNone ? nil : try ArrayConvert.double(args["tol"], "tol")
            let rtol = args["rtol"].isNone ? nil : try ArrayConvert.double(args["rtol"], "rtol")
            if tol != nil && rtol != nil { throw DuskError(.valueError, "`tol` and `rtol` can't be both set.") }
            let rank = try arrayCall { () throws(ArrayError) in try a.linalgMatrixRank(tolerance: tol, relativeTolerance: rtol) }
            // NumPy's rank of a vector or scalar is a Python int.
            if a.ndim < 2 { return .int(Int(try arrayCall { () throws(ArrayError) in try rank.item() }.int64Value)) }
            return ArrayConvert.wrap(rank)
        },
        ArrayFunction("pinv(a, rcond=None, hermitian=False, *, rtol?)",
                      "The Moore-Penrose pseudo-inverse of a matrix (of each matrix of a stack), through the SVD.", in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            if try args.bool(named: "hermitian") { throw DuskError(.notImplementedError, "pinv(hermitian=True) is not supported in Dusk") }
            let rtolGiven = args.has(3)
            if !args["rcond"].isNone && rtolGiven { throw DuskError(.valueError, "`rtol` and `rcond` can't be both set.") }
            // NumPy's default 1e-15; rtol=None: max(M, N) times the dtype's epsilon.
            var rcond = 1e-15
            if !args["rcond"].isNone {
                rcond = try ArrayConvert.double(args["rcond"], "rcond")
            } else if rtolGiven {
                if args["rtol"].isNone {
                    let epsilon = a.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
                    rcond = Double(a.shape.suffix(2).max() ?? 0) * epsilon
                } else {
                    rcond = try ArrayConvert.double(args["rtol"], "rtol")
                }
            }
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try a.linalgPseudoInverse(rcond: rcond) })
        },
        ArrayFunction("matrix_power(a, n)", "A square matrix (each of a stack) raised to an integer power (negative: of the inverse).",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context)
            guard let n = try? ArrayConvert.int(args["n"], "n") else { throw DuskError(.typeError, "exponent must be an integer") }
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try a.linalgMatrixPower(n) })
        },
        ArrayFunction("outer(x1, x2, /)", "The outer product of two vectors (1-d only, as the array API's).", in: []) { args, context in
            let a = try linalgOperand(args[0], context: context), b = try linalgOperand(args[1], context: context)
            guard a.ndim == 1 && b.ndim == 1 else {
                throw DuskError(.valueError, "Input arrays must be one-dimensional, but they are x1.ndim=\(a.ndim) and x2.ndim=\(b.ndim).")
            }
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try NDArray.outer(a, b) })
        },
        ArrayFunction("cross(x1, x2, /, *, axis=-1)", "The cross products of 3-element vectors along an axis (broadcast).",
                      in: []) { args, context in
            let a = try linalgOperand(args[0], context: context), b = try linalgOperand(args[1], context: context)
            let axis = try ArrayConvert.int(args["axis"], "axis")
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try NDArray.linalgCross(a, b, axis: axis) })
        },
        ArrayFunction("diagonal(x, /, *, offset=0)", "The diagonals of the matrices (the last two axes); offset > 0 above the main one.",
                      in: []) { args, context in
            let x = try linalgOperand(args[0], context: context), offset = try ArrayConvert.int(args["offset"], "offset")
            return ArrayConvert.wrapArray(try arrayCall { () throws(ArrayError) in try x.diagonal(offset: offset, axis1: -2, axis2: -1) })
        },
        ArrayFunction("trace(x, /, *, offset=0, dtype=None)", "The sums of the matrices' diagonals (the last two axes).",
                      in: []) { args, context in
            let x = try linalgOperand(args[0], context: context), offset = try ArrayConvert.int(args["offset"], "offset")
            let dtype = try ArrayConvert.dtype(args["dtype"])
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in
                try x.diagonal(offset: offset, axis1: -2, axis2: -1).sum(axes: [-1], dtype: dtype)
            })
        },
    ]

    /// `ord=`: None, a number or a name.
    private static func normOrder(_ value: Value) throws -> NormOrder {
        if value.isNone { return .none }
        if case .str(let name) = value { return .name(name) }
        return .number(try ArrayConvert.double(value, "ord"))
    }

    /// `UPLO=`: 'L' or 'U' (either case).
    private static func lowerTriangle(_ args: Args) throws -> Bool {
        switch try args.string(named: "UPLO").uppercased() {
        case "L": return true
        case "U": return false
        default: throw DuskError(.valueError, "UPLO argument must be 'L' or 'U'")
        }
    }

    /// A concrete array: lazy arrays are computed, array-likes converted.
    private static func linalgOperand(_ value: Value, context: ExecutionContext) throws -> NDArray {
        if case .object(let o as LazyArrayObject) = value { return try o.computeArray(context: context) }
        return try ArrayConvert.ndarray(value, context: context)
    }
}
