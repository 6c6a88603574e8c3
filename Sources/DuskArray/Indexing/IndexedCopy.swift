/// Storage offsets of every position of `shape` walked in C order: `base + Σ index[d] * strides[d]`.
func enumerateOffsets(shape: [Int], strides: [Int], base: Int) -> [Int] {
    let count = shape.reduce(1, *)
    var result = [Int](repeating: base, count: count)
    guard count > 0, !shape.isEmpty else { return result }
    var index = [Int](repeating: 0, count: shape.count)
    var current = base
    for i in 0..<count {
        result[i] = current
        var axis = shape.count - 1
        while axis >= 0 {
            index[axis] += 1
            current += strides[axis]
            if index[axis] < shape[axis] { break }
            current -= strides[axis] * shape[axis]
            index[axis] = 0
            axis -= 1
        }
    }
    return result
}

/// Copies blocks between two layouts of the same dtype: for each block `b` and inner
/// position `j`, `destination[destinationBases[b] + inner offset j] = source[sourceBases[b] + inner offset j]`,
/// the inner offsets following each side's `innerStrides` over `innerShape` in C order.
///
/// The gather behind fancy indexing (`a[idx]`) and, with the roles swapped, the scatter
/// behind fancy assignment (`a[idx] = v`, later writes winning as in NumPy).
struct IndexedCopy {
    var innerShape: [Int]
    var source: NDArray
    var sourceBases: [Int]
    var sourceInnerStrides: [Int]
    var destination: NDArray
    var destinationBases: [Int]
    var destinationInnerStrides: [Int]

    /// Above this many inner elements, blocks are copied as strided views rather than through offset tables.
    static let tableLimit = 1 << 16

    func run() {
        precondition(source.dtype == destination.dtype && sourceBases.count == destinationBases.count)
        let innerCount = innerShape.reduce(1, *)
        guard innerCount > 0 else { return }
        if innerCount > IndexedCopy.tableLimit {
            for (sourceBase, destinationBase) in zip(sourceBases, destinationBases) {
                let from = NDArray(dtype: source.dtype, shape: innerShape, strides: sourceInnerStrides,
                                   offset: sourceBase, storage: source.storage)
                let to = NDArray(dtype: destination.dtype, shape: innerShape, strides: destinationInnerStrides,
                                 offset: destinationBase, storage: destination.storage)
                NDArray.copyElements(from: from, to: to)
            }
            return
        }
        let sourceInner = enumerateOffsets(shape: innerShape, strides: sourceInnerStrides, base: 0)
        let destinationInner = enumerateOffsets(shape: innerShape, strides: destinationInnerStrides, base: 0)
        switch source.dtype.itemSize {
        case 1: copy(UInt8.self, sourceInner, destinationInner)
        case 2: copy(UInt16.self, sourceInner, destinationInner)
        case 4: copy(UInt32.self, sourceInner, destinationInner)
        default: copy(UInt64.self, sourceInner, destinationInner)
        }
    }

    private func copy<T: FixedWidthInteger>(_ type: T.Type, _ sourceInner: [Int], _ destinationInner: [Int]) {
        let from = UnsafePointer(source.storage.base.assumingMemoryBound(to: T.self))
        let to = destination.storage.base.assumingMemoryBound(to: T.self)
        sourceBases.withUnsafeBufferPointer { sourceBases in
            destinationBases.withUnsafeBufferPointer { destinationBases in
                sourceInner.withUnsafeBufferPointer { sourceInner in
                    destinationInner.withUnsafeBufferPointer { destinationInner in
                        if sourceInner.count == 1 {
                            let s = sourceInner[0], d = destinationInner[0]
                            for b in 0..<sourceBases.count { to[destinationBases[b] + d] = from[sourceBases[b] + s] }
                            return
                        }
                        for b in 0..<sourceBases.count {
                            let sourceBase = sourceBases[b], destinationBase = destinationBases[b]
                            for j in 0..<sourceInner.count {
                                to[destinationBase + destinationInner[j]] = from[sourceBase + sourceInner[j]]
                            }
                        }
                    }
                }
            }
        }
    }
}
