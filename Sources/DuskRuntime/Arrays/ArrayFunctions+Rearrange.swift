import DuskArray
import DuskGraph
import DuskSyntax

/// Rearranging elements: flips, rolls, tiles, repeats, takes, triangles, differences, grids
/// and the array API standard's manipulation functions.
extension ArrayFunction {
    static let rearrangeFunctions: [ArrayFunction] = [
        ArrayFunction("flip(m, axis=None)", "Elements in reverse order along the given axes (all by default).",
                      in: [.numpy, .dask],
                      eager: { a, args, _ in
                          let axes = try ArrayConvert.axes(args["axis"])
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.flipped(axes: axes) }))
                      },
                      lazy: { x, args, context in
                          let axes = try ArrayConvert.axes(args["axis"])
                          return try lazyResult(context) { at throws(GraphError) in try x.flipped(axes: axes, at: at) }
                      }),
        flip("fliplr", axis: 1, "Columns in reverse order (axis 1)."),
        flip("flipud", axis: 0, "Rows in reverse order (axis 0)."),
        ArrayFunction("roll(a, shift, axis=None)", "Elements shifted along axes, wrapping around (axis=None: the flattened array).",
                      in: [.numpy, .dask],
                      eager: { a, args, _ in
                          let shifts = try ArrayConvert.shape(args["shift"], "shift"), axes = try ArrayConvert.axes(args["axis"])
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.rolled(shifts, axes: axes) }))
                      },
                      lazy: { x, args, context in
                          let shifts = try ArrayConvert.shape(args["shift"], "shift"), axes = try ArrayConvert.axes(args["axis"])
                          return try lazyResult(context) { at throws(GraphError) in try x.rolled(shifts, axes: axes, at: at) }
                      }),
        ArrayFunction("tile(A, reps)", "The array repeated reps times along each axis.", in: [.numpy, .dask],
                      eager: { a, args, _ in
                          let reps = try ArrayConvert.shape(args["reps"], "reps")
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.tiled(reps) }))
                      },
                      lazy: { x, args, context in
                          let reps = try ArrayConvert.shape(args["reps"], "reps")
                          return try lazyResult(context) { at throws(GraphError) in try x.tiled(reps, at: at) }
                      }),
        ArrayFunction("repeat(a, repeats, axis=None)", "Each element repeated (one count, or one per element along the axis).",
                      in: [.numpy, .dask, .method],
                      eager: { a, args, _ in
                          let repeats = try ArrayConvert.shape(args["repeats"], "repeats"), axis = try ArrayConvert.axis(args["axis"])
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.repeated(repeats, axis: axis) }))
                      },
                      lazy: { x, args, context in
                          guard case .int(let repeats) = args["repeats"] else {
                              throw DuskError(.notImplementedError, "Only integer valued repeats supported")
                          }
                          var axis = try ArrayConvert.axis(args["axis"])
                          if axis == nil {
                              guard x.ndim == 1 else { throw DuskError(.notImplementedError, "Must supply an integer axis value") }
                              axis = 0
                          }
                          return try lazyResult(context) { at throws(GraphError) in try x.repeated(repeats, axis: axis!, at: at) }
                      }),
        ArrayFunction("take(a, indices, axis=None, out=None, mode='raise')",
                      "Elements at the given indices along an axis (axis=None: of the flattened array).",
                      in: [.numpy, .dask, .method],
                      eager: { a, args, context in
                          let indices = try ArrayConvert.ndarray(args["indices"], context: context), axis = try ArrayConvert.axis(args["axis"])
                          return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try a.taken(indices, axis: axis) })
                      },
                      lazy: { x, args, context in
                          let indices = try ArrayConvert.ndarray(args["indices"], context: context)
                          let source = args["axis"].isNone ? try graphCall { () throws(GraphError) in try x.raveled() } : x
                          let axis = try ArrayConvert.axis(args["axis"]) ?? 0
                          let positions = try arrayCall { () throws(ArrayError) in try indices.converted(to: .int64) }
                          return try lazyResult(context) { at throws(GraphError) in
                              let along = try LazyArray.axis(axis, ndim: source.ndim, at: at)
                              return try source.getitem(NDArray.along(along, ndim: source.ndim, .array(positions)), at: at)
                          }
                      }),
        ArrayFunction("take_along_axis(arr, indices, axis=-1)", "Elements picked along an axis by indices of the same rank.",
                      in: [.numpy],
                      eager: { a, args, context in
                          let indices = try ArrayConvert.ndarray(args["indices"], context: context), axis = try ArrayConvert.axis(args["axis"])
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.takenAlongAxis(indices, axis: axis) }))
                      }, lazy: nil),
        triangle("tril", upper: false, "The lower triangle: zeros above diagonal k of the last two axes."),
        triangle("triu", upper: true, "The upper triangle: zeros below diagonal k of the last two axes."),
        ArrayFunction("diff(a, n=1, axis=-1, prepend=?, append=?)",
                      "The n-th discrete difference along an axis (after joining prepend and append).",
                      in: [.numpy, .dask],
                      eager: { a, args, context in
                          let n = try ArrayConvert.int(args["n"], "n"), axis = try ArrayConvert.int(args["axis"], "axis")
                          let prepend = args.has(3) ? try ArrayConvert.ndarray(args["prepend"], context: context) : nil
                          let append = args.has(4) ? try ArrayConvert.ndarray(args["append"], context: context) : nil
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in
                              try a.diff(n: n, axis: axis, prepend: prepend, append: append)
                          }))
                      },
                      lazy: { x, args, context in
                          let n = try ArrayConvert.int(args["n"], "n"), axis = try ArrayConvert.int(args["axis"], "axis")
                          let along = try ArrayShapeOps.axis(axis, ndim: x.ndim)
                          func piece(_ i: Int) throws -> LazyArray? {
                              guard args.has(i) else { return nil }
                              if case .object(let o as LazyArrayObject) = args[i] { return o.array }
                              var value = try ArrayConvert.ndarray(args[i], context: context)
                              if value.ndim == 0 {
                                  var shape = x.shape
                                  shape[along] = 1
                                  value = try arrayCall { () throws(ArrayError) in try value.broadcast(to: shape) }
                              }
                              return try ArrayMath.requireLazy(.object(NDArrayObject(value)), "diff", context: context)
                          }
                          let (prepend, append) = (try piece(3), try piece(4))
                          return try lazyResult(context) { at throws(GraphError) in
                              try x.diff(n: n, axis: axis, prepend: prepend, append: append, at: at)
                          }
                      }),
        cumulative("cumulative_sum", product: false),
        cumulative("cumulative_prod", product: true),
        ArrayFunction("meshgrid(*xi, copy=True, sparse=False, indexing='xy')",
                      "Coordinate arrays from coordinate vectors ('xy': Cartesian, 'ij': matrix indexing).",
                      in: [.numpy, .dask],
                      eagerArrays: { arrays, args, _ in
                          let (sparse, cartesian) = try meshgridOptions(args)
                          let vectors = try arrays.map { try $0.raveled() }
                          let swap = cartesian && vectors.count > 1
                          var lengths = vectors.map(\.count)
                          if swap { lengths.swapAt(0, 1) }
                          return .tuple(try vectors.enumerated().map { i, vector in
                              var shape = Array(repeating: 1, count: vectors.count)
                              shape[swap && i < 2 ? 1 - i : i] = vector.count
                              let shaped = try arrayCall { () throws(ArrayError) in try vector.reshaped(shape) }
                              if sparse { return .object(NDArrayObject(shaped)) }
                              return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try shaped.broadcast(to: lengths).copy() }))
                          })
                      },
                      lazyArrays: { arrays, args, context in
                          let (sparse, cartesian) = try meshgridOptions(args)
                          return .tuple(try lazyResults(context) { at throws(GraphError) in
                              try LazyArray.meshgrid(arrays, sparse: sparse, cartesian: cartesian, at: at)
                          })
                      }),
        ArrayFunction("broadcast_arrays(*args, subok=False)", "The arrays broadcast against each other (read-only views).",
                      in: [.numpy, .dask],
                      eagerArrays: { arrays, _, _ in
                          let shape = try arrayCall { () throws(ArrayError) in try NDArray.broadcastShapes(arrays.map(\.shape)) }
                          return .tuple(try arrays.map { a in .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.broadcast(to: shape) })) })
                      },
                      lazyArrays: { arrays, _, context in
                          .tuple(try lazyResults(context) { at throws(GraphError) in try LazyArray.broadcastArrays(arrays, at: at) })
                      }),
        ArrayFunction("matrix_transpose(x, /)", "The last two axes exchanged.", in: [.numpy]) { args, context in
            let ndim = try ArrayShapeOps.ndimOf(args[0], context: context)
            guard ndim >= 2 else { throw DuskError(.valueError, "Input array must be at least 2-dimensional, but it is \(ndim)") }
            return try ArrayShapeOps.swapaxes(args[0], -1, -2, context: context)
        },
        ArrayFunction("permute_dims(a, axes=None)", "Axes permuted (the array API standard's transpose).", in: [.numpy]) { args, context in
            try ArrayShapeOps.transpose(args[0], args["axes"].isNone ? nil : try ArrayConvert.shape(args["axes"]), context: context)
        },
        ArrayFunction("unstack(x, /, *, axis=0)", "The array split along an axis into a tuple of arrays.", in: [.numpy]) { args, context in
            let ndim = try ArrayShapeOps.ndimOf(args[0], context: context)
            guard ndim > 0 else { throw DuskError(.valueError, "Input array must be at least 1-d.") }
            let axis = try ArrayShapeOps.axis(try ArrayConvert.int(args["axis"], "axis"), ndim: ndim)
            let length = try ArrayShapeOps.shapeOf(args[0], context: context)[axis]
            return .tuple(try (0..<length).map { i in
                try ArrayShapeOps.index(args[0], NDArray.along(axis, ndim: ndim, .int(i)), context: context)
            })
        },
        ArrayFunction("vecdot(x1, x2, /, *, axis=-1)", "Dot products of vectors along an axis, with broadcasting.",
                      in: [.numpy]) { args, context in
            guard let product = try ArrayMath.binary(.multiply, args[0], args[1], context: context) else {
                throw DuskError(.typeError, "vecdot() needs array-like operands")
            }
            // NumPy's vecdot keeps the product's dtype (int32 stays int32).
            let dtype: DType
            switch try ArrayArgument.of(product, context: context) {
            case .eager(let a): dtype = a.dtype
            case .lazy(let x): dtype = x.dtype
            }
            return try Reduction.sum.function.numpyBuiltin(named: "sum").invoke(
                Arguments([product], keywords: [.init("axis", args["axis"]), .init("dtype", .object(DTypeObject(dtype)))]),
                context: context)
        },
        ArrayFunction("count_nonzero(a, axis=None, *, keepdims=False)", "How many elements are non-zero (along the given axes).",
                      in: [.numpy, .dask],
                      eager: { a, args, _ in
                          let axes = try ArrayConvert.axes(args["axis"]), keepdims = try args.bool(named: "keepdims")
                          if axes == nil && !keepdims { return .int(try a.countNonzero()) }
                          return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in
                              try NDArray.binary(.not_equal, .array(a), .int(0)).sum(axes: axes, keepdims: keepdims, dtype: .int64)
                          })
                      },
                      lazy: { x, args, context in
                          let axes = try ArrayConvert.axes(args["axis"]), keepdims = try args.bool(named: "keepdims")
                          return try lazyResult(context) { at throws(GraphError) in
                              try LazyArray.binary(.not_equal, .array(x), .int(0), at: at).sum(axes: axes, keepdims: keepdims, at: at)
                          }
                      }),
        ArrayFunction("real(val)", "The real part (the array itself for real dtypes).", in: [.numpy, .dask],
                      eager: { a, _, _ in .object(NDArrayObject(a)) }, lazy: { x, _, _ in LazyArrayObject.wrap(x) }),
        ArrayFunction("imag(val)", "The imaginary part (zeros for real dtypes).", in: [.numpy, .dask],
                      eager: { a, _, _ in .object(NDArrayObject(try NDArray(zeros: a.dtype, shape: a.shape))) },
                      lazy: { x, _, context in
                          try lazyResult(context) { at throws(GraphError) in try LazyArray.zeros(x.shape, dtype: x.dtype, chunks: .perDimension(x.chunks.sizes.map { .explicit($0) }), at: at) }
                      }),
    ]

    /// A lazy plan's result, with the call's location and its errors converted.
    static func lazyResult(_ context: ExecutionContext,
                           _ plan: (SourceLocation?) throws(GraphError) -> LazyArray) throws -> Value {
        let at = currentCallLocation(context)
        return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try plan(at) })
    }

    /// `meshgrid`'s `sparse` and whether `indexing` is Cartesian ('xy').
    private static func meshgridOptions(_ args: Args) throws -> (sparse: Bool, cartesian: Bool) {
        let indexing = try args.string(named: "indexing")
        guard indexing == "xy" || indexing == "ij" else { throw DuskError(.valueError, "Valid values for `indexing` are 'xy' and 'ij'.") }
        return (try args.bool(named: "sparse"), indexing == "xy")
    }

    /// Several lazy results of one plan, each wrapped.
    static func lazyResults(_ context: ExecutionContext,
                            _ plan: (SourceLocation?) throws(GraphError) -> [LazyArray]) throws -> [Value] {
        let at = currentCallLocation(context)
        return try graphCall { () throws(GraphError) in try plan(at) }.map(LazyArrayObject.wrap)
    }

    private static func flip(_ name: String, axis: Int, _ doc: String) -> ArrayFunction {
        ArrayFunction("\(name)(m)", doc, in: [.numpy, .dask],
                      eager: { a, _, _ in
                          guard a.ndim > axis else { throw DuskError(.valueError, "Input must be >= \(axis + 1)-d.") }
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.flipped(axes: [axis]) }))
                      },
                      lazy: { x, _, context in
                          guard x.ndim > axis else { throw DuskError(.valueError, "`axis` of (\(axis),) invalid for \(x.ndim)-D array") }
                          return try lazyResult(context) { at throws(GraphError) in try x.flipped(axes: [axis], at: at) }
                      })
    }

    private static func triangle(_ name: String, upper: Bool, _ doc: String) -> ArrayFunction {
        ArrayFunction("\(name)(m, k=0)", doc, in: [.numpy, .dask],
                      eager: { a, args, _ in
                          let k = try ArrayConvert.int(args["k"], "k")
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.triangle(k: k, upper: upper) }))
                      },
                      lazy: { x, args, context in
                          let k = try ArrayConvert.int(args["k"], "k")
                          return try lazyResult(context) { at throws(GraphError) in try x.triangle(k: k, upper: upper, at: at) }
                      })
    }

    private static func cumulative(_ name: String, product: Bool) -> ArrayFunction {
        ArrayFunction("\(name)(x, /, *, axis=None, dtype=None, out=None, include_initial=False)",
                      "The cumulative \(product ? "product" : "sum") along an axis (required beyond 1-d); include_initial puts the \(product ? "one" : "zero") first.",
                      in: [.numpy],
                      eager: { a, args, _ in
                          if !args["out"].isNone { throw DuskError(.notImplementedError, "\(name)(): out= is not supported") }
                          let axis = try ArrayConvert.axis(args["axis"]), dtype = try ArrayConvert.dtype(args["dtype"])
                          let initial = try args.bool(named: "include_initial")
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in
                              try a.cumulative(product: product, axis: axis, dtype: dtype, includeInitial: initial)
                          }))
                      }, lazy: nil)
    }
}
