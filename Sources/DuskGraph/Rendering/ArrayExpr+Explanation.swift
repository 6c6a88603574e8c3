extension ArrayExpr {
    /// What this node does, for `explain`'s table: the layer's name with the parameters a
    /// learner needs (`add(#1, 1)`, `transpose (1, 0)`, `sum per chunk, axes (0, 1)`), where
    /// `#n` is the row of the input in the same table.
    ///
    /// - Parameter row: the table row of each input, by node name.
    func explanation(rows: [String: Int]) -> String {
        func input(_ index: Int) -> String {
            guard index < inputs.count, let row = rows[inputs[index].name] else { return "?" }
            return "#\(row)"
        }
        switch op {
        case .creation(.full(let value)):
            return prefix == "full" ? "full(\(value))" : prefix
        case .creation(.arange(let start, let step)):
            return "arange(start=\(number(start)), step=\(number(step)))"
        case .creation(.linspace(let start, let stop, let num, let endpoint)):
            return "linspace(\(number(start)), \(number(stop)), \(num)\(endpoint ? "" : ", endpoint=False"))"
        case .creation(.eye(let k)):
            return k == 0 ? "eye" : "eye(k=\(k))"
        case .creation(.random(let spec)):
            return "random.\(spec.distribution)(\(spec.parameters.map(number).joined(separator: ", ")))"
        case .fromArray:
            return "from_array (blocks of an array in memory)"
        case .elementwise(let operation):
            let operands = operation.operands.map { operand -> String in
                switch operand {
                case .input(let index): input(index)
                case .int(let value): String(value)
                case .float(let value): String(value)
                case .bool(let value): value ? "True" : "False"
                case .none: "None"
                }
            }
            return "\(prefix)(\(operands.joined(separator: ", ")))"
        case .mapBlocks(let operation):
            return "map_blocks(\(operation.functionName))"
        case .blockFunction(let operation):
            return operation.layout == .gatherAll ? "\(operation.functionName) of all blocks" : "\(operation.functionName) of each block"
        case .transpose(let axes):
            return "transpose \(formatTuple(axes))"
        case .reduction(let step):
            let axes = step.axes.count == 1 ? "axis \(step.axes[0])" : "axes \(formatTuple(step.axes))"
            switch step.phase {
            case .chunk: return "\(step.kind.name) of each chunk, \(axes)"
            case .combine: return "\(step.kind.name): combine partial results"
            case .aggregate: return "\(step.kind.name): final result"
            }
        case .concatenate(let axis):
            return "concatenate, axis \(axis)"
        case .stack(let axis):
            return "stack, axis \(axis)"
        case .contraction(let operation):
            if case .tensordot(let left, let right) = operation.kind {
                return "tensordot, axes \(formatTuple(left)) and \(formatTuple(right))"
            }
            return "matmul (block products)"
        case .mirror(let first, let second):
            return "blocks below the diagonal of axes \(first) and \(second): those above it, transposed"
        default:
            return prefix == op.kindName ? prefix : "\(prefix) (\(op.kindName))"
        }
    }

    /// A parameter as a learner wrote it: `0` rather than `0.0` for whole numbers.
    private func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
