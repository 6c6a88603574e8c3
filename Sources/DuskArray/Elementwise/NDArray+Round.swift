// NumPy's `round`/`around`: decimal rounding, halves to even, for any number of decimals.

extension NDArray {
    /// NumPy's `round(a, decimals)`: floats scale by `10**decimals`, round half to even and
    /// scale back (`decimals < 0` rounds to tens, hundreds...); integers are unchanged for
    /// `decimals >= 0` and otherwise rounded in `float64` and cast back, as NumPy does
    /// (so `int8(127)` rounded to tens wraps to -126, and a scale of `inf` gives NaN).
    public func rounded(decimals: Int) throws(ArrayError) -> NDArray {
        if dtype == .bool && decimals != 0 {
            throw .type("Cannot cast ufunc '\(decimals > 0 ? "multiply" : "divide")' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'")
        }
        if decimals == 0 { return dtype.isFloatingPoint || dtype == .bool ? try unary(.rint) : try copy() }
        if !dtype.isFloatingPoint && decimals > 0 { return try copy() }
        let factor = Operand.float(NDArray.powerOfTen(decimals.magnitude))
        let scaled = try NDArray.binary(decimals > 0 ? .multiply : .divide, .array(self), factor)
        let result = try NDArray.binary(decimals > 0 ? .divide : .multiply, .array(try scaled.unary(.rint)), factor)
        return result.dtype == dtype ? result : try result.converted(to: dtype)
    }

    /// `10**n` as NumPy's `round` computes it: a table up to `1e8`, then repeated products
    /// (infinite past `1e308`).
    public static func powerOfTen(_ n: UInt) -> Double {
        if n < 9 { return [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8][Int(n)] }
        var result = 1e9
        var remaining = n
        while remaining > 9 && result.isFinite {
            result *= 10
            remaining -= 1
        }
        return result
    }
}
