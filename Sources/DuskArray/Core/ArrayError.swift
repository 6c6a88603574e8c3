import Foundation

/// An error from an array operation, with NumPy's message text.
///
/// The runtime attaches the source location; `kind` names the Python exception NumPy raises
/// (`IndexError`, `ValueError`, `TypeError`, `OverflowError`) so messages read the same.
public enum ArrayError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `index 5 is out of bounds for axis 0 with size 3`
    case indexOutOfBounds(index: Int, axis: Int, size: Int)
    /// `too many indices for array: array is 1-dimensional, but 2 were indexed`
    case tooManyIndices(ndim: Int, given: Int)
    /// `axis 2 is out of bounds for array of dimension 2`
    case axisOutOfBounds(axis: Int, ndim: Int)
    /// `numpy.linalg.LinAlgError`: `Singular matrix`, `Last 2 dimensions of the array must be square`
    case linAlg(String)
    /// `operands could not be broadcast together with shapes (3,) (4,) `
    case broadcast([[Int]])
    /// `could not broadcast input array from shape (3,) into shape (2,)`
    case broadcastInto(from: [Int], to: [Int])
    /// `cannot reshape array of size 6 into shape (4,)`
    case reshape(size: Int, shape: [Int])
    /// `Python integer 300 out of bounds for int8`
    case integerOutOfBounds(Int64, DType)
    /// `Integers to negative integer powers are not allowed.`
    case negativeIntegerPower
    /// `ufunc 'bitwise_and' not supported for the input types, ...`
    case unsupportedTypes(ufunc: String, dtypes: [DType])
    /// `boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2`
    case booleanIndexMismatch(axis: Int, size: Int, maskSize: Int)
    /// `data type 'foo' not understood`
    case unknownDType(String)
    /// `negative dimensions are not allowed`
    case negativeDimensions
    /// ``array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.``
    case tooBig
    /// `Unable to allocate 7.28 TiB for an array with shape (1000000, 1000000) and data type float64`
    case allocation(bytes: Int, shape: [Int], dtype: DType)
    /// Any other `OverflowError`, message given.
    case overflow(String)
    /// Any other NumPy `ValueError`, message given.
    case value(String)
    /// Any other NumPy `TypeError`, message given.
    case type(String)
    /// Any other NumPy `IndexError`, message given.
    case index(String)
    /// A kernel stopped early because `KernelCancellation` was requested (Ctrl-C): Python's
    /// `KeyboardInterrupt`.
    case interrupted

    /// The Python exception class NumPy raises for this error.
    public var kind: String {
        switch self {
        case .linAlg: "LinAlgError"
        case .indexOutOfBounds, .tooManyIndices, .booleanIndexMismatch, .index: "IndexError"
        case .axisOutOfBounds: "AxisError"
        case .integerOutOfBounds, .overflow: "OverflowError"
        case .allocation: "MemoryError"
        case .unsupportedTypes, .unknownDType, .type: "TypeError"
        case .broadcast, .broadcastInto, .reshape, .negativeIntegerPower, .negativeDimensions, .tooBig, .value: "ValueError"
        case .interrupted: "KeyboardInterrupt"
        }
    }

    /// NumPy's message.
    public var message: String {
        switch self {
        case .linAlg(let message): message
        case let .indexOutOfBounds(index, axis, size):
            "index \(index) is out of bounds for axis \(axis) with size \(size)"
        case let .tooManyIndices(ndim, given):
            "too many indices for array: array is \(ndim)-dimensional, but \(given) were indexed"
        case let .axisOutOfBounds(axis, ndim):
            "axis \(axis) is out of bounds for array of dimension \(ndim)"
        case let .broadcast(shapes):
            "operands could not be broadcast together with shapes " + shapes.map(formatShape).joined(separator: " ") + " "
        case let .broadcastInto(from, to):
            "could not broadcast input array from shape \(formatShape(from)) into shape \(formatShape(to))"
        case let .reshape(size, shape):
            // NumPy writes this tuple without spaces: `(4,4)`.
            "cannot reshape array of size \(size) into shape (\(shape.map(String.init).joined(separator: ","))\(shape.count == 1 ? "," : ""))"
        case let .integerOutOfBounds(value, dtype):
            "Python integer \(value) out of bounds for \(dtype)"
        case .negativeIntegerPower:
            "Integers to negative integer powers are not allowed."
        case let .unsupportedTypes(ufunc, _):
            "ufunc '\(ufunc)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
        case let .booleanIndexMismatch(axis, size, maskSize):
            "boolean index did not match indexed array along axis \(axis); size of axis is \(size) but size of corresponding boolean axis is \(maskSize)"
        case let .unknownDType(name):
            "data type '\(name)' not understood"
        case .negativeDimensions:
            "negative dimensions are not allowed"
        case .tooBig:
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."
        case let .allocation(bytes, shape, dtype):
            "Unable to allocate \(formatBinaryBytes(bytes)) for an array with shape \(formatShape(shape)) and data type \(dtype)"
        case let .value(message), let .type(message), let .index(message), let .overflow(message):
            message
        case .interrupted:
            ""
        }
    }

    public var description: String { "\(kind): \(message)" }
}

/// A shape as Python prints a tuple: `(3,)`, `(2, 3)`, `()`.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// A byte count as NumPy's `MemoryError` writes it: binary units, three significant
/// figures (`7.28 TiB`, `118. MiB`, `1023 bytes`).
public func formatBinaryBytes(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    let bitLength = Int.bitWidth - bytes.leadingZeroBitCount
    var unit = Swift.max(bitLength - 1, 1) / 10
    var value = Double(bytes) / Double(1 << (unit * 10))
    if value.rounded() == 1024 {
        unit += 1
        value /= 1024
    }
    if unit == 0 { return "\(bytes) bytes" }
    let digits = value.rounded() < 1000 ? String(format: "%#.3g", value) : String(format: "%#.0f", value)
    return "\(digits) \(units[unit])"
}
