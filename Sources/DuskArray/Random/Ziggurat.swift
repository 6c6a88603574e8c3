import Foundation

/// The 256-layer ziggurat for the standard normal distribution (Marsaglia and Tsang, 2000,
/// in Doornik's 2005 formulation that keeps the test exact): 256 strips of equal area `v`
/// under `f(x) = exp(-x²/2)`; strip 0 is the base rectangle plus the tail beyond `r`.
///
/// A draw takes one 64-bit word: 8 bits choose the strip, 1 bit the sign, the top 53 bits the
/// position `z = u·x[i]`. About 98.8% of draws land inside the rectangle under the curve and
/// are returned at once; the others test the wedge against `f` with another word or sample
/// the tail with Marsaglia's exponential method.
struct Ziggurat: Sendable {
    static let r = 3.6541528853610088
    static let v = 0.00492867323399

    /// Strip edges: `x[0] = v / f(r)`, `x[1] = r`, decreasing to `x[256] = 0`.
    let x: [Double]
    /// `f(x[i])`.
    let f: [Double]

    static let shared = Ziggurat()

    private init() {
        var x = [Double](repeating: 0, count: 257)
        x[0] = Ziggurat.v / Foundation.exp(-0.5 * Ziggurat.r * Ziggurat.r)
        x[1] = Ziggurat.r
        for i in 2..<256 {
            x[i] = (-2 * Foundation.log(Ziggurat.v / x[i - 1] + Foundation.exp(-0.5 * x[i - 1] * x[i - 1]))).squareRoot()
        }
        x[256] = 0
        self.x = x
        self.f = x.map { Foundation.exp(-0.5 * $0 * $0) }
    }
}

/// Hands out the words of a stream from a tile, refilling it in bulk. The words a tile holds
/// beyond what was used are dropped, so a stream's position after a draw depends only on how
/// many values were drawn and which draws needed extra words.
private struct WordSource {
    var stream: RandomStream
    let tile: UnsafeMutableBufferPointer<UInt64>
    var cursor: Int

    @inline(__always)
    mutating func next() -> UInt64 {
        if cursor == tile.count {
            stream.fill(tile)
            cursor = 0
        }
        let word = tile[cursor]
        cursor += 1
        return word
    }
}

extension RandomStream {
    /// Writes `count` normal doubles `loc + scale·z` with standard normal `z` from the ziggurat.
    public mutating func fillNormal(_ out: UnsafeMutablePointer<Double>, count: Int, loc: Double = 0, scale: Double = 1) {
        guard count > 0 else { return }
        let tile = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: Swift.min(randomTile, count + 16))
        defer { tile.deallocate() }
        var source = WordSource(stream: self, tile: tile, cursor: tile.count)
        let table = Ziggurat.shared
        table.x.withUnsafeBufferPointer { x in
            table.f.withUnsafeBufferPointer { f in
                for k in 0..<count {
                    out[k] = loc + scale * Ziggurat.sample(&source, x, f)
                }
            }
        }
        self = source.stream
    }
}

extension Ziggurat {
    @inline(__always)
    fileprivate static func sample(_ source: inout WordSource, _ x: UnsafeBufferPointer<Double>,
                                   _ f: UnsafeBufferPointer<Double>) -> Double {
        while true {
            let word = source.next()
            let i = Int(word & 0xFF)
            let negative = word & 0x100 != 0
            let z = word.unitDouble * x[i]
            // Bit 8 of the word becomes the sign bit, without a branch (it would miss half the time).
            if z < x[i + 1] { return Double(bitPattern: z.bitPattern | (word & 0x100) << 55) }
            if i == 0 {
                // The tail beyond r: exponential proposals accepted against the normal.
                while true {
                    let a = -Foundation.log(1 - source.next().unitDouble) / r
                    let b = -Foundation.log(1 - source.next().unitDouble)
                    if 2 * b > a * a { return negative ? -(r + a) : r + a }
                }
            }
            // The wedge between the curve and the rectangle under it.
            let y = f[i] + source.next().unitDouble * (f[i + 1] - f[i])
            if y < Foundation.exp(-0.5 * z * z) { return negative ? -z : z }
        }
    }
}
