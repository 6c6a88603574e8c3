import DuskRuntime
import DuskTestSupport
import Testing

/// `explain` of the tutorial's programs, held by golden files (`Snapshots/explain_<id>.txt`,
/// re-recorded with `RECORD_SNAPSHOTS=1`).
@Suite("explain")
struct ExplainTests {
    static let prelude = """
        import numpy as np
        import dask
        import dask.array as da
        from dask import delayed
        def add(x1, x2):
            return x1 + x2
        def square(x):
            return x ** 2

        """

    /// (id, program whose output is the explanation): the tutorial's lazy values in its order.
    static let programs: [(String, String)] = [
        ("delayed_chain", "explain(delayed(add)(delayed(square)(2), delayed(square)(3)))"),
        ("slice", "im_da = da.ones((10000, 10000), chunks=(1000, 1000))\nexplain(im_da[:10, 0])"),
        ("sin_transpose", "im_da = da.ones((10000, 10000), chunks=(1000, 1000))\n"
                          + "explain(np.sin(im_da[:, 0]) * im_da.T)"),
        ("sin_transpose_corner", "im_da = da.ones((10000, 10000), chunks=(1000, 1000))\n"
                                 + "(np.sin(im_da[:, 0]) * im_da.T)[:5, :5].explain()"),
        ("normalize", "im_da = da.ones((3, 1000, 1000), chunks=(1, 600, 600))\n"
                      + "explain(im_da / im_da.max(axis=(1, 2))[:, None, None])"),
        ("cube_sum", "explain(da.ones([10000] * 3, chunks=[2000] * 3).T.sum())"),
        ("scale_element", "im_da = da.ones((10000, 10000), chunks=(1000, 1000), dtype='i4')\n"
                          + "explain((im_da * 10)[0, 0])"),
        ("random_sum", "np.random.seed(0)\nim = da.random.randint(0, 100, [500] * 3, chunks=200)\nexplain(im.sum())"),
        ("two_outputs", "x = da.arange(20, chunks=5) * 2\nexplain(x.sum(), x.max())"),
    ]

    @Test(arguments: programs.map(\.0))
    func tutorialProgram(_ id: String) throws {
        let program = try #require(Self.programs.first { $0.0 == id }).1
        let test = TestSession()
        let output = test.run(Self.prelude + program)
        #expect(test.output.standardError == "")
        #expect(Snapshot.mismatch(output, named: "explain_" + id) == nil)
    }

    @Test func explainNeedsALazyValue() {
        let test = TestSession()
        #expect(test.error("explain(1, [2])").contains("explain() found no lazy array or Delayed value to explain"))
    }
}
