// The micro-benchmarks: per-task scheduler overhead, tile kernels per dtype, NDArray
// operations. `bench/micro/numpy_reference.py` times the NDArray operations in NumPy
// at the same sizes.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal],
                                           maxDuration: .seconds(2), maxIterations: 1_000)
    schedulerBenchmarks()
    tileKernelBenchmarks()
    arrayBenchmarks()
}
