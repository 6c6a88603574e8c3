import Synchronization

/// A generator shared behind a lock: what `random.seed`, `random.random`, `np.random.*` use.
///
/// `seed(s)` restarts it as `RandomStream(seed: s)`, so a seeded program draws the same
/// numbers on every run; unseeded, it starts from system entropy (as NumPy does). Lazy
/// arrays created without a seed take one with `nextSeed()`, so that after `seed(s)` they
/// are reproducible too (as Dask's `da.random` is after `np.random.seed`).
public final class RandomState: Sendable {
    /// The process-wide default generator.
    public static let shared = RandomState()

    private let stream: Mutex<RandomStream>

    /// A generator seeded with `seed`, or from system entropy when nil.
    public init(seed: UInt64? = nil) {
        stream = Mutex(RandomStream(seed: seed ?? UInt64.random(in: .min ... .max)))
    }

    /// Restarts the generator: NumPy's `random.seed(s)`; nil reseeds from system entropy.
    public func seed(_ seed: UInt64?) {
        let fresh = RandomStream(seed: seed ?? UInt64.random(in: .min ... .max))
        stream.withLock { $0 = fresh }
    }

    /// Runs `body` with exclusive use of the generator's stream.
    public func withStream<R>(_ body: (inout RandomStream) throws(ArrayError) -> R) throws(ArrayError) -> R {
        try stream.withLock { (s: inout RandomStream) throws(ArrayError) -> R in try body(&s) }
    }

    /// A fresh 64-bit seed drawn from this generator (for a lazy array's chunk streams).
    public func nextSeed() -> UInt64 {
        stream.withLock { $0.next() }
    }

    /// `random(shape)` from this generator.
    public func random(shape: [Int]) throws(ArrayError) -> NDArray {
        try withStream { stream throws(ArrayError) in try stream.random(shape: shape) }
    }

    /// `uniform(low, high, shape)` from this generator.
    public func uniform(low: Double = 0, high: Double = 1, shape: [Int]) throws(ArrayError) -> NDArray {
        try withStream { stream throws(ArrayError) in try stream.uniform(low: low, high: high, shape: shape) }
    }

    /// `normal(loc, scale, shape)` from this generator.
    public func normal(loc: Double = 0, scale: Double = 1, shape: [Int]) throws(ArrayError) -> NDArray {
        try withStream { stream throws(ArrayError) in try stream.normal(loc: loc, scale: scale, shape: shape) }
    }

    /// `randint(low, high, shape, dtype)` from this generator.
    public func randint(low: Int64, high: Int64, shape: [Int], dtype: DType = .int64) throws(ArrayError) -> NDArray {
        try withStream { (s: inout RandomStream) throws(ArrayError) -> NDArray in
            try s.randint(low: low, high: high, shape: shape, dtype: dtype)
        }
    }
}
