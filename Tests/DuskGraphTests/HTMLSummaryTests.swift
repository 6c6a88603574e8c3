import DuskArray
@testable import DuskGraph
import Testing

@Suite("HTML summary")
struct HTMLSummaryTests {
    @Test("equals Dask's _repr_html_ (table and SVG chunk grid)", arguments: daskHTMLCases.indices)
    func matchesDask(_ index: Int) throws {
        let (shape, chunks, dtype, html) = daskHTMLCases[index]
        let array = try LazyArray.ones(shape, dtype: dtype, chunks: .perDimension(chunks.map { .explicit($0) }))
        #expect(array.chunks.sizes == chunks)
        expectSnapshot(array.htmlSummary, html)
    }

    @Test("no drawing for 0-d arrays and zero-length dimensions")
    func noDrawing() {
        #expect(ChunkGridSVG().draw(Chunks([])) == nil)
        #expect(ChunkGridSVG().draw(Chunks([[0], [5]])) == nil)
        #expect(ChunkGridSVG().draw(Chunks([[5]])) != nil)
    }
}
