extension LazyArray {
    /// Dask's one-line repr with `dusk.array`:
    /// `dusk.array<sin, shape=(10000,), dtype=float64, chunksize=(1000,), chunktype=ndarray>`.
    public var repr: String {
        "dusk.array<\(expr.prefix), shape=\(formatTuple(shape)), dtype=\(dtype.name), "
            + "chunksize=\(formatTuple(chunksize)), chunktype=ndarray>"
    }
}
