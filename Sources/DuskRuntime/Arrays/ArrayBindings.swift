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
