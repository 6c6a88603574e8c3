import DuskArray
import DuskGraph

/// The reductions of arrays (`sum`, `mean`, `std`, `argmax`, `cumsum`...), one table for the
/// `ndarray` and `Array` methods and the `numpy` / `dask.array` functions.
enum ArrayReduction: String, CaseIterable {
    case sum, prod, mean, min, max, std, `var`, any, all, argmin, argmax, cumsum, cumprod
    case nansum, nanprod, nanmean, nanmin, nanmax, nanstd, nanvar

    /// The parameters after the array, as in NumPy's signatures (plus Dask's `split_every`).
    var parameterText: String {
        switch self {
        case .sum, .prod, .mean, .nansum, .nanprod, .nanmean:
            "axis=None, dtype=None, out=None, keepdims=False, split_every=None"
        case .min, .max, .any, .all, .nanmin, .nanmax, .argmin, .argmax:
            "axis=None, out=None, keepdims=False, split_every=None"
        case .std, .var, .nanstd, .nanvar:
            "axis=None, dtype=None, out=None, ddof=0, keepdims=False, split_every=None"
        case .cumsum, .cumprod:
            "axis=None, dtype=None, out=None"
        }
    }

    /// Whether this reduction exists as an `ndarray`/`Array` method (the nan-forms are functions only).
    var isMethod: Bool { !rawValue.hasPrefix("nan") }

    var doc: String {
        switch self {
        case .sum: "Sum of elements over the given axes."
        case .prod: "Product of elements over the given axes."
        case .mean: "Arithmetic mean over the given axes."
        case .min: "Minimum over the given axes."
        case .max: "Maximum over the given axes."
        case .std: "Standard deviation over the given axes (ddof: delta degrees of freedom)."
        case .var: "Variance over the given axes (ddof: delta degrees of freedom)."
        case .any: "Whether any element is true over the given axes."
        case .all: "Whether all elements are true over the given axes."
        case .argmin: "Indices of the minimum values (flat when axis is None)."
        case .argmax: "Indices of the maximum values (flat when axis is None)."
        case .cumsum: "Cumulative sum along an axis (flattened when axis is None)."
        case .cumprod: "Cumulative product along an axis (flattened when axis is None)."
        case .nansum: "Sum, treating NaN as zero."
        case .nanprod: "Product, treating NaN as one."
        case .nanmean: "Mean of the non-NaN elements."
        case .nanmin: "Minimum, ignoring NaN."
        case .nanmax: "Maximum, ignoring NaN."
        case .nanstd: "Standard deviation of the non-NaN elements."
        case .nanvar: "Variance of the non-NaN elements."
        }
    }

    /// A built-in taking the array first (`receiver` names that parameter: `self` or `a`).
    func builtin(receiver: String, module: String?) -> Builtin {
        Builtin("\(rawValue)(\(receiver), \(parameterText))", module: module, doc: doc) { args, context in
            try self.apply(args, context: context)
        }
    }

    /// Runs the reduction on the bound arguments (argument 0 is the array).
    func apply(_ args: Args, context: ExecutionContext) throws -> Value {
        if !args["out"].isNone { throw DuskError(.notImplementedError, "\(rawValue)(): out= is not supported") }
        let target = try ArrayArgument.of(args[0], context: context)
        let axes = try ArrayConvert.axes(args["axis"])
        let keepdims = args.signature.parameters.contains { $0.name == "keepdims" } ? try args.bool(index("keepdims", args)) : false
        let dtype = try ArrayConvert.dtype(args["dtype"])
        let ddof = args["ddof"].isNone ? 0 : try ArrayConvert.double(args["ddof"], "ddof")
        switch target {
        case .eager(let array):
            return try eager(array, axes: axes, keepdims: keepdims, dtype: dtype, ddof: ddof)
        case .lazy(let array):
            let splitEvery = try ArrayReduction.splitEvery(args["split_every"])
            return LazyArrayObject.wrap(try lazy(array, axes: axes, keepdims: keepdims, dtype: dtype, ddof: ddof,
                                                 splitEvery: splitEvery, context: context))
        }
    }

    private func index(_ name: String, _ args: Args) -> Int {
        args.signature.parameters.firstIndex { $0.name == name }!
    }

    private func singleAxis(_ axes: [Int]?) throws -> Int? {
        guard let axes else { return nil }
        guard axes.count == 1 else {
            throw DuskError(.typeError, "\(rawValue)(): axis must be an integer or None, not a tuple")
        }
        return axes[0]
    }

    /// The NDArray kernel: a 0-d result becomes a NumPy scalar.
    func eager(_ a: NDArray, axes: [Int]?, keepdims: Bool, dtype: DType?, ddof: Double) throws -> Value {
        let axis = (self == .argmin || self == .argmax || self == .cumsum || self == .cumprod) ? try singleAxis(axes) : nil
        let result = try arrayCall { () throws(ArrayError) -> NDArray in
            switch self {
            case .sum: return try a.sum(axes: axes, keepdims: keepdims, dtype: dtype)
            case .prod: return try a.prod(axes: axes, keepdims: keepdims, dtype: dtype)
            case .mean: return try a.mean(axes: axes, keepdims: keepdims, dtype: dtype)
            case .min: return try a.amin(axes: axes, keepdims: keepdims)
            case .max: return try a.amax(axes: axes, keepdims: keepdims)
            case .std: return try a.std(axes: axes, keepdims: keepdims, ddof: ddof, dtype: dtype)
            case .var: return try a.variance(axes: axes, keepdims: keepdims, ddof: ddof, dtype: dtype)
            case .any: return try a.any(axes: axes, keepdims: keepdims)
            case .all: return try a.all(axes: axes, keepdims: keepdims)
            case .argmin: return try a.argmin(axis: axis, keepdims: keepdims)
            case .argmax: return try a.argmax(axis: axis, keepdims: keepdims)
            case .cumsum: return try a.cumsum(axis: axis, dtype: dtype)
            case .cumprod: return try a.cumprod(axis: axis, dtype: dtype)
            case .nansum: return try a.nansum(axes: axes, keepdims: keepdims, dtype: dtype)
            case .nanprod:
                let cleaned = try NDArray.where(try a.unary(.isnan), .int(1), .array(a))
                return try cleaned.prod(axes: axes, keepdims: keepdims, dtype: dtype)
            case .nanmean: return try a.nanmean(axes: axes, keepdims: keepdims)
            case .nanmin: return try a.nanmin(axes: axes, keepdims: keepdims)
            case .nanmax: return try a.nanmax(axes: axes, keepdims: keepdims)
            case .nanstd: return try a.nanstd(axes: axes, keepdims: keepdims, ddof: ddof)
            case .nanvar: return try a.nanvar(axes: axes, keepdims: keepdims, ddof: ddof)
            }
        }
        return ArrayConvert.wrap(result)
    }

    /// The tree reduction of a lazy array.
    func lazy(_ a: LazyArray, axes: [Int]?, keepdims: Bool, dtype: DType?, ddof: Double, splitEvery: SplitEvery?,
              context: ExecutionContext) throws -> LazyArray {
        let at = currentCallLocation(context)
        if self == .cumsum || self == .cumprod {
            return try LazyScan.scan(a, product: self == .cumprod, axis: try singleAxis(axes), dtype: dtype, at: at)
        }
        let axis = (self == .argmin || self == .argmax) ? try singleAxis(axes) : nil
        return try graphCall { () throws(GraphError) -> LazyArray in
            switch self {
            case .sum: return try a.sum(axes: axes, keepdims: keepdims, dtype: dtype, splitEvery: splitEvery, at: at)
            case .prod: return try a.prod(axes: axes, keepdims: keepdims, dtype: dtype, splitEvery: splitEvery, at: at)
            case .mean, .nanmean:
                return try a.mean(axes: axes, keepdims: keepdims, dtype: dtype, splitEvery: splitEvery,
                                  skipNaN: self == .nanmean, at: at)
            case .var, .nanvar:
                return try a.variance(axes: axes, keepdims: keepdims, ddof: ddof, dtype: dtype, splitEvery: splitEvery,
                                      skipNaN: self == .nanvar, at: at)
            case .std, .nanstd:
                return try a.std(axes: axes, keepdims: keepdims, ddof: ddof, dtype: dtype, splitEvery: splitEvery,
                                 skipNaN: self == .nanstd, at: at)
            case .min: return try a.reduce(.min, axes: axes, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .max: return try a.reduce(.max, axes: axes, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .any: return try a.reduce(.any, axes: axes, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .all: return try a.reduce(.all, axes: axes, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .nansum: return try a.reduce(.nansum, axes: axes, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .nanprod:
                // NaNs count as 1, as in the eager path: a product of the cleaned array.
                let cleaned = try LazyArray.where(.array(try LazyArray.unary(.isnan, a, at: at)), .int(1), .array(a), at: at)
                return try cleaned.prod(axes: axes, keepdims: keepdims, dtype: dtype, splitEvery: splitEvery, at: at)
            case .nanmin: return try a.reduce(.nanmin, axes: axes, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .nanmax: return try a.reduce(.nanmax, axes: axes, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .argmin: return try a.argReduce(.argmin, axis: axis, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .argmax: return try a.argReduce(.argmax, axis: axis, keepdims: keepdims, splitEvery: splitEvery, at: at)
            case .cumsum, .cumprod:
                preconditionFailure("scans are built by LazyScan above")
            }
        }
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
