/// A scalar as its dtype plus 64 bits: how task bytes carry it (the graph's wire format and
/// encoded tile programs share this one encoding).
extension Scalar {
    /// The scalar's 64 bits: two's complement for signed integers, IEEE 754 binary64 for floats.
    public var bits: UInt64 {
        switch self {
        case .bool(let value): value ? 1 : 0
        case .int(let value, _): UInt64(bitPattern: value)
        case .uint(let value, _): value
        case .float(let value, _): value.bitPattern
        }
    }

    /// The scalar of `dtype` whose bits are `bits` (the inverse of `bits`).
    public init(dtype: DType, bits: UInt64) {
        switch dtype.kind {
        case "b": self = .bool(bits != 0)
        case "i": self = .int(Int64(bitPattern: bits), dtype)
        case "u": self = .uint(bits, dtype)
        default: self = .float(Double(bitPattern: bits), dtype)
        }
    }
}
