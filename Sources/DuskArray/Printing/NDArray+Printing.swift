/// NumPy 2's `repr` and `str` of arrays.
extension NDArray {
    /// NumPy's `repr(a)` with the current print options: `array([1., 2.])`,
    /// `array([1, 2], dtype=int32)`, `array([], shape=(0, 3), dtype=float64)`.
    public var repr: String { repr(options: PrintOptions.current) }

    /// NumPy's `str(a)` with the current print options: `[[1. 1.]\n [1. 1.]]`; a 0-d array
    /// prints as its scalar (`0.1`, `True`).
    public var str: String { str(options: PrintOptions.current) }

    /// NumPy's `repr(a)` under `options` (`np.array_repr`).
    public func repr(options: PrintOptions) -> String {
        let prefix = "array("
        let body = ArrayText.render(self, options: options, separator: ", ", prefix: prefix, suffix: ")")
        var extras: [String] = []
        if (count == 0 && shape != [0]) || count > options.threshold {
            extras.append("shape=" + NDArray.shapeText(shape))
        }
        if !dtype.isImpliedInRepr || count == 0 {
            extras.append("dtype=" + dtype.name)
        }
        if extras.isEmpty { return prefix + body + ")" }
        let head = prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLineLength = head.count - (head.lastIndex(of: "\n").map { head.distance(from: head.startIndex, to: $0) + 1 } ?? 0)
        let spacer = lastLineLength + extra.count + 1 > options.linewidth
            ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return head + spacer + extra
    }

    /// NumPy's `str(a)` under `options` (`np.array_str`).
    public func str(options: PrintOptions) -> String {
        if ndim == 0 {
            return PrintValue(dtype: dtype, base: UnsafeRawPointer(storage.base), position: offset).scalarStr(dtype: dtype)
        }
        return ArrayText.render(self, options: options, separator: " ", prefix: "", suffix: "")
    }

    /// NumPy's `np.array2string(a, separator=, prefix=, suffix=)`: the bracketed elements only.
    ///
    /// `prefix` is not printed; its length sets the indent of continuation lines. `suffix` is
    /// not printed either; its length is kept free at the end of the last line.
    public func array2string(options: PrintOptions = .current, separator: String = " ",
                             prefix: String = "", suffix: String = "") -> String {
        ArrayText.render(self, options: options, separator: separator, prefix: prefix, suffix: suffix)
    }

    /// A shape as Python prints a tuple: `()`, `(3,)`, `(2, 3)`.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}

extension NDArray: CustomStringConvertible, CustomDebugStringConvertible {
    /// `str(a)`, as `print(a)` shows it.
    public var description: String { str }
    /// `repr(a)`, as the REPL echoes it.
    public var debugDescription: String { repr }
}

extension DType {
    /// True for the dtypes NumPy's repr leaves out (`float64`, `int64`, `bool`): their values imply them.
    public var isImpliedInRepr: Bool {
        self == .float64 || self == .int64 || self == .bool
    }
}
