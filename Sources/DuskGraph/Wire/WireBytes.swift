import DuskArray

/// Appends the fields of a task description sent to another process (a Dask worker running
/// Dusk's kernel library): little-endian integers of 8 bytes, one-byte tags, strings and byte
/// runs with their length first, floats by their bit patterns.
public struct WireWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func int(_ value: Int) { word(UInt64(bitPattern: Int64(value))) }

    public mutating func double(_ value: Double) { word(value.bitPattern) }

    public mutating func ints(_ values: [Int]) {
        int(values.count)
        for value in values { int(value) }
    }

    public mutating func string(_ value: String) { run(Array(value.utf8)) }

    /// A length-prefixed run of bytes.
    public mutating func run(_ value: [UInt8]) {
        int(value.count)
        bytes += value
    }

    public mutating func dtype(_ value: DType) { byte(value.rawValue) }

    public mutating func optionalDType(_ value: DType?) {
        if let value { byte(1); dtype(value) } else { byte(0) }
    }

    public mutating func scalar(_ value: Scalar) {
        dtype(value.dtype)
        word(value.bits)
    }
}

/// Reads `WireWriter`'s fields, checking every length: malformed bytes throw, never trap.
public struct WireReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { position == bytes.count }

    public func malformed(_ what: String) -> GraphError {
        .wire("malformed \(what) at byte \(position)")
    }

    public mutating func byte() throws(GraphError) -> UInt8 {
        guard position < bytes.count else { throw malformed("end") }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func bool() throws(GraphError) -> Bool { try byte() != 0 }

    public mutating func word() throws(GraphError) -> UInt64 {
        guard bytes.count - position >= 8 else { throw malformed("end") }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
        position += 8
        return value
    }

    public mutating func int() throws(GraphError) -> Int { Int(Int64(bitPattern: try word())) }

    /// A count of items of at least `itemBytes` bytes each that the bytes left could hold.
    public mutating func count(itemBytes: Int = 1) throws(GraphError) -> Int {
        let value = try int()
        guard value >= 0, value <= (bytes.count - position) / Swift.max(1, itemBytes) else { throw malformed("count") }
        return value
    }

    /// An integer in `0..<limit`.
    public mutating func index(below limit: Int) throws(GraphError) -> Int {
        let value = try int()
        guard value >= 0, value < limit else { throw malformed("index") }
        return value
    }

    public mutating func double() throws(GraphError) -> Double { Double(bitPattern: try word()) }

    public mutating func ints() throws(GraphError) -> [Int] {
        let n = try count(itemBytes: 8)
        var values: [Int] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try int()) }
        return values
    }

    public mutating func run() throws(GraphError) -> [UInt8] {
        let n = try count()
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    public mutating func string() throws(GraphError) -> String { String(decoding: try run(), as: UTF8.self) }

    public mutating func dtype() throws(GraphError) -> DType {
        guard let value = DType(rawValue: try byte()) else { throw malformed("dtype") }
        return value
    }

    public mutating func optionalDType() throws(GraphError) -> DType? {
        try byte() == 0 ? nil : try dtype()
    }

    public mutating func scalar() throws(GraphError) -> Scalar {
        let dtype = try dtype()
        return Scalar(dtype: dtype, bits: try word())
    }
}
