/// A reduction as the kernels see it: how to lift an element into an accumulator, how to
/// combine two accumulators, and the identity to start from.
///
/// Every requirement is static, so a kernel generic over `Op` is specialized per operation
/// and dtype with no closure or existential in the loop. `combine` must be associative
/// (the kernels regroup it); `reduce` and `accumulateRow` have fast default implementations
/// that an operation may replace (moments do).
public protocol ReductionOp {
    associatedtype Element: MathElement
    associatedtype Accumulator: BitwiseCopyable
    static var identity: Accumulator { get }
    static func lift(_ x: Element) -> Accumulator
    static func combine(_ a: Accumulator, _ b: Accumulator) -> Accumulator
    /// Reduces `count` elements `stride` apart into one accumulator.
    static func reduce(_ p: UnsafePointer<Element>, count: Int, stride: Int) -> Accumulator
    /// Folds `count` elements `stride` apart into `accumulator` (by default, combines it with
    /// `reduce`); operations whose accumulator carries parameters read them here.
    static func reduce(into accumulator: inout Accumulator, _ p: UnsafePointer<Element>, count: Int, stride: Int)
    /// `out[k * outStride] = combine(out[k * outStride], lift(p[k * stride]))` for `k < count`.
    static func accumulateRow(_ out: UnsafeMutablePointer<Accumulator>, outStride: Int,
                              _ p: UnsafePointer<Element>, stride: Int, count: Int)
}

extension ReductionOp {
    /// Pairwise reduction as NumPy's `pairwise_sum` groups it: runs below 8 go one by one,
    /// up to 128 elements go through eight independent accumulators (combined as
    /// `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`), longer runs split in halves at a multiple of 8.
    /// The same grouping gives float sums bit-identical to NumPy's and an O(log n) error bound.
    public static func reduce(_ p: UnsafePointer<Element>, count: Int, stride: Int) -> Accumulator {
        stride == 1 ? pairwise(p, count, 1) : pairwise(p, count, stride)
    }

    public static func accumulateRow(_ out: UnsafeMutablePointer<Accumulator>, outStride: Int,
                                     _ p: UnsafePointer<Element>, stride: Int, count: Int) {
        if outStride == 1 && stride == 1 {
            for k in 0..<count { out[k] = combine(out[k], lift(p[k])) }
        } else {
            for k in 0..<count {
                out[k * outStride] = combine(out[k * outStride], lift(p[k * stride]))
            }
        }
    }

    @inline(__always)
    public static func reduce(into accumulator: inout Accumulator, _ p: UnsafePointer<Element>, count: Int, stride: Int) {
        accumulator = combine(accumulator, reduce(p, count: count, stride: stride))
    }

    @inline(__always)
    static func pairwise(_ p: UnsafePointer<Element>, _ n: Int, _ s: Int) -> Accumulator {
        if n < 8 {
            var r = identity
            for i in 0..<n { r = combine(r, lift(p[i * s])) }
            return r
        }
        if n <= 128 { return block8(p, n, s) }
        var n2 = n / 2
        n2 -= n2 % 8
        return combine(pairwiseOutlined(p, n2, s), pairwiseOutlined(p + n2 * s, n - n2, s))
    }

    /// Halves of a long run; a run of a slab or more first returns the identity when
    /// `KernelCancellation` is requested (the result is then discarded).
    @inline(never)
    static func pairwiseOutlined(_ p: UnsafePointer<Element>, _ n: Int, _ s: Int) -> Accumulator {
        if n >= KernelCancellation.slabElements && KernelCancellation.isRequested { return identity }
        return s == 1 ? pairwise(p, n, 1) : pairwise(p, n, s)
    }

    @inline(__always)
    static func block8(_ p: UnsafePointer<Element>, _ n: Int, _ s: Int) -> Accumulator {
        var r0 = lift(p[0]), r1 = lift(p[s]), r2 = lift(p[2 * s]), r3 = lift(p[3 * s])
        var r4 = lift(p[4 * s]), r5 = lift(p[5 * s]), r6 = lift(p[6 * s]), r7 = lift(p[7 * s])
        let full = n - n % 8
        var i = 8
        while i < full {
            let q = p + i * s
            r0 = combine(r0, lift(q[0])); r1 = combine(r1, lift(q[s]))
            r2 = combine(r2, lift(q[2 * s])); r3 = combine(r3, lift(q[3 * s]))
            r4 = combine(r4, lift(q[4 * s])); r5 = combine(r5, lift(q[5 * s]))
            r6 = combine(r6, lift(q[6 * s])); r7 = combine(r7, lift(q[7 * s]))
            i += 8
        }
        var r = combine(combine(combine(r0, r1), combine(r2, r3)), combine(combine(r4, r5), combine(r6, r7)))
        while i < n { r = combine(r, lift(p[i * s])); i += 1 }
        return r
    }
}
