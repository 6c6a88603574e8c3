extension TileGenerator {
    /// The one number each element's value depends on, as an affine function of its global
    /// position: the index for `arange`/`linspace`, column minus row for `eye`, the C-order
    /// flat index in `shape` for random numbers.
    public var argument: TileAffine {
        func combine(_ weights: [Int]) -> TileAffine {
            let rank = coordinates.first?.coefficients.count ?? 0
            var result = TileAffine(offset: 0, coefficients: Array(repeating: 0, count: rank))
            for (coordinate, weight) in zip(coordinates, weights) {
                result.offset = result.offset &+ coordinate.offset &* weight
                for a in 0..<rank { result.coefficients[a] = result.coefficients[a] &+ coordinate.coefficients[a] &* weight }
            }
            return result
        }
        switch kind {
        case .arange, .linspace: return coordinates[0]
        case .eye: return combine([-1, 1])
        case .uniform, .integers: return combine(NDArray.contiguousStrides(for: shape))
        }
    }

    /// Writes the values whose arguments are `first, first + step, ...` (`count` of them) to
    /// `output` as `dtype` elements. `scratch` holds `TileVM.tileSize` words.
    func fill(_ output: UnsafeMutableRawPointer, first: Int, step: Int, count: Int, scratch: UnsafeMutablePointer<UInt64>) {
        dtype.dispatchMath(GeneratorTile(kind: kind, output: output, first: first, step: step, count: count,
                                         scratch: scratch))
    }
}

/// The argument `i` of a tile's element `i`.
private struct GeneratorTile: MathVisitor {
    let kind: TileGenerator.Kind
    let output: UnsafeMutableRawPointer
    let first: Int
    let step: Int
    let count: Int
    let scratch: UnsafeMutablePointer<UInt64>

    func visit<T: MathElement>(_ type: T.Type) {
        let out = output.assumingMemoryBound(to: T.self)
        switch kind {
        case .arange(let start, let stepSize):
            // As NumPy fills: start + i * delta, computed in the dtype's family.
            if T.dtype.isInteger || T.dtype.isBool {
                let base = Int64(start), delta = Int64(stepSize)
                for i in 0..<count { out[i] = T.numpyCast(base &+ Int64(first + i * step) &* delta) }
            } else if T.dtype == .float32 {
                let base = Float(start), delta = Float(start + stepSize) - base
                for i in 0..<count { out[i] = T.numpyCast(base + Float(first + i * step) * delta) }
            } else {
                let delta = (start + stepSize) - start
                for i in 0..<count { out[i] = T.numpyCast(start + Double(first + i * step) * delta) }
            }
        case .linspace(let start, let stop, let num, let endpoint):
            let div = Double(endpoint ? num - 1 : num)
            let delta = stop - start
            let stepSize = div > 0 ? delta / div : .nan
            let integral = T.dtype.isInteger || T.dtype.isBool
            for i in 0..<count {
                let position = first + i * step
                let x = Double(position)
                var value = div > 0 ? (stepSize == 0 ? (x / div) * delta : x * stepSize) : x * delta
                value += start
                if endpoint && num > 1 && position == num - 1 { value = stop }
                out[i] = T.numpyCast(integral ? value.rounded(.down) : value)
            }
        case .eye(let k):
            let one = T.numpyCast(Int64(1)), zero = T.numpyCast(Int64(0))
            for i in 0..<count { out[i] = first + i * step == k ? one : zero }
        case .uniform(let low, let high, let seed):
            let doubles = output.assumingMemoryBound(to: Double.self)
            RandomWords.fill(scratch, seed: seed, first: first, step: step, count: count)
            if low == 0 && high == 1 {
                for i in 0..<count { doubles[i] = scratch[i].unitDouble }
            } else {
                let width = high - low
                for i in 0..<count { doubles[i] = low + width * scratch[i].unitDouble }
            }
        case .integers(let low, let high, let seed):
            let range = UInt64(bitPattern: high &- low)
            let threshold = (0 &- range) % range
            RandomWords.fill(scratch, seed: seed, first: first, step: step, count: count)
            for i in 0..<count {
                var product = scratch[i].multipliedFullWidth(by: range)
                var attempt: UInt64 = 1
                while product.low < threshold {
                    product = RandomWords.retry(seed: seed, index: first + i * step, attempt: attempt)
                        .multipliedFullWidth(by: range)
                    attempt += 1
                }
                out[i] = T.wrapping(low &+ Int64(bitPattern: product.high))
            }
        }
    }
}

/// The counter-based random words of lazy random arrays: word `i` under `seed` is word `i % 4`
/// of Philox4x64-10 block `i / 4` of the root stream (`RandomStream(seed:)`), so any element
/// can be generated from its index alone, in any tile, in any order.
public enum RandomWords {
    /// Words `first, first + step, ...` (`count` of them).
    public static func fill(_ out: UnsafeMutablePointer<UInt64>, seed: UInt64, first: Int, step: Int, count: Int) {
        if step == 1 {
            var i = 0
            var index = first
            // Up to the next block boundary one word at a time, then whole blocks.
            while i < count && index & 3 != 0 { out[i] = word(seed: seed, index: index); i += 1; index += 1 }
            while count - i >= 4 {
                let b = Philox.block((UInt64(index >> 2), 0, 0, 0), key: (seed, 0))
                out[i] = b.0; out[i + 1] = b.1; out[i + 2] = b.2; out[i + 3] = b.3
                i += 4
                index += 4
            }
            while i < count { out[i] = word(seed: seed, index: index); i += 1; index += 1 }
        } else {
            for i in 0..<count { out[i] = word(seed: seed, index: first + i * step) }
        }
    }

    /// Word `index` under `seed`.
    @inline(__always)
    public static func word(seed: UInt64, index: Int) -> UInt64 {
        let b = Philox.block((UInt64(index >> 2), 0, 0, 0), key: (seed, 0))
        switch index & 3 {
        case 0: return b.0
        case 1: return b.1
        case 2: return b.2
        default: return b.3
        }
    }

    /// The replacement word for element `index`'s `attempt`-th rejected draw: from a counter
    /// space the first words never use (third counter word 1).
    @inline(__always)
    static func retry(seed: UInt64, index: Int, attempt: UInt64) -> UInt64 {
        Philox.block((UInt64(index), attempt, 1, 0), key: (seed, 0)).0
    }
}
