import DuskArray
import DuskGraph

/// One function of the NumPy and Dask surface: its signature, its summary, where it is bound,
/// its eager kernel and its lazy plan. Every layer reads this one entry: `numpy.NAME`,
/// `dask.array.NAME`, the `ndarray` and `Array` methods, `help` and completion.
///
/// ## Adding a function
/// 1. Add one entry to the table of its concern (`ArrayFunctions+Shape.swift`,
///    `+Selection`, `+LinearAlgebra`...):
///    ```
///    ArrayFunction("flip(m, axis=None)", "Elements in reverse order along the given axes.",
///                  in: [.numpy, .dask, .global, .method],
///                  eager: { a, args, ctx in ... },   // NDArray in: NumPy's result
///                  lazy: { x, args, ctx in ... })    // LazyArray in: Dask's graph
///    ```
///    The signature is NumPy's, as `help` shows it; read arguments by name (`args["axis"]`),
///    so the method form (derived: `self` replaces the first parameter, or `method:` gives
///    another signature) reads them the same way. `aliases:` adds NumPy's other names
///    (`around`), `numpyAliases:` names Dask lacks, such as the array API standard's
///    (`concat` for `concatenate`).
/// 2. Give the kernel to DuskArray (a function on `NDArray`, or a `UnaryOp`/`BinaryOp` case
///    for a ufunc) and the lazy plan to DuskGraph (a function on `LazyArray` making an
///    `ArrayOp` node); the closures here only read arguments and call them.
/// 3. Test it against NumPy and Dask: cases whose expected results the peers generated
///    and which are committed with the generating script, run eagerly and lazily.
///
/// ## Binding rules (`in:`)
/// - `.numpy`: `numpy.NAME`; with `.global` also `NAME`, unless it would hide a Python
///   built-in such as `sum` or `round`.
/// - `.dask`: `dask.array.NAME`, where Dask has the function (an `array` body needs a lazy
///   plan); array-likes passed there become one-chunk lazy arrays, as `da.asarray` makes them.
/// - `.method`: `ndarray.NAME` / `Array.NAME`, for each side that has a body.
/// - `numpy.NAME` given a lazy array without a lazy plan does what Dask's
///   `__array_function__` does: warns (`FutureWarning`), computes, and runs the eager kernel.
struct ArrayFunction: Sendable {
    typealias Eager = @Sendable (NDArray, Args, ExecutionContext) throws -> Value
    typealias Lazy = @Sendable (LazyArray, Args, ExecutionContext) throws -> Value

    /// Where the function is bound.
    struct Places: OptionSet, Sendable {
        let rawValue: Int
        /// `numpy.NAME`.
        static let numpy = Places(rawValue: 1)
        /// `dask.array.NAME` (an `array` body needs a lazy plan there).
        static let dask = Places(rawValue: 2)
        /// A global name too (`sin`, `mean`, `where`), unless it would hide a Python built-in.
        static let global = Places(rawValue: 4)
        /// A method of `ndarray` and/or `Array` (whichever has a body).
        static let method = Places(rawValue: 8)
    }

    typealias EagerArrays = @Sendable ([NDArray], Args, ExecutionContext) throws -> Value
    typealias LazyArrays = @Sendable ([LazyArray], Args, ExecutionContext) throws -> Value

    /// How the function runs.
    enum Body: Sendable {
        /// The first argument is the array: the eager kernel for a concrete one, the lazy plan
        /// for a lazy one. Either may be missing (NumPy-only or Dask-only functions).
        case array(eager: Eager?, lazy: Lazy?)
        /// A sequence of arrays (`*args`, or the first argument's elements): NumPy's kernel when
        /// all are concrete; the lazy plan when one is lazy, and always in `dask.array`.
        case arrays(eager: EagerArrays, lazy: LazyArrays)
        /// Several array arguments or none: the body decides (lazy when any input is lazy).
        case general(Builtin.Body)
    }

    let signature: Signature
    let doc: String
    let places: Places
    /// Other names, in `numpy` and (when the function is there) `dask.array`: `around`, `abs`.
    let aliases: [String]
    /// Other names in `numpy` only: the array API standard's (`concat`, `acos`), `amin`.
    let numpyAliases: [String]
    /// The method's signature when it is not the function's with `self` first.
    let methodSignature: Signature?
    let body: Body

    var name: String { signature.name }

    init(_ signature: String, _ doc: String, in places: Places, aliases: [String] = [], numpyAliases: [String] = [],
         method: String? = nil, eager: Eager?, lazy: Lazy?) {
        self.init(signature, doc, in: places, aliases: aliases, numpyAliases: numpyAliases, method: method,
                  body: .array(eager: eager, lazy: lazy))
    }

    init(_ signature: String, _ doc: String, in places: Places, aliases: [String] = [], numpyAliases: [String] = [],
         method: String? = nil, general: @escaping Builtin.Body) {
        self.init(signature, doc, in: places, aliases: aliases, numpyAliases: numpyAliases, method: method,
                  body: .general(general))
    }

    init(_ signature: String, _ doc: String, in places: Places, aliases: [String] = [], numpyAliases: [String] = [],
         eagerArrays: @escaping EagerArrays, lazyArrays: @escaping LazyArrays) {
        self.init(signature, doc, in: places, aliases: aliases, numpyAliases: numpyAliases, method: nil,
                  body: .arrays(eager: eagerArrays, lazy: lazyArrays))
    }

    init(_ signature: String, _ doc: String, in places: Places, aliases: [String], numpyAliases: [String],
         method: String?, body: Body) {
        guard let parsed = Signature(parsing: signature) else { preconditionFailure("malformed signature: \(signature)") }
        self.signature = parsed
        self.doc = doc
        self.places = places
        self.aliases = aliases
        self.numpyAliases = numpyAliases
        self.methodSignature = method.map { text in
            guard let parsed = Signature(parsing: text) else { preconditionFailure("malformed signature: \(text)") }
            return parsed
        }
        self.body = body
    }

    // MARK: - Built-ins

    /// The `numpy` function: eager for concrete arrays, lazy (or computed with Dask's warning) for lazy ones.
    func numpyBuiltin(named name: String) -> Builtin {
        Builtin(signature: signature.renamed(name), module: NumpyLibrary.ns, doc: doc) { [body] args, context in
            switch body {
            case .general(let run):
                return try run(args, context)
            case .arrays(let eager, let lazy):
                let values = try ArrayFunction.arrayArguments(args, context: context)
                if ArrayArgument.anyLazy(values) {
                    return try lazy(try values.map { try ArrayMath.requireLazy($0, name, context: context) }, args, context)
                }
                return try eager(try values.map { try ArrayConvert.ndarray($0, context: context) }, args, context)
            case .array(let eager, let lazy):
                if case .object(let o as LazyArrayObject) = args[0] {
                    if let lazy { return try lazy(o.array, args, context) }
                    guard let eager else { throw DuskError(.typeError, "\(name)() needs a lazy array") }
                    ArrayFunction.warnNotInDask(name, context: context)
                    return try eager(try o.computeArray(context: context), args, context)
                }
                guard let eager else {
                    throw DuskError(.typeError, "\(name)() needs a lazy array, not '\(args[0].typeName)'")
                }
                return try eager(try ArrayConvert.ndarray(args[0], context: context), args, context)
            }
        }
    }

    /// The `dask.array` function: array-likes become one-chunk lazy arrays first.
    func daskBuiltin(named name: String) -> Builtin {
        Builtin(signature: signature.renamed(name), module: DaskArrayLibrary.ns, doc: doc) { [body] args, context in
            switch body {
            case .general(let run):
                return try run(args, context)
            case .arrays(_, let lazy):
                let values = try ArrayFunction.arrayArguments(args, context: context)
                return try lazy(try values.map { try ArrayMath.requireLazy($0, name, context: context) }, args, context)
            case .array(_, let lazy):
                guard let lazy else { throw DuskError(.attributeError, "module 'dask.array' has no attribute '\(name)'") }
                return try lazy(try ArrayMath.requireLazy(args[0], name, context: context), args, context)
            }
        }
    }

    /// The signature of the method form.
    var methodForm: Signature {
        if let methodSignature { return methodSignature }
        var form = signature
        if !form.parameters.isEmpty { form.parameters[0].name = "self" }
        return form
    }

    /// The arrays of an `arrays` body: the `*args`, or the elements of the first argument.
    static func arrayArguments(_ args: Args, context: ExecutionContext) throws -> [Value] {
        args.takesVariadic ? args.variadic : try context.elements(of: args[0])
    }

    /// The `ndarray` method, if the function has an eager form.
    var ndarrayMethod: Builtin? {
        switch body {
        case .arrays: return nil
        case .general(let run): return Builtin(signature: methodForm, doc: doc, run)
        case .array(let eager, _):
            guard let eager else { return nil }
            return Builtin(signature: methodForm, doc: doc) { args, context in
                try eager(try ArrayConvert.ndarray(args[0], context: context), args, context)
            }
        }
    }

    /// The `Array` method, if the function has a lazy form.
    var lazyMethod: Builtin? {
        switch body {
        case .arrays: return nil
        case .general(let run): return Builtin(signature: methodForm, doc: doc, run)
        case .array(_, let lazy):
            guard let lazy else { return nil }
            return Builtin(signature: methodForm, doc: doc) { args, context in
                try lazy(LazyArrayObject.lazy(args[0]), args, context)
            }
        }
    }

    /// What Dask's `__array_function__` prints before computing a NumPy function it lacks.
    static func warnNotInDask(_ name: String, context: ExecutionContext) {
        context.output.write("""
            FutureWarning: The `numpy.\(name)` function is not implemented by Dask array. You may want to use \
            the da.map_blocks function or something similar to silence this warning. Your code may stop working \
            in a future release.\n
            """, to: .standardError)
    }
}

extension Signature {
    /// The same parameters under another name (an alias).
    func renamed(_ name: String) -> Signature {
        var copy = self
        copy.name = name
        return copy
    }
}

// MARK: - The tables

extension ArrayFunction {
    /// Every function, in the order `help` lists them.
    static let all: [ArrayFunction] =
        ufuncs + Reduction.allCases.map(\.function) + scans + shapeFunctions + selectionFunctions + sortingFunctions
        + dataTypeFunctions + rearrangeFunctions + statisticsFunctions
        + linearAlgebraFunctions + arrayMethods + zarrFunctions

    /// The methods of `ndarray`, by name.
    static let ndarrayMethods: [String: Builtin] = methods(\.ndarrayMethod)

    /// The methods of a lazy `Array`, by name.
    static let lazyMethods: [String: Builtin] = methods(\.lazyMethod)

    private static func methods(_ make: (ArrayFunction) -> Builtin?) -> [String: Builtin] {
        var table: [String: Builtin] = [:]
        for function in all where function.places.contains(.method) {
            if let builtin = make(function) { table[builtin.name] = builtin }
        }
        return table
    }

    /// Binds every function in `numpy`, `dask.array` and the globals.
    static func install(_ r: inout Registry) {
        for function in all where function.places.contains(.numpy) {
            for name in [function.name] + function.aliases + function.numpyAliases {
                let global = function.places.contains(.global) && name == function.name
                    && !NumpyLibrary.builtinNames.contains(name)
                r.setValue(.builtin(function.numpyBuiltin(named: name)), named: name, in: NumpyLibrary.ns, global: global)
            }
        }
        for function in all where function.places.contains(.dask) {
            for name in [function.name] + function.aliases {
                r.setValue(.builtin(function.daskBuiltin(named: name)), named: name, in: DaskArrayLibrary.ns)
            }
        }
        // The array API's linalg extension repeats four functions of the main namespace.
        r.addNamespace(linalgNamespace, doc: "Linear algebra through LAPACK: inv, det, slogdet, solve, lstsq, qr, svd, svdvals, eigh, eigvalsh, cholesky, pinv, matrix_rank, matrix_power, cross, norm, vector_norm, matrix_norm; diagonal, trace, outer, matmul, matrix_transpose, tensordot, vecdot.")
        for function in all where linalgNames.contains(function.name) {
            r.setValue(.builtin(function.numpyBuiltin(named: function.name)), named: function.name, in: linalgNamespace)
        }
        r.setValue(.type(.linAlgError), named: "LinAlgError", in: linalgNamespace)
        for function in lapackFunctions {
            r.setValue(.builtin(function.numpyBuiltin(named: function.name)), named: function.name, in: linalgNamespace)
        }
    }

    static let linalgNamespace = "numpy.linalg"
    /// The functions `numpy.linalg` shares with `numpy`.
    static let linalgNames: Set<String> = ["matmul", "matrix_transpose", "tensordot", "vecdot"]
}
