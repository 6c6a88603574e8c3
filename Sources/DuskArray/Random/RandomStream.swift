/// A reproducible, splittable stream of random numbers: Philox4x64-10 keyed by a seed, with a
/// 256-bit counter whose low word counts blocks and whose two high words name the stream.
///
/// `RandomStream(seed: s, stream: [i, j])` is the stream of chunk `(i, j)` under seed `s`: it
/// depends only on those values, so each chunk of a lazy array is generated on its own, in
/// any order, on any thread, and gives the same numbers every time. Different stream paths
/// give independent streams: each path hashes to its own 128-bit counter half, and a stream
/// would need 2^64 blocks to run into another. Each block gives four 64-bit words; a `Double`
/// takes one word (53 bits). The words of block `b` are NumPy's
/// `Philox(key=[seed, 0], counter=[b - 1, 0, idLow, idHigh]).random_raw(4)`.
///
/// Dusk's arrays of random numbers differ from NumPy's `np.random.*` (another generator and
/// other transforms) but are as well distributed.
public struct RandomStream: Sendable, Equatable {
    /// The Philox key's first word (the second is 0).
    public let seed: UInt64
    /// The counter's two high words: a hash of the stream path ((0, 0) for the root stream).
    public let streamID: (low: UInt64, high: UInt64)
    /// The block the next words come from (the counter's low word).
    public private(set) var blockIndex: UInt64 = 0
    /// Words of block `blockIndex - 1` not handed out yet, in `cache[4 - cached ..< 4]`.
    private var cache = SIMD4<UInt64>()
    private var cached = 0

    /// The stream named `stream` (a chunk's block index, say) under `seed`.
    public init(seed: UInt64, stream: [Int] = []) {
        self.seed = seed
        var id: (low: UInt64, high: UInt64) = (0, 0)
        for component in stream { id = RandomStream.child(of: id, component) }
        self.streamID = id
    }

    private init(seed: UInt64, streamID: (low: UInt64, high: UInt64)) {
        self.seed = seed
        self.streamID = streamID
    }

    public static func == (a: RandomStream, b: RandomStream) -> Bool {
        a.seed == b.seed && a.streamID == b.streamID && a.blockIndex == b.blockIndex
            && a.cached == b.cached && a.cache == b.cache
    }

    /// The child stream `index` of this one's path: `RandomStream(seed: s, stream: p).substream(i)`
    /// equals `RandomStream(seed: s, stream: p + [i])`, whatever was drawn from the parent.
    public func substream(_ index: Int) -> RandomStream {
        RandomStream(seed: seed, streamID: RandomStream.child(of: streamID, index))
    }

    /// The id of path component `index` under `parent`: two independent 64-bit hashes.
    private static func child(of parent: (low: UInt64, high: UInt64), _ index: Int) -> (low: UInt64, high: UInt64) {
        let x = UInt64(bitPattern: Int64(index))
        return (mix(parent.low ^ mix(x &+ 0x9E37_79B9_7F4A_7C15)),
                mix(parent.high ^ mix(x &+ 0xD1B5_4A32_D192_ED03) ^ 0x8CB9_2BA7_2F3D_8DD7))
    }

    /// A 64-bit finalizer (MurmurHash3's `fmix64`): a bijection with full avalanche.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    /// The four words of block `index`.
    @inline(__always)
    func block(_ index: UInt64) -> (UInt64, UInt64, UInt64, UInt64) {
        Philox.block((index, 0, streamID.low, streamID.high), key: (seed, 0))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        if cached == 0 {
            let (w0, w1, w2, w3) = block(blockIndex)
            blockIndex &+= 1
            cache = SIMD4(w0, w1, w2, w3)
            cached = 4
        }
        let word = cache[4 - cached]
        cached -= 1
        return word
    }

    /// Fills `buffer` with the next `buffer.count` words (the words `next()` would return one
    /// by one), two independent blocks at a time so their multiplications overlap.
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt64>) {
        guard let out = buffer.baseAddress else { return }
        let n = buffer.count
        var i = 0
        while i < n && cached > 0 { out[i] = next(); i += 1 }
        while n - i >= 8 {
            let a = block(blockIndex), b = block(blockIndex &+ 1)
            out[i] = a.0; out[i + 1] = a.1; out[i + 2] = a.2; out[i + 3] = a.3
            out[i + 4] = b.0; out[i + 5] = b.1; out[i + 6] = b.2; out[i + 7] = b.3
            blockIndex &+= 2
            i += 8
        }
        while i < n { out[i] = next(); i += 1 }
    }

    /// Runs `body` on successive tiles of fresh words (on the stack), with the index of each
    /// tile's first word, until `count` words have been drawn.
    @inline(__always)
    mutating func forEachWordTile(count: Int, _ body: (UnsafeMutableBufferPointer<UInt64>, Int) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: randomTile) { tile in
            var done = 0
            while done < count {
                let m = Swift.min(randomTile, count - done)
                let words = UnsafeMutableBufferPointer(rebasing: tile[0..<m])
                fill(words)
                body(words, done)
                done += m
            }
        }
    }
}

/// Words per tile when random words are turned into values.
let randomTile = 1024

extension UInt64 {
    /// The top 53 bits as a double uniform in [0, 1): every multiple of 2^-53 equally likely.
    @inline(__always)
    public var unitDouble: Double { Double(self >> 11) * 0x1p-53 }
}
