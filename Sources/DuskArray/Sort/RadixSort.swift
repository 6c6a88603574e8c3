/// A stable least-significant-digit radix sort of unsigned keys, with an optional payload
/// (indices) moved alongside: NumPy's sort and argsort for large lanes.
///
/// One read pass finds the digits on which keys differ (the others are skipped) and a second
/// counts the first of them; each digit is then one scatter pass, which also counts the
/// next digit per destination part, so no pass reads the data twice. With
/// several threads each owns a contiguous part of the input; offsets are laid out bucket
/// by bucket and, within a bucket, part by part, which keeps the sort stable.
///
/// - Complexity: O(n · digits) time, n extra keys (and payloads) of memory.
enum RadixSort {
    /// Elements from which sorting a lane uses several threads.
    static let parallelThreshold = 1 << 18

    /// Sorts `count` keys at `keys` (with `payload`, if given), using `scratch` (and
    /// `payloadScratch`) of the same size. Returns true when the sorted keys ended in the
    /// scratch buffers rather than in `keys`.
    static func sort<K: RadixKey>(_ keys: UnsafeMutablePointer<K>, scratch: UnsafeMutablePointer<K>,
                                  payload: UnsafeMutablePointer<Int64>?, payloadScratch: UnsafeMutablePointer<Int64>?,
                                  count n: Int, threads requested: Int) -> Bool {
        let bits = K.bitWidth <= 16 ? 8 : 11
        let radix = 1 << bits
        let mask = K(radix - 1)
        let digits = (K.bitWidth + bits - 1) / bits
        let parts = n >= parallelThreshold ? Swift.max(1, Swift.min(requested, 8)) : 1
        let chunk = (n + parts - 1) / parts
        func bounds(_ p: Int) -> Range<Int> { Swift.min(p * chunk, n)..<Swift.min((p + 1) * chunk, n) }

        // Digits where some key differs from the first: the others need no pass.
        var varying: [K] = Array(repeating: 0, count: parts)
        let first = keys[0]
        varying.withUnsafeMutableBufferPointer { varyingParts in
            parallelFor(parts) { p in
                var bitsSeen: K = 0
                for i in bounds(p) { bitsSeen |= keys[i] ^ first }
                varyingParts[p] = bitsSeen
            }
        }
        let differing = varying.reduce(0, |)
        let active = (0..<digits).filter { (differing >> ($0 * bits)) & mask != 0 }
        if active.isEmpty { return false }

        // histogram[p * radix + b]: keys of (source) part p in bucket b for the current digit.
        var histogram = [Int](repeating: 0, count: parts * radix)
        histogram.withUnsafeMutableBufferPointer { table in
            parallelFor(parts) { p in
                let shift = active[0] * bits
                for i in bounds(p) { table[p * radix + Int(truncatingIfNeeded: (keys[i] >> shift) & mask)] += 1 }
            }
        }
        // next[(t * parts + q) * radix + b]: keys scattered by thread t into part q with next digit b.
        let next = UnsafeMutablePointer<Int>.allocate(capacity: parts * parts * radix)
        defer { next.deallocate() }
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: parts * radix)
        defer { offsets.deallocate() }

        var source = keys, target = scratch
        var sourcePayload = payload, targetPayload = payloadScratch
        for (step, digit) in active.enumerated() {
            var position = 0
            for b in 0..<radix {
                for p in 0..<parts {
                    offsets[p * radix + b] = position
                    position += histogram[p * radix + b]
                }
            }
            let nextDigit = step + 1 < active.count ? active[step + 1] : -1
            next.initialize(repeating: 0, count: parts * parts * radix)
            let (src, dst, srcPayload, dstPayload) = (source, target, sourcePayload, targetPayload)
            parallelFor(parts) { p in
                let offset = offsets + p * radix
                let shift = digit * bits
                let counted = next + p * parts * radix
                let nextShift = Swift.max(nextDigit, 0) * bits
                let counting = nextDigit >= 0
                if let srcPayload, let dstPayload {
                    for i in bounds(p) {
                        let k = src[i]
                        let b = Int(truncatingIfNeeded: (k >> shift) & mask)
                        let at = offset[b]
                        offset[b] = at + 1
                        dst[at] = k
                        dstPayload[at] = srcPayload[i]
                        if counting { counted[(at / chunk) * radix + Int(truncatingIfNeeded: (k >> nextShift) & mask)] += 1 }
                    }
                } else {
                    for i in bounds(p) {
                        let k = src[i]
                        let b = Int(truncatingIfNeeded: (k >> shift) & mask)
                        let at = offset[b]
                        offset[b] = at + 1
                        dst[at] = k
                        if counting { counted[(at / chunk) * radix + Int(truncatingIfNeeded: (k >> nextShift) & mask)] += 1 }
                    }
                }
            }
            if nextDigit >= 0 {
                for q in 0..<parts {
                    for b in 0..<radix {
                        var sum = 0
                        for t in 0..<parts { sum += next[(t * parts + q) * radix + b] }
                        histogram[q * radix + b] = sum
                    }
                }
            }
            swap(&source, &target)
            swap(&sourcePayload, &targetPayload)
        }
        return active.count % 2 == 1
    }
}
