extension NDArray {
    /// NumPy's `a[index]`: a view for basic indices (integers, slices, `None`, `...`),
    /// a copy when integer arrays or boolean masks take part.
    ///
    /// Indexing every axis with integers gives a 0-d array; `item()` reads its value.
    public subscript(_ index: [Index]) -> NDArray {
        get throws(ArrayError) { try indexed(index) }
    }

    /// NumPy's `a[index]` (see the subscript).
    public func indexed(_ index: [Index]) throws(ArrayError) -> NDArray {
        if let mask = fullMask(index) { return try selecting(mask: mask) }
        let plan = try IndexPlan(array: self, index: index)
        if plan.isBasic { return plan.view }
        let result = try NDArray(uninitialized: dtype, shape: plan.resultShape)
        let ordered = plan.broadcastFirst(result)
        let blockRank = plan.broadcastShape.count
        let inner = plan.innerAxes
        IndexedCopy(
            innerShape: inner.map { plan.view.shape[$0] },
            source: plan.view,
            sourceBases: plan.viewBases(),
            sourceInnerStrides: inner.map { plan.view.strides[$0] },
            destination: ordered,
            destinationBases: enumerateOffsets(shape: plan.broadcastShape, strides: Array(ordered.strides.prefix(blockRank)),
                                               base: ordered.offset),
            destinationInnerStrides: Array(ordered.strides.dropFirst(blockRank))
        ).run()
        return result
    }

    /// The boolean mask when `index` is exactly one mask of this array's whole shape (`a[a > 3]`).
    func fullMask(_ index: [Index]) -> NDArray? {
        guard index.count == 1, case .array(let mask) = index[0], mask.dtype == .bool,
              mask.shape == shape, ndim > 0 else { return nil }
        return mask
    }

    /// The elements where a same-shaped boolean mask is true, in C order.
    func selecting(mask: NDArray) throws(ArrayError) -> NDArray {
        let selected = try mask.countNonzero()
        // One spare element: the branch-free gather writes every element, selected or not.
        let storage: Storage
        do { storage = try Storage(byteCount: (selected + 1) * dtype.itemSize) } catch {
            throw .allocation(bytes: selected * dtype.itemSize, shape: [selected], dtype: dtype)
        }
        let result = NDArray(dtype: dtype, shape: [selected], strides: [1], offset: 0, storage: storage)
        dtype.dispatch(MaskKernel(array: self, mask: mask, values: result, mode: .gather))
        return result
    }
}

/// Walks an array and a same-shaped boolean mask together, gathering the selected elements
/// into (or scattering them from) a 1-D `values` array in C order.
struct MaskKernel: ElementVisitor {
    enum Mode { case gather, scatter, fill }
    let array: NDArray
    let mask: NDArray
    /// 1-D, contiguous, of the array's dtype (one element for `.fill`; one spare element for `.gather`).
    let values: NDArray
    let mode: Mode

    func visit<T: NDElement>(_ type: T.Type) {
        let rows = StridedRows(shape: array.shape, strides: [array.strides, mask.strides])
        let base = array.storage.base.assumingMemoryBound(to: T.self)
        let flags = mask.storage.base.assumingMemoryBound(to: Bool.self)
        let packed = values.pointer(as: T.self)
        let length = rows.rowLength
        let arrayStride = rows.rowStride(0), maskStride = rows.rowStride(1)
        var position = 0
        rows.forEachRow(offsets: [array.offset, mask.offset]) { offsets in
            let row = base + offsets[0]
            let rowFlags = flags + offsets[1]
            switch mode {
            case .gather:
                // Branch-free: write each element at the next slot, advance only past selected ones
                // (`values` has a spare element at the end).
                let flagBytes = UnsafeRawPointer(rowFlags).assumingMemoryBound(to: UInt8.self)
                for i in 0..<length {
                    packed[position] = row[i * arrayStride]
                    position &+= Int(flagBytes[i * maskStride])
                }
            case .scatter:
                for i in 0..<length where rowFlags[i * maskStride] {
                    row[i * arrayStride] = packed[position]
                    position += 1
                }
            case .fill:
                let value = packed[0]
                for i in 0..<length where rowFlags[i * maskStride] { row[i * arrayStride] = value }
            }
        }
    }
}
