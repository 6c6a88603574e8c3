import DuskArray
import DuskGraph
import Foundation
import Synchronization

/// `np.random`: NumPy's legacy generator (one per session) (`RandomState`), bit for bit: MT19937 seeded
/// as `np.random.seed(n)` seeds it, doubles from 53 bits, masked rejection for integers and
/// the polar method for normals, so `np.random.seed(0); np.random.random(3)` gives NumPy's
/// numbers. Lazy arrays (`da.random.*`) draw their seed from this generator, so seeding it
/// makes them reproducible too.
struct LegacyRandomState: Sendable {
    /// The MT19937 core shared with Python's `random` module.
    private var core: MersenneTwister
    private var gauss: Double?

    init(seed: UInt32) {
        core = MersenneTwister(numpySeed: seed)
    }

    mutating func nextUInt32() -> UInt32 { core.nextUInt32() }

    /// A double in [0, 1) from 53 random bits, as NumPy's `random_sample`.
    mutating func nextDouble() -> Double { core.nextDouble() }

    /// An integer in `[0, range]` (inclusive), as NumPy's masked rejection sampling.
    mutating func bounded(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        var mask = range
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if range <= 0xFFFF_FFFF {
            if range == 0xFFFF_FFFF { return UInt64(nextUInt32()) }
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= range { return value }
            }
        }
        while true {
            let value = ((UInt64(nextUInt32()) << 32) | UInt64(nextUInt32())) & mask
            if value <= range { return value }
        }
    }

    /// An integer in `[0, range]` for an integer dtype of `bytes` bytes: 1- and 2-byte (and
    /// bool) draws share 32-bit words through `buffer`, as NumPy's buffered bounded draws do.
    mutating func bounded(_ range: UInt64, bytes: Int, buffer: inout (word: UInt32, left: Int)) -> UInt64 {
        if range == 0 { return 0 }
        guard bytes <= 2 else { return bounded(range) }
        var mask = range
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8
        let shift = UInt32(bytes * 8)
        let perWord = 4 / bytes - 1
        while true {
            if buffer.left == 0 {
                buffer.word = nextUInt32()
                buffer.left = perWord
            } else {
                buffer.word >>= shift
                buffer.left -= 1
            }
            let value = UInt64(buffer.word & (bytes == 1 ? 0xff : 0xffff)) & mask
            if value <= range { return value }
        }
    }

    /// A standard normal value, NumPy's legacy polar method with a cached second value.
    mutating func nextGauss() -> Double {
        if let cached = gauss { gauss = nil; return cached }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * Foundation.log(r2) / r2).squareRoot()
        gauss = f * x1
        return f * x2
    }
}

enum NumpyRandom {
    static let ns = "numpy.random"
    /// One generator per session (keyed by its interpreter), so sessions, and script tests
    /// running side by side, do not draw from each other's streams.
    private static let generators = Mutex<[ObjectIdentifier: LegacyRandomState]>([:])

    private static func clockSeed() -> UInt32 {
        UInt32(truncatingIfNeeded: UInt64(Date().timeIntervalSince1970 * 1e6) &+ UInt64(UInt32.random(in: .min ... .max)))
    }

    /// Runs `body` with the session's generator.
    static func withGenerator<R>(_ context: ExecutionContext, _ body: (inout LegacyRandomState) throws -> R) rethrows -> R {
        let key = ObjectIdentifier(context.interpreter)
        return try generators.withLock { table in
            if table[key] == nil { table[key] = LegacyRandomState(seed: clockSeed()) }
            return try body(&table[key]!)
        }
    }

    /// A 64-bit seed for a lazy random array, drawn from the session's generator.
    static func drawSeed(_ context: ExecutionContext) -> UInt64 {
        withGenerator(context) { (UInt64($0.nextUInt32()) << 32) | UInt64($0.nextUInt32()) }
    }

    static func seed(_ value: Value, _ context: ExecutionContext) throws {
        let seed: UInt32
        if value.isNone {
            seed = clockSeed()
        } else {
            let n = try ArrayConvert.int(value, "seed")
            guard n >= 0 && n <= Int(UInt32.max) else { throw DuskError(.valueError, "Seed must be between 0 and 2**32 - 1") }
            seed = UInt32(n)
        }
        withGenerator(context) { $0 = LegacyRandomState(seed: seed) }
    }

    /// `size=None` gives a Python number, otherwise a float64 array of that shape, filled in
    /// place under one lock.
    static func fillDoubles(_ size: Value, _ context: ExecutionContext, _ draw: (inout LegacyRandomState) -> Double) throws -> Value {
        if size.isNone { return .float(withGenerator(context) { draw(&$0) }) }
        let shape = try ArrayConvert.shape(size, "size")
        let result = try NDArray(uninitialized: .float64, shape: shape)
        let count = result.count
        let base = result.pointer(as: Double.self)
        withGenerator(context) { state in
            for i in 0..<count { base[i] = draw(&state) }
        }
        return .object(NDArrayObject(result))
    }

    /// Integers `low + draw` as `randint` makes them: an int64 array cast to `dtype` at the end.
    static func fillIntegers(_ size: Value, _ context: ExecutionContext, dtype: DType, low: Int64, _ draw: (inout LegacyRandomState) -> UInt64) throws -> Value {
        if size.isNone {
            return ArrayConvert.pythonValue(Scalar.int64(low &+ Int64(bitPattern: withGenerator(context) { draw(&$0) })).cast(to: dtype))
        }
        let shape = try ArrayConvert.shape(size, "size")
        let result = try NDArray(uninitialized: .int64, shape: shape)
        let count = result.count
        let base = result.pointer(as: Int64.self)
        withGenerator(context) { state in
            for i in 0..<count { base[i] = low &+ Int64(bitPattern: draw(&state)) }
        }
        return .object(NDArrayObject(dtype == .int64 ? result : try result.astype(dtype)))
    }

    static func install(_ r: inout Registry) {
        r.addNamespace(ns, doc: "Random arrays from NumPy's legacy global generator (seed, random, randint, uniform, normal).")
        r.register(in: ns, "seed(seed=None)", doc: "Seeds the global generator (an int in [0, 2**32)).") { args, context in
            try seed(args[0], context)
            return .none
        }
        for name in ["random", "random_sample", "sample", "ranf"] {
            r.register(in: ns, "\(name)(size=None)", doc: "Floats in [0.0, 1.0).") { args, context in
                try fillDoubles(args[0], context) { $0.nextDouble() }
            }
        }
        r.register(in: ns, "rand(*shape)", doc: "Floats in [0.0, 1.0) of the given shape.") { args, context in
            let shape = args.variadic
            return try fillDoubles(shape.isEmpty ? .none : .tuple(shape), context) { $0.nextDouble() }
        }
        r.register(in: ns, "randint(low, high=None, size=None, dtype='int64')",
                   doc: "Integers in [low, high) (in [0, low) without high).") { args, context in
            var low = try ArrayConvert.int(args[0], "low")
            var high: Int
            if args[1].isNone { high = low; low = 0 } else { high = try ArrayConvert.int(args[1], "high") }
            guard high > low else { throw DuskError(.valueError, "low >= high") }
            let dtype = try ArrayConvert.dtype(args[3]) ?? .int64
            let range = UInt64(bitPattern: Int64(high &- low &- 1))
            let start = Int64(low)
            var buffer: (word: UInt32, left: Int) = (0, 0)
            let bytes = dtype == .bool ? 1 : dtype.itemSize
            return try fillIntegers(args[2], context, dtype: dtype, low: start) { $0.bounded(range, bytes: bytes, buffer: &buffer) }
        }
        r.register(in: ns, "uniform(low=0.0, high=1.0, size=None)", doc: "Floats uniformly in [low, high).") { args, context in
            let low = try ArrayConvert.double(args[0], "low"), high = try ArrayConvert.double(args[1], "high")
            return try fillDoubles(args[2], context) { low + (high - low) * $0.nextDouble() }
        }
        r.register(in: ns, "normal(loc=0.0, scale=1.0, size=None)", doc: "Normally distributed floats.") { args, context in
            let loc = try ArrayConvert.double(args[0], "loc"), scale = try ArrayConvert.double(args[1], "scale")
            return try fillDoubles(args[2], context) { loc + scale * $0.nextGauss() }
        }
        r.register(in: ns, "standard_normal(size=None)", doc: "Floats from the standard normal distribution.") { args, context in
            try fillDoubles(args[0], context) { $0.nextGauss() }
        }
        r.register(in: ns, "randn(*shape)", doc: "Standard normal floats of the given shape.") { args, context in
            let shape = args.variadic
            return try fillDoubles(shape.isEmpty ? .none : .tuple(shape), context) { $0.nextGauss() }
        }
    }
}
