import DuskArray
@testable import DuskGraph
import Foundation
import Testing

/// Lowering speed: run with `DUSK_BENCH=1` (and `-c release` for real numbers).
@Suite("Lowering benchmark", .enabled(if: ProcessInfo.processInfo.environment["DUSK_BENCH"] == "1"))
struct LoweringBenchmarkTests {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test("lowering about 10^5 tasks")
    func lowerHundredThousandTasks() throws {
        var graph: LazyArray!
        let build = try Self.seconds {
            let x = try LazyArray.ones([2400, 2400], chunks: .uniform(20))
            let y = try LazyArray.binary(.subtract, .array(.binary(.multiply, .array(.binary(.add, .array(x), .int(1))), .int(2))), .array(x.T))
            graph = try LazyArray.unary(.sin, y).sum(axes: [0])
        }
        var count = 0
        let lower = try Self.seconds {
            count = try Lowering.lower(graph, options: LoweringOptions(cull: true, assemble: true)).graph.count
        }
        let slice = try graph.getitem([.slice(start: 10, stop: 50, step: nil)])
        var sliced = 0
        let lowerSlice = try Self.seconds { sliced = try Lowering.lower(slice).graph.count }
        print("graph build: \(build * 1e3) ms; lowering \(count) tasks: \(lower * 1e3) ms "
              + "(\(lower / Double(count) * 1e9) ns/task); slice lowering \(sliced) tasks: \(lowerSlice * 1e3) ms")
        #expect(count > 90_000)
    }
}
