import DuskArray
import DuskGraph

/// The array API standard's data type functions: `finfo`, `iinfo`, `result_type`,
/// `can_cast`, `isdtype` (and `astype`, in the shape table).
extension ArrayFunction {
    static let dataTypeFunctions: [ArrayFunction] = [
        ArrayFunction("finfo(dtype)", "Machine limits of a float type: eps, max, min, smallest_normal, bits, resolution.",
                      in: [.numpy]) { args, context in
            let dtype = try dtypeArgument(args[0], context: context)
            guard dtype.isFloatingPoint else {
                throw DuskError(.valueError, "data type <class 'numpy.\(dtype == .bool ? "bool" : dtype.name)'> not inexact")
            }
            return .object(TypeInfoObject(floating: dtype))
        },
        ArrayFunction("iinfo(int_type)", "Machine limits of an integer type: min, max, bits.", in: [.numpy]) { args, context in
            let dtype = try dtypeArgument(args[0], context: context)
            guard dtype.isInteger else { throw DuskError(.valueError, "Invalid integer data type '\(dtype.kind)'.") }
            return .object(TypeInfoObject(integer: dtype))
        },
        ArrayFunction("result_type(*arrays_and_dtypes)",
                      "The dtype NumPy's promotion gives for these arrays, dtypes and Python scalars (NEP 50).",
                      in: [.numpy, .dask]) { args, context in
            var operands: [Operand] = []
            for value in args.variadic {
                switch value {
                case .int(let i): operands.append(.int(Int64(i)))
                case .float(let d): operands.append(.float(d))
                case .bool(let b): operands.append(.bool(b))
                default: operands.append(.array(try NDArray(zeros: try dtypeArgument(value, context: context), shape: [])))
                }
            }
            guard !operands.isEmpty else { throw DuskError(.valueError, "at least one array or dtype is required") }
            return .object(DTypeObject(Operand.resultDType(operands)))
        },
        ArrayFunction("can_cast(from_, to, casting='safe')", "Whether a cast from one dtype (or array's dtype) to another is allowed.",
                      in: [.numpy]) { args, context in
            switch args[0] {
            case .int, .float, .bool:
                throw DuskError(.typeError, "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.")
            default: break
            }
            let from = try dtypeArgument(args[0], context: context), to = try dtypeArgument(args[1], context: context)
            switch try args.string(named: "casting") {
            case "no", "equiv": return .bool(from == to)
            case "safe": return .bool(from.canCastSafely(to: to))
            case "same_kind": return .bool(from.canCastSameKind(to: to))
            case "unsafe": return .true
            default: throw DuskError(.valueError, "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'")
            }
        },
        ArrayFunction("isdtype(dtype, kind)",
                      "Whether a dtype is of a kind: 'bool', 'signed integer', 'unsigned integer', 'integral', 'real floating', 'complex floating', 'numeric', a dtype, or a tuple of these.",
                      in: [.numpy]) { args, context in
            guard case .some(.some(let dtype)) = try? ArrayConvert.dtype(args[0]) else {
                throw DuskError(.typeError, "dtype argument must be a NumPy dtype, but it is a \(args[0].typeName).")
            }
            let kinds: [Value]
            if case .tuple(let items) = args[1] { kinds = items } else { kinds = [args[1]] }
            for kind in kinds where try isKind(dtype, kind) { return .true }
            return .false
        },
    ]

    /// A dtype from a dtype, a type, a name or an array (whose dtype counts).
    private static func dtypeArgument(_ value: Value, context: ExecutionContext) throws -> DType {
        if case .object(let o) = value {
            if let a = o as? NDArrayObject { return a.array.dtype }
            if let x = o as? LazyArrayObject { return x.array.dtype }
            if let s = o as? NumPyScalar { return s.scalar.dtype }
        }
        guard let dtype = try ArrayConvert.dtype(value) else { return .float64 }
        return dtype
    }

    private static func isKind(_ dtype: DType, _ kind: Value) throws -> Bool {
        guard case .str(let name) = kind else {
            guard let other = try ArrayConvert.dtype(kind) else {
                throw DuskError(.typeError, "kind argument must be comprised of NumPy dtypes or strings only, but is a \(kind.typeName).")
            }
            return other == dtype
        }
        switch name {
        case "bool": return dtype == .bool
        case "signed integer": return dtype.kind == "i"
        case "unsigned integer": return dtype.kind == "u"
        case "integral": return dtype.isInteger
        case "real floating": return dtype.isFloatingPoint
        case "complex floating": return false
        case "numeric": return dtype != .bool
        default: throw DuskError(.valueError, "kind argument is a string, but '\(name)' is not a known kind name.")
        }
    }
}

/// `np.finfo(t)` and `np.iinfo(t)`: a type's limits, with NumPy's attribute names and repr.
final class TypeInfoObject: RuntimeObject {
    let kindName: String
    let dtype: DType
    let entries: [(String, Value)]
    let reprFields: [String]

    init(floating dtype: DType) {
        kindName = "finfo"
        self.dtype = dtype
        let single = dtype == .float32
        func scalar(_ value: Double) -> Value { .object(NumPyScalar(.float(value, dtype))) }
        let eps = single ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let max = single ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
        let tiny = single ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude
        let precision = single ? 6 : 15
        entries = [
            ("bits", .int(dtype.itemSize * 8)), ("eps", scalar(eps)), ("epsneg", scalar(eps / 2)),
            ("max", scalar(max)), ("min", scalar(-max)), ("tiny", scalar(tiny)), ("smallest_normal", scalar(tiny)),
            ("smallest_subnormal", scalar(single ? Double(Float.leastNonzeroMagnitude) : Double.leastNonzeroMagnitude)),
            ("resolution", scalar(single ? 1e-6 : 1e-15)), ("precision", .int(precision)),
            ("maxexp", .int(single ? 128 : 1024)), ("minexp", .int(single ? -126 : -1022)),
            ("nmant", .int(single ? 23 : 52)), ("nexp", .int(single ? 8 : 11)), ("dtype", .object(DTypeObject(dtype))),
        ]
        reprFields = ["resolution", "min", "max", "dtype"]
    }

    init(integer dtype: DType) {
        kindName = "iinfo"
        self.dtype = dtype
        let bits = dtype.itemSize * 8
        let signed = dtype.kind == "i"
        let minimum: Value = signed ? .int(bits == 64 ? Int.min : -(1 << (bits - 1))) : .int(0)
        let maximum: Value = signed ? .int(bits == 64 ? Int.max : (1 << (bits - 1)) - 1)
            : (bits == 64 ? .object(NumPyScalar(.uint(UInt64.max, .uint64))) : .int((1 << bits) - 1))
        entries = [("bits", .int(bits)), ("min", minimum), ("max", maximum), ("dtype", .object(DTypeObject(dtype))),
                   ("kind", .str(String(dtype.kind)))]
        reprFields = ["min", "max", "dtype"]
    }

    var typeName: String { kindName }
    var repr: String {
        kindName + "(" + reprFields.map { field in
            let value = entries.first { $0.0 == field }!.1
            let text = field == "dtype" ? dtype.name : (value.asObject(NumPyScalar.self).map { $0.str } ?? value.repr)
            return "\(field)=\(text)"
        }.joined(separator: ", ") + ")"
    }
    var attributeNames: [String] { entries.map(\.0) }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        entries.first { $0.0 == name }?.1
    }
}
