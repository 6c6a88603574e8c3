// Vectorizable extremum scans for contiguous runs: eight independent lanes of a plain
// min/max (one `minpd`/`maxpd` each) instead of the NaN-propagating select per element that
// defeats vectorization. NaN is detected on the side by eight running sums (one `addpd`,
// nearly free in a memory-bound loop): a sum is NaN if any value was NaN, or, rarely, after
// `inf - inf` or an overflow, in which case the run is searched for a NaN exactly.

/// The smallest (or largest) of `count` contiguous values, and whether any is NaN.
@inline(__always)
func extremum<T: MathElement>(_ p: UnsafePointer<T>, count n: Int, largest: Bool) -> (value: T, sawNaN: Bool) {
    precondition(n >= 8)
    let full = n - n % 8
    let value: T
    if T.nan == nil {
        value = largest ? lanes(p, full, T.unorderedMaximum, watchNaN: false).value
                        : lanes(p, full, T.unorderedMinimum, watchNaN: false).value
        var r = value
        for i in full..<n { r = largest ? T.unorderedMaximum(r, p[i]) : T.unorderedMinimum(r, p[i]) }
        return (r, false)
    }
    let (lanesValue, maybeNaN) = largest ? lanes(p, full, T.unorderedMaximum, watchNaN: true)
                                         : lanes(p, full, T.unorderedMinimum, watchNaN: true)
    var r = lanesValue
    var sawNaN = false
    for i in full..<n {
        r = largest ? T.unorderedMaximum(r, p[i]) : T.unorderedMinimum(r, p[i])
        if T.isNaN(p[i]) { sawNaN = true }
    }
    if maybeNaN && !sawNaN {
        for i in 0..<full where T.isNaN(p[i]) { sawNaN = true; break }
    }
    return (r, sawNaN)
}

/// Eight lanes of `pick` over the first `count` (a multiple of 8, at least 8) values; with
/// `watchNaN`, also whether the lanes' running sums ended NaN (see the file comment).
@inline(__always)
private func lanes<T: MathElement>(_ p: UnsafePointer<T>, _ count: Int, _ pick: (T, T) -> T,
                                   watchNaN: Bool) -> (value: T, maybeNaN: Bool) {
    var r0 = p[0], r1 = p[1], r2 = p[2], r3 = p[3], r4 = p[4], r5 = p[5], r6 = p[6], r7 = p[7]
    var s0 = p[0], s1 = p[1], s2 = p[2], s3 = p[3], s4 = p[4], s5 = p[5], s6 = p[6], s7 = p[7]
    var i = 8
    if watchNaN {
        while i < count {
            let q = p + i
            r0 = pick(r0, q[0]); r1 = pick(r1, q[1]); r2 = pick(r2, q[2]); r3 = pick(r3, q[3])
            r4 = pick(r4, q[4]); r5 = pick(r5, q[5]); r6 = pick(r6, q[6]); r7 = pick(r7, q[7])
            s0 = T.add(s0, q[0]); s1 = T.add(s1, q[1]); s2 = T.add(s2, q[2]); s3 = T.add(s3, q[3])
            s4 = T.add(s4, q[4]); s5 = T.add(s5, q[5]); s6 = T.add(s6, q[6]); s7 = T.add(s7, q[7])
            i += 8
        }
    } else {
        while i < count {
            let q = p + i
            r0 = pick(r0, q[0]); r1 = pick(r1, q[1]); r2 = pick(r2, q[2]); r3 = pick(r3, q[3])
            r4 = pick(r4, q[4]); r5 = pick(r5, q[5]); r6 = pick(r6, q[6]); r7 = pick(r7, q[7])
            i += 8
        }
    }
    let value = pick(pick(pick(r0, r1), pick(r2, r3)), pick(pick(r4, r5), pick(r6, r7)))
    let sum = T.add(T.add(T.add(s0, s1), T.add(s2, s3)), T.add(T.add(s4, s5), T.add(s6, s7)))
    return (value, watchNaN && T.isNaN(sum))
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
func argExtremum<T: MathElement>(_ p: UnsafePointer<T>, count n: Int, kind: Reduction) -> (value: T, index: Int) {
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
        // Ctrl-C: every 2^20 elements (the result is then discarded by the caller's check).
        if start % KernelCancellation.slabElements == 0 && KernelCancellation.isRequested { break }
    }
    return (best, bestIndex)
}

/// Elements per block of `argExtremum`.
let argBlock = 2048
