@testable import DuskRuntime
import Testing

/// The `ArrayFunction` table is consistent: each name once, every `dask.array` entry has a
/// lazy plan, methods exist on the side that has a body, and the bindings reach the session.
@Suite("Array function table")
struct ArrayFunctionTableTests {
    /// Each name is bound once per place (a NumPy function and a method may differ, as
    /// `np.sort` and the in-place `ndarray.sort` do).
    @Test func namesAreUnique() {
        var seen: Set<String> = []
        for function in ArrayFunction.all {
            for name in [function.name] + function.aliases + function.numpyAliases {
                for place in ["numpy": ArrayFunction.Places.numpy, "dask": .dask, "method": .method]
                where function.places.contains(place.value) {
                    #expect(seen.insert(place.key + "." + name).inserted, "\(name) is bound twice in \(place.key)")
                }
            }
        }
    }

    @Test func daskEntriesHaveALazyPlan() {
        for function in ArrayFunction.all where function.places.contains(.dask) {
            if case .array(_, let lazy) = function.body {
                #expect(lazy != nil, "\(function.name) is in dask.array without a lazy plan")
            }
        }
    }

    @Test func methodsComeFromTheTable() {
        #expect(ArrayFunction.ndarrayMethods["sum"] != nil && ArrayFunction.lazyMethods["sum"] != nil)
        #expect(ArrayFunction.ndarrayMethods["tolist"] != nil && ArrayFunction.lazyMethods["tolist"] == nil)
        #expect(ArrayFunction.ndarrayMethods["rechunk"] == nil && ArrayFunction.lazyMethods["rechunk"] != nil)
        #expect(ArrayFunction.ndarrayMethods["nansum"] == nil, "NumPy has no nansum method")
    }

    @Test func bindingsReachTheSession() {
        let session = TestSession()
        let out = session.run("""
            import numpy as np
            import dask.array as da
            print(np.amax([1, 5, 2]), da.nanprod(np.array([2.0, np.nan, 3.0])).compute(), np.cumsum([1, 2, 3]))
            x = da.ones((4, 4), chunks=2)
            print(hasattr(x, 'nanmax'), x.sum(axis=0).compute(), isinstance(np.reshape(x, (16,)), da.Array))
            """)
        #expect(out == "5 6.0 [1 3 6]\nFalse [4. 4. 4. 4.] True\n")
    }
}
