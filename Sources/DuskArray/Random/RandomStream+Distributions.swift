import Foundation

extension RandomStream {
    /// NumPy's `random(shape)`: `float64` uniform in [0, 1), 53 random bits each.
    public mutating func random(shape: [Int]) throws(ArrayError) -> NDArray {
        try uniform(low: 0, high: 1, shape: shape)
    }

    /// NumPy's `uniform(low, high, shape)`: `float64` values `low + (high - low) · u`, `u` in [0, 1).
    public mutating func uniform(low: Double = 0, high: Double = 1, shape: [Int]) throws(ArrayError) -> NDArray {
        let result = try NDArray(uninitialized: .float64, shape: shape)
        fillUniform(result.pointer(as: Double.self), count: result.count, low: low, high: high)
        return result
    }

    /// Writes `count` uniform doubles in [low, high) (what `uniform` returns, for kernels that
    /// generate a chunk tile by tile into their own buffers).
    public mutating func fillUniform(_ out: UnsafeMutablePointer<Double>, count: Int, low: Double = 0, high: Double = 1) {
        let width = high - low
        if low == 0 && width == 1 {
            forEachWordTile(count: count) { words, start in
                let o = out + start
                for i in 0..<words.count { o[i] = words[i].unitDouble }
            }
        } else {
            forEachWordTile(count: count) { words, start in
                let o = out + start
                for i in 0..<words.count { o[i] = low + width * words[i].unitDouble }
            }
        }
    }

    /// NumPy's `normal(loc, scale, shape)`: `float64` normal values `loc + scale·z`, with `z`
    /// from the 256-layer ziggurat (`Ziggurat`), one word per value in 99% of draws.
    public mutating func normal(loc: Double = 0, scale: Double = 1, shape: [Int]) throws(ArrayError) -> NDArray {
        let result = try NDArray(uninitialized: .float64, shape: shape)
        fillNormal(result.pointer(as: Double.self), count: result.count, loc: loc, scale: scale)
        return result
    }

    /// NumPy's `randint(low, high, shape, dtype)`: integers uniform in [low, high), `int64` by
    /// default, without bias (Lemire's multiply-and-reject: a word is redrawn with probability
    /// below `(high - low) / 2^64`).
    ///
    /// Errors as NumPy's: `low >= high`, and bounds outside the dtype.
    public mutating func randint(low: Int64, high: Int64, shape: [Int], dtype: DType = .int64) throws(ArrayError) -> NDArray {
        guard dtype.isInteger || dtype.isBool else {
            throw .type("Unsupported dtype dtype('\(dtype.name)') for randint")
        }
        let bounds = dtype.integerBounds!
        if low < bounds.min { throw .value("low is out of bounds for \(dtype.name)") }
        if high > 0 && UInt64(high) - 1 > bounds.max { throw .value("high is out of bounds for \(dtype.name)") }
        if low >= high { throw .value("low >= high") }
        let result = try NDArray(uninitialized: dtype, shape: shape)
        self = dtype.dispatchMath(RandintKernel(stream: self, low: low, range: UInt64(bitPattern: high &- low), result: result))
        return result
    }
}

/// Fills an integer array for `randint` and hands back the advanced stream.
private struct RandintKernel: MathVisitor {
    let stream: RandomStream
    let low: Int64
    /// `high - low` as an unsigned count (never 0 here: `high > low` within 64 bits).
    let range: UInt64
    let result: NDArray

    func visit<T: MathElement>(_ type: T.Type) -> RandomStream {
        var stream = self.stream
        let out = result.pointer(as: T.self)
        let threshold = (0 &- range) % range
        let count = result.count
        let tile = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: randomTile)
        defer { tile.deallocate() }
        var start = 0
        while start < count {
            let m = Swift.min(randomTile, count - start)
            let words = UnsafeMutableBufferPointer(rebasing: tile[0..<m])
            stream.fill(words)
            for i in 0..<m {
                var product = words[i].multipliedFullWidth(by: range)
                while product.low < threshold {
                    product = stream.next().multipliedFullWidth(by: range)
                }
                out[start + i] = T.wrapping(low &+ Int64(bitPattern: product.high))
            }
            start += m
        }
        return stream
    }
}
