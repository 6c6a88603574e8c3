/// One entry of a NumPy index expression `a[i, 1:5:2, None, ..., idx]`.
public enum Index: Sendable {
    /// An integer (negative counts from the end); removes the axis.
    case int(Int)
    /// `start:stop:step`, each optional, with Python's clamping rules.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `None` / `np.newaxis`: inserts an axis of length 1.
    case newAxis
    /// `...`: as many full slices as needed.
    case ellipsis
    /// An integer array (fancy indexing) or a boolean mask.
    case array(NDArray)

    /// The full slice `:`.
    public static let all = Index.slice(start: nil, stop: nil, step: nil)

    /// How many axes of the indexed array this entry consumes.
    var consumedAxes: Int {
        switch self {
        case .int, .slice: 1
        case .newAxis, .ellipsis: 0
        case .array(let array): array.dtype == .bool ? Swift.max(array.ndim, 1) : 1
        }
    }
}

/// A slice resolved against an axis length, as Python's `slice.indices(length)`.
public struct ResolvedSlice: Equatable, Sendable {
    public let start: Int
    public let step: Int
    public let count: Int

    /// Resolves `start:stop:step` for an axis of `length` elements.
    public init(start: Int?, stop: Int?, step: Int?, length: Int) throws(ArrayError) {
        let step = step ?? 1
        guard step != 0 else { throw .value("slice step cannot be zero") }
        func clamp(_ value: Int?, default fallback: Int, low: Int, high: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 { value += length }
            return Swift.min(Swift.max(value, low), high)
        }
        let first: Int, last: Int
        if step > 0 {
            first = clamp(start, default: 0, low: 0, high: length)
            last = clamp(stop, default: length, low: 0, high: length)
            count = last > first ? (last - first + step - 1) / step : 0
        } else {
            first = clamp(start, default: length - 1, low: -1, high: length - 1)
            last = clamp(stop, default: -1, low: -1, high: length - 1)
            count = first > last ? (first - last - step - 1) / (-step) : 0
        }
        self.start = first
        self.step = step
    }
}
