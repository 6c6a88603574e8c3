import Foundation
import DuskArray

// The JSON written by scripts/gen_numpy_cases.py, and arrays built from it.
// Regenerate with `python3 scripts/gen_numpy_cases.py` (numpy 2.x).

/// Where the generated case files live (next to this source file).
enum NumPyData {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")

    /// Decodes `Data/<name>`; a missing or malformed file is a test failure, not a crash.
    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// An array as the generator describes it: explicit values or an `arange` recipe, and a view.
struct ArraySpec: Decodable, Sendable {
    var dtype: String
    var shape: [Int]
    var values: [String]?
    /// `np.arange(count) * scale + add`, computed in float64 (float dtypes) or int64, then cast.
    var arange: Arange?
    /// `T`, `reverse` or `step2`, applied after building.
    var view: String?

    struct Arange: Decodable, Sendable {
        var count: Int
        var scale: String
        var add: String

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            count = try container.decode(Int.self)
            scale = try container.decode(String.self)
            add = try container.decode(String.self)
        }
    }

    /// The spec's dtype, which the generator only writes for dtypes Dusk has.
    var dataType: DType {
        get throws {
            guard let dtype = DType(numpyName: dtype) else { throw SpecError("unknown dtype \(dtype)") }
            return dtype
        }
    }

    /// The array, built without any DuskArray operation beyond raw storage writes.
    func build() throws -> NDArray {
        let dtype = try dataType
        let count = shape.reduce(1, *)
        let array = try NDArray(uninitialized: dtype, shape: shape)
        let base = array.storage.base
        for i in 0..<count {
            let element: Element
            if let values {
                guard values.count == count else { throw SpecError("\(values.count) values for shape \(shape)") }
                element = try Element(parsing: values[i], dtype: dtype)
            } else if let arange {
                element = try Element(arangeIndex: i, arange, dtype: dtype)
            } else {
                throw SpecError("array spec without values or arange")
            }
            element.store(to: base, at: i, dtype: dtype)
        }
        return try applyView(to: array)
    }

    private func applyView(to array: NDArray) throws -> NDArray {
        switch view {
        case nil:
            return array
        case "T":
            return NDArray(dtype: array.dtype, shape: array.shape.reversed(), strides: array.strides.reversed(),
                           offset: array.offset, storage: array.storage)
        case "reverse":
            var offset = array.offset
            for axis in 0..<array.ndim where array.shape[axis] > 0 {
                offset += (array.shape[axis] - 1) * array.strides[axis]
            }
            return NDArray(dtype: array.dtype, shape: array.shape, strides: array.strides.map { -$0 },
                           offset: offset, storage: array.storage)
        case "step2":
            var shape = array.shape, strides = array.strides
            shape[shape.count - 1] = (shape[shape.count - 1] + 1) / 2
            strides[strides.count - 1] *= 2
            return NDArray(dtype: array.dtype, shape: shape, strides: strides, offset: array.offset, storage: array.storage)
        case let other?:
            throw SpecError("unknown view \(other)")
        }
    }
}

/// A value parsed from the generator's text, wide enough for every dtype of its kind.
enum Element: Equatable {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)

    init(parsing text: String, dtype: DType) throws {
        switch dtype.kind {
        case "b":
            guard text == "True" || text == "False" else { throw SpecError("bad bool \(text)") }
            self = .bool(text == "True")
        case "i":
            guard let value = Int64(text) else { throw SpecError("bad int \(text)") }
            self = .int(value)
        case "u":
            guard let value = UInt64(text) else { throw SpecError("bad uint \(text)") }
            self = .uint(value)
        default:
            if dtype == .float32 {
                guard let value = Float(text) else { throw SpecError("bad float32 \(text)") }
                self = .float(Double(value))
            } else {
                guard let value = Double(text) else { throw SpecError("bad float \(text)") }
                self = .float(value)
            }
        }
    }

    init(arangeIndex i: Int, _ arange: ArraySpec.Arange, dtype: DType) throws {
        if dtype.isFloatingPoint {
            guard let scale = Double(arange.scale), let add = Double(arange.add) else { throw SpecError("bad arange") }
            let value = Double(i) * scale + add
            self = .float(dtype == .float32 ? Double(Float(value)) : value)
            return
        }
        guard let scale = Int64(arange.scale), let add = Int64(arange.add) else { throw SpecError("bad arange") }
        let value = Int64(i) &* scale &+ add
        switch dtype.kind {
        case "b": self = .bool(value != 0)
        case "u": self = .uint(UInt64(bitPattern: value))
        default: self = .int(value)
        }
    }

    /// The value of a scalar read back from a Dusk array.
    init(_ scalar: Scalar) {
        switch scalar {
        case .bool(let value): self = .bool(value)
        case .int(let value, _): self = .int(value)
        case .uint(let value, _): self = .uint(value)
        case .float(let value, _): self = .float(value)
        }
    }

    /// Every element of `array` in C order, read straight from storage (any strides, any shape).
    static func all(of array: NDArray) -> [Element] {
        var result: [Element] = []
        guard !array.shape.contains(0) else { return result }
        let base = UnsafeRawPointer(array.storage.base)
        func visit(axis: Int, position: Int) {
            if axis == array.ndim {
                result.append(Element(dtype: array.dtype, base: base, position: position))
                return
            }
            for i in 0..<array.shape[axis] { visit(axis: axis + 1, position: position + i * array.strides[axis]) }
        }
        visit(axis: 0, position: array.offset)
        return result
    }

    /// The element at storage position `position` (in elements) of a `dtype` buffer.
    init(dtype: DType, base: UnsafeRawPointer, position: Int) {
        let offset = position * dtype.itemSize
        switch dtype {
        case .bool: self = .bool(base.load(fromByteOffset: offset, as: UInt8.self) != 0)
        case .int8: self = .int(Int64(base.load(fromByteOffset: offset, as: Int8.self)))
        case .int16: self = .int(Int64(base.load(fromByteOffset: offset, as: Int16.self)))
        case .int32: self = .int(Int64(base.load(fromByteOffset: offset, as: Int32.self)))
        case .int64: self = .int(base.load(fromByteOffset: offset, as: Int64.self))
        case .uint8: self = .uint(UInt64(base.load(fromByteOffset: offset, as: UInt8.self)))
        case .uint16: self = .uint(UInt64(base.load(fromByteOffset: offset, as: UInt16.self)))
        case .uint32: self = .uint(UInt64(base.load(fromByteOffset: offset, as: UInt32.self)))
        case .uint64: self = .uint(base.load(fromByteOffset: offset, as: UInt64.self))
        case .float32: self = .float(Double(base.load(fromByteOffset: offset, as: Float.self)))
        case .float64: self = .float(base.load(fromByteOffset: offset, as: Double.self))
        }
    }

    /// Writes the value, truncated to `dtype`'s width as NumPy's `astype` wraps integers.
    func store(to base: UnsafeMutableRawPointer, at index: Int, dtype: DType) {
        let bits: UInt64
        switch self {
        case .bool(let value): bits = value ? 1 : 0
        case .int(let value): bits = UInt64(bitPattern: value)
        case .uint(let value): bits = value
        case .float(let value):
            if dtype == .float32 {
                base.storeBytes(of: Float(value), toByteOffset: index * 4, as: Float.self)
            } else {
                base.storeBytes(of: value, toByteOffset: index * 8, as: Double.self)
            }
            return
        }
        switch dtype.itemSize {
        case 1: base.storeBytes(of: UInt8(truncatingIfNeeded: bits), toByteOffset: index, as: UInt8.self)
        case 2: base.storeBytes(of: UInt16(truncatingIfNeeded: bits), toByteOffset: index * 2, as: UInt16.self)
        case 4: base.storeBytes(of: UInt32(truncatingIfNeeded: bits), toByteOffset: index * 4, as: UInt32.self)
        default: base.storeBytes(of: bits, toByteOffset: index * 8, as: UInt64.self)
        }
    }
}

/// A malformed case file.
struct SpecError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
