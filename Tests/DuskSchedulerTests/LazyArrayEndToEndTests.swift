import DuskArray
import DuskGraph
import Testing
import DuskScheduler

/// Real lowered graphs (chunk kernels, tree reductions with array and `Moments`/`ArgPartial`
/// partials) give bit-identical results on every scheduler.
@Suite("Lazy arrays on every scheduler", .serialized)
struct LazyArrayEndToEndTests {
    static let schedulers: [(String, any Scheduler)] = [
        ("threads", ThreadedScheduler(numWorkers: 3)),
        ("processes", ProcessScheduler(numWorkers: 2)),
    ]

    static func expressions() throws -> [(String, LazyArray)] {
        let cube = try LazyArray.ones([60, 60, 60], chunks: .uniform(20))
        let line = try LazyArray.arange(stop: .int64(1000), dtype: .float64, chunks: .uniform(37))
        return [
            ("ones.T.sum", try cube.transposed().sum()),
            ("arange.mean", try line.mean()),
            ("arange.var", try line.variance()),
            ("arange.argmax", try line.argReduce(.argmax, axis: nil)),
        ]
    }

    @Test("results match the synchronous scheduler byte for byte")
    func agreement() throws {
        let options = ComputeOptions(progress: false)
        for (name, expression) in try Self.expressions() {
            let expected = try expression.compute(using: SynchronousScheduler(), options: options)
            for (schedulerName, scheduler) in Self.schedulers {
                let value = try expression.compute(using: scheduler, options: options)
                #expect(value.dtype == expected.dtype && value.shape == expected.shape, "\(name) on \(schedulerName)")
                #expect(ArrayFixtures.bytesInOrder(value) == ArrayFixtures.bytesInOrder(expected),
                        "\(name) on \(schedulerName)")
            }
        }
        let total = try LazyArray.ones([60, 60, 60], chunks: .uniform(20)).transposed().sum()
            .compute(using: ProcessScheduler(numWorkers: 2), options: options)
        #expect(total.pointer(as: Double.self).pointee == 216_000)
    }
}
