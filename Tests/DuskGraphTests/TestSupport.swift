import DuskArray
@testable import DuskGraph
import DuskScheduler
import Testing

/// Runs a task graph in order in the calling thread (tasks are topologically ordered).
func runInOrder(_ graph: TaskGraph) throws -> [TaskValue] {
    var values: [TaskValue?] = Array(repeating: nil, count: graph.count)
    for (index, task) in graph.tasks.enumerated() {
        values[index] = try task.function(task.dependencies.map { values[$0]! })
    }
    return graph.outputs.map { values[$0]! }
}

/// The computed array, run in order.
func computed(_ array: LazyArray) throws -> NDArray {
    try array.compute(run: runInOrder)
}

/// Elements as doubles in C order, whatever the dtype.
func doubles(_ array: NDArray) throws -> [Double] {
    try array.converted(to: .float64).contiguous().toArray(of: Double.self)
}

/// `arange(count)` reshaped, as float64.
func iota(_ shape: [Int], dtype: DType = .float64) throws -> NDArray {
    let count = shape.reduce(1, *)
    return try (try! NDArray((0..<count).map { Double($0) }, shape: shape)).converted(to: dtype)
}

/// Whether two arrays have the same shape, dtype and elements (NaN equal to NaN), within a
/// relative tolerance for floats (summation order differs between lazy and eager).
func same(_ a: NDArray, _ b: NDArray, tolerance: Double = 0) throws -> Bool {
    guard a.shape == b.shape, a.dtype == b.dtype else { return false }
    let (x, y) = (try doubles(a), try doubles(b))
    for i in x.indices {
        if x[i].isNaN && y[i].isNaN { continue }
        if x[i] == y[i] { continue }
        if tolerance > 0 && abs(x[i] - y[i]) <= tolerance * max(abs(x[i]), abs(y[i]), 1) { continue }
        return false
    }
    return true
}
