/// A reproducible, splittable stream of random numbers: Philox4x32-10 keyed by a seed, with
/// a counter whose high half names the stream and whose low half counts blocks.
///
/// `RandomStream(seed: s, stream: [i, j])` is the stream of chunk `(i, j)` under seed `s`:
/// it depends only on those values, so each chunk of a lazy array is generated on its own,
/// in any order, on any thread, and gives the same numbers every time. Different stream
/// paths give independent streams (their counters never meet: each path hashes to its own
/// 64-bit counter half, and a stream would need 2^64 blocks to wrap). Each block gives two
/// 64-bit words; a `Double` takes one word (53 bits), so a stream yields 2^65 doubles.
///
/// Dusk's numbers differ from NumPy's (another algorithm) but are as well distributed.
public struct RandomStream: Sendable, Equatable {
    /// The Philox key: the seed's two 32-bit halves.
    public let seed: UInt64
    /// The counter's high half: a hash of the stream path (0 for the root stream).
    public let streamID: UInt64
    /// Blocks consumed so far (the counter's low half).
    public private(set) var blockIndex: UInt64 = 0
    /// The second word of the current block, when only the first has been handed out.
    private var pending: UInt64? = nil

    /// The stream named `stream` (a chunk's block index, say) under `seed`.
    public init(seed: UInt64, stream: [Int] = []) {
        self.seed = seed
        var id: UInt64 = 0
        for component in stream { id = RandomStream.mix(id ^ RandomStream.mix(UInt64(bitPattern: Int64(component)) &+ 0x9E37_79B9_7F4A_7C15)) }
        self.streamID = id
    }

    private init(seed: UInt64, streamID: UInt64) {
        self.seed = seed
        self.streamID = streamID
    }

    /// The child stream `index` of this one: `RandomStream(seed: s, stream: p).substream(i)`
    /// equals `RandomStream(seed: s, stream: p + [i])`.
    public func substream(_ index: Int) -> RandomStream {
        RandomStream(seed: seed, streamID: RandomStream.mix(streamID ^ RandomStream.mix(UInt64(bitPattern: Int64(index)) &+ 0x9E37_79B9_7F4A_7C15)))
    }

    /// A 64-bit finalizer (MurmurHash3's `fmix64`): a bijection with full avalanche.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    var key: (UInt32, UInt32) { (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)) }

    /// Block `index` of this stream as two 64-bit words.
    @inline(__always)
    func words(ofBlock index: UInt64) -> (UInt64, UInt64) {
        let (w0, w1, w2, w3) = Philox.block((UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32),
                                             UInt32(truncatingIfNeeded: streamID), UInt32(truncatingIfNeeded: streamID >> 32)),
                                            key: key)
        return (UInt64(w0) | UInt64(w1) << 32, UInt64(w2) | UInt64(w3) << 32)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        if let word = pending { pending = nil; return word }
        let (first, second) = words(ofBlock: blockIndex)
        blockIndex &+= 1
        pending = second
        return first
    }

    /// Fills `buffer` with the next `buffer.count` words, eight blocks at a time in SIMD lanes;
    /// the same words `next()` would return one by one.
    public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt64>) {
        guard let base = buffer.baseAddress else { return }
        var i = 0
        let n = buffer.count
        while i < n && pending != nil { base[i] = next(); i += 1 }
        while n - i >= 16 {
            Philox.blocks8(low: blockIndex, high: streamID, key: key, into: base + i)
            blockIndex &+= 8
            i += 16
        }
        while i < n { base[i] = next(); i += 1 }
    }

    /// Fills `count` doubles uniform in [0, 1) from a word generator, in tiles, with
    /// `transform(word)` per element; the tile of words lives on the stack.
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
    var unitDouble: Double { Double(self >> 11) * 0x1p-53 }
}
