// The float functions (SLEEF's vector loops) on whole contiguous arrays of 10⁶ and 10⁷
// elements, float64 and float32: `ufunc <name> <dtype> n=<size>`. numpy_reference.py times
// the same calls on the same values. Run once more with DUSK_VECTOR_MATH=off for the C math
// library per element (report.py puts both beside NumPy).
import Benchmark
import DuskArray

/// Each function's argument range, evenly spaced: the same as numpy_reference.py's.
let ufuncDomains: [(name: String, start: Double, stop: Double)] = [
    ("sin", -100, 100), ("cos", -100, 100), ("tan", -10, 10), ("arcsin", -1, 1), ("arccos", -1, 1),
    ("arctan", -50, 50), ("sinh", -20, 20), ("cosh", -20, 20), ("tanh", -5, 5), ("exp", -80, 80),
    ("expm1", -5, 5), ("log", 0.001, 1000), ("log1p", -0.9, 100), ("log2", 0.001, 1000),
    ("log10", 0.001, 1000), ("cbrt", -1000, 1000), ("power", 0.01, 10), ("arctan2", -10, 10),
]
let ufuncSizes = [(1_000_000, "1e6"), (10_000_000, "1e7")]

/// One input at a time (10⁷ float64 are 80 MB): made outside the measured region.
final class UfuncInput: @unchecked Sendable {
    static let shared = UfuncInput()
    private var key = ""
    private var arrays: [NDArray] = []

    func arrays(_ name: String, _ start: Double, _ stop: Double, _ dtype: DType, _ count: Int) -> [NDArray] {
        let wanted = "\(name) \(dtype) \(count)"
        if wanted != key {
            arrays = []
            func line(_ start: Double, _ stop: Double) -> NDArray {
                (try? NDArray.linspace(start: start, stop: stop, count: count, dtype: dtype)) ?? NDArray.zeros([count])
            }
            // The second operand of power and arctan2: exponents from 3 to -3, x-coordinates.
            arrays = [line(start, stop), name == "power" ? line(3, -3) : line(10, -10)]
            key = wanted
        }
        return arrays
    }
}

func ufuncBenchmarks() {
    let config = Benchmark.Configuration(metrics: [.wallClock], maxDuration: .seconds(2), maxIterations: 50)
    for (name, start, stop) in ufuncDomains {
        for dtype in [DType.float64, .float32] {
            for (count, label) in ufuncSizes {
                Benchmark("ufunc \(name) \(dtype.name) n=\(label)", configuration: config) { benchmark in
                    let inputs = UfuncInput.shared.arrays(name, start, stop, dtype, count)
                    benchmark.startMeasurement()
                    if let op = UnaryOp(numpyName: name) {
                        blackHole(try inputs[0].unary(op))
                    } else if let op = BinaryOp(numpyName: name) {
                        blackHole(try NDArray.binary(op, .array(inputs[0]), .array(inputs[1])))
                    }
                    benchmark.stopMeasurement()
                }
            }
        }
    }
}
