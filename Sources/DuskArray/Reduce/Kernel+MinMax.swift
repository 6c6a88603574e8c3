// Vectorizable extremum scans for contiguous runs: eight independent lanes of a plain
// min/max (one `minpd`/`maxpd` each) and a separate NaN flag, instead of the
// NaN-propagating select per element that defeats vectorization.

/// The smallest (or largest) of `count` contiguous values, and whether any is NaN.
@inline(__always)
func extremum<T: MathElement>(_ p: UnsafePointer<T>, count n: Int, largest: Bool) -> (value: T, sawNaN: Bool) {
    precondition(n >= 8)
    var r0 = p[0], r1 = p[1], r2 = p[2], r3 = p[3], r4 = p[4], r5 = p[5], r6 = p[6], r7 = p[7]
    var nan: UInt8 = 0
    for i in 0..<8 { nan |= T.isNaN(p[i]) ? 1 : 0 }
    let full = n - n % 8
    var i = 8
    if largest {
        while i < full {
            let q = p + i
            r0 = T.unorderedMaximum(r0, q[0]); r1 = T.unorderedMaximum(r1, q[1])
            r2 = T.unorderedMaximum(r2, q[2]); r3 = T.unorderedMaximum(r3, q[3])
            r4 = T.unorderedMaximum(r4, q[4]); r5 = T.unorderedMaximum(r5, q[5])
            r6 = T.unorderedMaximum(r6, q[6]); r7 = T.unorderedMaximum(r7, q[7])
            var m: UInt8 = 0
            for k in 0..<8 { m |= T.isNaN(q[k]) ? 1 : 0 }
            nan |= m
            i += 8
        }
    } else {
        while i < full {
            let q = p + i
            r0 = T.unorderedMinimum(r0, q[0]); r1 = T.unorderedMinimum(r1, q[1])
            r2 = T.unorderedMinimum(r2, q[2]); r3 = T.unorderedMinimum(r3, q[3])
            r4 = T.unorderedMinimum(r4, q[4]); r5 = T.unorderedMinimum(r5, q[5])
            r6 = T.unorderedMinimum(r6, q[6]); r7 = T.unorderedMinimum(r7, q[7])
            var m: UInt8 = 0
            for k in 0..<8 { m |= T.isNaN(q[k]) ? 1 : 0 }
            nan |= m
            i += 8
        }
    }
    var r = largest
        ? T.unorderedMaximum(T.unorderedMaximum(T.unorderedMaximum(r0, r1), T.unorderedMaximum(r2, r3)),
                             T.unorderedMaximum(T.unorderedMaximum(r4, r5), T.unorderedMaximum(r6, r7)))
        : T.unorderedMinimum(T.unorderedMinimum(T.unorderedMinimum(r0, r1), T.unorderedMinimum(r2, r3)),
                             T.unorderedMinimum(T.unorderedMinimum(r4, r5), T.unorderedMinimum(r6, r7)))
    while i < n {
        r = largest ? T.unorderedMaximum(r, p[i]) : T.unorderedMinimum(r, p[i])
        nan |= T.isNaN(p[i]) ? 1 : 0
        i += 1
    }
    return (r, nan != 0)
}

/// NumPy's `minimum.reduce`/`maximum.reduce` of a run: NaN if any value is NaN.
@inline(__always)
func propagatingExtremum<T: MathElement>(_ p: UnsafePointer<T>, count n: Int, stride s: Int, largest: Bool) -> T? {
    guard s == 1 && n >= 8 else { return nil }
    let (value, sawNaN) = extremum(p, count: n, largest: largest)
    return sawNaN ? (T.nan ?? value) : value
}

/// The index of the first best value of a contiguous run (NaN is best), by blocks: each
/// L1-sized block is scanned for its extremum with the vector kernel, and only a block that
/// beats the best so far is searched for the index.
func argExtremum<T: MathElement>(_ p: UnsafePointer<T>, count n: Int, kind: ArgReduction) -> (value: T, index: Int) {
    var best = p[0], bestIndex = 0
    let largest = kind == .argmax
    var start = 0
    while start < n {
        let m = Swift.min(argBlock, n - start)
        let q = p + start
        let improves: Bool
        if m >= 8 {
            let (value, sawNaN) = extremum(q, count: m, largest: largest)
            improves = sawNaN || kind.prefers(value, over: best)
        } else {
            improves = true
        }
        if improves {
            for i in 0..<m where kind.prefers(q[i], over: best) {
                best = q[i]
                bestIndex = start + i
                if T.isNaN(best) { return (best, bestIndex) }
            }
        }
        start += m
    }
    return (best, bestIndex)
}

/// Elements per block of `argExtremum`.
let argBlock = 2048
