import DuskArray
import DuskGraph

/// The `numpy` namespace (`import numpy as np`): creation, ufuncs, reductions, shape functions,
/// linear algebra, print options, dtypes and `np.random`. Most names are also global (`ones`,
/// `sin`, `where`...), except those that would hide Python's built-ins (`sum`, `min`, `max`,
/// `abs`, `round`, `all`, `any`).
///
/// Every function given a lazy array returns a lazy array (`np.sin(x)` stays lazy).
enum NumpyLibrary {
    static let ns = "numpy"

    static func install(_ r: inout Registry) {
        r.addNamespace(ns, doc: """
            NumPy-style arrays. Creation functions (ones, zeros, full, empty, arange, linspace, eye) return \
            concrete arrays, or lazy chunked arrays when given chunks=. Functions given a lazy array \
            return lazy arrays.
            """)
        r.setValue(.type(NDArrayObject.type), named: "ndarray", in: ns)
        for (name, type) in ScalarTypes.bindings { r.setValue(.type(type), named: name, in: ns) }
        for (name, value) in constants { r.setValue(value, named: name, in: ns) }
        r.register(in: ns, "dtype(obj)", doc: "A data type object: np.dtype('f4'), np.dtype(np.int32).") { args, _ in
            guard let dtype = try ArrayConvert.dtype(args[0]) else { return .object(DTypeObject(.float64)) }
            return .object(DTypeObject(dtype))
        }
        installCreation(&r)
        installPrinting(&r)
        NumpyRandom.install(&r)
    }

    /// NumPy's constants (`dask.array` has them too).
    static let constants: [(String, Value)] = [
        ("pi", .float(Double.pi)), ("e", .float(2.718281828459045)), ("inf", .float(.infinity)), ("nan", .float(.nan)),
        ("newaxis", .none), ("euler_gamma", .float(0.5772156649015329)),
    ]

    /// Registers in `numpy` and, when `global`, as a global name.
    static func add(_ r: inout Registry, global: Bool, _ signature: String, _ doc: String, _ body: @escaping Builtin.Body) {
        r.register(in: ns, global: global, signature, doc: doc, body)
    }

    // MARK: - Creation

    static func installCreation(_ r: inout Registry) {
        func rule(_ name: String) -> String {
            " Without chunks= the result is a concrete ndarray; with chunks= a lazy chunked Array (as da.\(name))."
        }
        add(&r, global: true, "array(object, dtype=None, copy=True, ndmin=0)",
            "An array from nested lists, an array, or a lazy array (which is computed).") { args, ctx in
            let dtype = try ArrayConvert.dtype(args[1])
            var result = try ArrayConvert.ndarray(args[0], dtype: dtype, context: ctx)
            if case .object(let o as NDArrayObject) = args[0], result.storage === o.array.storage, try args.bool(2) {
                result = try result.copy()
            }
            let ndmin = try ArrayConvert.int(args[3], "ndmin")
            if result.ndim < ndmin {
                result = try arrayCall { () throws(ArrayError) in
                    try result.reshaped(Array(repeating: 1, count: ndmin - result.ndim) + result.shape)
                }
            }
            return .object(NDArrayObject(result))
        }
        add(&r, global: true, "asarray(a, dtype=None, *, device=None, copy=None)",
            "An array from a: a itself when it already is one of that dtype (copy=True always copies, copy=False never does).") { args, ctx in
            try Device.check(args["device"])
            let copy = try copyMode(args["copy"])
            let dtype = try ArrayConvert.dtype(args[1])
            if case .object(let o as NDArrayObject) = args[0], dtype == nil || dtype == o.array.dtype {
                return copy == true ? .object(NDArrayObject(try o.array.copy())) : args[0]
            }
            if copy == false {
                throw DuskError(.valueError, """
                    Unable to avoid copy while creating an array as requested.
                    If using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed.
                    """)
            }
            return .object(NDArrayObject(try ArrayConvert.ndarray(args[0], dtype: dtype, context: ctx)))
        }
        for (name, doc) in [("ones", "An array of ones."), ("zeros", "An array of zeros."),
                            ("empty", "An array with undefined contents (zeros for lazy arrays).")] {
            add(&r, global: true, "\(name)(shape, dtype=None, chunks=None, *, device=None)", doc + rule(name)) { args, ctx in
                try Device.check(args["device"])
                let shape = try ArrayConvert.shape(args[0])
                let dtype = try ArrayConvert.dtype(args[1]) ?? .float64
                if !args[2].isNone {
                    return try DaskArrayLibrary.filled(name, shape: shape, fill: nil, dtype: dtype, chunks: args[2], context: ctx)
                }
                switch name {
                case "ones":
                    // Through `full`, which stops on Ctrl-C.
                    return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.full(shape, .int(1), dtype: dtype) }))
                case "zeros": return .object(NDArrayObject(try .zeros(shape, dtype: dtype)))
                default: return .object(NDArrayObject(try .zeros(shape, dtype: dtype)))
                }
            }
        }
        add(&r, global: true, "full(shape, fill_value, dtype=None, chunks=None, *, device=None)", "An array filled with fill_value." + rule("full")) { args, ctx in
            try Device.check(args["device"])
            let shape = try ArrayConvert.shape(args[0])
            let dtype = try ArrayConvert.dtype(args[2])
            if !args[3].isNone {
                return try DaskArrayLibrary.filled("full", shape: shape, fill: args[1], dtype: dtype, chunks: args[3], context: ctx)
            }
            let fill = try ArrayConvert.requireOperand(args[1], "full", context: ctx)
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.full(shape, fill, dtype: dtype) }))
        }
        for name in ["ones_like", "zeros_like", "empty_like"] {
            add(&r, global: true, "\(name)(a, dtype=None, shape=None, chunks=None, *, device=None)",
                "An array like a (same shape and dtype unless given). Lazy when a is lazy or chunks= is given.") { args, ctx in
                try Device.check(args["device"])
                return try likeArray(name, args[0], fill: nil, dtype: args[1], shape: args[2], chunks: args[3], context: ctx)
            }
        }
        add(&r, global: true, "full_like(a, fill_value, dtype=None, shape=None, chunks=None, *, device=None)",
            "An array like a filled with fill_value. Lazy when a is lazy or chunks= is given.") { args, ctx in
            try Device.check(args["device"])
            return try likeArray("full", args[0], fill: args[1], dtype: args[2], shape: args[3], chunks: args[4], context: ctx)
        }
        add(&r, global: true, "arange(start, stop?, step?, dtype=None, chunks=None, *, device=None)",
            "Evenly spaced values in [start, stop) with the given step (arange(n): 0 .. n-1)." + rule("arange")) { args, ctx in
            try Device.check(args["device"])
            let (start, stop, step) = try rangeArguments(args)
            let dtype = try ArrayConvert.dtype(args[3])
            if !args[4].isNone {
                let spec = try ChunkArgument.spec(args[4])
                let at = currentCallLocation(ctx)
                return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                    try LazyArray.arange(start: start, stop: stop, step: step, dtype: dtype, chunks: spec, at: at)
                })
            }
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in
                try NDArray.arange(start: start, stop: stop, step: step, dtype: dtype)
            }))
        }
        add(&r, global: true, "linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, chunks=None, *, device=None)",
            "num evenly spaced values from start to stop (stop included unless endpoint=False)." + rule("linspace")) { args, ctx in
            try Device.check(args["device"])
            let start = try ArrayConvert.double(args[0], "start"), stop = try ArrayConvert.double(args[1], "stop")
            let num = try ArrayConvert.int(args[2], "num")
            let endpoint = try args.bool(3)
            let dtype = try ArrayConvert.dtype(args[5]) ?? .float64
            let result: Value
            if !args[6].isNone {
                let spec = try ChunkArgument.spec(args[6])
                let at = currentCallLocation(ctx)
                result = LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                    try LazyArray.linspace(start: start, stop: stop, num: num, endpoint: endpoint, dtype: dtype, chunks: spec, at: at)
                })
            } else {
                result = .object(NDArrayObject(try arrayCall { () throws(ArrayError) in
                    try NDArray.linspace(start: start, stop: stop, count: num, endpoint: endpoint, dtype: dtype)
                }))
            }
            guard try args.bool(4) else { return result }
            let divisions = endpoint ? num - 1 : num
            return .tuple([result, .float(divisions > 0 ? (stop - start) / Double(divisions) : .nan)])
        }
        add(&r, global: true, "eye(N, M=None, k=0, dtype=None, chunks=None, *, device=None)",
            "A 2-d array with ones on diagonal k and zeros elsewhere." + rule("eye")) { args, ctx in
            try Device.check(args["device"])
            let n = try ArrayConvert.int(args[0], "N")
            let m = args[1].isNone ? nil : try ArrayConvert.int(args[1], "M")
            let k = try ArrayConvert.int(args[2], "k")
            let dtype = try ArrayConvert.dtype(args[3]) ?? .float64
            if !args[4].isNone {
                let spec = try ChunkArgument.spec(args[4])
                let at = currentCallLocation(ctx)
                return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                    try LazyArray.eye(n, m: m, k: k, dtype: dtype, chunks: spec, at: at)
                })
            }
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.eye(n, m, k: k, dtype: dtype) }))
        }
        add(&r, global: true, "identity(n, dtype=None)", "The n×n identity matrix.") { args, _ in
            let n = try ArrayConvert.int(args[0], "n")
            let dtype = try ArrayConvert.dtype(args[1]) ?? .float64
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.identity(n, dtype: dtype) }))
        }
    }

    /// The array API's `copy=`: None (copy only when needed), True (always) or False (never).
    static func copyMode(_ value: Value) throws -> Bool? {
        switch value {
        case .none: return nil
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .str: throw DuskError(.valueError, "strings are not allowed for 'copy' keyword. Use True/False/None instead.")
        default: throw DuskError(.typeError, "copy must be True, False or None, not '\(value.typeName)'")
        }
    }

    /// `arange(stop)`, `arange(start, stop)`, `arange(start, stop, step)`.
    static func rangeArguments(_ args: Args) throws -> (Scalar, Scalar, Scalar) {
        let first = try ArrayConvert.scalar(args[0], "start")
        guard args.has(1), !args[1].isNone else { return (.int64(0), first, try step(args)) }
        return (first, try ArrayConvert.scalar(args[1], "stop"), try step(args))
    }

    private static func step(_ args: Args) throws -> Scalar {
        guard args.has(2), !args[2].isNone else { return .int64(1) }
        return try ArrayConvert.scalar(args[2], "step")
    }

    /// `ones_like` and friends, lazy when `a` is lazy or chunks are given.
    static func likeArray(_ kind: String, _ a: Value, fill: Value?, dtype dtypeValue: Value, shape shapeValue: Value,
                          chunks: Value, context: ExecutionContext) throws -> Value {
        let base = kind.replacingOccurrences(of: "_like", with: "")
        if case .object(let o as LazyArrayObject) = a {
            let shape = shapeValue.isNone ? o.array.shape : try ArrayConvert.shape(shapeValue)
            let dtype = try ArrayConvert.dtype(dtypeValue) ?? o.array.dtype
            let chunkValue: Value = chunks.isNone && shapeValue.isNone
                ? .tuple(o.array.chunks.sizes.map { .tuple($0.map { .int($0) }) }) : (chunks.isNone ? .str("auto") : chunks)
            return try DaskArrayLibrary.filled(base, shape: shape, fill: fill, dtype: dtype, chunks: chunkValue, context: context)
        }
        let array = try ArrayConvert.ndarray(a, context: context)
        let shape = shapeValue.isNone ? array.shape : try ArrayConvert.shape(shapeValue)
        let dtype = try ArrayConvert.dtype(dtypeValue) ?? array.dtype
        if !chunks.isNone {
            return try DaskArrayLibrary.filled(base, shape: shape, fill: fill, dtype: dtype, chunks: chunks, context: context)
        }
        switch base {
        case "ones":
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.full(shape, .int(1), dtype: dtype) }))
        case "full":
            let operand = try ArrayConvert.requireOperand(fill ?? .none, "full_like", context: context)
            return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.full(shape, operand, dtype: dtype) }))
        default: return .object(NDArrayObject(try .zeros(shape, dtype: dtype)))
        }
    }
}
