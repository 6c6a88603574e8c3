/// The reductions, named as NumPy names them: one table read by every layer.
///
/// The kernels here run them on an `NDArray` (`apply(to:axes:keepdims:dtype:ddof:)`), the
/// lazy tree reduction in DuskGraph records one in each step, and DuskRuntime derives the
/// `ndarray`/`Array` methods and the `numpy`/`dask.array` functions from the cases.
/// Adding a reduction: a case here, its line in `apply`, its partial in DuskGraph's
/// `ChunkKernels+Reduce.swift` (or a plan built from other reductions, as `std` is), and
/// its signature and summary in DuskRuntime's `Reduction+Surface.swift`.
public enum Reduction: String, CaseIterable, Sendable, Hashable {
    case sum, prod, mean, min, max, std, variance = "var", any, all, argmin, argmax
    case nansum, nanprod, nanmean, nanmin, nanmax, nanstd, nanvar

    /// NumPy's name (`var` for `variance`).
    public var name: String { rawValue }

    /// Whether partials are `Moments` (the mean and variance family) rather than arrays.
    public var usesMoments: Bool {
        switch self {
        case .mean, .variance, .std, .nanmean, .nanvar, .nanstd: true
        default: false
        }
    }

    /// Whether partials are `ArgPartial`s.
    public var isArgReduction: Bool { self == .argmin || self == .argmax }

    /// Whether NaN values are left out.
    public var skipsNaN: Bool { rawValue.hasPrefix("nan") }

    /// Whether `dtype=` chooses the accumulator (sum, prod, mean and the moments).
    public var takesDType: Bool {
        switch self {
        case .sum, .prod, .mean, .std, .variance, .nansum, .nanprod, .nanmean, .nanstd, .nanvar: true
        default: false
        }
    }

    /// Whether `ddof=` applies.
    public var takesDDof: Bool {
        switch self {
        case .std, .variance, .nanstd, .nanvar: true
        default: false
        }
    }

    /// Whether the reduction has an identity, so that an empty reduction has a value.
    var hasIdentity: Bool {
        switch self {
        case .min, .max, .nanmin, .nanmax: false
        default: true
        }
    }

    /// The operation's name in NumPy's "no identity" message.
    var ufuncName: String {
        switch self {
        case .min: "minimum"
        case .max: "maximum"
        case .nanmin: "fmin"
        case .nanmax: "fmax"
        default: rawValue
        }
    }

    /// NumPy's reduction of `array` over `axes` (nil: all; an arg-reduction takes at most one).
    ///
    /// `dtype` is the requested accumulator (`sum(dtype=)`), `ddof` the delta degrees of
    /// freedom of the variance family; each is ignored where NumPy has no such parameter.
    public func apply(to array: NDArray, axes: [Int]?, keepdims: Bool = false, dtype: DType? = nil,
                      ddof: Double = 0) throws(ArrayError) -> NDArray {
        switch self {
        case .sum: try array.sum(axes: axes, keepdims: keepdims, dtype: dtype)
        case .prod: try array.prod(axes: axes, keepdims: keepdims, dtype: dtype)
        case .mean: try array.mean(axes: axes, keepdims: keepdims, dtype: dtype)
        case .min: try array.amin(axes: axes, keepdims: keepdims)
        case .max: try array.amax(axes: axes, keepdims: keepdims)
        case .std: try array.std(axes: axes, keepdims: keepdims, ddof: ddof, dtype: dtype)
        case .variance: try array.variance(axes: axes, keepdims: keepdims, ddof: ddof, dtype: dtype)
        case .any: try array.any(axes: axes, keepdims: keepdims)
        case .all: try array.all(axes: axes, keepdims: keepdims)
        case .argmin, .argmax: try array.argPartial(self, axis: try Reduction.singleAxis(axes, self), keepdims: keepdims).indices
        case .nansum: try array.nansum(axes: axes, keepdims: keepdims, dtype: dtype)
        case .nanprod: try array.nanprod(axes: axes, keepdims: keepdims, dtype: dtype)
        case .nanmean: try array.nanmean(axes: axes, keepdims: keepdims)
        case .nanmin: try array.nanmin(axes: axes, keepdims: keepdims)
        case .nanmax: try array.nanmax(axes: axes, keepdims: keepdims)
        case .nanstd: try array.nanstd(axes: axes, keepdims: keepdims, ddof: ddof)
        case .nanvar: try array.nanvar(axes: axes, keepdims: keepdims, ddof: ddof)
        }
    }

    /// The one axis of an arg-reduction (nil: the flattened array).
    static func singleAxis(_ axes: [Int]?, _ reduction: Reduction) throws(ArrayError) -> Int? {
        guard let axes else { return nil }
        guard axes.count == 1 else {
            throw ArrayError.type("\(reduction.rawValue)(): axis must be an integer or None, not a tuple")
        }
        return axes[0]
    }
}
