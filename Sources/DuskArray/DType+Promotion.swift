extension DType {
    /// NumPy's `promote_types`: the smallest dtype both can be cast to safely.
    ///
    /// `int64 + uint64 → float64`, `int8 + uint8 → int16`, `bool + int8 → int8`,
    /// `float32 + int64 → float64`, `float32 + int16 → float32`.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        switch (a.kind, b.kind) {
        case ("f", "f"):
            return a.itemSize >= b.itemSize ? a : b
        case ("f", _):
            return floatFor(integer: b, float: a)
        case (_, "f"):
            return floatFor(integer: a, float: b)
        case ("i", "i"), ("u", "u"):
            return a.itemSize >= b.itemSize ? a : b
        case ("i", "u"):
            return mixedInteger(signed: a, unsigned: b)
        default:
            return mixedInteger(signed: b, unsigned: a)
        }
    }

    /// Promotes a list of dtypes left to right (NumPy's `result_type` for arrays only).
    public static func promote(_ dtypes: [DType]) -> DType? {
        guard var result = dtypes.first else { return nil }
        for dtype in dtypes.dropFirst() { result = promote(result, dtype) }
        return result
    }

    /// `float32` holds every value of 8- and 16-bit integers exactly; wider integers need `float64`.
    private static func floatFor(integer: DType, float: DType) -> DType {
        if float == .float64 { return .float64 }
        return integer.itemSize <= 2 ? .float32 : .float64
    }

    private static func mixedInteger(signed: DType, unsigned: DType) -> DType {
        if unsigned.itemSize < signed.itemSize { return signed }
        switch unsigned.itemSize {
        case 1: return .int16
        case 2: return .int32
        case 4: return .int64
        default: return .float64
        }
    }

    /// The signed integer of the same size (`uint16 → int16`), or self.
    public var signedCounterpart: DType {
        switch self {
        case .uint8: .int8
        case .uint16: .int16
        case .uint32: .int32
        case .uint64: .int64
        default: self
        }
    }

    /// Whether NumPy's `can_cast(self, to, casting='safe')` holds.
    public func canCastSafely(to target: DType) -> Bool {
        DType.promote(self, target) == target
    }

    /// The smallest and largest values of an integer dtype (as `Int64`/`UInt64` bounds in a `ClosedRange` of `Double` is lossy, so two fields).
    public var integerBounds: (min: Int64, max: UInt64)? {
        switch self {
        case .bool: (0, 1)
        case .int8: (Int64(Int8.min), UInt64(Int8.max))
        case .int16: (Int64(Int16.min), UInt64(Int16.max))
        case .int32: (Int64(Int32.min), UInt64(Int32.max))
        case .int64: (Int64.min, UInt64(Int64.max))
        case .uint8: (0, UInt64(UInt8.max))
        case .uint16: (0, UInt64(UInt16.max))
        case .uint32: (0, UInt64(UInt32.max))
        case .uint64: (0, UInt64.max)
        case .float32, .float64: nil
        }
    }

    /// Whether a Python integer fits this integer dtype.
    public func holds(integer value: Int64) -> Bool {
        guard let bounds = integerBounds else { return true }
        if value < 0 { return value >= bounds.min }
        return UInt64(value) <= bounds.max
    }
}

extension DType {
    /// Whether NumPy's `can_cast(self, to, casting='same_kind')` holds: safe casts, or casts
    /// within a kind or towards a higher one (bool → int → float; unsigned → signed, not back).
    public func canCastSameKind(to target: DType) -> Bool {
        if canCastSafely(to: target) { return true }
        switch (kind, target.kind) {
        case ("b", _): return true
        case ("u", "u"), ("u", "i"), ("u", "f"), ("i", "i"), ("i", "f"), ("f", "f"): return true
        default: return false
        }
    }
}
