import DuskArray

/// A block function of Dusk's own as data: which kernel and its parameters. The function runs
/// from this description on both sides (`function`), so a Dask worker rebuilding the layer from
/// bytes (`ArrayExpr+Wire`) runs what the sender would have run.
public enum BlockKernel: Sendable {
    /// The median or quantiles of each block along `reduced` (Dask's `median`, `quantile`):
    /// `leading` new axes come first (the quantiles).
    case alongAxes(AlongAxes)
    /// One chunk's percentiles at `[0] + q + [100]` with its count (Dask's `percentile_chunk`).
    case percentileChunk(q: [Double], method: QuantileMethod)
    /// The chunks' percentiles merged (Dask's `percentile`).
    case percentileMerge(q: [Double], method: QuantileMethod, dtype: DType)
    /// One row of counts of a block (and its weights) in the bins `edges`.
    case histogram(edges: NDArray)

    public struct AlongAxes: Sendable {
        public enum Statistic: Sendable {
            case median
            /// `q` in [0, 1], of shape `qShape`; `weakQ`: it was a Python number.
            case quantile(q: [Double], qShape: [Int], method: QuantileMethod, weakQ: Bool)
        }

        public var statistic: Statistic
        public var reduced: [Int]
        public var keepdims: Bool
        public var skipNaN: Bool
        public var leading: [Int]

        public init(statistic: Statistic, reduced: [Int], keepdims: Bool, skipNaN: Bool, leading: [Int]) {
            self.statistic = statistic
            self.reduced = reduced
            self.keepdims = keepdims
            self.skipNaN = skipNaN
            self.leading = leading
        }
    }

    /// The output block from the input blocks.
    public var function: @Sendable (_ blocks: [TaskValue]) throws -> TaskValue {
        switch self {
        case .alongAxes(let spec):
            return { blocks in
                guard case .array(let block) = blocks[0] else { return blocks[0] }
                let axes = (0..<block.ndim).filter { axis in spec.reduced.contains { ($0 + block.ndim) % block.ndim == axis } }
                let result: NDArray
                switch spec.statistic {
                case .median:
                    result = try block.median(axes: axes, keepdims: spec.keepdims, skipNaN: spec.skipNaN)
                case .quantile(let q, let qShape, let method, let weakQ):
                    result = try block.quantile(try NDArray(q, shape: qShape), axes: axes, method: method, keepdims: spec.keepdims,
                                                skipNaN: spec.skipNaN, weakQ: weakQ)
                }
                let expected = spec.leading + (0..<block.ndim).flatMap { axis in
                    axes.contains(axis) ? (spec.keepdims ? [1] : []) : [block.shape[axis]]
                }
                // NumPy's NaN-skipping forms answer an empty block with `nanmean`'s shape (no
                // quantile axis): the NaNs it holds are the answer for every quantile.
                return .array(result.shape == expected ? result : try result.broadcast(to: expected))
            }
        case .percentileChunk(let q, let method):
            return { blocks in
                guard case .array(let block) = blocks[0] else { return blocks[0] }
                return .array(try ChunkedPercentile.chunk(block, q: q, method: method))
            }
        case .percentileMerge(let q, let method, let dtype):
            return { blocks in
                var parts: [NDArray] = []
                for case .array(let part) in blocks { parts.append(part) }
                return .array(try ChunkedPercentile.merge(parts, q: q, method: method, dtype: dtype))
            }
        case .histogram(let edges):
            let bins = Swift.max(edges.count - 1, 0)
            return { values in
                guard case .array(let block) = values[0] else { return values[0] }
                var weights: NDArray? = nil
                if values.count > 1, case .array(let w) = values[1] { weights = w }
                let counts = try block.histogram(edges: edges, weights: weights).counts
                return .array(try counts.reshaped([1, bins]))
            }
        }
    }
}

extension BlockFunctionOp {
    /// A block function running one of Dusk's kernels, which other processes can rebuild.
    public init(layout: Layout, functionName: String, kernel: BlockKernel) {
        self.init(layout: layout, functionName: functionName, function: kernel.function)
        self.kernel = kernel
    }
}

// MARK: - Bytes

extension WireWriter {
    mutating func blockKernel(_ kernel: BlockKernel) throws(GraphError) {
        switch kernel {
        case .alongAxes(let spec):
            byte(0)
            switch spec.statistic {
            case .median: byte(0)
            case .quantile(let q, let qShape, let method, let weakQ):
                byte(1); doubles(q); ints(qShape); string(method.rawValue); bool(weakQ)
            }
            ints(spec.reduced); bool(spec.keepdims); bool(spec.skipNaN); ints(spec.leading)
        case .percentileChunk(let q, let method):
            byte(1); doubles(q); string(method.rawValue)
        case .percentileMerge(let q, let method, let dtype):
            byte(2); doubles(q); string(method.rawValue); self.dtype(dtype)
        case .histogram(let edges):
            byte(3)
            self.dtype(edges.dtype)
            let values: [Scalar]
            do throws(ArrayError) { values = try edges.reshaped([edges.count]).scalars } catch {
                throw GraphError.array(error)
            }
            int(values.count)
            for value in values { scalar(value) }
        }
    }

    mutating func doubles(_ values: [Double]) {
        int(values.count)
        for value in values { double(value) }
    }
}

extension WireReader {
    mutating func blockKernel() throws(GraphError) -> BlockKernel {
        switch try byte() {
        case 0:
            let statistic: BlockKernel.AlongAxes.Statistic
            switch try byte() {
            case 0: statistic = .median
            case 1:
                statistic = .quantile(q: try doubles(), qShape: try ints(), method: try quantileMethod(), weakQ: try bool())
            default: throw malformed("statistic")
            }
            return .alongAxes(BlockKernel.AlongAxes(statistic: statistic, reduced: try ints(), keepdims: try bool(),
                                                    skipNaN: try bool(), leading: try ints()))
        case 1: return .percentileChunk(q: try doubles(), method: try quantileMethod())
        case 2: return .percentileMerge(q: try doubles(), method: try quantileMethod(), dtype: try dtype())
        case 3:
            let dtype = try dtype()
            var values: [Scalar] = []
            for _ in 0..<(try count(itemBytes: 9)) { values.append(try scalar()) }
            do throws(ArrayError) {
                let edges = try NDArray(zeros: dtype, shape: [values.count])
                for (i, value) in values.enumerated() { try edges.setElement(value, at: [i]) }
                return .histogram(edges: edges)
            } catch {
                throw GraphError.array(error)
            }
        default: throw malformed("block kernel")
        }
    }

    mutating func doubles() throws(GraphError) -> [Double] {
        var values: [Double] = []
        for _ in 0..<(try count(itemBytes: 8)) { values.append(try double()) }
        return values
    }

    mutating func quantileMethod() throws(GraphError) -> QuantileMethod {
        let name = try string()
        guard let method = QuantileMethod(rawValue: name) else { throw malformed("quantile method '\(name)'") }
        return method
    }
}
