extension TileProgram {
    /// The dtype of each value, after checking the program: every operand defined before it is
    /// read, in the dtype its step needs; leaves and generators consistent with the rank; the
    /// result a value the result can take.
    ///
    /// Throws `ArrayError.value` naming the first problem. `TileVM` runs only checked programs,
    /// so a program received from elsewhere (bytes from another process) cannot make it read
    /// out of bounds.
    public func checkedDTypes() throws(ArrayError) -> [DType] {
        func fail(_ step: Int, _ message: String) -> ArrayError { .value("tile program step \(step): \(message)") }
        guard rank >= 0 else { throw .value("tile program: negative rank") }
        for (index, leaf) in leaves.enumerated() {
            for axis in leaf.axes {
                switch axis {
                case .axis(let a) where a < 0 || a >= rank: throw .value("tile program leaf \(index): axis \(a) out of range")
                case .fixed(let p) where p < 0: throw .value("tile program leaf \(index): negative position")
                default: break
                }
            }
        }
        var dtypes: [DType] = []
        for (index, step) in steps.enumerated() {
            for operand in step.operands where operand < 0 || operand >= index {
                throw fail(index, "reads value \(operand), not defined before it")
            }
            let dtype: DType
            switch step {
            case .load(let leaf):
                guard leaf >= 0 && leaf < leaves.count else { throw fail(index, "no leaf \(leaf)") }
                dtype = leaves[leaf].dtype
            case .constant(let value):
                dtype = value.dtype
            case .generate(let generator):
                let expected: Int
                switch generator.kind {
                case .arange, .linspace: expected = 1
                case .eye: expected = 2
                case .uniform, .integers: expected = generator.shape.count
                }
                guard generator.coordinates.count == expected,
                      generator.coordinates.allSatisfy({ $0.coefficients.count == rank }) else {
                    throw fail(index, "generator coordinates do not match")
                }
                if case .integers(let low, let high, _) = generator.kind {
                    guard low < high, generator.dtype.isInteger || generator.dtype.isBool else {
                        throw fail(index, "bad integer range")
                    }
                }
                if case .uniform = generator.kind, generator.dtype != .float64 { throw fail(index, "uniform values are float64") }
                if generator.shape.contains(where: { $0 < 0 }) { throw fail(index, "negative shape") }
                dtype = generator.dtype
            case .cast(_, let target):
                dtype = target
            case .unary(let op, let value):
                let (loop, result) = try op.resolve(dtypes[value])
                guard loop == dtypes[value] else { throw fail(index, "\(op.numpyName) needs \(loop), got \(dtypes[value])") }
                dtype = result
            case .binary(let op, let lhs, let rhs):
                guard dtypes[lhs] == dtypes[rhs] else { throw fail(index, "\(op.numpyName) operands differ in dtype") }
                let (loop, result) = try op.resolve(dtypes[lhs])
                guard loop == dtypes[lhs] else { throw fail(index, "\(op.numpyName) needs \(loop), got \(dtypes[lhs])") }
                dtype = result
            case .select(let condition, let x, let y):
                guard dtypes[condition] == .bool, dtypes[x] == dtypes[y] else { throw fail(index, "where needs bool and equal dtypes") }
                dtype = dtypes[x]
            }
            dtypes.append(dtype)
        }
        switch result {
        case .store(let value):
            guard value >= 0 && value < steps.count else { throw .value("tile program: no value \(value) to store") }
        case .reduce(let reduction):
            guard reduction.value >= 0 && reduction.value < steps.count else {
                throw .value("tile program: no value \(reduction.value) to reduce")
            }
            guard !reduction.kind.isArgReduction else { throw .value("tile program: arg-reductions are not fused") }
            guard reduction.axes.allSatisfy({ $0 >= 0 && $0 < rank }), Set(reduction.axes).count == reduction.axes.count else {
                throw .value("tile program: bad reduced axes")
            }
        }
        return dtypes
    }
}
