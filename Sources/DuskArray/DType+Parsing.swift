extension DType {
    /// Parses a dtype as NumPy spells it: `'i4'`, `'<i4'`, `'int32'`, `'f8'`, `'float'`, `'int'`,
    /// `'bool'`, `'u1'`, `'?'`, `'np.float32'`. Returns nil for unknown or big-endian spellings.
    public init?(numpyName: String) {
        var name = Substring(numpyName)
        for prefix in ["numpy.", "np."] where name.hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
        }
        if let first = name.first, "<=|".contains(first), name.count > 1 {
            name = name.dropFirst()
        }
        guard let dtype = DType.spellings[String(name)] else { return nil }
        self = dtype
    }

    /// Every accepted spelling (without byte-order prefix), as NumPy 2 accepts them on little-endian x86-64.
    static let spellings: [String: DType] = {
        var table: [String: DType] = [:]
        let groups: [(DType, [String])] = [
            (.bool, ["bool", "bool_", "b1", "?"]),
            (.int8, ["int8", "i1", "b", "byte"]),
            (.int16, ["int16", "i2", "h", "short"]),
            (.int32, ["int32", "i4", "i", "intc"]),
            (.int64, ["int64", "i8", "l", "q", "int", "int_", "intp", "long", "longlong"]),
            (.uint8, ["uint8", "u1", "B", "ubyte"]),
            (.uint16, ["uint16", "u2", "H", "ushort"]),
            (.uint32, ["uint32", "u4", "I", "uintc"]),
            (.uint64, ["uint64", "u8", "L", "Q", "uint", "uintp", "ulong", "ulonglong"]),
            (.float32, ["float32", "f4", "f", "single"]),
            (.float64, ["float64", "f8", "d", "float", "double", "float_"]),
        ]
        for (dtype, names) in groups {
            for name in names { table[name] = dtype }
        }
        return table
    }()

    /// NumPy's default integer (`int64` on 64-bit Linux and macOS).
    public static let defaultInt: DType = .int64
    /// NumPy's default float.
    public static let defaultFloat: DType = .float64
}
