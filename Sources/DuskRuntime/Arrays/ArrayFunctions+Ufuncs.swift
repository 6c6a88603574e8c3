import DuskArray
import DuskGraph

/// The ufuncs, generated from DuskArray's op tables (`UnaryOp`, `BinaryOp`, with their aliases):
/// in `numpy` and `dask.array`, lazy for lazy inputs, global under their NumPy names.
extension ArrayFunction {
    static let ufuncs: [ArrayFunction] = UnaryOp.allCases.map(unary) + BinaryOp.allCases.map(binary)

    private static func unary(_ op: UnaryOp) -> ArrayFunction {
        let names = UnaryOp.aliases.filter { $0.value == op }.map(\.key)
        return ArrayFunction("\(op.numpyName)(x, /)", "NumPy's ufunc \(op.numpyName), element by element (lazy for a lazy array).",
                      in: [.numpy, .dask, .global], aliases: names.filter { !UnaryOp.standardAliases.contains($0) },
                      numpyAliases: names.filter { UnaryOp.standardAliases.contains($0) }) { args, context in
            let result = try ArrayMath.unary(op, args[0], context: context)
            ComputeRunner.reportWarnings(context)
            return result
        }
    }

    private static func binary(_ op: BinaryOp) -> ArrayFunction {
        let names = BinaryOp.aliases.filter { $0.value == op }.map(\.key)
        return ArrayFunction("\(op.numpyName)(x1, x2, /)",
                      "NumPy's ufunc \(op.numpyName), element by element with broadcasting (lazy when an input is lazy).",
                      in: [.numpy, .dask, .global], aliases: names.filter { !BinaryOp.standardAliases.contains($0) },
                      numpyAliases: names.filter { BinaryOp.standardAliases.contains($0) }) { args, context in
            guard let result = try ArrayMath.binary(op, args[0], args[1], context: context) else {
                throw DuskError(.typeError, "\(args.function)() does not support operands of types '\(args[0].typeName)' and '\(args[1].typeName)'")
            }
            ComputeRunner.reportWarnings(context)
            return result
        }
    }
}
