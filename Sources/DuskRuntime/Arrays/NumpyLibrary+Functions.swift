import DuskArray
import DuskGraph
import Synchronization

/// Ufuncs, reductions, shape functions, linear algebra and print options in `numpy`.
extension NumpyLibrary {
    /// Python built-in names the numpy functions must not hide when made global.
    static let builtinNames: Set<String> = ["sum", "min", "max", "abs", "round", "all", "any", "pow", "divmod"]

    // MARK: - Ufuncs, generated from DuskArray's op tables

    static let unaryAliases: [String: UnaryOp] = ["abs": .absolute, "fabs": .absolute, "bitwise_not": .invert,
                                                  "bitwise_invert": .invert, "asin": .arcsin, "acos": .arccos,
                                                  "atan": .arctan, "fix": .trunc, "conjugate": .positive]
    static let binaryAliases: [String: BinaryOp] = ["true_divide": .divide, "mod": .remainder, "pow": .power,
                                                    "atan2": .arctan2, "bitwise_left_shift": .left_shift,
                                                    "bitwise_right_shift": .right_shift]

    static func installUfuncs(_ r: inout Registry) {
        for op in UnaryOp.allCases {
            registerUnary(&r, name: op.numpyName, op: op, global: true)
        }
        for (name, op) in unaryAliases { registerUnary(&r, name: name, op: op, global: false) }
        for op in BinaryOp.allCases {
            registerBinary(&r, name: op.numpyName, op: op, global: true)
        }
        for (name, op) in binaryAliases { registerBinary(&r, name: name, op: op, global: false) }
    }

    static func registerUnary(_ r: inout Registry, name: String, op: UnaryOp, global: Bool) {
        add(&r, global: global && !builtinNames.contains(name), "\(name)(x, /)",
            "NumPy's ufunc \(op.numpyName), element by element (lazy for a lazy array).") { args, ctx in
            let result = try ArrayMath.unary(op, args[0], context: ctx)
            ComputeRunner.reportWarnings(ctx)
            return result
        }
    }

    static func registerBinary(_ r: inout Registry, name: String, op: BinaryOp, global: Bool) {
        add(&r, global: global && !builtinNames.contains(name), "\(name)(x1, x2, /)",
            "NumPy's ufunc \(op.numpyName), element by element with broadcasting (lazy when an input is lazy).") { args, ctx in
            guard let result = try ArrayMath.binary(op, args[0], args[1], context: ctx) else {
                throw DuskError(.typeError, "\(name)() does not support operands of types '\(args[0].typeName)' and '\(args[1].typeName)'")
            }
            ComputeRunner.reportWarnings(ctx)
            return result
        }
    }

    // MARK: - Reductions

    static func installReductions(_ r: inout Registry) {
        let globalReductions: Set<String> = ["mean", "std", "var", "prod", "argmin", "argmax", "cumsum", "cumprod",
                                             "nansum", "nanprod", "nanmean", "nanmin", "nanmax", "nanstd", "nanvar"]
        for reduction in ArrayReduction.allCases {
            let builtin = reduction.builtin(receiver: "a", module: ns)
            r.setValue(.builtin(builtin), named: reduction.rawValue, in: ns, global: globalReductions.contains(reduction.rawValue))
        }
        r.setValue(.builtin(ArrayReduction.min.builtin(receiver: "a", module: ns)), named: "amin", in: ns)
        r.setValue(.builtin(ArrayReduction.max.builtin(receiver: "a", module: ns)), named: "amax", in: ns)
    }

    // MARK: - Shape, selection, joining, linear algebra

    static func installShape(_ r: inout Registry) {
        add(&r, global: true, "reshape(a, newshape)", "The same data in a new shape (one dimension may be -1).") { args, ctx in
            try ArrayShapeOps.reshape(args[0], try ArrayConvert.shape(args[1]), context: ctx)
        }
        add(&r, global: true, "transpose(a, axes=None)", "Axes reversed, or permuted as given.") { args, ctx in
            try ArrayShapeOps.transpose(args[0], args[1].isNone ? nil : try ArrayConvert.shape(args[1]), context: ctx)
        }
        add(&r, global: true, "swapaxes(a, axis1, axis2)", "Two axes exchanged.") { args, ctx in
            try ArrayShapeOps.swapaxes(args[0], try ArrayConvert.int(args[1], "axis1"), try ArrayConvert.int(args[2], "axis2"), context: ctx)
        }
        add(&r, global: true, "moveaxis(a, source, destination)", "Axes moved to new positions; the others keep their order.") { args, ctx in
            try ArrayShapeOps.moveaxis(args[0], try ArrayConvert.shape(args[1]), try ArrayConvert.shape(args[2]), context: ctx)
        }
        add(&r, global: true, "squeeze(a, axis=None)", "Axes of length one removed.") { args, ctx in
            try ArrayShapeOps.squeeze(args[0], try ArrayConvert.axes(args[1]), context: ctx)
        }
        add(&r, global: true, "expand_dims(a, axis)", "New axes of length one inserted at the given positions.") { args, ctx in
            try ArrayShapeOps.expandDims(args[0], try ArrayConvert.shape(args[1]), context: ctx)
        }
        add(&r, global: true, "broadcast_to(array, shape)", "A read-only view broadcast to shape.") { args, ctx in
            try ArrayShapeOps.broadcastTo(args[0], try ArrayConvert.shape(args[1]), context: ctx)
        }
        add(&r, global: true, "ravel(a)", "The elements as a 1-d array, row-major.") { args, ctx in
            try ArrayShapeOps.ravel(args[0], context: ctx)
        }
        add(&r, global: true, "concatenate(arrays, axis=0)", "Arrays joined along an existing axis (axis=None: flattened first).") { args, ctx in
            try ArrayShapeOps.concatenate(try ctx.elements(of: args[0]), axis: try ArrayConvert.axis(args[1]), context: ctx)
        }
        add(&r, global: true, "stack(arrays, axis=0)", "Same-shaped arrays joined along a new axis.") { args, ctx in
            try ArrayShapeOps.stack(try ctx.elements(of: args[0]), axis: try ArrayConvert.int(args[1], "axis"), context: ctx)
        }
        add(&r, global: false, "vstack(tup)", "Arrays stacked vertically (row-wise).") { args, ctx in
            let items = try ctx.elements(of: args[0]).map { item -> Value in
                try ArrayShapeOps.ndimOf(item, context: ctx) == 1 ? try ArrayShapeOps.expandDims(item, [0], context: ctx) : item
            }
            return try ArrayShapeOps.concatenate(items, axis: 0, context: ctx)
        }
        add(&r, global: false, "hstack(tup)", "Arrays stacked horizontally (column-wise).") { args, ctx in
            let items = try ctx.elements(of: args[0])
            let oneD = try items.first.map { try ArrayShapeOps.ndimOf($0, context: ctx) == 1 } ?? true
            return try ArrayShapeOps.concatenate(items, axis: oneD ? 0 : 1, context: ctx)
        }
        add(&r, global: true, "where(condition, x?, y?)",
            "Elements of x where condition holds, else of y; with only a condition, the indices where it holds.") { args, ctx in
            if !args.has(1) && !args.has(2) {
                return .tuple(try ArrayConvert.ndarray(args[0], context: ctx).nonzero().map { .object(NDArrayObject($0)) })
            }
            guard args.has(1) && args.has(2) else { throw DuskError(.valueError, "either both or neither of x and y should be given") }
            return try ArrayShapeOps.where(args[0], args[1], args[2], context: ctx)
        }
        add(&r, global: true, "clip(a, a_min=None, a_max=None, min=None, max=None)", "Values limited to [a_min, a_max].") { args, ctx in
            try ArrayShapeOps.clip(args[0], args[1].isNone ? args[3] : args[1], args[2].isNone ? args[4] : args[2], context: ctx)
        }
        add(&r, global: false, "round(a, decimals=0)", "Values rounded to the given number of decimals (halves to even).") { args, ctx in
            try ArrayShapeOps.round(args[0], decimals: try ArrayConvert.int(args[1], "decimals"), context: ctx)
        }
        add(&r, global: false, "around(a, decimals=0)", "Same as round.") { args, ctx in
            try ArrayShapeOps.round(args[0], decimals: try ArrayConvert.int(args[1], "decimals"), context: ctx)
        }
        add(&r, global: true, "dot(a, b)", "Dot product: matrix product for 2-d, inner product for 1-d.") { args, ctx in
            try ArrayShapeOps.dot(args[0], args[1], context: ctx)
        }
        add(&r, global: true, "matmul(x1, x2, /)", "Matrix product (the @ operator).") { args, ctx in
            guard let result = try ArrayMath.matmul(args[0], args[1], context: ctx) else {
                throw DuskError(.typeError, "matmul() needs array-like operands")
            }
            return result
        }
        add(&r, global: true, "tensordot(a, b, axes=2)", "Sum of products over the given axes.") { args, ctx in
            try ArrayShapeOps.tensordot(args[0], args[1], axes: args[2], context: ctx)
        }
        add(&r, global: true, "outer(a, b)", "Outer product of two vectors (inputs flattened).") { args, ctx in
            try ArrayShapeOps.outer(args[0], args[1], context: ctx)
        }
        add(&r, global: false, "nonzero(a)", "The indices of the non-zero elements, one array per axis.") { args, ctx in
            .tuple(try ArrayConvert.ndarray(args[0], context: ctx).nonzero().map { .object(NDArrayObject($0)) })
        }
        add(&r, global: false, "count_nonzero(a)", "How many elements are non-zero.") { args, ctx in
            .int(try ArrayConvert.ndarray(args[0], context: ctx).countNonzero())
        }
        add(&r, global: false, "shape(a)", "The shape of an array-like.") { args, ctx in
            if case .object(let o as LazyArrayObject) = args[0] { return .tuple(o.array.shape.map { .int($0) }) }
            return .tuple(try ArrayConvert.ndarray(args[0], context: ctx).shape.map { .int($0) })
        }
        add(&r, global: false, "ndim(a)", "The number of dimensions of an array-like.") { args, ctx in
            .int(try ArrayShapeOps.ndimOf(args[0], context: ctx))
        }
        add(&r, global: false, "size(a)", "The number of elements of an array-like.") { args, ctx in
            if case .object(let o as LazyArrayObject) = args[0] { return .int(o.array.size) }
            return .int(try ArrayConvert.ndarray(args[0], context: ctx).count)
        }
        add(&r, global: false, "array_equal(a1, a2)", "True when both have the same shape and elements.") { args, ctx in
            let a = try ArrayConvert.ndarray(args[0], context: ctx), b = try ArrayConvert.ndarray(args[1], context: ctx)
            guard a.shape == b.shape else { return .false }
            let equal = try arrayCall { () throws(ArrayError) in try NDArray.binary(.equal, a, b).all().item() }
            return .bool(equal.boolValue)
        }
        add(&r, global: false, "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
            "Elementwise |a - b| <= atol + rtol * |b|.") { args, ctx in
            ArrayConvert.wrap(try closeness(args, context: ctx))
        }
        add(&r, global: false, "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
            "True when every element of a is close to b (see isclose).") { args, ctx in
            let close = try closeness(args, context: ctx)
            return .bool(try arrayCall { () throws(ArrayError) in try close.all().item() }.boolValue)
        }
    }

    private static func closeness(_ args: Args, context: ExecutionContext) throws -> NDArray {
        let a = try ArrayConvert.ndarray(args[0], context: context).astype(.float64)
        let b = try ArrayConvert.ndarray(args[1], context: context).astype(.float64)
        let rtol = try ArrayConvert.double(args[2], "rtol"), atol = try ArrayConvert.double(args[3], "atol")
        let equalNaN = try args.bool(4)
        return try arrayCall { () throws(ArrayError) -> NDArray in
            let difference = try NDArray.binary(.subtract, a, b).unary(.absolute)
            let bound = try NDArray.binary(.add, .float(atol), .array(try NDArray.binary(.multiply, .float(rtol), .array(try b.unary(.absolute)))))
            var close = try NDArray.binary(.less_equal, difference, bound)
            let same = try NDArray.binary(.equal, a, b)
            close = try NDArray.binary(.logical_or, close, same)
            if equalNaN {
                let bothNaN = try NDArray.binary(.logical_and, try a.unary(.isnan), try b.unary(.isnan))
                close = try NDArray.binary(.logical_or, close, bothNaN)
            }
            return close
        }
    }

    // MARK: - Printing

    static func installPrinting(_ r: inout Registry) {
        add(&r, global: true, "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, sign=None, floatmode=None)",
            "Sets how arrays print (as NumPy's); options not given keep their values.") { args, _ in
            try PrintOptionsBinding.set(args)
            return .none
        }
        add(&r, global: true, "get_printoptions()", "The current print options as a dict.") { _, _ in
            try PrintOptionsBinding.dictionary(PrintOptions.current)
        }
        add(&r, global: false, "printoptions(**kwargs)", "A context manager: with np.printoptions(precision=3): ...") { args, _ in
            .object(PrintOptionsScope(args.extraKeywords))
        }
        add(&r, global: false, "array2string(a, precision=None, separator=' ', prefix='', suffix='')",
            "The elements of an array as text, without 'array(...)'.") { args, ctx in
            let a = try ArrayConvert.ndarray(args[0], context: ctx)
            var options = PrintOptions.current
            if !args[1].isNone { options.precision = try ArrayConvert.int(args[1], "precision") }
            return .str(a.array2string(options: options, separator: try args.string(2), prefix: try args.string(3),
                                       suffix: try args.string(4)))
        }
    }
}

/// `np.set_printoptions`, `np.get_printoptions` and `np.printoptions`.
enum PrintOptionsBinding {
    static func set(_ args: Args) throws {
        func int(_ name: String) throws -> Int? { args[name].isNone ? nil : try ArrayConvert.int(args[name], name) }
        func string(_ name: String) throws -> String? {
            if args[name].isNone { return nil }
            guard case .str(let s) = args[name] else { throw DuskError(.typeError, "\(name) must be a string") }
            return s
        }
        var threshold = try int("threshold")
        if case .float(let d) = args["threshold"], d.isInfinite { threshold = Int.max }
        let suppress = args["suppress"].isNone ? nil : try args.bool(args.signature.parameters.firstIndex { $0.name == "suppress" }!)
        let sign = try string("sign").map { text -> PrintOptions.Sign in
            guard let s = PrintOptions.Sign(rawValue: text) else { throw DuskError(.valueError, "sign option must be one of ' ', '+', or '-'") }
            return s
        }
        let floatmode = try string("floatmode").map { text -> PrintOptions.FloatMode in
            guard let m = PrintOptions.FloatMode(rawValue: text) else {
                throw DuskError(.valueError, "floatmode option must be one of " + PrintOptions.FloatMode.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
            }
            return m
        }
        let precision = try int("precision"), edgeitems = try int("edgeitems"), linewidth = try int("linewidth")
        let nanstr = try string("nanstr"), infstr = try string("infstr")
        try arrayCall { () throws(ArrayError) in
            try PrintOptions.set(precision: precision, threshold: threshold, edgeitems: edgeitems, linewidth: linewidth,
                                 suppress: suppress, nanstr: nanstr, infstr: infstr, sign: sign, floatmode: floatmode)
        }
    }

    static func dictionary(_ options: PrintOptions) throws -> Value {
        try Value.makeDict([
            (.str("edgeitems"), .int(options.edgeitems)), (.str("threshold"), .int(options.threshold)),
            (.str("floatmode"), .str(options.floatmode.rawValue)), (.str("precision"), .int(options.precision)),
            (.str("suppress"), .bool(options.suppress)), (.str("linewidth"), .int(options.linewidth)),
            (.str("nanstr"), .str(options.nanstr)), (.str("infstr"), .str(options.infstr)),
            (.str("sign"), .str(options.sign.rawValue)),
        ])
    }
}

/// `with np.printoptions(precision=3):` sets options for the block and restores them after.
final class PrintOptionsScope: RuntimeObject {
    let keywords: [(String, Value)]
    private let saved = Mutex<PrintOptions?>(nil)

    init(_ keywords: [(String, Value)]) { self.keywords = keywords }

    var typeName: String { "printoptions" }
    var repr: String { "<numpy printoptions context>" }

    func enter(context: ExecutionContext) throws -> Value? {
        saved.withLock { $0 = PrintOptions.current }
        var current = PrintOptions.current
        for (name, value) in keywords {
            switch name {
            case "precision": current.precision = try ArrayConvert.int(value, name)
            case "threshold": current.threshold = try ArrayConvert.int(value, name)
            case "edgeitems": current.edgeitems = try ArrayConvert.int(value, name)
            case "linewidth": current.linewidth = try ArrayConvert.int(value, name)
            case "suppress": current.suppress = try context.truthiness(value)
            default: throw DuskError(.typeError, "printoptions() got an unexpected keyword argument '\(name)'")
            }
        }
        PrintOptions.current = current
        return try PrintOptionsBinding.dictionary(current)
    }

    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        if let options = saved.withLock({ $0 }) { PrintOptions.current = options }
        return false
    }
}
