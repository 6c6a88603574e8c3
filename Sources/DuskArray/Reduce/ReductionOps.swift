// The reductions NDArray offers, each a `ReductionOp` over one element type.

/// `sum`: adds in NumPy's accumulator (`int64`, `uint64`, or the float type itself).
struct SumOp<T: MathElement>: ReductionOp {
    static var identity: T.Wide { .zero }
    @inline(__always) static func lift(_ x: T) -> T.Wide { T.widen(x) }
    @inline(__always) static func combine(_ a: T.Wide, _ b: T.Wide) -> T.Wide { T.Wide.add(a, b) }
}

/// `prod`: multiplies in NumPy's accumulator.
struct ProdOp<T: MathElement>: ReductionOp {
    static var identity: T.Wide { T.Wide.one }
    @inline(__always) static func lift(_ x: T) -> T.Wide { T.widen(x) }
    @inline(__always) static func combine(_ a: T.Wide, _ b: T.Wide) -> T.Wide { T.Wide.multiply(a, b) }
}

/// `sum` of the values as `float64`: `mean` of integers and booleans.
struct DoubleSumOp<T: MathElement>: ReductionOp {
    static var identity: Double { 0 }
    @inline(__always) static func lift(_ x: T) -> Double { T.toDouble(x) }
    @inline(__always) static func combine(_ a: Double, _ b: Double) -> Double { a + b }
}

/// `min`: NaN wins, as in NumPy.
struct MinOp<T: MathElement>: ReductionOp {
    static var identity: T { T.greatest }
    @inline(__always) static func lift(_ x: T) -> T { x }
    @inline(__always) static func combine(_ a: T, _ b: T) -> T { T.minimum(a, b) }
    static func reduce(_ p: UnsafePointer<T>, count: Int, stride: Int) -> T {
        propagatingExtremum(p, count: count, stride: stride, largest: false) ?? pairwise(p, count, stride)
    }
}

/// `max`: NaN wins, as in NumPy.
struct MaxOp<T: MathElement>: ReductionOp {
    static var identity: T { T.least }
    @inline(__always) static func lift(_ x: T) -> T { x }
    @inline(__always) static func combine(_ a: T, _ b: T) -> T { T.maximum(a, b) }
    static func reduce(_ p: UnsafePointer<T>, count: Int, stride: Int) -> T {
        propagatingExtremum(p, count: count, stride: stride, largest: true) ?? pairwise(p, count, stride)
    }
}

/// `any`: some element is nonzero (NaN counts as nonzero).
struct AnyOp<T: MathElement>: ReductionOp {
    static var identity: Bool { false }
    @inline(__always) static func lift(_ x: T) -> Bool { x != T.zero }
    @inline(__always) static func combine(_ a: Bool, _ b: Bool) -> Bool { a || b }
    /// Stops at the first block with a nonzero value.
    static func reduce(_ p: UnsafePointer<T>, count: Int, stride: Int) -> Bool {
        shortCircuit(p, count, stride, stopAt: true)
    }
}

/// `all`: every element is nonzero.
struct AllOp<T: MathElement>: ReductionOp {
    static var identity: Bool { true }
    @inline(__always) static func lift(_ x: T) -> Bool { x != T.zero }
    @inline(__always) static func combine(_ a: Bool, _ b: Bool) -> Bool { a && b }
    /// Stops at the first block with a zero.
    static func reduce(_ p: UnsafePointer<T>, count: Int, stride: Int) -> Bool {
        shortCircuit(p, count, stride, stopAt: false)
    }
}

extension ReductionOp where Accumulator == Bool {
    /// Reduces block by block (each one vectorized) and stops once the result is `stopAt`.
    @inline(__always)
    static func shortCircuit(_ p: UnsafePointer<Element>, _ n: Int, _ s: Int, stopAt: Bool) -> Bool {
        var start = 0
        while start < n {
            let m = Swift.min(4096, n - start)
            let block = s == 1 ? pairwise(p + start, m, 1) : pairwise(p + start * s, m, s)
            if block == stopAt { return stopAt }
            start += m
        }
        return !stopAt
    }
}

/// `nansum`: NaN counts as zero.
struct NanSumOp<T: MathElement>: ReductionOp {
    static var identity: T.Wide { .zero }
    @inline(__always) static func lift(_ x: T) -> T.Wide { T.isNaN(x) ? .zero : T.widen(x) }
    @inline(__always) static func combine(_ a: T.Wide, _ b: T.Wide) -> T.Wide { T.Wide.add(a, b) }
}

/// `nanprod`: NaN counts as one.
struct NanProdOp<T: MathElement>: ReductionOp {
    static var identity: T.Wide { T.Wide.one }
    @inline(__always) static func lift(_ x: T) -> T.Wide { T.isNaN(x) ? T.Wide.one : T.widen(x) }
    @inline(__always) static func combine(_ a: T.Wide, _ b: T.Wide) -> T.Wide { T.Wide.multiply(a, b) }
}

/// `nanmin`: NaN is skipped; a slice of NaNs gives NaN (the identity).
struct NanMinOp<T: MathElement>: ReductionOp {
    static var identity: T { T.nan ?? T.greatest }
    @inline(__always) static func lift(_ x: T) -> T { x }
    @inline(__always) static func combine(_ a: T, _ b: T) -> T {
        (T.isNaN(b) || !(T.isLess(b, a) || T.isNaN(a))) ? a : b
    }
}

/// `nanmax`: NaN is skipped; a slice of NaNs gives NaN (the identity).
struct NanMaxOp<T: MathElement>: ReductionOp {
    static var identity: T { T.nan ?? T.least }
    @inline(__always) static func lift(_ x: T) -> T { x }
    @inline(__always) static func combine(_ a: T, _ b: T) -> T {
        (T.isNaN(b) || !(T.isLess(a, b) || T.isNaN(a))) ? a : b
    }
}

/// A sum and the number of values in it: the partial of `nanmean`.
struct SumCount<S: BitwiseCopyable>: BitwiseCopyable {
    var sum: S
    var count: Int
}

/// `nansum` with the count of non-NaN values, for `nanmean`.
struct NanSumCountOp<T: MathElement>: ReductionOp {
    static var identity: SumCount<T.Wide> { SumCount(sum: .zero, count: 0) }
    @inline(__always) static func lift(_ x: T) -> SumCount<T.Wide> {
        T.isNaN(x) ? SumCount(sum: .zero, count: 0) : SumCount(sum: T.widen(x), count: 1)
    }
    @inline(__always) static func combine(_ a: SumCount<T.Wide>, _ b: SumCount<T.Wide>) -> SumCount<T.Wide> {
        SumCount(sum: T.Wide.add(a.sum, b.sum), count: a.count + b.count)
    }
}
