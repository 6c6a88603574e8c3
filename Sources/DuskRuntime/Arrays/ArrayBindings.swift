import DuskScheduler

/// Installs the array, lazy-array, delayed and scheduler bindings: `numpy`, `dask`,
/// `dask.array`, `dask.config`, `dask.distributed`, and their global names.
enum ArrayBindings {
    static func install(_ r: inout Registry) {
        ProcessTransfer.register(DuskValueBox.self)
        DelayedLibrary.install(&r)
        NumpyLibrary.install(&r)
        DaskArrayLibrary.install(&r)
        ArrayFunction.install(&r)
        DistributedLibrary.install(&r)
        ZarrLibrary.install(&r)
        installRandomCoherence(&r)
        installBuiltinOverloads(&r)
    }

    /// Python's `abs` and `round` work on arrays too (as NumPy's `__abs__` and `__round__`).
    private static func installBuiltinOverloads(_ r: inout Registry) {
        if let original = NumpyLibrary.globalMember(r, "abs"), case .builtin(let b) = original {
            r.register(b.signature.text, doc: b.doc) { args, ctx in
                if isArray(args[0]) { return try ArrayMath.unary(.absolute, args[0], layerName: "abs", context: ctx) }
                return try ctx.call(original, [args[0]])
            }
        }
        if let original = NumpyLibrary.globalMember(r, "round"), case .builtin(let b) = original,
           b.signature.parameters.count == 2 {
            r.register(b.signature.text, doc: b.doc) { args, ctx in
                if isArray(args[0]), !(args[0].asObject(NumPyScalar.self) != nil && args[1].isNone) {
                    let decimals = args[1].isNone ? 0 : try ArrayConvert.int(args[1], "ndigits")
                    return try ArrayShapeOps.round(args[0], decimals: decimals, context: ctx)
                }
                return try ctx.call(original, args.has(1) ? [args[0], args[1]] : [args[0]])
            }
        }
    }

    private static func isArray(_ value: Value) -> Bool {
        if case .object(let o) = value { return o is NDArrayObject || o is LazyArrayObject || o is NumPyScalar }
        return false
    }

    /// Python's `random` module and `np.random` kept coherent: `random.seed(n)` seeds both, so
    /// one call makes a whole script repeatable; `random.random(size)`, `random.uniform(a, b,
    /// size)` and `random.normal(loc, scale, size)` give arrays (from `np.random`) when a size
    /// is given and Python's numbers otherwise. `random.randint` stays Python's (both ends
    /// included); `np.random.randint` is NumPy's (high excluded).
    private static func installRandomCoherence(_ r: inout Registry) {
        let ns = "random"
        func original(_ name: String) -> Value? { r.namespaces[ns]?.members.first(where: { $0.0 == name })?.1 }
        if let seed = original("seed") {
            r.register(in: ns, "seed(a=None)", doc: "Seeds the generator (and numpy's global one with it).") { args, ctx in
                let result = try ctx.call(seed, [args[0]])
                if case .int(let n) = args[0], n >= 0, n <= Int(UInt32.max) { try NumpyRandom.seed(.int(n), ctx) }
                return result
            }
        }
        if let random = original("random") {
            r.register(in: ns, "random(size=None)", doc: "A float in [0.0, 1.0); with size, an array of them (np.random.random).") { args, ctx in
                if args[0].isNone { return try ctx.call(random, []) }
                return try NumpyRandom.fillDoubles(args[0], ctx) { $0.nextDouble() }
            }
        }
        if let uniform = original("uniform") {
            r.register(in: ns, "uniform(a, b, size=None)", doc: "A float between a and b; with size, an array of them.") { args, ctx in
                if args[2].isNone { return try ctx.call(uniform, [args[0], args[1]]) }
                let low = try ArrayConvert.double(args[0], "a"), high = try ArrayConvert.double(args[1], "b")
                return try NumpyRandom.fillDoubles(args[2], ctx) { low + (high - low) * $0.nextDouble() }
            }
        }
        r.register(in: ns, "normal(loc=0.0, scale=1.0, size=None)", doc: "Normally distributed floats (np.random.normal).") { args, ctx in
            let loc = try ArrayConvert.double(args[0], "loc"), scale = try ArrayConvert.double(args[1], "scale")
            return try NumpyRandom.fillDoubles(args[2], ctx) { loc + scale * $0.nextGauss() }
        }
    }
}
