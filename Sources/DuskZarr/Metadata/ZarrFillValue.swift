import DuskArray

/// Fill values: what a missing chunk reads as, in each version's JSON spelling.
enum ZarrFillValue {
    /// A v3 `fill_value` (or a v2 one, which spells the same way but may be null) as a scalar of `dtype`.
    static func parse(_ json: JSONValue, dtype: DType) throws(ZarrError) -> Scalar {
        func bad() -> ZarrError {
            ZarrError(.invalidMetadata, "'fill_value' \(json) is not a valid \(dtype) value")
        }
        switch dtype.kind {
        case "b":
            if let b = json.boolValue { return .bool(b) }
            if let n = json.intValue, n == 0 || n == 1 { return .bool(n == 1) }
            throw bad()
        case "i", "u":
            let value: Scalar
            switch json {
            case .int(let n): value = .int(n, .int64)
            case .uint(let n): value = .uint(n, .uint64)
            case .double(let d) where d.rounded() == d && abs(d) < 0x1p63: value = .int(Int64(d), .int64)
            case .bool(let b): value = .int(b ? 1 : 0, .int64)
            default: throw bad()
            }
            let cast = value.cast(to: dtype)
            // The value must be representable: cast back and compare.
            guard cast.cast(to: value.dtype) == value else { throw bad() }
            return cast
        default:
            switch json {
            case .int, .uint, .double:
                return Scalar.float64(json.doubleValue!).cast(to: dtype)
            case .string(let text):
                switch text {
                case "NaN": return Scalar.float64(.nan).cast(to: dtype)
                case "Infinity": return Scalar.float64(.infinity).cast(to: dtype)
                case "-Infinity": return Scalar.float64(-.infinity).cast(to: dtype)
                default:
                    guard text.hasPrefix("0x"), let bits = UInt64(text.dropFirst(2), radix: 16) else { throw bad() }
                    if dtype == .float32 {
                        guard text.count == 10 else { throw bad() }
                        return .float(Double(Float(bitPattern: UInt32(bits))), .float32)
                    }
                    guard text.count == 18 else { throw bad() }
                    return .float(Double(bitPattern: bits), .float64)
                }
            default: throw bad()
            }
        }
    }

    /// The JSON spelling zarr-python writes for `value` (`0`, `0.0`, `"NaN"`, `false`).
    static func json(_ value: Scalar) -> JSONValue {
        switch value {
        case .bool(let b): return .bool(b)
        case .int(let n, _): return .int(n)
        case .uint(let n, _): return n <= UInt64(Int64.max) ? .int(Int64(n)) : .uint(n)
        case .float(let d, _):
            if d.isNaN { return .string("NaN") }
            if d.isInfinite { return .string(d < 0 ? "-Infinity" : "Infinity") }
            return .double(d)
        }
    }
}
