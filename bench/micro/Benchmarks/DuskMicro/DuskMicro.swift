// The micro-benchmarks: per-task scheduler overhead, tile kernels per dtype, NDArray
// operations, float functions on large arrays. `bench/micro/numpy_reference.py` times the
// NDArray operations and float functions in NumPy at the same sizes.
import Benchmark

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal],
                                           maxDuration: .seconds(2), maxIterations: 1_000)
    schedulerBenchmarks()
    tileKernelBenchmarks()
    arrayBenchmarks()
    ufuncBenchmarks()
}
