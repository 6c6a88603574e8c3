import DuskArray
import DuskGraph

/// The reductions of DuskArray's `Reduction` table as functions and methods: `np.sum`,
/// `da.nanmean`, `x.argmax(axis=0)`, with NumPy's signatures (plus Dask's `split_every`).
extension Reduction {
    /// The parameters after the array, as in NumPy's signatures (plus Dask's `split_every`, and
    /// the array API's `correction` wherever NumPy's function takes it).
    var parameterText: String {
        if isArgReduction || !takesDType { return "axis=None, out=None, keepdims=False, split_every=None" }
        if takesDDof { return "axis=None, dtype=None, out=None, ddof=0, keepdims=False, split_every=None, *, correction=None" }
        return "axis=None, dtype=None, out=None, keepdims=False, split_every=None"
    }

    var summary: String {
        switch self {
        case .sum: "Sum of elements over the given axes."
        case .prod: "Product of elements over the given axes."
        case .mean: "Arithmetic mean over the given axes."
        case .min: "Minimum over the given axes."
        case .max: "Maximum over the given axes."
        case .std: "Standard deviation over the given axes (ddof: delta degrees of freedom)."
        case .variance: "Variance over the given axes (ddof: delta degrees of freedom)."
        case .any: "Whether any element is true over the given axes."
        case .all: "Whether all elements are true over the given axes."
        case .argmin: "Indices of the minimum values (flat when axis is None)."
        case .argmax: "Indices of the maximum values (flat when axis is None)."
        case .nansum: "Sum, treating NaN as zero."
        case .nanprod: "Product, treating NaN as one."
        case .nanmean: "Mean of the non-NaN elements."
        case .nanmin: "Minimum, ignoring NaN."
        case .nanmax: "Maximum, ignoring NaN."
        case .nanstd: "Standard deviation of the non-NaN elements."
        case .nanvar: "Variance of the non-NaN elements."
        }
    }

    /// The table entry: in `numpy` and `dask.array`, global unless it hides a Python
    /// built-in, a method unless NaN-skipping (NumPy has no `a.nansum()`).
    var function: ArrayFunction {
        ArrayFunction("\(rawValue)(a, \(parameterText))", summary,
                      in: skipsNaN ? [.numpy, .dask, .global] : [.numpy, .dask, .global, .method],
                      numpyAliases: self == .min ? ["amin"] : self == .max ? ["amax"] : [],
                      eager: { a, args, _ in
                          let options = try ReductionOptions(args, self)
                          return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in
                              try self.apply(to: a, axes: options.axes, keepdims: options.keepdims,
                                             dtype: options.dtype, ddof: options.ddof)
                          })
                      },
                      lazy: { x, args, context in
                          let options = try ReductionOptions(args, self)
                          let splitEvery = try Reduction.splitEvery(args["split_every"])
                          let at = currentCallLocation(context)
                          return LazyArrayObject.wrap(try graphCall { () throws(GraphError) -> LazyArray in
                              switch self {
                              case .variance, .nanvar:
                                  return try x.variance(axes: options.axes, keepdims: options.keepdims, ddof: options.ddof,
                                                        dtype: options.dtype, splitEvery: splitEvery, skipNaN: self.skipsNaN, at: at)
                              case .std, .nanstd:
                                  return try x.std(axes: options.axes, keepdims: options.keepdims, ddof: options.ddof,
                                                   dtype: options.dtype, splitEvery: splitEvery, skipNaN: self.skipsNaN, at: at)
                              default:
                                  return try x.reduce(self, axes: options.axes, keepdims: options.keepdims, dtype: options.dtype,
                                                      splitEvery: splitEvery, at: at)
                              }
                          })
                      })
    }

    /// `split_every=`: None, an int (a total), or a dict from axis to blocks per combine.
    static func splitEvery(_ value: Value) throws -> SplitEvery? {
        switch value {
        case .none: return nil
        case .dict(let d):
            var table: [Int: Int] = [:]
            for (k, v) in d.entries { table[try ArrayConvert.int(k, "split_every axis")] = try ArrayConvert.int(v, "split_every") }
            return .perAxis(table)
        default:
            return .total(try ArrayConvert.int(value, "split_every"))
        }
    }
}

/// The keyword arguments every reduction reads.
struct ReductionOptions {
    var axes: [Int]?
    var keepdims: Bool
    var dtype: DType?
    var ddof: Double

    init(_ args: Args, _ reduction: Reduction) throws {
        if !args["out"].isNone { throw DuskError(.notImplementedError, "\(reduction.rawValue)(): out= is not supported") }
        axes = try ArrayConvert.axes(args["axis"])
        if reduction.isArgReduction, let axes, axes.count != 1 {
            throw DuskError(.typeError, "\(reduction.rawValue)(): axis must be an integer or None, not a tuple")
        }
        keepdims = args["keepdims"].isNone ? false : try args.bool(named: "keepdims")
        dtype = try ArrayConvert.dtype(args["dtype"])
        ddof = args["ddof"].isNone ? 0 : try ArrayConvert.double(args["ddof"], "ddof")
        // The array API's name for ddof (NumPy 2 takes both, but not both at once).
        if !args["correction"].isNone {
            if ddof != 0 { throw DuskError(.valueError, "ddof and correction can't be provided simultaneously.") }
            ddof = try ArrayConvert.double(args["correction"], "correction")
        }
    }
}

/// The cumulative sum and product: scans along one axis (the flattened array without one).
extension ArrayFunction {
    static let scans: [ArrayFunction] = [scan(product: false), scan(product: true)]

    private static func scan(product: Bool) -> ArrayFunction {
        let name = product ? "cumprod" : "cumsum"
        return ArrayFunction("\(name)(a, axis=None, dtype=None, out=None)",
                             "Cumulative \(product ? "product" : "sum") along an axis (flattened when axis is None).",
                             in: [.numpy, .dask, .global, .method],
                             eager: { a, args, _ in
                                 if !args["out"].isNone { throw DuskError(.notImplementedError, "\(name)(): out= is not supported") }
                                 let axis = try ArrayConvert.axis(args["axis"])
                                 let dtype = try ArrayConvert.dtype(args["dtype"])
                                 return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in
                                     try product ? a.cumprod(axis: axis, dtype: dtype) : a.cumsum(axis: axis, dtype: dtype)
                                 })
                             },
                             lazy: { x, args, context in
                                 if !args["out"].isNone { throw DuskError(.notImplementedError, "\(name)(): out= is not supported") }
                                 let axis = try ArrayConvert.axis(args["axis"])
                                 let dtype = try ArrayConvert.dtype(args["dtype"])
                                 let at = currentCallLocation(context)
                                 return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                                     try x.cumulative(product: product, axis: axis, dtype: dtype, at: at)
                                 })
                             })
    }
}
