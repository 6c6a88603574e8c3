import DuskArray
@testable import DuskGraph
import Testing

/// One row of the normalization table generated from Dask.
struct ChunkCase: CustomStringConvertible, Sendable {
    var label: String
    var spec: ChunkSpec
    var shape: [Int]
    var dtype: DType
    var previous: [[(Int, Int)]]?
    var limit: Int?
    var expected: [[(Int, Int)]]

    var description: String { "\(label) for shape \(shape)" }

    /// Expands run-length pairs `(size, count)`.
    static func expand(_ runs: [[(Int, Int)]]) -> [[Int]] {
        runs.map { $0.flatMap { Array(repeating: $0.0, count: $0.1) } }
    }
}

@Suite("Chunks")
struct ChunksTests {
    @Test("normalization matches Dask", arguments: daskChunkCases)
    func normalizationMatchesDask(_ row: ChunkCase) throws {
        let chunks = try Chunks.normalize(row.spec, shape: row.shape, dtype: row.dtype,
                                          previous: row.previous.map(ChunkCase.expand), limit: row.limit)
        #expect(chunks.sizes == ChunkCase.expand(row.expected))
    }

    @Test("explicit chunks that do not add up are an error")
    func explicitChunksMustAddUp() {
        #expect(throws: GraphError.self) {
            try Chunks.normalize(.perDimension([.explicit([2, 2])]), shape: [5], dtype: .float64)
        }
        #expect(throws: GraphError.self) {
            try Chunks.normalize(.perDimension([.size(2), .size(2)]), shape: [4, 4, 4], dtype: .float64)
        }
        #expect(throws: GraphError.self) {
            try Chunks.normalize(.uniform(0), shape: [4], dtype: .float64)
        }
        #expect(throws: GraphError.self) {
            try Chunks.normalize(.perDimension([.explicit([])]), shape: [0], dtype: .float64)
        }
    }

    @Test("the error names chunks and shape as Dask does")
    func errorMessage() {
        #expect(throws: GraphError.chunksDoNotAddUp([[2, 2]], shape: [5])) {
            try Chunks.normalize(.perDimension([.explicit([2, 2])]), shape: [5], dtype: .float64)
        }
        #expect(GraphError.chunksDoNotAddUp([[2, 2]], shape: [5]).message
            == "Chunks do not add up to shape. Got chunks=((2, 2),), shape=(5,)")
    }

    @Test("the configured limit drives 'auto'")
    func configuredLimit() throws {
        let saved = ChunkConfiguration.byteLimit
        defer { ChunkConfiguration.byteLimit = saved }
        ChunkConfiguration.byteLimit = 8000
        let chunks = try Chunks.normalize(.auto, shape: [10000], dtype: .float64)
        #expect(chunks.sizes == [Array(repeating: 1000, count: 10)])
    }

    @Test("block geometry")
    func geometry() {
        let chunks = Chunks([[3, 3, 1], [4, 2]])
        #expect(chunks.shape == [7, 6])
        #expect(chunks.numblocks == [3, 2])
        #expect(chunks.chunksize == [3, 4])
        #expect(chunks.blockCount == 6)
        #expect(chunks.blockShape([2, 1]) == [1, 2])
        #expect(chunks.blockRanges([1, 1]) == [3..<6, 4..<6])
        #expect(chunks.linearIndex([2, 1]) == 5)
        #expect(chunks.blockIndex(3) == [1, 1])
        #expect(chunks.block(containing: 6, along: 0) == 2)
        #expect(chunks.block(containing: 3, along: 0) == 1)
        #expect(chunks.description == "((3, 3, 1), (4, 2))")
        #expect(Chunks([]).blockCount == 1)
        #expect(Chunks([[5]]).description == "((5,),)")
    }

    @Test("byte sizes parse and print as Dask's", arguments: [
        ("128MiB", 134_217_728), ("1kiB", 1024), ("1 kB", 1000), ("5e6", 5_000_000),
        ("MB", 1_000_000), ("100", 100), ("2.5 GiB", 2_684_354_560), ("1k", 1000), ("3Mi", 3_145_728),
    ])
    func parseBytes(_ text: String, _ bytes: Int) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test("byte sizes format as Dask's", arguments: [
        (800_000_000, "762.94 MiB"), (8_000_000, "7.63 MiB"), (800, "800 B"), (1024, "1.00 kiB"),
        (0, "0 B"), (950, "0.93 kiB"), (1 << 40, "1.00 TiB"),
    ])
    func formatBytes(_ bytes: Int, _ text: String) {
        #expect(ByteSize.format(bytes) == text)
    }
}
