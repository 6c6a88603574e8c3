/// Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw ("Parallel
/// random numbers: as easy as 1, 2, 3", SC 2011; the Random123 library).
///
/// A keyed bijection of a 128-bit counter: ten rounds of two 32×32→64-bit multiplications
/// and xors with a key that is bumped by the Weyl constants between rounds. Block `i` of a
/// stream is `philox(counter i, key)`, so any block can be computed on its own: this is what
/// lets every chunk of a lazy array be generated independently and reproducibly. It passes
/// TestU01's BigCrush. Verified against Random123's known-answer vectors in the tests.
public enum Philox {
    public static let multipliers: (UInt32, UInt32) = (0xD251_1F53, 0xCD9E_8D57)
    public static let weyl: (UInt32, UInt32) = (0x9E37_79B9, 0xBB67_AE85)

    /// One Philox4x32-10 block: the four output words for `counter` under `key`.
    @inlinable
    public static func block(_ counter: (UInt32, UInt32, UInt32, UInt32),
                             key: (UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 { k0 &+= weyl.0; k1 &+= weyl.1 }
            let p0 = UInt64(multipliers.0) &* UInt64(c0)
            let p1 = UInt64(multipliers.1) &* UInt64(c2)
            (c0, c1, c2, c3) = (UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0, UInt32(truncatingIfNeeded: p1),
                                UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1, UInt32(truncatingIfNeeded: p0))
        }
        return (c0, c1, c2, c3)
    }

    /// Eight consecutive blocks at once, lane by lane in SIMD registers: blocks
    /// `(low + j, high)` for `j < 8`, where `low`/`high` are the two 64-bit counter halves.
    /// Writes 16 words of output: block `j`'s words `(w0 | w1 << 32, w2 | w3 << 32)` at
    /// `out[2j]` and `out[2j + 1]`, the same order `RandomStream.next()` yields them.
    @inline(__always)
    static func blocks8(low: UInt64, high: UInt64, key: (UInt32, UInt32), into out: UnsafeMutablePointer<UInt64>) {
        let lane = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7) &+ SIMD8<UInt64>(repeating: low)
        var c0 = SIMD8<UInt32>(truncatingIfNeeded: lane)
        var c1 = SIMD8<UInt32>(truncatingIfNeeded: lane &>> 32)
        var c2 = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: high))
        var c3 = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: high >> 32))
        var k0 = key.0, k1 = key.1
        let m0 = SIMD8<UInt64>(repeating: UInt64(multipliers.0))
        let m1 = SIMD8<UInt64>(repeating: UInt64(multipliers.1))
        for round in 0..<10 {
            if round > 0 { k0 &+= weyl.0; k1 &+= weyl.1 }
            let p0 = m0 &* SIMD8<UInt64>(truncatingIfNeeded: c0)
            let p1 = m1 &* SIMD8<UInt64>(truncatingIfNeeded: c2)
            let n0 = SIMD8<UInt32>(truncatingIfNeeded: p1 &>> 32) ^ c1 ^ SIMD8(repeating: k0)
            let n2 = SIMD8<UInt32>(truncatingIfNeeded: p0 &>> 32) ^ c3 ^ SIMD8(repeating: k1)
            c1 = SIMD8<UInt32>(truncatingIfNeeded: p1)
            c3 = SIMD8<UInt32>(truncatingIfNeeded: p0)
            c0 = n0
            c2 = n2
        }
        let first = SIMD8<UInt64>(truncatingIfNeeded: c0) | (SIMD8<UInt64>(truncatingIfNeeded: c1) &<< 32)
        let second = SIMD8<UInt64>(truncatingIfNeeded: c2) | (SIMD8<UInt64>(truncatingIfNeeded: c3) &<< 32)
        for j in 0..<8 {
            out[2 * j] = first[j]
            out[2 * j + 1] = second[j]
        }
    }
}
