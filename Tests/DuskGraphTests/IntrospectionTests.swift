import DuskArray
@testable import DuskGraph
import Testing

/// Compares text with an expected snapshot; on a mismatch, prints the actual text to copy in.
func expectSnapshot(_ actual: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    if actual != expected { print("--- actual snapshot ---\n\(actual)\n---") }
    #expect(actual == expected, sourceLocation: sourceLocation)
}

@Suite("Introspection")
struct IntrospectionTests {
    static func tutorial() throws -> LazyArray {
        let x = try LazyArray.ones([10000, 10000], chunks: .uniform(1000))
        let column = try x.getitem([.all, .int(0)])
        return try .binary(.multiply, .array(.unary(.sin, column)), .array(x.T), name: "mul")
    }

    @Test("one-line repr as Dask's, with dusk.array")
    func repr() throws {
        #expect(try Self.tutorial().repr
            == "dusk.array<mul, shape=(10000, 10000), dtype=float64, chunksize=(1000, 1000), chunktype=ndarray>")
        #expect(try LazyArray.arange(stop: .int64(10), chunks: .uniform(3)).description
            == "dusk.array<arange, shape=(10,), dtype=int64, chunksize=(3,), chunktype=ndarray>")
        #expect(try LazyArray.ones([]).repr == "dusk.array<ones, shape=(), dtype=float64, chunksize=(), chunktype=ndarray>")
        #expect(try LazyArray.ones([10]).sum().repr.hasPrefix("dusk.array<sum-aggregate, shape=()"))
    }

    @Test("summary table and chunk grid, as the notebook shows")
    func summary() throws {
        expectSnapshot(try Self.tutorial().summary, """
                                                             ┌─┬─┬─┬─┬─┬─┬─┬─┬─┬─┐
                                                             ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
            ┌────────────┬────────────────┬──────────────┐   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
            │            │ Array          │ Chunk        │   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
            ├────────────┼────────────────┼──────────────┤   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
            │ Bytes      │ 762.94 MiB     │ 7.63 MiB     │   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤ 10000
            │ Shape      │ (10000, 10000) │ (1000, 1000) │   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
            │ Dask graph │ 100 chunks in 5 graph layers  │   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
            │ Data type  │ float64 ndarray               │   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
            └────────────┴───────────────────────────────┘   ├─┼─┼─┼─┼─┼─┼─┼─┼─┼─┤
                                                             └─┴─┴─┴─┴─┴─┴─┴─┴─┴─┘
                                                                     10000
            """)
    }

    @Test("a one-chunk, one-layer table reads '1 graph layer'")
    func singular() throws {
        let table = try LazyArray.ones([4]).summaryTable.joined(separator: "\n")
        expectSnapshot(table, """
            ┌────────────┬───────┬───────────────────┐
            │            │ Array │ Chunk             │
            ├────────────┼───────┼───────────────────┤
            │ Bytes      │ 32 B  │ 32 B              │
            │ Shape      │ (4,)  │ (4,)              │
            │ Dask graph │ 1 chunks in 1 graph layer │
            │ Data type  │ float64 ndarray           │
            └────────────┴───────────────────────────┘
            """)
    }

    @Test("1-d and 3-d chunk grids")
    func drawings() {
        expectSnapshot(ChunkGridDrawing().draw(Chunks([[2, 5, 3]]))!.joined(separator: "\n"), """
            ┌──────┬─────────────────┬──────────┐
            │      │                 │          │
            └──────┴─────────────────┴──────────┘
                             10
            """)
        expectSnapshot(ChunkGridDrawing().draw(Chunks([[1, 1, 1], [600, 400], [600, 400]]))!.joined(separator: "\n"), """
                    ╱───────────────────────╱
                   ╱                       ╱│
                  ╱───────────────────────╱ │
                3╱                       ╱│ │
                ╱───────────────────────╱ │ │
               ╱                       ╱│ │ │
              ┌─────────────┬─────────┐ │ │ │
              │             │         │ │ │ │
              │             │         │ │ │ │
              │             │         │ │ │ │ 1000
              │             │         │ │ │ │
              │             │         │ │ │ │
              │             │         │ │ │ ╱
              ├─────────────┼─────────┤ │ │╱
              │             │         │ │ ╱
              │             │         │ │╱
              │             │         │ ╱
              │             │         │╱
              └─────────────┴─────────┘
                        1000
            """)
        #expect(ChunkGridDrawing().draw(Chunks([])) == nil)
    }

    @Test("x.dask lists layers with their tasks")
    func graphSummary() throws {
        let x = try LazyArray.ones([10000, 10000], chunks: .uniform(1000))
        let summary = GraphSummary(try x.sum())
        #expect(summary.layers.map(\.prefix) == ["ones", "sum", "sum-partial", "sum-partial", "sum-partial", "sum-aggregate"])
        #expect(summary.layers.map(\.taskCount) == [100, 100, 25, 9, 4, 1])
        #expect(summary.taskCount == 239)
        let lines = summary.description.split(separator: "\n")
        #expect(lines[0] == "HighLevelGraph with 6 layers.")
        #expect(lines[1] == "<dusk.HighLevelGraph with 239 tasks>")
        #expect(lines[2].hasPrefix(" 0. ones-"))
        #expect(lines[7].hasSuffix("reduction (aggregate), 1 task"))
    }
}
