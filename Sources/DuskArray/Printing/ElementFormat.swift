/// One element read for printing, widened to a type that holds every value of its kind.
enum PrintValue {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)

    /// Reads the element at storage position `position` (in elements) of a `dtype` buffer.
    init(dtype: DType, base: UnsafeRawPointer, position: Int) {
        let byteOffset = position * dtype.itemSize
        switch dtype {
        case .bool: self = .bool(base.load(fromByteOffset: byteOffset, as: UInt8.self) != 0)
        case .int8: self = .int(Int64(base.load(fromByteOffset: byteOffset, as: Int8.self)))
        case .int16: self = .int(Int64(base.load(fromByteOffset: byteOffset, as: Int16.self)))
        case .int32: self = .int(Int64(base.load(fromByteOffset: byteOffset, as: Int32.self)))
        case .int64: self = .int(base.load(fromByteOffset: byteOffset, as: Int64.self))
        case .uint8: self = .uint(UInt64(base.load(fromByteOffset: byteOffset, as: UInt8.self)))
        case .uint16: self = .uint(UInt64(base.load(fromByteOffset: byteOffset, as: UInt16.self)))
        case .uint32: self = .uint(UInt64(base.load(fromByteOffset: byteOffset, as: UInt32.self)))
        case .uint64: self = .uint(base.load(fromByteOffset: byteOffset, as: UInt64.self))
        case .float32: self = .float(Double(base.load(fromByteOffset: byteOffset, as: Float.self)))
        case .float64: self = .float(base.load(fromByteOffset: byteOffset, as: Double.self))
        }
    }

    /// The value of a `Scalar`.
    init(_ scalar: Scalar) {
        switch scalar {
        case .bool(let value): self = .bool(value)
        case .int(let value, _): self = .int(value)
        case .uint(let value, _): self = .uint(value)
        case .float(let value, _): self = .float(value)
        }
    }

    var doubleValue: Double {
        switch self {
        case .bool(let value): value ? 1 : 0
        case .int(let value): Double(value)
        case .uint(let value): Double(value)
        case .float(let value): value
        }
    }

    /// Decimal text of an integer or bool value (`True`/`False` for bools).
    var integerText: String {
        switch self {
        case .bool(let value): value ? "True" : "False"
        case .int(let value): String(value)
        case .uint(let value): String(value)
        case .float(let value): String(value)
        }
    }

    var isNegative: Bool {
        switch self {
        case .int(let value): value < 0
        case .float(let value): value < 0
        case .bool, .uint: false
        }
    }
}

/// The formatter NumPy picks for an array's dtype, fitted to its data.
enum ElementFormat {
    case bool(trueText: String)
    /// Right-aligned integers; `sign` is the text for non-negative values' sign slot.
    case integer(width: Int, positiveSign: String)
    case float(FloatFormat)

    /// NumPy's `_get_format_function`: `data` are the elements shown (after summarizing);
    /// `isZeroDimensional` drops the space before `True`.
    init(dtype: DType, data: [PrintValue], isZeroDimensional: Bool, options: PrintOptions) {
        switch dtype.kind {
        case "b":
            self = .bool(trueText: isZeroDimensional ? "True" : " True")
        case "f":
            self = .float(FloatFormat(data: data.map(\.doubleValue), isFloat32: dtype == .float32, options: options))
        default:
            self = ElementFormat.integerFormat(data: data, options: options)
        }
    }

    /// NumPy's `IntegerFormat`: the width of the longest of `str(max)` and `str(min)`.
    private static func integerFormat(data: [PrintValue], options: PrintOptions) -> ElementFormat {
        var sign = options.sign.rawValue
        guard var low = data.first, var high = data.first else {
            return .integer(width: 0, positiveSign: sign == "-" ? "" : sign)
        }
        for value in data {
            switch (value, low, high) {
            case (.int(let v), .int(let l), .int(let h)):
                if v < l { low = value }
                if v > h { high = value }
            case (.uint(let v), .uint(let l), .uint(let h)):
                if v < l { low = value }
                if v > h { high = value }
            default: break
            }
        }
        if sign == " " && low.isNegative { sign = "-" }
        var highWidth = high.integerText.count
        if !high.isNegative && (sign == "+" || sign == " ") { highWidth += 1 }
        let width = Swift.max(highWidth, low.integerText.count)
        return .integer(width: width, positiveSign: sign == "-" ? "" : sign)
    }

    func format(_ value: PrintValue) -> String {
        switch self {
        case .bool(let trueText):
            if case .bool(let flag) = value, flag { return trueText }
            return "False"
        case .integer(let width, let positiveSign):
            let text = value.isNegative ? value.integerText : positiveSign + value.integerText
            return text.count < width ? String(repeating: " ", count: width - text.count) + text : text
        case .float(let format):
            return format.format(value.doubleValue)
        }
    }
}
