import Foundation
import Synchronization

/// The `random` namespace: Python's random module on the same Mersenne Twister,
/// so `random.seed(42); random.random()` gives the numbers Python gives.
enum RandomLibrary {
    /// One generator per process, as Python's module-level functions share one.
    static let generator = Mutex(MersenneTwister(seed: UInt64(Date().timeIntervalSince1970 * 1e6)))

    static func install(_ r: inout Registry) {
        let ns = "random"
        r.addNamespace(ns, doc: "Pseudo-random numbers for plain values (Python's random module).")
        r.register(in: ns, "seed(a=None)", doc: "Seeds the generator (an int, or None for the clock).") { args, _ in
            let seed: [UInt32]
            switch args[0] {
            case .none: seed = MersenneTwister.key(UInt64(Date().timeIntervalSince1970 * 1e6))
            case .int, .bool: seed = MersenneTwister.key(args[0].intValue!.magnitude.toUInt64)
            case .str(let s): seed = MersenneTwister.key(UInt64(bitPattern: Int64(s.hashValue)))
            default: throw DuskError(.typeError, "The only supported seed types are: None, int, str")
            }
            generator.withLock { $0 = MersenneTwister(key: seed) }
            return .none
        }
        r.register(in: ns, "random()", doc: "A float in [0.0, 1.0).") { _, _ in
            .float(generator.withLock { $0.nextDouble() })
        }
        r.register(in: ns, "uniform(a, b)", doc: "A float between a and b.") { args, _ in
            let a = try args.double(0), b = try args.double(1)
            return .float(a + (b - a) * generator.withLock { $0.nextDouble() })
        }
        r.register(in: ns, "randint(a, b)", doc: "An integer in [a, b], both included.") { args, _ in
            let a = try args.int(0), b = try args.int(1)
            if b < a { throw DuskError(.valueError, "empty range in randrange(\(a), \(b &+ 1))") }
            let width = UInt64(bitPattern: Int64(b &- a)) &+ 1
            let r = generator.withLock { g in width == 0 ? g.bits(64) : (try? g.below(width)) ?? 0 }
            return .int(a &+ Int(bitPattern: UInt(r)))
        }
        r.register(in: ns, "randrange(start, stop=None, step=1)", doc: "A random item of range(start, stop, step).") { args, _ in
            var start = try args.int(0)
            var stop = 0
            if args.given(1) { stop = try args.int(1) } else { stop = start; start = 0 }
            let step = try args.int(2)
            if step == 0 { throw DuskError(.valueError, "zero step for randrange()") }
            let count = RangeValue(start: start, stop: stop, step: step).count
            if count <= 0 { throw DuskError(.valueError, "empty range in randrange(\(start), \(stop), \(step))") }
            return .int(start &+ step &* Int(try generator.withLock { try $0.below(UInt64(count)) }))
        }
        r.register(in: ns, "choice(seq)", doc: "A random item of a non-empty sequence.") { args, ctx in
            let items = try ctx.elements(of: args[0])
            if items.isEmpty { throw DuskError(.indexError, "Cannot choose from an empty sequence") }
            return items[Int(try generator.withLock { try $0.below(UInt64(items.count)) })]
        }
        r.register(in: ns, "shuffle(x)", doc: "Shuffles a list in place.") { args, _ in
            guard case .list(let l) = args[0] else { throw DuskError(.typeError, "shuffle() needs a list, not '\(args[0].typeName)'") }
            var items = l.items
            try generator.withLock { g in
                for i in stride(from: items.count - 1, to: 0, by: -1) {
                    let j = Int(try g.below(UInt64(i + 1)))
                    items.swapAt(i, j)
                }
            }
            l.replaceAll(with: items)
            return .none
        }
        r.register(in: ns, "sample(population, k)", doc: "k distinct items chosen from the population.") { args, ctx in
            var pool = try ctx.elements(of: args[0])
            let k = try args.int(1)
            if k < 0 || k > pool.count { throw DuskError(.valueError, "Sample larger than population or is negative") }
            var out: [Value] = []
            try generator.withLock { g in
                for i in 0..<k {
                    let j = Int(try g.below(UInt64(pool.count - i)))
                    out.append(pool[j])
                    pool[j] = pool[pool.count - i - 1]
                }
            }
            return .list(ListRef(out))
        }
        r.register(in: ns, "gauss(mu=0.0, sigma=1.0)", doc: "A normally distributed float.") { args, _ in
            let mu = try args.double(0), sigma = try args.double(1)
            return .float(mu + sigma * generator.withLock { $0.nextGauss() })
        }
    }
}

extension UInt {
    var toUInt64: UInt64 { UInt64(self) }
}

/// MT19937, seeded as CPython seeds it from an integer (`init(key:)`) or as NumPy's legacy
/// `RandomState.seed(n)` does (`init(numpySeed:)`). The one generator core of both.
struct MersenneTwister: Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 625
    private var gaussNext: Double?

    init(seed: UInt64) { self.init(key: MersenneTwister.key(seed)) }

    /// NumPy's `init_genrand`: the state filled from one 32-bit seed.
    init(numpySeed: UInt32) { initGenrand(numpySeed) }

    init(key: [UInt32]) {
        initGenrand(19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(624, key.count) {
            let prev = state[i - 1] ^ (state[i - 1] >> 30)
            state[i] = (state[i] ^ (prev &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<623 {
            let prev = state[i - 1] ^ (state[i - 1] >> 30)
            state[i] = (state[i] ^ (prev &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
        }
        state[0] = 0x8000_0000
        index = 624
    }

    /// The 32-bit words of a seed, least significant first (`[0]` for zero).
    static func key(_ seed: UInt64) -> [UInt32] {
        if seed == 0 { return [0] }
        var words: [UInt32] = []
        var s = seed
        while s > 0 { words.append(UInt32(truncatingIfNeeded: s)); s >>= 32 }
        return words
    }

    private mutating func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = 624
    }

    mutating func nextUInt32() -> UInt32 {
        if index >= 624 {
            for k in 0..<624 {
                let y = (state[k] & 0x8000_0000) | (state[(k + 1) % 624] & 0x7fff_ffff)
                state[k] = state[(k + 397) % 624] ^ (y >> 1) ^ (y & 1 == 1 ? 0x9908_b0df : 0)
            }
            index = 0
        }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A double in [0, 1) from 53 random bits, as CPython's random().
    mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864 + b) / 9_007_199_254_740_992
    }

    /// `k` random bits, as CPython's getrandbits.
    mutating func bits(_ k: Int) -> UInt64 {
        if k <= 32 { return UInt64(nextUInt32() >> (32 - k)) }
        let low = UInt64(nextUInt32())
        let high = UInt64(nextUInt32() >> (64 - k))
        return low | (high << 32)
    }

    /// A uniform integer in [0, n), by rejection as CPython's _randbelow.
    mutating func below(_ n: UInt64) throws -> UInt64 {
        if n == 0 { throw DuskError(.valueError, "empty range") }
        let k = 64 - n.leadingZeroBitCount
        var r = bits(k)
        while r >= n { r = bits(k) }
        return r
    }

    /// A standard normal value (Box-Muller with a cached second value, as CPython's gauss).
    mutating func nextGauss() -> Double {
        if let z = gaussNext { gaussNext = nil; return z }
        let x2pi = nextDouble() * 2 * Double.pi
        let g2rad = (-2 * Foundation.log(1 - nextDouble())).squareRoot()
        gaussNext = Foundation.sin(x2pi) * g2rad
        return Foundation.cos(x2pi) * g2rad
    }
}
