/// Philox4x64-10, the counter-based generator of Salmon, Moraes, Dror and Shaw ("Parallel
/// random numbers: as easy as 1, 2, 3", SC 2011; the Random123 library), and NumPy's
/// `numpy.random.Philox` bit generator.
///
/// A keyed bijection of a 256-bit counter: ten rounds of two 64×64→128-bit multiplications
/// and xors with a 128-bit key bumped by Weyl constants between rounds. Block `i` of a stream
/// is `block(counter i, key)`, so any block can be computed on its own: this is what lets each
/// chunk of a lazy array be generated independently and reproducibly. It passes TestU01's
/// BigCrush. The tests check Random123's known answers and NumPy's `Philox.random_raw`.
public enum Philox {
    public static let multipliers: (UInt64, UInt64) = (0xD2E7_470E_E14C_6C93, 0xCA5A_8263_9512_1157)
    public static let weyl: (UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xBB67_AE85_84CA_A73B)

    /// One Philox4x64-10 block: four 64-bit output words for `counter` under `key`.
    @inlinable @inline(__always)
    public static func block(_ counter: (UInt64, UInt64, UInt64, UInt64),
                             key: (UInt64, UInt64)) -> (UInt64, UInt64, UInt64, UInt64) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 { k0 &+= weyl.0; k1 &+= weyl.1 }
            let p0 = multipliers.0.multipliedFullWidth(by: c0)
            let p1 = multipliers.1.multipliedFullWidth(by: c2)
            (c0, c1, c2, c3) = (p1.high ^ c1 ^ k0, p1.low, p0.high ^ c3 ^ k1, p0.low)
        }
        return (c0, c1, c2, c3)
    }
}
