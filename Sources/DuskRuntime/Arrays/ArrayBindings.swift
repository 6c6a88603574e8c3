import DuskScheduler

/// Installs the array, lazy-array, delayed and scheduler bindings: `numpy`, `dask`,
/// `dask.array`, `dask.config`, `dask.distributed`, and their global names.
enum ArrayBindings {
    static func install(_ r: inout Registry) {
        ProcessTransfer.register(DuskValueBox.self)
        DelayedLibrary.install(&r)
        NumpyLibrary.install(&r)
        DaskArrayLibrary.install(&r)
        DistributedLibrary.install(&r)
        installRandomCoherence(&r)
    }

    /// `random.seed(n)` (Python's module) also seeds `np.random`, so one call makes a whole
    /// script repeatable.
    private static func installRandomCoherence(_ r: inout Registry) {
        guard let original = r.namespaces["random"]?.members.first(where: { $0.0 == "seed" })?.1 else { return }
        r.register(in: "random", "seed(a=None)", doc: "Seeds the generator (and numpy's global one with it).") { args, ctx in
            let result = try ctx.call(original, [args[0]])
            if case .int(let n) = args[0], n >= 0, n <= Int(UInt32.max) { try NumpyRandom.seed(.int(n)) }
            return result
        }
    }
}
