import DuskArray

extension ChunkKernels {
    /// The function applying an elementwise op to aligned blocks (values in input order).
    static func elementwise(_ op: ElementwiseOp, dtype: DType, key: TaskKey) -> TaskFunction {
        let operands = op.operands
        switch op.function {
        case .unary(let unary):
            return { values in
                let block = try array(values[0], key: key.description)
                return .array(try run { () throws(ArrayError) in try block.unary(unary) })
            }
        case .binary(let binary):
            return { values in
                let lhs = try operand(operands[0], values, key: key)
                let rhs = try operand(operands[1], values, key: key)
                return .array(try run { () throws(ArrayError) in try NDArray.binary(binary, lhs, rhs) })
            }
        case .astype(let target):
            return { values in .array(try array(values[0], key: key.description).astype(target)) }
        case .round(let decimals):
            return { values in
                let block = try array(values[0], key: key.description)
                return .array(try run { () throws(ArrayError) in try block.rounded(decimals: decimals) })
            }
        case .clip:
            return { values in
                let block = try array(values[0], key: key.description)
                let lower = operands[1] == .none ? nil : try operand(operands[1], values, key: key)
                let upper = operands[2] == .none ? nil : try operand(operands[2], values, key: key)
                let result = try run { () throws(ArrayError) in try block.clipped(min: lower, max: upper) }
                return .array(result.dtype == dtype ? result : try result.astype(dtype))
            }
        case .where:
            return { values in
                let condition = try operand(operands[0], values, key: key)
                let x = try operand(operands[1], values, key: key)
                let y = try operand(operands[2], values, key: key)
                return .array(try run { () throws(ArrayError) in
                    let mask = try condition.checkedScalarArray(dtype: .bool)
                    return try NDArray.where(mask, x, y)
                })
            }
        }
    }

    /// An elementwise operand as the NDArray module's `Operand`.
    static func operand(_ operand: ElementwiseOperand, _ values: [TaskValue], key: TaskKey) throws(GraphError) -> Operand {
        switch operand {
        case .input(let slot): .array(try array(values[slot], key: key.description))
        case .int(let value): .int(value)
        case .float(let value): .float(value)
        case .bool(let value): .bool(value)
        case .none: throw GraphError.value("missing operand in \(key)")
        }
    }
}
