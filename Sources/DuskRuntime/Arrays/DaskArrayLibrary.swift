import DuskArray
import DuskGraph

/// The `dask.array` namespace (`import dask.array as da`): lazy creation with `chunks=`,
/// `from_array`, `from_delayed`, `map_blocks` and `da.random`; the ufuncs, reductions and
/// the other array functions come from the `ArrayFunction` table.
enum DaskArrayLibrary {
    static let ns = "dask.array"

    static func install(_ r: inout Registry) {
        r.addNamespace(ns, doc: """
            Lazy chunked arrays with NumPy's interface. Every creation function takes chunks= (an int, \
            a tuple, per-dimension sizes, -1 or None for a whole dimension, or 'auto', the default).
            """)
        r.setValue(.type(LazyArrayObject.type), named: "Array", in: ns)
        // NumPy's dtypes and constants, as dask.array re-exports them.
        for dtype in DType.allCases { r.setValue(.type(ScalarTypes.type(for: dtype)), named: dtype.name, in: ns) }
        for (name, value) in NumpyLibrary.constants { r.setValue(value, named: name, in: ns) }
        installCreation(&r)
        installFunctions(&r)
        installRandom(&r)
    }

    static func add(_ r: inout Registry, _ signature: String, _ doc: String, _ body: @escaping Builtin.Body) {
        r.register(in: ns, signature, doc: doc, body)
    }

    /// `ones`, `zeros`, `empty`, `full` as lazy arrays.
    static func filled(_ kind: String, shape: [Int], fill: Value?, dtype: DType?, chunks: Value,
                       context: ExecutionContext) throws -> Value {
        let spec = try ChunkArgument.spec(chunks)
        let at = currentCallLocation(context)
        switch kind {
        case "full":
            let value = try ArrayConvert.scalar(fill ?? .none, "fill_value")
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.full(shape, fillValue: value, dtype: dtype, chunks: spec, at: at)
            })
        case "zeros":
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.zeros(shape, dtype: dtype ?? .float64, chunks: spec, at: at)
            })
        case "empty":
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.empty(shape, dtype: dtype ?? .float64, chunks: spec, at: at)
            })
        default:
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.ones(shape, dtype: dtype ?? .float64, chunks: spec, at: at)
            })
        }
    }

    /// A value as a lazy array: lazy arrays as they are, others cut into `chunks`.
    static func fromArray(_ value: Value, chunks: Value, name: Value = .none, context: ExecutionContext) throws -> Value {
        if case .object(let o as LazyArrayObject) = value {
            if chunks.isNone || chunks.isAuto { return value }
            let spec = try ChunkArgument.spec(chunks)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in try o.array.rechunk(spec) })
        }
        let array = try ArrayConvert.ndarray(value, context: context)
        let spec = try ChunkArgument.spec(chunks)
        let nameText: String? = name.isNone ? nil : try ArrayConvert.nameString(name)
        let at = currentCallLocation(context)
        return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
            try LazyArray.fromArray(array, chunks: spec, name: nameText, at: at)
        })
    }

    static func installCreation(_ r: inout Registry) {
        for (name, doc) in [("ones", "A lazy array of ones."), ("zeros", "A lazy array of zeros."),
                            ("empty", "A lazy array (filled with zeros, as Dask does).")] {
            add(&r, "\(name)(shape, dtype=None, chunks='auto', name=None, *, device=None)", doc) { args, ctx in
                try Device.check(args["device"])
                return try filled(name, shape: try ArrayConvert.shape(args[0]), fill: nil, dtype: try ArrayConvert.dtype(args[1]),
                           chunks: args[2], context: ctx)
            }
        }
        add(&r, "full(shape, fill_value, dtype=None, chunks='auto', name=None, *, device=None)", "A lazy array filled with fill_value.") { args, ctx in
            try Device.check(args["device"])
            return try filled("full", shape: try ArrayConvert.shape(args[0]), fill: args[1], dtype: try ArrayConvert.dtype(args[2]),
                       chunks: args[3], context: ctx)
        }
        for name in ["ones_like", "zeros_like", "empty_like"] {
            add(&r, "\(name)(a, dtype=None, chunks=None, shape=None)", "A lazy array like a.") { args, ctx in
                let chunks: Value = args[2].isNone && !(args[0].asObject(LazyArrayObject.self) != nil) ? .str("auto") : args[2]
                return try NumpyLibrary.likeArray(name, args[0], fill: nil, dtype: args[1], shape: args[3], chunks: chunks, context: ctx)
            }
        }
        add(&r, "full_like(a, fill_value, dtype=None, chunks=None, shape=None)", "A lazy array like a filled with fill_value.") { args, ctx in
            let chunks: Value = args[3].isNone && !(args[0].asObject(LazyArrayObject.self) != nil) ? .str("auto") : args[3]
            return try NumpyLibrary.likeArray("full_like", args[0], fill: args[1], dtype: args[2], shape: args[4], chunks: chunks, context: ctx)
        }
        add(&r, "arange(start, stop?, step?, dtype=None, chunks='auto')", "Evenly spaced values in [start, stop), lazily.") { args, ctx in
            let (start, stop, step) = try NumpyLibrary.rangeArguments(args)
            let dtype = try ArrayConvert.dtype(args[3])
            let spec = try ChunkArgument.spec(args[4])
            let at = currentCallLocation(ctx)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.arange(start: start, stop: stop, step: step, dtype: dtype, chunks: spec, at: at)
            })
        }
        add(&r, "linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, chunks='auto')",
            "num evenly spaced values from start to stop, lazily.") { args, ctx in
            let start = try ArrayConvert.double(args[0], "start"), stop = try ArrayConvert.double(args[1], "stop")
            let num = try ArrayConvert.int(args[2], "num"), endpoint = try args.bool(3)
            let dtype = try ArrayConvert.dtype(args[5]) ?? .float64
            let spec = try ChunkArgument.spec(args[6])
            let at = currentCallLocation(ctx)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.linspace(start: start, stop: stop, num: num, endpoint: endpoint, dtype: dtype, chunks: spec, at: at)
            })
        }
        add(&r, "eye(N, chunks='auto', M=None, k=0, dtype=None)", "A lazy 2-d array with ones on diagonal k.") { args, ctx in
            let n = try ArrayConvert.int(args[0], "N")
            let spec = try ChunkArgument.spec(args[1])
            let m = args[2].isNone ? nil : try ArrayConvert.int(args[2], "M")
            let k = try ArrayConvert.int(args[3], "k"), dtype = try ArrayConvert.dtype(args[4]) ?? .float64
            let at = currentCallLocation(ctx)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.eye(n, m: m, k: k, dtype: dtype, chunks: spec, at: at)
            })
        }
        add(&r, "from_array(x, chunks='auto', name=None)", "A lazy array over an in-memory array (or nested lists), cut into chunks.") { args, ctx in
            try fromArray(args[0], chunks: args[1], name: args[2], context: ctx)
        }
        for name in ["asarray", "array"] {
            // The array API's asarray takes device= and copy= (a copy of an in-memory array is
            // taken now, so later writes to it do not reach the lazy array); Dask's array does not.
            let standard = name == "asarray" ? ", *, device=None, copy=None" : ""
            add(&r, "\(name)(a, chunks='auto', dtype=None\(standard))", "A lazy array from a (lazy arrays are returned as they are).") { args, ctx in
                var source = args[0]
                if name == "asarray" {
                    try Device.check(args["device"])
                    if try NumpyLibrary.copyMode(args["copy"]) == true, case .object(let o as NDArrayObject) = source {
                        source = .object(NDArrayObject(try o.array.copy()))
                    }
                }
                var result = try fromArray(source, chunks: args[1], context: ctx)
                if let dtype = try ArrayConvert.dtype(args[2]) { result = try ArrayShapeOps.astype(result, dtype, context: ctx) }
                return result
            }
        }
        add(&r, "from_delayed(value, shape, dtype=None)", "A one-chunk lazy array whose block is a Delayed's result.") { args, ctx in
            guard case .object(let d as DelayedObject) = args[0] else {
                throw DuskError(.typeError, "from_delayed() needs a Delayed value, not '\(args[0].typeName)'")
            }
            let shape = try ArrayConvert.shape(args[1])
            let dtype = try ArrayConvert.dtype(args[2]) ?? .float64
            let at = currentCallLocation(ctx)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.fromDelayed(d.node, shape: shape, dtype: dtype, at: at)
            })
        }
    }

    static func installFunctions(_ r: inout Registry) {
        add(&r, "map_blocks(func, *args, dtype=None, chunks=None, name=None, **kwargs)", """
            func applied to every block of the lazy arrays among args (blocks aligned and broadcast); \
            other arguments are passed as they are. dtype= is the result's dtype (found by a trial \
            call when omitted); chunks= the blocks' sizes when func changes them. A function with a \
            block_id parameter receives the block's index.
            """) { args, ctx in
            try MapBlocks.call(function: args[0], arrays: args.variadic, dtype: args["dtype"], chunks: args["chunks"],
                               name: args["name"], keywords: args.extraKeywords, context: ctx)
        }
        if let compute = NumpyLibrary.globalMember(r, "compute") { r.setValue(compute, named: "compute", in: ns) }
        if let persist = NumpyLibrary.globalMember(r, "persist") { r.setValue(persist, named: "persist", in: ns) }
    }

    // MARK: - da.random

    static func installRandom(_ r: inout Registry) {
        let random = ns + ".random"
        r.addNamespace(random, doc: """
            Lazy random arrays: each block is generated independently from a seed and its block \
            number, so results are reproducible for a seed and a chunking. The seed is drawn from \
            np.random's global generator unless seed= is given: np.random.seed(0) makes them repeatable.
            """)
        @Sendable func make(_ distribution: String, _ parameters: [Double], size: Value, chunks: Value, dtype: DType,
                            seed: Value, context: ExecutionContext) throws -> Value {
            let shape = size.isNone ? [] : try ArrayConvert.shape(size, "size")
            let spec = try ChunkArgument.spec(chunks)
            let seedValue = seed.isNone ? NumpyRandom.drawSeed(context) : UInt64(bitPattern: Int64(try ArrayConvert.int(seed, "seed")))
            let random = RandomSpec(distribution: distribution, parameters: parameters, seed: seedValue)
            let at = currentCallLocation(context)
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.random(random, shape: shape, dtype: dtype, chunks: spec, at: at)
            })
        }
        r.register(in: random, "seed(seed=None)", doc: "Seeds the generator lazy random arrays draw their seeds from.") { args, ctx in
            try NumpyRandom.seed(args[0], ctx)
            return .none
        }
        for name in ["random", "random_sample"] {
            r.register(in: random, "\(name)(size=None, chunks='auto', seed=None)", doc: "Floats in [0.0, 1.0), lazily.") { args, ctx in
                try make("random", [], size: args[0], chunks: args[1], dtype: .float64, seed: args[2], context: ctx)
            }
        }
        r.register(in: random, "randint(low, high=None, size=None, chunks='auto', dtype='int64', seed=None)",
                   doc: "Integers in [low, high), lazily.") { args, ctx in
            var low = try ArrayConvert.int(args[0], "low")
            var high: Int
            if args[1].isNone { high = low; low = 0 } else { high = try ArrayConvert.int(args[1], "high") }
            guard high > low else { throw DuskError(.valueError, "low >= high") }
            let dtype = try ArrayConvert.dtype(args[4]) ?? .int64
            return try make("integers", [Double(low), Double(high)], size: args[2], chunks: args[3], dtype: dtype,
                            seed: args[5], context: ctx)
        }
        r.register(in: random, "uniform(low=0.0, high=1.0, size=None, chunks='auto', seed=None)",
                   doc: "Floats uniformly in [low, high), lazily.") { args, ctx in
            try make("uniform", [try ArrayConvert.double(args[0], "low"), try ArrayConvert.double(args[1], "high")],
                     size: args[2], chunks: args[3], dtype: .float64, seed: args[4], context: ctx)
        }
        r.register(in: random, "normal(loc=0.0, scale=1.0, size=None, chunks='auto', seed=None)",
                   doc: "Normally distributed floats, lazily.") { args, ctx in
            try make("normal", [try ArrayConvert.double(args[0], "loc"), try ArrayConvert.double(args[1], "scale")],
                     size: args[2], chunks: args[3], dtype: .float64, seed: args[4], context: ctx)
        }
        r.register(in: random, "standard_normal(size=None, chunks='auto', seed=None)",
                   doc: "Standard normal floats, lazily.") { args, ctx in
            try make("standard_normal", [], size: args[0], chunks: args[1], dtype: .float64, seed: args[2], context: ctx)
        }
    }
}

extension NumpyLibrary {
    /// A global registered so far.
    static func globalMember(_ r: Registry, _ name: String) -> Value? {
        r.globals.first { $0.0 == name }?.1
    }
}

extension Value {
    /// Whether this is the string `'auto'`.
    var isAuto: Bool {
        if case .str(let s) = self { return s == "auto" }
        return false
    }
}
