import DuskArray
import DuskZarr

/// A selection of a Zarr array (`z[...]`), as zarr-python 3's basic and orthogonal indexing
/// accept it: integers, slices with positive steps, `...`, and one list of integers.
///
/// Reading it reads the per-dimension ranges (only the chunks they touch), then drops the
/// integer-indexed axes and gathers the listed positions.
struct ZarrSelection {
    /// What each dimension reads.
    var dimensions: [DimensionSelection] = []
    /// Dimensions indexed by an integer: dropped from the result.
    var integerAxes: [Int] = []
    /// A dimension indexed by a list of integers: the positions to take from what is read
    /// along it (relative to its range's start).
    var gather: (axis: Int, positions: NDArray)?

    init(_ index: Value, shape: [Int], context: ExecutionContext) throws {
        let entries = try ArrayConvert.index(index, context: context)
        let explicit = entries.filter { if case .ellipsis = $0 { return false } else { return true } }.count
        if entries.filter({ if case .ellipsis = $0 { return true } else { return false } }).count > 1 {
            throw DuskError(.indexError, "an index can only have a single ellipsis ('...')")
        }
        guard explicit <= shape.count else {
            throw DuskError(.indexError, "too many indices for array; expected \(shape.count), got \(explicit)")
        }
        var axis = 0
        for entry in entries {
            switch entry {
            case .ellipsis:
                for _ in 0..<(shape.count - explicit) {
                    dimensions.append(DimensionSelection(0..<shape[axis]))
                    axis += 1
                }
            case .int(let i):
                let n = shape[axis]
                let position = i < 0 ? i + n : i
                guard position >= 0 && position < n else {
                    throw DuskError(.indexError, "index out of bounds for dimension with length \(n)")
                }
                dimensions.append(DimensionSelection(start: position, count: 1))
                integerAxes.append(axis)
                axis += 1
            case .slice(let start, let stop, let step):
                let step = step ?? 1
                if step == 0 { throw DuskError(.valueError, "slice step cannot be zero") }
                guard step > 0 else { throw DuskError(.indexError, "only slices with step >= 1 are supported.") }
                let n = shape[axis]
                func clamp(_ value: Int?, _ fallback: Int) -> Int {
                    guard let value else { return fallback }
                    return value < 0 ? Swift.max(0, value + n) : Swift.min(value, n)
                }
                let lower = clamp(start, 0), upper = clamp(stop, n)
                let count = upper > lower ? (upper - lower + step - 1) / step : 0
                dimensions.append(DimensionSelection(start: count == 0 ? 0 : lower, step: step, count: count))
                axis += 1
            case .array(let array) where array.dtype.isInteger && array.ndim == 1 && gather == nil:
                let n = shape[axis]
                let positions = try array.astype(.int64).contiguous()
                var lowest = Int.max, highest = Int.min
                var normalized: [Int64] = []
                try positions.withUnsafeBufferPointer(as: Int64.self) { values in
                    for value in values {
                        let p = value < 0 ? Int(value) + n : Int(value)
                        guard p >= 0 && p < n else {
                            throw DuskError(.indexError, "index \(value) is out of bounds for axis \(axis) with size \(n)")
                        }
                        lowest = Swift.min(lowest, p)
                        highest = Swift.max(highest, p)
                        normalized.append(Int64(p))
                    }
                }
                if normalized.isEmpty {
                    dimensions.append(DimensionSelection(start: 0, count: 0))
                    gather = (axis, try NDArray(zeros: .int64, shape: [0]))
                } else {
                    dimensions.append(DimensionSelection(lowest..<(highest + 1)))
                    let relative = try arrayCall { () throws(ArrayError) in
                        try NDArray(normalized.map { $0 - Int64(lowest) }, shape: [normalized.count])
                    }
                    gather = (axis, relative)
                }
                axis += 1
            case .array:
                throw DuskError(.indexError, "Dusk indexes Zarr arrays with integers, slices, '...' and one list of "
                                + "integers; for other selections read a region first (z[a:b]) and index that array")
            case .newAxis:
                throw DuskError(.indexError, "unsupported selection item for basic indexing; expected integer or slice, "
                                + "got <class 'NoneType'>")
            }
        }
        while axis < shape.count {
            dimensions.append(DimensionSelection(0..<shape[axis]))
            axis += 1
        }
    }

    /// The shape of `z[selection]`.
    var resultShape: [Int] {
        dimensions.indices.filter { !integerAxes.contains($0) }.map { axis in
            if let gather, gather.axis == axis { return gather.positions.count }
            return dimensions[axis].count
        }
    }

    /// The result from the block read for `dimensions`.
    func finish(_ block: NDArray) throws -> NDArray {
        var result = block
        if let gather {
            var index = [Index](repeating: .slice(start: nil, stop: nil, step: nil), count: block.ndim)
            index[gather.axis] = .array(gather.positions)
            result = try arrayCall { () throws(ArrayError) in try block.indexed(index) }
        }
        if !integerAxes.isEmpty {
            result = try arrayCall { () throws(ArrayError) in try result.reshaped(resultShape) }
        }
        return result
    }
}
