import DuskArray
@testable import DuskGraph
import Synchronization
import Testing

/// A source over an in-memory array that records the ranges it is asked for.
final class RecordingSource: ArraySource {
    let data: NDArray
    let reads = Mutex<[[Range<Int>]]>([])

    init(_ data: NDArray) { self.data = data }

    var layerPrefix: String { "from-test" }
    var token: String { "recording" }
    var description: String { "test source" }
    var shape: [Int] { data.shape }
    var dtype: DType { data.dtype }
    var storedChunks: [Int]? { [4, 3] }
    var descriptor: SourceDescriptor { SourceDescriptor(kind: "test", parameters: "{}") }

    func read(_ ranges: [Range<Int>]) throws -> NDArray {
        reads.withLock { $0.append(ranges) }
        var offset = data.offset
        for d in ranges.indices { offset += ranges[d].lowerBound * data.strides[d] }
        return try NDArray(dtype: dtype, shape: ranges.map(\.count), strides: data.strides, offset: offset,
                       storage: data.storage).copy()
    }
}

@Suite("Array sources")
struct ArraySourceTests {
    static func data() throws -> NDArray {
        try NDArray(Array(0..<80).map { Int32($0) }, shape: [10, 8])
    }

    @Test("a source layer has the stored chunks and reads each block's range")
    func blocksReadTheirRanges() throws {
        let source = RecordingSource(try Self.data())
        let x = try LazyArray.fromSource(source)
        #expect(x.chunks.sizes == [[4, 4, 2], [3, 3, 2]])
        #expect(x.name.hasPrefix("from-test-"))
        #expect(try same(try computed(x), try Self.data()))
        #expect(source.reads.withLock { $0.count } == 9)
        #expect(source.reads.withLock { $0.contains([8..<10, 6..<8]) })
    }

    @Test("an element of a source reads that element; unoptimized, the block holding it")
    func elementReadsOneBlock() throws {
        let source = RecordingSource(try Self.data())
        let x = try LazyArray.fromSource(source)
        let element = try x.getitem([.int(9), .int(7)])
        #expect(try same(try computed(element), NDArray(scalar: .int(79, .int32))))
        #expect(source.reads.withLock { $0 } == [[9..<10, 7..<8]])
        source.reads.withLock { $0 = [] }
        let culled = try element.compute(options: OptimizerOptions(optimize: false), run: runInOrder)
        #expect(try same(culled, NDArray(scalar: .int(79, .int32))))
        #expect(source.reads.withLock { $0 } == [[8..<10, 6..<8]])
    }

    @Test("a narrowed layer reads from its origin, and its name says so")
    func originShiftsReads() throws {
        let source = RecordingSource(try Self.data())
        let read = SourceRead(source: source, origin: [5, 2])
        let part = try LazyArray.sourceLayer(read, chunks: Chunks([[2, 1], [3]]))
        let expected = try Self.data().indexed([.slice(start: 5, stop: 8, step: nil), .slice(start: 2, stop: 5, step: nil)])
        #expect(try same(try computed(part), expected.copy()))
        #expect(source.reads.withLock { Set($0.map { $0.map(\.lowerBound) }) } == [[5, 2], [7, 2]])
        let whole = try LazyArray.sourceLayer(SourceRead(source: source, origin: [0, 0]), chunks: Chunks([[3], [3]]))
        #expect(whole.name != part.name)
    }

    @Test("chunks= groups stored chunks into bigger blocks")
    func explicitChunks() throws {
        let source = RecordingSource(try Self.data())
        let x = try LazyArray.fromSource(source, chunks: .uniform(5))
        #expect(x.chunks.sizes == [[5, 5], [5, 3]])
        #expect(try same(try computed(x), try Self.data()))
    }
}
