import DuskArray
import DuskSyntax
import Foundation
import Synchronization

/// How many blocks one combine task merges: Dask's `split_every`.
public enum SplitEvery: Sendable, Hashable {
    /// A total, spread over the reduced axes (`n ** (1 / len(axes))` each, at least 2).
    case total(Int)
    /// Per reduced axis (axes not listed merge 2 at a time).
    case perAxis([Int: Int])

    /// Dask's `split_every` configuration default: 4 in total.
    public static var `default`: Int {
        get { defaultState.withLock { $0 } }
        set { defaultState.withLock { $0 = newValue } }
    }

    private static let defaultState = Mutex(4)
}

extension LazyArray {
    /// `x.sum(axis=, dtype=, keepdims=, split_every=)`.
    public func sum(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil, splitEvery: SplitEvery? = nil,
                    at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try reduce(.sum, axes: axes, keepdims: keepdims, dtype: dtype ?? self.dtype.sumDType, requested: dtype,
                   splitEvery: splitEvery, at: location)
    }

    /// `x.prod(...)`.
    public func prod(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil, splitEvery: SplitEvery? = nil,
                     at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try reduce(.prod, axes: axes, keepdims: keepdims, dtype: dtype ?? self.dtype.sumDType, requested: dtype,
                   splitEvery: splitEvery, at: location)
    }

    /// Any reduction of the table (`x.min(...)`, `x.nansum(...)`...); `dtype` is the requested
    /// accumulator where the reduction takes one.
    public func reduce(_ kind: Reduction, axes: [Int]? = nil, keepdims: Bool = false, dtype requested: DType? = nil,
                       splitEvery: SplitEvery? = nil, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        switch kind {
        case .sum, .prod, .nansum, .nanprod:
            return try reduce(kind, axes: axes, keepdims: keepdims, dtype: requested ?? dtype.sumDType, requested: requested,
                              splitEvery: splitEvery, at: location)
        case .min, .max, .nanmin, .nanmax:
            return try reduce(kind, axes: axes, keepdims: keepdims, dtype: dtype, requested: nil,
                              splitEvery: splitEvery, at: location)
        case .any, .all:
            return try reduce(kind, axes: axes, keepdims: keepdims, dtype: .bool, requested: nil,
                              splitEvery: splitEvery, at: location)
        case .mean, .nanmean:
            return try mean(axes: axes, keepdims: keepdims, dtype: requested, splitEvery: splitEvery, skipNaN: kind.skipsNaN,
                            at: location)
        case .variance, .nanvar:
            return try variance(axes: axes, keepdims: keepdims, dtype: requested, splitEvery: splitEvery,
                                skipNaN: kind.skipsNaN, at: location)
        case .std, .nanstd:
            return try std(axes: axes, keepdims: keepdims, dtype: requested, splitEvery: splitEvery, skipNaN: kind.skipsNaN,
                           at: location)
        case .argmin, .argmax:
            return try argReduce(kind, axis: axes?.first, keepdims: keepdims, splitEvery: splitEvery, at: location)
        }
    }

    /// `x.mean(...)`: from `Moments` partials.
    public func mean(axes: [Int]? = nil, keepdims: Bool = false, dtype: DType? = nil, splitEvery: SplitEvery? = nil,
                     skipNaN: Bool = false, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try reduce(skipNaN ? .nanmean : .mean, axes: axes, keepdims: keepdims,
                   dtype: dtype ?? (self.dtype == .float32 ? .float32 : .float64), requested: dtype,
                   splitEvery: splitEvery, at: location)
    }

    /// `x.var(ddof=, ...)`: from `Moments` partials.
    public func variance(axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0, dtype: DType? = nil,
                         splitEvery: SplitEvery? = nil, skipNaN: Bool = false,
                         at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try reduce(skipNaN ? .nanvar : .variance, axes: axes, keepdims: keepdims,
                   dtype: dtype ?? (self.dtype == .float32 ? .float32 : .float64), requested: dtype, ddof: ddof,
                   splitEvery: splitEvery, at: location)
    }

    /// `x.std(ddof=, ...)`: the variance's tree, then a `sqrt` layer (as Dask does).
    public func std(axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0, dtype: DType? = nil,
                    splitEvery: SplitEvery? = nil, skipNaN: Bool = false,
                    at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let variance = try variance(axes: axes, keepdims: keepdims, ddof: ddof, dtype: dtype, splitEvery: splitEvery,
                                    skipNaN: skipNaN, at: location)
        return try LazyArray.unary(.sqrt, variance, at: location)
    }

    /// `x.argmin(axis=)`, `x.argmax(axis=)`: global indices, flat when `axis` is nil.
    public func argReduce(_ kind: Reduction, axis: Int?, keepdims: Bool = false, splitEvery: SplitEvery? = nil,
                          at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        precondition(kind.isArgReduction, "argReduce takes argmin or argmax")
        let axes = try axis.map { (value: Int) throws(GraphError) -> [Int] in [try LazyArray.axis(value, ndim: ndim, at: location)] }
        return try reduce(kind, axes: axes, keepdims: keepdims, dtype: .int64, requested: nil,
                          splitEvery: splitEvery, at: location)
    }

    /// The tree reduction: a per-block partial layer, `depth - 1` combine layers merging
    /// `split_every` blocks per reduced axis, and an aggregate layer, as Dask's `reduction`.
    func reduce(_ kind: Reduction, axes: [Int]?, keepdims: Bool, dtype: DType, requested: DType?,
                ddof: Double = 0, splitEvery: SplitEvery?, names: (chunk: String, combine: String, aggregate: String)? = nil,
                at location: SourceLocation?) throws(GraphError) -> LazyArray {
        let axes = try LazyArray.axes(axes, ndim: ndim, at: location)
        let split = LazyArray.splitEvery(splitEvery, axes: axes)
        let names = names ?? kind.layerNames
        var step = ReductionStep(kind: kind, phase: .chunk, axes: axes, splitEvery: split, keepdims: true,
                                 dtype: requested, ddof: ddof, inputShape: shape)
        var token = TokenBuilder(kind.rawValue, axes, keepdims, ddof)
        token.combine(requested.map { Int($0.rawValue) })
        token.combine(split.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        let partialChunks = Chunks((0..<ndim).map { axes.contains($0) ? Array(repeating: 1, count: numblocks[$0]) : chunks.sizes[$0] })
        var current = try LazyArray.make(names.chunk, op: .reduction(step), inputs: [.array(expr)], dtype: dtype,
                                     chunks: partialChunks, token: token, location: location)
        var depth = 1
        for axis in axes where (split[axis] ?? 1) != 1 {
            let count = Double(numblocks[axis])
            depth = Swift.max(depth, Int((log(count) / log(Double(split[axis]!))).rounded(.up)))
        }
        func grouped(_ sizes: [[Int]], keep: Bool) -> [[Int]] {
            var result: [[Int]] = []
            for (dimension, dimensionSizes) in sizes.enumerated() {
                if let group = split[dimension] {
                    if keep { result.append(Array(repeating: 1, count: (dimensionSizes.count + group - 1) / group)) }
                } else {
                    result.append(dimensionSizes)
                }
            }
            return result
        }
        for _ in 0..<(depth - 1) {
            step.phase = .combine
            current = try LazyArray.make(names.combine, op: .reduction(step), inputs: [.array(current.expr)], dtype: dtype,
                                     chunks: Chunks(grouped(current.chunks.sizes, keep: true)), token: token,
                                     location: location)
        }
        step.phase = .aggregate
        step.keepdims = keepdims
        token.combine(word: 0xAA)
        return try LazyArray.make(names.aggregate, op: .reduction(step), inputs: [.array(current.expr)], dtype: dtype,
                              chunks: Chunks(grouped(current.chunks.sizes, keep: keepdims)), token: token,
                              location: location)
    }

    /// Blocks merged per reduced axis (every reduced axis appears in the result).
    static func splitEvery(_ given: SplitEvery?, axes: [Int]) -> [Int: Int] {
        switch given ?? .total(SplitEvery.default) {
        case .perAxis(let table):
            return Dictionary(uniqueKeysWithValues: axes.map { ($0, table[$0] ?? 2) })
        case .total(let total):
            let each = Swift.max(Int(pow(Double(total), 1 / Double(Swift.max(axes.count, 1)))), 2)
            return Dictionary(uniqueKeysWithValues: axes.map { ($0, each) })
        }
    }
}

extension Reduction {
    /// Layer names of the chunk, combine and aggregate steps, as Dask names them (its function names).
    var layerNames: (chunk: String, combine: String, aggregate: String) {
        switch self {
        case .sum, .prod, .any, .all: (rawValue, "\(rawValue)-partial", "\(rawValue)-aggregate")
        case .min, .max: ("chunk_\(rawValue)", "chunk_\(rawValue)-partial", "\(rawValue)-aggregate")
        case .nansum: ("nansum", "sum-partial", "sum-aggregate")
        case .nanprod: ("nanprod", "prod-partial", "prod-aggregate")
        case .nanmin, .nanmax: ("\(rawValue)_skip", "_\(rawValue)_skip-partial", "_\(rawValue)_skip-aggregate")
        case .mean, .nanmean: ("mean_chunk", "mean_combine-partial", "mean_agg-aggregate")
        case .variance: ("var", "var-partial", "var-aggregate")
        case .nanvar: ("moment_chunk", "moment_combine-partial", "moment_agg-aggregate")
        case .argmin, .argmax: ("arg-reduce", "arg_combine-partial", "arg_agg-aggregate")
        case .std, .nanstd: ("var", "var-partial", "var-aggregate")
        }
    }
}
