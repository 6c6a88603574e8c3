// Whole-NDArray operations at NumPy-comparable sizes; numpy_reference.py times the
// same operations in NumPy.
import Benchmark
import DuskArray

let side = 1000

func arrayBenchmarks() {
    let a = NDArray.ones([side, side])
    let b = NDArray.ones([side, side])
    let small = NDArray.ones([500, 500])
    let config = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                         maxDuration: .seconds(2))
    let name = "\(side)x\(side) float64"
    Benchmark("ndarray ones \(name)", configuration: config) { benchmark in
        blackHole(NDArray.ones([side, side]))
    }
    Benchmark("ndarray a + b \(name)", configuration: config) { benchmark in
        blackHole(try NDArray.binary(.add, .array(a), .array(b)))
    }
    Benchmark("ndarray a * 2.0 \(name)", configuration: config) { benchmark in
        blackHole(try NDArray.binary(.multiply, .array(a), .float(2.0)))
    }
    Benchmark("ndarray sin(a) \(name)", configuration: config) { benchmark in
        blackHole(try a.unary(.sin))
    }
    Benchmark("ndarray a.sum() \(name)", configuration: config) { benchmark in
        blackHole(try a.sum())
    }
    Benchmark("ndarray a.sum(axis=0) \(name)", configuration: config) { benchmark in
        blackHole(try a.sum(axes: [0]))
    }
    Benchmark("ndarray a.std() \(name)", configuration: config) { benchmark in
        blackHole(try a.std())
    }
    Benchmark("ndarray a.T.copy() \(name)", configuration: config) { benchmark in
        blackHole(try a.transposed().copy())
    }
    Benchmark("ndarray matmul 500x500 float64", configuration: config) { benchmark in
        blackHole(try NDArray.matmul(small, small))
    }
}
