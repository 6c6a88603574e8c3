import DuskArray
import DuskGraph
import Synchronization

/// Print options in `numpy` (the array functions come from the `ArrayFunction` table).
extension NumpyLibrary {
    /// Python built-in names the numpy functions must not hide when made global.
    static let builtinNames: Set<String> = ["sum", "min", "max", "abs", "round", "all", "any", "pow", "divmod"]

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
