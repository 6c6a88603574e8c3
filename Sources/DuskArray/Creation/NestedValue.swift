/// A nested Python-style list of values, the input of `array([...])`.
///
/// Python scalars (`int`, `float`, `bool`) take NumPy's default dtypes (`int64`, `float64`,
/// `bool`); typed scalars and arrays keep their dtype; lists and tuples nest.
public indirect enum NestedValue: Sendable {
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case scalar(Scalar)
    case array(NDArray)
    case list([NestedValue])
}

extension NDArray {
    /// Builds an array from nested lists as `numpy.array` does: the shape from the nesting,
    /// the dtype inferred (all bools → `bool`, ints → `int64`, any float → `float64`,
    /// typed scalars and arrays promoted with the rest) unless `dtype` is given.
    ///
    /// Ragged nesting is an error, with NumPy's message.
    public static func from(nested value: NestedValue, dtype: DType? = nil) throws(ArrayError) -> NDArray {
        var shape: [Int] = []
        discoverShape(value, shape: &shape)
        if let depth = raggedDepth(value, depth: 0, shape: shape) {
            throw .value("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions. The detected shape was \(formatShape(Array(shape.prefix(depth)))) + inhomogeneous part.")
        }
        var leafDType: DType?
        inferDType(value, into: &leafDType)
        let resolved = dtype ?? leafDType ?? .float64
        let result = try NDArray(uninitialized: resolved, shape: shape)
        var position = 0
        fill(value, into: result, position: &position)
        return result
    }

    /// Follows first elements down to find the full shape.
    private static func discoverShape(_ value: NestedValue, shape: inout [Int]) {
        switch value {
        case .list(let items):
            shape.append(items.count)
            if let first = items.first { discoverShape(first, shape: &shape) }
        case .array(let array):
            shape.append(contentsOf: array.shape)
        default:
            break
        }
    }

    /// The shallowest depth at which the nesting departs from `shape`, or nil when it is regular.
    private static func raggedDepth(_ value: NestedValue, depth: Int, shape: [Int]) -> Int? {
        switch value {
        case .list(let items):
            guard depth < shape.count, items.count == shape[depth] else { return depth }
            var shallowest: Int?
            for item in items {
                if let found = raggedDepth(item, depth: depth + 1, shape: shape) {
                    shallowest = min(shallowest ?? found, found)
                    if found == depth + 1 { break }
                }
            }
            return shallowest
        case .array(let array):
            return Array(shape.dropFirst(depth)) == array.shape ? nil : depth
        default:
            return depth == shape.count ? nil : depth
        }
    }

    private static func inferDType(_ value: NestedValue, into result: inout DType?) {
        func merge(_ dtype: DType) { result = result.map { DType.promote($0, dtype) } ?? dtype }
        switch value {
        case .bool: merge(.bool)
        case .int: merge(.int64)
        case .float: merge(.float64)
        case .scalar(let scalar): merge(scalar.dtype)
        case .array(let array): merge(array.dtype)
        case .list(let items): for item in items { inferDType(item, into: &result) }
        }
    }

    private static func fill(_ value: NestedValue, into result: NDArray, position: inout Int) {
        switch value {
        case .list(let items):
            for item in items { fill(item, into: result, position: &position) }
        case .array(let array):
            let count = array.count
            let target = NDArray(dtype: result.dtype, shape: array.shape,
                                 strides: NDArray.contiguousStrides(for: array.shape),
                                 offset: position, storage: result.storage)
            NDArray.copyElements(from: array, to: target)
            position += count
        case .bool(let flag):
            write(.bool(flag), into: result, at: &position)
        case .int(let integer):
            write(.int(integer, .int64), into: result, at: &position)
        case .float(let number):
            write(.float(number, .float64), into: result, at: &position)
        case .scalar(let scalar):
            write(scalar, into: result, at: &position)
        }
    }

    private static func write(_ scalar: Scalar, into result: NDArray, at position: inout Int) {
        let target = NDArray(dtype: result.dtype, shape: [], strides: [], offset: position, storage: result.storage)
        target.fill(scalar)
        position += 1
    }
}
