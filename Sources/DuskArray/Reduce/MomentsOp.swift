/// Count, sum and sum of squared deviations from the mean (`M2`) of some values: the
/// statistic `mean`, `var` and `std` are made of, mergeable across any split of the values.
struct MomentAccumulator: BitwiseCopyable, Equatable {
    var count: Double
    var sum: Double
    var m2: Double

    static let empty = MomentAccumulator(count: 0, sum: 0, m2: 0)

    /// Chan, Golub and LeVeque's pairwise update: `M2 = M2a + M2b + δ² · na·nb / n` with
    /// `δ = mean_b − mean_a`. Stable for any split, so chunk partials merge in any tree.
    @inline(__always)
    static func merge(_ a: MomentAccumulator, _ b: MomentAccumulator) -> MomentAccumulator {
        if a.count == 0 { return b }
        if b.count == 0 { return a }
        let n = a.count + b.count
        let delta = b.sum / b.count - a.sum / a.count
        return MomentAccumulator(count: n, sum: a.sum + b.sum,
                                 m2: a.m2 + b.m2 + delta * delta * (a.count * b.count / n))
    }
}

/// Moments of the values (as `float64`): the per-chunk step of `mean`/`var`/`std`.
///
/// A contiguous run is cut into blocks that stay in L1; each block is summed pairwise, its
/// deviations from its own mean are squared and summed (two passes over cached data), and
/// blocks merge with `MomentAccumulator.merge`. Kept rows update each output with Welford's
/// step (a merge with a single value).
struct MomentsOp<T: MathElement>: ReductionOp {
    static var identity: MomentAccumulator { .empty }
    @inline(__always) static func lift(_ x: T) -> MomentAccumulator {
        MomentAccumulator(count: 1, sum: T.toDouble(x), m2: 0)
    }
    @inline(__always) static func combine(_ a: MomentAccumulator, _ b: MomentAccumulator) -> MomentAccumulator {
        MomentAccumulator.merge(a, b)
    }

    static func reduce(_ p: UnsafePointer<T>, count: Int, stride: Int) -> MomentAccumulator {
        stride == 1 ? blocks(p, count, 1) : blocks(p, count, stride)
    }

    @inline(__always)
    static func blocks(_ p: UnsafePointer<T>, _ n: Int, _ s: Int) -> MomentAccumulator {
        var result = MomentAccumulator.empty
        var start = 0, sinceCheck = 0
        while start < n {
            let m = Swift.min(momentBlock, n - start)
            sinceCheck += m
            if sinceCheck >= KernelCancellation.slabElements {
                if KernelCancellation.isRequested { break }  // the entry point throws
                sinceCheck = 0
            }
            let q = p + start * s
            let sum = DoubleSumOp<T>.pairwise(q, m, s)
            let mean = sum / Double(m)
            var d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0
            var i = 0
            while i + 4 <= m {
                let e0 = T.toDouble(q[i * s]) - mean, e1 = T.toDouble(q[(i + 1) * s]) - mean
                let e2 = T.toDouble(q[(i + 2) * s]) - mean, e3 = T.toDouble(q[(i + 3) * s]) - mean
                d0 += e0 * e0; d1 += e1 * e1; d2 += e2 * e2; d3 += e3 * e3
                i += 4
            }
            while i < m { let e = T.toDouble(q[i * s]) - mean; d0 += e * e; i += 1 }
            result = MomentAccumulator.merge(result, MomentAccumulator(count: Double(m), sum: sum,
                                                                       m2: (d0 + d1) + (d2 + d3)))
            start += m
        }
        return result
    }
}

/// Moments of the non-NaN values: the per-chunk step of `nanmean`/`nanvar`/`nanstd`.
struct NanMomentsOp<T: MathElement>: ReductionOp {
    static var identity: MomentAccumulator { .empty }
    @inline(__always) static func lift(_ x: T) -> MomentAccumulator {
        T.isNaN(x) ? .empty : MomentAccumulator(count: 1, sum: T.toDouble(x), m2: 0)
    }
    @inline(__always) static func combine(_ a: MomentAccumulator, _ b: MomentAccumulator) -> MomentAccumulator {
        MomentAccumulator.merge(a, b)
    }

    static func reduce(_ p: UnsafePointer<T>, count: Int, stride: Int) -> MomentAccumulator {
        stride == 1 ? blocks(p, count, 1) : blocks(p, count, stride)
    }

    @inline(__always)
    static func blocks(_ p: UnsafePointer<T>, _ n: Int, _ s: Int) -> MomentAccumulator {
        var result = MomentAccumulator.empty
        var start = 0, sinceCheck = 0
        while start < n {
            let m = Swift.min(momentBlock, n - start)
            sinceCheck += m
            if sinceCheck >= KernelCancellation.slabElements {
                if KernelCancellation.isRequested { break }  // the entry point throws
                sinceCheck = 0
            }
            let q = p + start * s
            let partial = NanDoubleSumCountOp<T>.pairwise(q, m, s)
            let sum = partial.sum
            if partial.count > 0 {
                let mean = sum / Double(partial.count)
                var d = 0.0
                for i in 0..<m {
                    let x = q[i * s]
                    if !T.isNaN(x) { let e = T.toDouble(x) - mean; d += e * e }
                }
                result = MomentAccumulator.merge(result, MomentAccumulator(count: Double(partial.count),
                                                                           sum: sum, m2: d))
            }
            start += m
        }
        return result
    }
}

/// The non-NaN values summed as `float64`, with their count.
struct NanDoubleSumCountOp<T: MathElement>: ReductionOp {
    static var identity: SumCount<Double> { SumCount(sum: 0, count: 0) }
    @inline(__always) static func lift(_ x: T) -> SumCount<Double> {
        T.isNaN(x) ? SumCount(sum: 0, count: 0) : SumCount(sum: T.toDouble(x), count: 1)
    }
    @inline(__always) static func combine(_ a: SumCount<Double>, _ b: SumCount<Double>) -> SumCount<Double> {
        SumCount(sum: a.sum + b.sum, count: a.count + b.count)
    }
}

/// Elements per block of the two-pass moment kernel: small enough to stay in L1.
let momentBlock = 1024

/// A mean fixed beforehand and the sum of squared deviations from it.
struct Deviation: BitwiseCopyable {
    var mean: Double
    var m2: Double
}

/// The second pass of the two-pass variance: adds `(x - mean)²` of the non-NaN values to
/// each output, whose accumulator already holds the mean from the first pass. Used when the
/// outputs are accumulated row by row (reductions over leading axes), where one-pass updates
/// would lose digits. NaN values are skipped: where the data has NaN the mean is NaN already.
struct DeviationOp<T: MathElement>: ReductionOp {
    static var identity: Deviation { Deviation(mean: 0, m2: 0) }
    @inline(__always) static func lift(_ x: T) -> Deviation { identity }
    @inline(__always) static func combine(_ a: Deviation, _ b: Deviation) -> Deviation {
        Deviation(mean: a.mean, m2: a.m2 + b.m2)
    }

    static func reduce(into accumulator: inout Deviation, _ p: UnsafePointer<T>, count: Int, stride: Int) {
        let mean = accumulator.mean
        var d0 = 0.0, d1 = 0.0
        var i = 0
        while i + 2 <= count {
            let x0 = p[i * stride], x1 = p[(i + 1) * stride]
            let e0 = T.toDouble(x0) - mean, e1 = T.toDouble(x1) - mean
            d0 += T.isNaN(x0) ? 0 : e0 * e0
            d1 += T.isNaN(x1) ? 0 : e1 * e1
            i += 2
        }
        if i < count { let x = p[i * stride]; let e = T.toDouble(x) - mean; d0 += T.isNaN(x) ? 0 : e * e }
        accumulator.m2 += d0 + d1
    }

    static func accumulateRow(_ out: UnsafeMutablePointer<Deviation>, outStride: Int,
                              _ p: UnsafePointer<T>, stride: Int, count: Int) {
        for k in 0..<count {
            let x = p[k * stride]
            let e = T.toDouble(x) - out[k * outStride].mean
            out[k * outStride].m2 += T.isNaN(x) ? 0 : e * e
        }
    }
}
