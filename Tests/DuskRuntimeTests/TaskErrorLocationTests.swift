import DuskRuntime
import Testing

/// A task that fails during `compute()` names its key and points at the expression
/// that built its node, not only at the `compute()` call.
@Suite struct TaskErrorLocationTests {
    @Test func kernelErrorPointsAtTheLazyExpression() {
        let t = TestSession()
        let text = t.error("""
        import dask.array as da
        x = da.arange(4, chunks=2)
        y = x ** -1

        y.compute(scheduler='sync')
        """, name: "lazy.dsk")
        // `contains`, not `hasPrefix`: NumPy warnings are process-wide, and another suite's
        // warning may be printed first.
        #expect(text.contains("""
        lazy.dsk:3:7: error: Integers to negative integer powers are not allowed.
         3 | y = x ** -1
           |       ^~
        traceback (most recent call last):
          in <module> at lazy.dsk:5:1
          in task ('pow-
        """))
        #expect(text.contains("', 0) at lazy.dsk:3:7"))
    }

    @Test func invalidUfuncCallPointsAtTheCall() {
        let t = TestSession()
        let text = t.error("""
        import numpy as np
        import dask.array as da
        x = da.arange(4, chunks=2)
        y = np.left_shift(x, -1.5)
        y.compute(scheduler='sync')
        """, name: "call.dsk")
        #expect(text.contains("call.dsk:4:5: error:"), "\(text)")
    }
}
