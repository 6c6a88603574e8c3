/// NumPy 2's `repr` and `str` of scalars: `np.float64(0.5)` and `0.5`.
extension Scalar {
    /// NumPy 2's `repr`: `np.float64(0.8414709848078965)`, `np.int32(3)`, `np.True_`.
    public var repr: String {
        switch self {
        case .bool(let value): value ? "np.True_" : "np.False_"
        default: "np.\(dtype.name)(\(str))"
        }
    }

    /// NumPy's `str`: the shortest text that reads back as the value (`0.1`, `1e-05`, `3`, `True`).
    public var str: String { PrintValue(self).scalarStr(dtype: dtype) }
}

extension PrintValue {
    /// NumPy's scalar `str`: positional between 1e-4 and 1e16 (1e6 for float32) with at
    /// least one fraction digit, scientific with trimmed zeros outside.
    func scalarStr(dtype: DType) -> String {
        guard case .float(let value) = self else { return integerText }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let isFloat32 = dtype == .float32
        let magnitude = value.magnitude
        let upper = isFloat32 ? 1e6 : 1e16
        if value == 0 || (magnitude >= 1e-4 && magnitude < upper) {
            return FloatText(precision: nil, trim: .leaveOneZero).positional(value, isFloat32: isFloat32)
        }
        return FloatText(precision: nil, trim: .zerosAndPoint).scientific(value, isFloat32: isFloat32)
    }
}
