extension ArrayOp {
    /// Whether a task of this layer writes a new chunk, rather than handing on a view of its
    /// input (slices, transposes, broadcasts, blocks of an in-memory array) or its input itself.
    ///
    /// The memory guard and the byte estimates of `explain` count only chunks that allocate.
    public var allocatesChunks: Bool {
        switch self {
        case .fromArray, .transpose, .broadcastTo, .concatenate, .stack, .selectBlocks, .fromDelayed, .mirror: false
        case .getitem(let plan): plan.dimensions.contains { if case .take = $0 { true } else { false } }
        default: true
        }
    }
}

extension ArrayExpr {
    /// Bytes of the whole array (elements × item size), `Int.max` when that overflows.
    public var nbytes: Int {
        var total = dtype.itemSize
        for size in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow { return .max }
            total = product
        }
        return total
    }

    /// Bytes of the largest chunk, `Int.max` when that overflows.
    public var chunkBytes: Int {
        var total = dtype.itemSize
        for size in chunks.chunksize {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow { return .max }
            total = product
        }
        return total
    }

    /// Bytes of block `index` (elements × item size, `Int.max` when that overflows).
    func blockBytes(_ index: [Int]) -> Int {
        var total = dtype.itemSize
        for size in chunks.blockShape(index) {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow { return .max }
            total = product
        }
        return total
    }

    /// Estimated bytes this layer's tasks read when every block is computed: views read
    /// nothing, selections and rechunks read what they copy, sources what they load, everything
    /// else its inputs whole.
    var estimatedBytesRead: Int {
        switch op {
        case .fromArray, .creation, .fromDelayed, .transpose, .broadcastTo, .concatenate, .stack, .selectBlocks, .mirror:
            return 0
        case .getitem, .rechunk:
            return op.allocatesChunks ? nbytes : 0
        case .source:
            return nbytes
        default:
            return arrayInputs.reduce(0) { $0.addingClamped($1.nbytes) }
        }
    }
}
