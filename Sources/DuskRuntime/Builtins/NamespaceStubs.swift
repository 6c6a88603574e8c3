/// The namespaces other areas fill: they exist from the start so `import numpy as np`
/// and friends work; their members come from the array, graph and scheduler bindings.
enum NamespaceStubs {
    static func install(_ r: inout Registry) {
        r.addNamespace("numpy", doc: "NumPy-style concrete arrays: creation, elementwise math, reductions, linear algebra.")
        r.addNamespace("numpy.random", doc: "Random arrays (NumPy's legacy global generator).")
        r.addNamespace("dask", doc: "Lazy computation: delayed, compute, persist, visualize, config.")
        r.addNamespace("dask.array", doc: "Lazy chunked arrays with NumPy's interface.")
        r.addNamespace("dask.distributed", doc: "LocalCluster and Client: computes on a Dask.distributed cluster.")
        r.addNamespace("zarr", doc: "Chunked array storage on disk (Zarr v2 and v3).")
        for (name, value) in [("pi", Value.float(Double.pi)), ("e", .float(2.718281828459045)),
                              ("inf", .float(.infinity)), ("nan", .float(.nan)), ("newaxis", .none)] {
            r.setValue(value, named: name, in: "numpy")
        }
    }
}
