import DuskArray
@testable import DuskGraph
import Testing

/// Absurd chunkings are refused when the graph is built, before any chunk list or task exists.
@Suite("Chunk limits")
struct ChunkLimitTests {
    @Test("too many blocks are refused with auto chunks suggested", arguments: [
        ([1 << 40], [1], "chunks=(16777216,)"),
        ([100_000, 100_000], [1, 1], "chunks=(4096, 4096)"),
        // Auto chunks (256³) would still make 2^24 blocks: each axis cut into ∛10^7 ≈ 215 pieces.
        ([1 << 16, 1 << 16, 1 << 16], [16, 16, 16], "chunks=(305, 305, 305)"),
    ])
    func tooManyBlocks(shape: [Int], chunk: [Int], suggestion: String) throws {
        let error = #expect(throws: GraphError.self) {
            try LazyArray.ones(shape, chunks: .perDimension(chunk.map { .size($0) }))
        }
        #expect(error?.kind == "ValueError")
        #expect(error?.message.hasPrefix("too many chunks: chunks of \(formatTuple(chunk)) cut shape \(formatTuple(shape))") == true)
        #expect(error?.message.hasSuffix("use larger chunks, such as \(suggestion)") == true)
    }

    @Test func theLimitItselfIsAllowed() throws {
        let x = try LazyArray.ones([10_000, Chunks.maxBlocks / 10_000], chunks: .uniform(1))
        #expect(x.chunks.numblocks == [10_000, Chunks.maxBlocks / 10_000])
        #expect(throws: GraphError.self) { try LazyArray.ones([10_001, Chunks.maxBlocks / 10_000], chunks: .uniform(1)) }
    }

    @Test func anOuterProductOfManyBlocksIsRefused() throws {
        let x = try LazyArray.ones([10_000], chunks: .uniform(1))
        let column = try x.getitem([.all, .newAxis]), row = try x.getitem([.newAxis, .all])
        let error = #expect(throws: GraphError.self) { try LazyArray.binary(.multiply, .array(column), .array(row)) }
        #expect(error?.message.contains("into 100000000 blocks") == true)
    }

    @Test func chunkSizesBeyondIntMeanTheWholeDimension() throws {
        #expect(try Chunks.normalize(.uniform(Int.max), shape: [10], dtype: .float64).sizes == [[10]])
        #expect(try Chunks.chunkSize(1e300) == Int.max)
        #expect(throws: GraphError.self) { try Chunks.chunkSize(-1e300) }
        #expect(throws: GraphError.self) { try Chunks.chunkSize(.nan) }
    }

    @Test func shapesBeyondTheByteCountAreNumPysError() {
        let error = #expect(throws: GraphError.self) { try LazyArray.ones([1 << 32, 1 << 32], chunks: .uniform(1 << 20)) }
        #expect(error?.message.hasPrefix("array is too big") == true)
        let negative = #expect(throws: GraphError.self) { try LazyArray.ones([-5], chunks: .auto) }
        #expect(negative?.message == "negative dimensions are not allowed")
    }
}
