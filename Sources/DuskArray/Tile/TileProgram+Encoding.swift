/// Tile programs as bytes, for another process (a process-scheduler worker, a Dask worker).
///
/// The format: the magic `DTP`, a version byte (`TileProgram.encodingVersion`), then the
/// program field by field, little-endian: integers as 8 bytes, tags and dtypes as one byte,
/// ufuncs and reductions by their NumPy names (so reordering cases never changes the bytes),
/// floats by their bit patterns. `init(encoded:)` checks every length and tag and throws on
/// anything malformed; a decoded program still goes through `TileKernel`'s check before it runs.
extension TileProgram {
    /// The version written by `encoded()`; readers refuse others.
    public static let encodingVersion: UInt8 = 1

    /// The program as bytes.
    public func encoded() -> [UInt8] {
        var w = TileByteWriter()
        w.bytes += Array("DTP".utf8)
        w.byte(TileProgram.encodingVersion)
        w.int(rank)
        w.int(leaves.count)
        for leaf in leaves {
            w.dtype(leaf.dtype)
            w.int(leaf.axes.count)
            for axis in leaf.axes {
                switch axis {
                case .axis(let a): w.byte(0); w.int(a)
                case .fixed(let p): w.byte(1); w.int(p)
                }
            }
        }
        w.int(steps.count)
        for step in steps {
            switch step {
            case .load(let leaf): w.byte(0); w.int(leaf)
            case .constant(let value): w.byte(1); w.scalar(value)
            case .generate(let generator): w.byte(2); w.generator(generator)
            case .cast(let value, let target): w.byte(3); w.int(value); w.dtype(target)
            case .unary(let op, let value): w.byte(4); w.string(op.numpyName); w.int(value)
            case .binary(let op, let lhs, let rhs): w.byte(5); w.string(op.numpyName); w.int(lhs); w.int(rhs)
            case .select(let c, let x, let y): w.byte(6); w.int(c); w.int(x); w.int(y)
            }
        }
        switch result {
        case .store(let value): w.byte(0); w.int(value)
        case .reduce(let reduction):
            w.byte(1)
            w.string(reduction.kind.name)
            w.int(reduction.value)
            w.ints(reduction.axes)
            if let dtype = reduction.resultDType { w.byte(1); w.dtype(dtype) } else { w.byte(0) }
        }
        return w.bytes
    }

    /// Decodes `encoded()`'s bytes.
    public init(encoded bytes: [UInt8]) throws(ArrayError) {
        var r = TileByteReader(bytes: bytes)
        guard try r.take(3) == Array("DTP".utf8) else { throw .value("tile program bytes: not a tile program") }
        let version = try r.byte()
        guard version == TileProgram.encodingVersion else {
            throw .value("tile program bytes: version \(version), this Dusk reads \(TileProgram.encodingVersion)")
        }
        let rank = try r.int()
        var leaves: [TileLeaf] = []
        for _ in 0..<(try r.count()) {
            let dtype = try r.dtype()
            var axes: [TileLeafAxis] = []
            for _ in 0..<(try r.count()) {
                switch try r.byte() {
                case 0: axes.append(.axis(try r.int()))
                case 1: axes.append(.fixed(try r.int()))
                default: throw r.malformed("leaf axis")
                }
            }
            leaves.append(TileLeaf(dtype: dtype, axes: axes))
        }
        var steps: [TileStep] = []
        for _ in 0..<(try r.count()) {
            switch try r.byte() {
            case 0: steps.append(.load(leaf: try r.int()))
            case 1: steps.append(.constant(try r.scalar()))
            case 2: steps.append(.generate(try r.generator()))
            case 3: steps.append(.cast(try r.int(), to: try r.dtype()))
            case 4:
                guard let op = UnaryOp(rawValue: try r.string()) else { throw r.malformed("unary ufunc") }
                steps.append(.unary(op, try r.int()))
            case 5:
                guard let op = BinaryOp(rawValue: try r.string()) else { throw r.malformed("binary ufunc") }
                steps.append(.binary(op, try r.int(), try r.int()))
            case 6: steps.append(.select(try r.int(), try r.int(), try r.int()))
            default: throw r.malformed("step")
            }
        }
        let result: TileResult
        switch try r.byte() {
        case 0: result = .store(try r.int())
        case 1:
            guard let kind = Reduction(rawValue: try r.string()) else { throw r.malformed("reduction") }
            let value = try r.int()
            let axes = try r.ints()
            let resultDType = try r.byte() == 1 ? try r.dtype() : nil
            result = .reduce(TileReduction(kind: kind, value: value, axes: axes, resultDType: resultDType))
        default: throw r.malformed("result")
        }
        guard r.isAtEnd else { throw r.malformed("trailing bytes") }
        self.init(rank: rank, leaves: leaves, steps: steps, result: result)
    }
}

/// Appends little-endian fields.
struct TileByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func word(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func int(_ value: Int) { word(UInt64(bitPattern: Int64(value))) }
    mutating func double(_ value: Double) { word(value.bitPattern) }
    mutating func dtype(_ value: DType) { byte(value.rawValue) }

    mutating func ints(_ values: [Int]) {
        int(values.count)
        for value in values { int(value) }
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        int(utf8.count)
        bytes += utf8
    }

    mutating func scalar(_ value: Scalar) {
        dtype(value.dtype)
        word(value.bits)
    }

    mutating func generator(_ g: TileGenerator) {
        switch g.kind {
        case .arange(let start, let step): byte(0); double(start); double(step)
        case .linspace(let start, let stop, let num, let endpoint):
            byte(1); double(start); double(stop); int(num); byte(endpoint ? 1 : 0)
        case .eye(let k): byte(2); int(k)
        case .uniform(let low, let high, let seed): byte(3); double(low); double(high); word(seed)
        case .integers(let low, let high, let seed): byte(4); word(UInt64(bitPattern: low)); word(UInt64(bitPattern: high)); word(seed)
        }
        dtype(g.dtype)
        int(g.coordinates.count)
        for coordinate in g.coordinates {
            int(coordinate.offset)
            ints(coordinate.coefficients)
        }
        ints(g.shape)
    }
}

/// Reads `TileByteWriter`'s fields, checking every length.
struct TileByteReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    func malformed(_ what: String) -> ArrayError { .value("tile program bytes: malformed \(what) at byte \(position)") }

    mutating func take(_ count: Int) throws(ArrayError) -> [UInt8] {
        guard count >= 0, bytes.count - position >= count else { throw malformed("length") }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    mutating func byte() throws(ArrayError) -> UInt8 { try take(1)[0] }

    mutating func word() throws(ArrayError) -> UInt64 {
        var value: UInt64 = 0
        for (index, b) in try take(8).enumerated() { value |= UInt64(b) << UInt64(8 * index) }
        return value
    }

    mutating func int() throws(ArrayError) -> Int { Int(Int64(bitPattern: try word())) }

    /// A non-negative count no larger than the bytes left could describe.
    mutating func count() throws(ArrayError) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else { throw malformed("count") }
        return value
    }

    mutating func double() throws(ArrayError) -> Double { Double(bitPattern: try word()) }

    mutating func dtype() throws(ArrayError) -> DType {
        guard let dtype = DType(rawValue: try byte()) else { throw malformed("dtype") }
        return dtype
    }

    mutating func ints() throws(ArrayError) -> [Int] {
        var values: [Int] = []
        for _ in 0..<(try count()) { values.append(try int()) }
        return values
    }

    mutating func string() throws(ArrayError) -> String {
        let utf8 = try take(try count())
        return String(decoding: utf8, as: UTF8.self)
    }

    mutating func scalar() throws(ArrayError) -> Scalar {
        let dtype = try dtype()
        return Scalar(dtype: dtype, bits: try word())
    }

    mutating func generator() throws(ArrayError) -> TileGenerator {
        let kind: TileGenerator.Kind
        switch try byte() {
        case 0: kind = .arange(start: try double(), step: try double())
        case 1: kind = .linspace(start: try double(), stop: try double(), num: try int(), endpoint: try byte() == 1)
        case 2: kind = .eye(k: try int())
        case 3: kind = .uniform(low: try double(), high: try double(), seed: try word())
        case 4: kind = .integers(low: Int64(bitPattern: try word()), high: Int64(bitPattern: try word()), seed: try word())
        default: throw malformed("generator")
        }
        let dtype = try dtype()
        var coordinates: [TileAffine] = []
        for _ in 0..<(try count()) { coordinates.append(TileAffine(offset: try int(), coefficients: try ints())) }
        return TileGenerator(kind: kind, dtype: dtype, coordinates: coordinates, shape: try ints())
    }
}
