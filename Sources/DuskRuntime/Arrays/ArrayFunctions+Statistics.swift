import DuskArray
import DuskGraph
import DuskSyntax

/// Order statistics, histograms and closeness: `median`, `quantile`, `percentile` and their
/// NaN-skipping forms, `histogram`, `bincount`, `interp`, `gradient`, `isclose`, `allclose`,
/// `array_equal`.
extension ArrayFunction {
    static let statisticsFunctions: [ArrayFunction] = [
        median("median", skipNaN: false), median("nanmedian", skipNaN: true),
        quantile("quantile", percent: false, skipNaN: false), quantile("percentile", percent: true, skipNaN: false),
        quantile("nanquantile", percent: false, skipNaN: true), quantile("nanpercentile", percent: true, skipNaN: true),
        ArrayFunction("histogram(a, bins=10, range=None, density=None, weights=None)",
                      "Counts of values in bins (an int: equal bins over range; a sequence: the edges); returns (hist, bin_edges).",
                      in: [.numpy, .dask],
                      eager: { a, args, context in
                          let weights = args["weights"].isNone ? nil : try ArrayConvert.ndarray(args["weights"], context: context)
                          let density = try args.bool(named: "density")
                          let result: (counts: NDArray, edges: NDArray)
                          if case .int(let bins) = args["bins"] {
                              let range = try rangeArgument(args["range"])
                              result = try arrayCall { () throws(ArrayError) in
                                  try a.histogram(bins: bins, range: range, weights: weights, density: density)
                              }
                          } else {
                              let edges = try ArrayConvert.ndarray(args["bins"], context: context)
                              result = try arrayCall { () throws(ArrayError) in try a.histogram(edges: edges, weights: weights, density: density) }
                          }
                          return .tuple([.object(NDArrayObject(result.counts)), .object(NDArrayObject(result.edges))])
                      },
                      lazy: { x, args, context in
                          let edges: NDArray
                          if case .int(let bins) = args["bins"] {
                              guard let range = try rangeArgument(args["range"]) else {
                                  throw DuskError(.valueError, "dask.array.histogram requires either specifying bins as an iterable or specifying both a range and the number of bins")
                              }
                              guard bins >= 1 else { throw DuskError(.valueError, "`bins` must be positive, when an integer") }
                              guard range.0 <= range.1 else { throw DuskError(.valueError, "max must be larger than min in range parameter.") }
                              edges = try arrayCall { () throws(ArrayError) in
                                  try NDArray.linspace(start: range.0, stop: range.1, count: bins + 1)
                              }
                          } else {
                              edges = try ArrayConvert.ndarray(args["bins"], context: context)
                          }
                          var weights: LazyArray? = nil
                          if case .object(let w as LazyArrayObject) = args["weights"] {
                              weights = w.array
                          } else if !args["weights"].isNone {
                              // NumPy weights are cut as the data is (Dask needs a Dask array here).
                              let w = try ArrayConvert.ndarray(args["weights"], context: context)
                              weights = try graphCall { () throws(GraphError) in try LazyArray.fromArray(w, chunks: .perDimension(x.chunks.sizes.map { .explicit($0) })) }
                          }
                          let density = try args.bool(named: "density")
                          let widths = try arrayCall { () throws(ArrayError) in try edges.converted(to: .float64).diff() }
                          let counts = try lazyResult(context) { at throws(GraphError) in
                              let counts = try x.histogram(edges: edges, weights: weights, at: at)
                              guard density else { return counts }
                              // Dask's density: counts / widths / counts.sum().
                              let perWidth = try LazyArray.binary(.divide, .array(counts), .ndarray(widths), at: at)
                              return try LazyArray.binary(.divide, .array(perWidth), .array(try counts.sum(at: at)), at: at)
                          }
                          // Dask returns edges given as a list as a Dask array of one chunk.
                          var edgesValue: Value = .object(NDArrayObject(edges))
                          switch args["bins"] {
                          case .list, .tuple:
                              edgesValue = try lazyResult(context) { at throws(GraphError) in
                                  try LazyArray.fromArray(edges, chunks: .uniform(-1), at: at)
                              }
                          default: break
                          }
                          return .tuple([counts, edgesValue])
                      }),
        ArrayFunction("bincount(x, /, weights=None, minlength=0)", "How often each non-negative integer occurs (or the sum of its weights).",
                      in: [.numpy],
                      eager: { a, args, context in
                          let weights = args["weights"].isNone ? nil : try ArrayConvert.ndarray(args["weights"], context: context)
                          let minlength = try ArrayConvert.int(args["minlength"], "minlength")
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.bincount(weights: weights, minlength: minlength) }))
                      }, lazy: nil),
        ArrayFunction("interp(x, xp, fp, left=None, right=None, period=None)",
                      "Piecewise-linear interpolation of the points (xp, fp) at x.", in: [.numpy],
                      eager: { x, args, context in
                          let xp = try ArrayConvert.ndarray(args["xp"], context: context), fp = try ArrayConvert.ndarray(args["fp"], context: context)
                          let left = args["left"].isNone ? nil : try ArrayConvert.double(args["left"], "left")
                          let right = args["right"].isNone ? nil : try ArrayConvert.double(args["right"], "right")
                          let period = args["period"].isNone ? nil : try ArrayConvert.double(args["period"], "period")
                          return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in
                              try NDArray.interp(x, xp, fp, left: left, right: right, period: period)
                          })
                      }, lazy: nil),
        ArrayFunction("gradient(f, *varargs, axis=None, edge_order=1)",
                      "Central differences inside, one-sided at the edges; one array per axis (varargs: spacings or coordinates).",
                      in: [.numpy, .dask],
                      eager: { f, args, context in
                          let axes = try ArrayConvert.axes(args["axis"]) ?? Array(0..<f.ndim)
                          let spacings = try args.variadic.map { try ArrayConvert.ndarray($0, context: context) }
                          guard spacings.count <= 1 || spacings.count == axes.count else {
                              throw DuskError(.typeError, "invalid number of arguments")
                          }
                          let edgeOrder = try ArrayConvert.int(args["edge_order"], "edge_order")
                          let results = try axes.enumerated().map { i, axis in
                              try arrayCall { () throws(ArrayError) in
                                  try f.gradient(axis: axis, spacing: spacings.isEmpty ? nil : spacings[spacings.count == 1 ? 0 : i],
                                                 edgeOrder: edgeOrder)
                              }
                          }
                          if results.count == 1 { return .object(NDArrayObject(results[0])) }
                          return .tuple(results.map { .object(NDArrayObject($0)) })
                      },
                      lazy: { f, args, context in
                          // Dask's checks and its result: a list unless `axis` is one integer.
                          let edgeOrder = try ArrayConvert.int(args["edge_order"], "edge_order")
                          guard edgeOrder <= 2 else { throw DuskError(.valueError, "edge_order must be less than or equal to 2.") }
                          let single: Bool
                          if case .int = args["axis"] { single = true } else { single = false }
                          let axes = try (ArrayConvert.axes(args["axis"]) ?? Array(0..<f.ndim)).map { axis in
                              try graphCall { () throws(GraphError) in try LazyArray.axis(axis, ndim: f.ndim, at: nil) }
                          }
                          guard Set(axes).count == axes.count else { throw DuskError(.valueError, "duplicate axes not allowed") }
                          var spacings = args.variadic.isEmpty ? [Value.int(1)] : args.variadic
                          if spacings.count == 1 { spacings = Array(repeating: spacings[0], count: axes.count) }
                          guard spacings.count == axes.count else {
                              throw DuskError(.typeError, "Spacing must either be a single scalar, or a scalar / 1d-array per axis")
                          }
                          var results: [Value] = []
                          for (axis, spacing) in zip(axes, spacings) {
                              var step = 1.0
                              var coordinates: [Double]? = nil
                              switch spacing {
                              case .int, .float, .bool:
                                  step = try ArrayConvert.double(spacing, "varargs")
                              case .object(is LazyArrayObject):
                                  throw DuskError(.notImplementedError, "dask array coordinated is not supported.")
                              default:
                                  let c = try ArrayConvert.ndarray(spacing, context: context)
                                  if c.ndim == 0 {
                                      step = try arrayCall { () throws(ArrayError) in try c.converted(to: .float64).item().doubleValue }
                                  } else {
                                      guard c.ndim == 1 else { throw DuskError(.valueError, "distances must be either scalars or 1d") }
                                      guard c.count == f.shape[axis] else {
                                          throw DuskError(.valueError, "when 1d, distances must match the length of the corresponding dimension")
                                      }
                                      coordinates = try c.converted(to: .float64).contiguous().toArray(of: Double.self)
                                  }
                              }
                              results.append(try lazyResult(context) { at throws(GraphError) in
                                  try f.gradient(axis: axis, step: step, coordinates: coordinates, edgeOrder: edgeOrder, at: at)
                              })
                          }
                          return single ? results[0] : .list(ListRef(results))
                      }),
        ArrayFunction("isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                      "Elementwise |a - b| <= atol + rtol * |b| (NaN close to NaN with equal_nan).", in: [.numpy, .dask]) { args, context in
            let (rtol, atol, equalNaN) = try closenessOptions(args)
            if ArrayArgument.anyLazy([args[0], args[1]]) {
                let a = try ArrayMath.requireLazy(args[0], "isclose", context: context), b = try ArrayMath.requireLazy(args[1], "isclose", context: context)
                return try lazyResult(context) { at throws(GraphError) in
                    try LazyArray.isclose(a, b, rtol: rtol, atol: atol, equalNaN: equalNaN, at: at)
                }
            }
            let a = try ArrayConvert.ndarray(args[0], context: context), b = try ArrayConvert.ndarray(args[1], context: context)
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try NDArray.isclose(a, b, rtol: rtol, atol: atol, equalNaN: equalNaN) })
        },
        ArrayFunction("allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                      "Whether every element of a is close to b (see isclose); lazy for lazy arrays.", in: [.numpy, .dask]) { args, context in
            let (rtol, atol, equalNaN) = try closenessOptions(args)
            if ArrayArgument.anyLazy([args[0], args[1]]) {
                let a = try ArrayMath.requireLazy(args[0], "allclose", context: context), b = try ArrayMath.requireLazy(args[1], "allclose", context: context)
                return try lazyResult(context) { at throws(GraphError) in
                    try LazyArray.isclose(a, b, rtol: rtol, atol: atol, equalNaN: equalNaN, at: at).reduce(.all, at: at)
                }
            }
            let a = try ArrayConvert.ndarray(args[0], context: context), b = try ArrayConvert.ndarray(args[1], context: context)
            let close = try arrayCall { () throws(ArrayError) in try NDArray.isclose(a, b, rtol: rtol, atol: atol, equalNaN: equalNaN).all() }
            return .bool(try arrayCall { () throws(ArrayError) in try close.item() }.boolValue)
        },
        ArrayFunction("array_equal(a1, a2, equal_nan=False)", "True when both have the same shape and elements.", in: [.numpy]) { args, context in
            let a = try ArrayConvert.ndarray(args[0], context: context), b = try ArrayConvert.ndarray(args[1], context: context)
            guard a.shape == b.shape else { return .false }
            let equalNaN = try args.bool(named: "equal_nan")
            let equal = try arrayCall { () throws(ArrayError) -> Bool in
                var same = try NDArray.binary(.equal, .array(a), .array(b))
                if equalNaN && a.dtype.isFloatingPoint && b.dtype.isFloatingPoint {
                    same = try NDArray.binary(.logical_or, .array(same),
                                              .array(try NDArray.binary(.logical_and, .array(try a.unary(.isnan)), .array(try b.unary(.isnan)))))
                }
                return try same.all().item().boolValue
            }
            return .bool(equal)
        },
        ArrayFunction("einsum(subscripts, *operands)", "Einstein summation of one or two operands ('ij,jk->ik', 'ii', 'ij->ji'...).",
                      in: [.numpy, .dask]) { args, context in
            guard case .str(let subscripts) = args[0] else { throw DuskError(.typeError, "einsum() needs a subscripts string first") }
            if ArrayArgument.anyLazy(args.variadic) {
                let operands = try args.variadic.map { try ArrayMath.requireLazy($0, "einsum", context: context) }
                let parsed = try arrayCall { () throws(ArrayError) in try EinsumSubscripts(subscripts, operands: operands.count) }
                return try lazyResult(context) { at throws(GraphError) in try LazyArray.einsum(parsed, operands, at: at) }
            }
            let operands = try args.variadic.map { try ArrayConvert.ndarray($0, context: context) }
            return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in try NDArray.einsum(subscripts, operands) })
        },
        ArrayFunction("kron(a, b)", "The Kronecker product: blocks of b scaled by each element of a.", in: [.numpy]) { args, context in
            let a = try ArrayConvert.ndarray(args[0], context: context), b = try ArrayConvert.ndarray(args[1], context: context)
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.kron(a, b) }))
        },
    ]

    private static func closenessOptions(_ args: Args) throws -> (Double, Double, Bool) {
        (try ArrayConvert.double(args["rtol"], "rtol"), try ArrayConvert.double(args["atol"], "atol"), try args.bool(named: "equal_nan"))
    }

    /// `range=(low, high)`, or nil.
    private static func rangeArgument(_ value: Value) throws -> (Double, Double)? {
        if value.isNone { return nil }
        let items: [Value]
        switch value {
        case .tuple(let t): items = t
        case .list(let l): items = l.items
        default: throw DuskError(.typeError, "Expected a sequence or array for range, not \(value.repr)")
        }
        guard items.count == 2 else { throw DuskError(.valueError, "range must be a sequence or array of length 2, but got \(items.count) items") }
        return (try ArrayConvert.double(items[0], "range"), try ArrayConvert.double(items[1], "range"))
    }

    private static func median(_ name: String, skipNaN: Bool) -> ArrayFunction {
        ArrayFunction("\(name)(a, axis=None, out=None, overwrite_input=False, keepdims=False)",
                      skipNaN ? "The median of the non-NaN elements along the given axes." : "The median along the given axes (NaN where a slice holds NaN).",
                      in: [.numpy, .dask],
                      eager: { a, args, context in
                          let axes = try ArrayConvert.axes(args["axis"]), keepdims = try args.bool(named: "keepdims")
                          let result = try arrayCall { () throws(ArrayError) in try a.median(axes: axes, keepdims: keepdims, skipNaN: skipNaN) }
                          ComputeRunner.reportWarnings(context)
                          return ArrayConvert.wrap(result)
                      },
                      lazy: { x, args, context in
                          guard let axes = try ArrayConvert.axes(args["axis"]) else {
                              throw DuskError(.notImplementedError, "The da.\(name) function only works along an axis\(skipNaN ? " or a subset of axes" : "").  The full algorithm is difficult to do in parallel")
                          }
                          let keepdims = try args.bool(named: "keepdims")
                          return try lazyResult(context) { at throws(GraphError) in
                              try x.reducedAlongAxes(axes, name: name, token: "\(name)|\(axes)|\(keepdims)", keepdims: keepdims, leading: [],
                                                     dtype: x.dtype == .float32 ? .float32 : .float64, statistic: .median,
                                                     skipNaN: skipNaN, at: at)
                          }
                      })
    }

    private static func quantile(_ name: String, percent: Bool, skipNaN: Bool) -> ArrayFunction {
        let scale = percent ? 100.0 : 1.0
        return ArrayFunction("\(name)(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None)",
                             percent ? "The q-th percentiles (q in [0, 100]) along the given axes\(skipNaN ? ", NaN ignored" : "")."
                                     : "The q-th quantiles (q in [0, 1]) along the given axes\(skipNaN ? ", NaN ignored" : "").",
                             in: [.numpy, .dask],
                             eager: { a, args, context in
                                 let (q, weak) = try quantileArgument(args["q"], scale: scale, percent: percent, context: context)
                                 let method = try methodArgument(args)
                                 let axes = try ArrayConvert.axes(args["axis"]), keepdims = try args.bool(named: "keepdims")
                                 let result = try arrayCall { () throws(ArrayError) in
                                     try a.quantile(q, axes: axes, method: method, keepdims: keepdims, skipNaN: skipNaN, weakQ: weak)
                                 }
                                 ComputeRunner.reportWarnings(context)
                                 return ArrayConvert.wrap(result)
                             },
                             lazy: { x, args, context in
                                 let (q, weak) = try quantileArgument(args["q"], scale: scale, percent: percent, context: context)
                                 let method = try methodArgument(args)
                                 let keepdims = try args.bool(named: "keepdims")
                                 if percent && !skipNaN && x.ndim == 1 && args["axis"].isNone {
                                     let values = try q.toArray(of: Double.self).map { $0 * 100 }
                                     let result = try lazyResult(context) { at throws(GraphError) in
                                         let merged = try x.chunkedPercentile(values, method: method, at: at)
                                         return q.ndim == 0 ? try merged.reshaped([], at: at) : merged
                                     }
                                     return result
                                 }
                                 let reduced: [Int]
                                 if let axes = try ArrayConvert.axes(args["axis"]) {
                                     reduced = axes
                                 } else {
                                     guard x.numblocks.allSatisfy({ $0 == 1 }) else {
                                         throw DuskError(.notImplementedError, "The da.quantile function only works along an axis.  The full algorithm is difficult to do in parallel")
                                     }
                                     reduced = Array(0..<x.ndim)
                                 }
                                 let probe = try arrayCall { () throws(ArrayError) in
                                     try NDArray(zeros: x.dtype, shape: [1]).quantile(q, axes: nil, method: method, weakQ: weak).dtype
                                 }
                                 let qValues = try arrayCall { () throws(ArrayError) in try q.toArray(of: Double.self) }
                                 return try lazyResult(context) { at throws(GraphError) in
                                     try x.reducedAlongAxes(reduced, name: name, token: "\(name)|\(reduced)|\(keepdims)|\(qValues)|\(method)",
                                                            keepdims: keepdims, leading: q.shape, dtype: probe,
                                                            statistic: .quantile(q: qValues, qShape: q.shape, method: method, weakQ: weak),
                                                            skipNaN: skipNaN, at: at)
                                 }
                             })
    }

    /// `q` as a float64 array of quantiles in [0, 1] and whether it was a Python number.
    private static func quantileArgument(_ value: Value, scale: Double, percent: Bool, context: ExecutionContext) throws -> (NDArray, Bool) {
        let weak: Bool
        switch value {
        case .int, .float: weak = true
        default: weak = false
        }
        let raw = try ArrayConvert.ndarray(value, context: context).converted(to: .float64)
        let q = try arrayCall { () throws(ArrayError) in try NDArray.binary(.divide, .array(raw), .float(scale)) }
        guard try q.toArray(of: Double.self).allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw DuskError(.valueError, percent ? "Percentiles must be in the range [0, 100]" : "Quantiles must be in the range [0, 1]")
        }
        return (q, weak)
    }

    private static func methodArgument(_ args: Args) throws -> QuantileMethod {
        let name = try args.string(named: "method")
        guard let method = QuantileMethod(rawValue: name) else {
            throw DuskError(.valueError, "'\(name)' is not a valid method. Use one of: dict_keys([\(QuantileMethod.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))])")
        }
        return method
    }
}
