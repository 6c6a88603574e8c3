/// The loop nest of a reduction over a strided array: the axes to visit, outermost first,
/// each with its extent, its input stride and its output stride (0 on reduced axes).
///
/// Axes of extent 1 are dropped, the others are ordered by decreasing input stride (memory
/// order, so transposed inputs are walked contiguously too) and adjacent axes that step
/// through memory as one are merged. The innermost loop then is either a reduced run
/// (reduced with `ReductionOp.reduce`, pairwise) or a kept run (the input row accumulated
/// into the output row), which is what makes reductions over the first axis of a
/// C-contiguous array stream rows instead of walking columns.
struct ReductionLayout {
    struct Loop: Equatable {
        var extent: Int
        var inStride: Int
        var outStride: Int
        var isReduced: Bool { outStride == 0 }
    }

    /// Outermost first; every extent is at least 2.
    var loops: [Loop]
    /// Whether the innermost loop is a reduced run (or there is no loop at all), rather than
    /// a kept row accumulated into the output row.
    var reducesInnermost: Bool { loops.last?.isReduced ?? true }
    /// The shape of the result without the reduced axes.
    var keptShape: [Int]
    /// Number of elements each output element reduces (1 when no axis is reduced).
    var reducedCount: Int

    init(shape: [Int], strides: [Int], reduced: [Bool]) {
        keptShape = []
        reducedCount = 1
        for axis in shape.indices {
            if reduced[axis] { reducedCount *= shape[axis] } else { keptShape.append(shape[axis]) }
        }
        let outStrides = NDArray.contiguousStrides(for: keptShape)
        var loops: [Loop] = []
        var kept = 0
        for axis in shape.indices {
            let outStride = reduced[axis] ? 0 : outStrides[kept]
            if !reduced[axis] { kept += 1 }
            if shape[axis] > 1 {
                loops.append(Loop(extent: shape[axis], inStride: strides[axis], outStride: outStride))
            }
        }
        // Memory order: larger input strides outside; broadcast (stride 0) axes outermost.
        func key(_ loop: Loop) -> Int { loop.inStride == 0 ? Int.max : abs(loop.inStride) }
        let ordered = loops.enumerated().sorted { a, b in
            key(a.element) != key(b.element) ? key(a.element) > key(b.element) : a.offset < b.offset
        }.map(\.element)
        var merged: [Loop] = []
        for loop in ordered {
            if let outer = merged.last, outer.isReduced == loop.isReduced,
               outer.inStride == loop.inStride * loop.extent,
               outer.outStride == loop.outStride * loop.extent {
                merged[merged.count - 1] = Loop(extent: outer.extent * loop.extent,
                                                inStride: loop.inStride, outStride: loop.outStride)
            } else {
                merged.append(loop)
            }
        }
        self.loops = merged
    }
}

extension ReductionLayout {
    /// Runs `Op` over the input at `base`, combining into `out` (which holds one accumulator
    /// per kept element, already set to the identity or to partial results).
    ///
    /// Stops early, leaving `out` incomplete, when `KernelCancellation` is requested: the
    /// throwing entry points check it after the kernel.
    func run<Op: ReductionOp>(_ op: Op.Type, input base: UnsafePointer<Op.Element>,
                              into out: UnsafeMutablePointer<Op.Accumulator>) {
        if keptShape.contains(0) || reducedCount == 0 { return }
        guard let inner = loops.last else {
            out[0] = Op.combine(out[0], Op.lift(base[0]))
            return
        }
        let outer = Array(loops.dropLast())
        var index = [Int](repeating: 0, count: outer.count)
        var inOffset = 0
        var outOffset = 0
        var sinceCheck = 0
        while true {
            if sinceCheck >= KernelCancellation.slabElements {
                if KernelCancellation.isRequested { return }
                sinceCheck = 0
            }
            sinceCheck += inner.extent
            if inner.isReduced {
                Op.reduce(into: &out[outOffset], base + inOffset, count: inner.extent, stride: inner.inStride)
            } else {
                Op.accumulateRow(out + outOffset, outStride: inner.outStride,
                                 base + inOffset, stride: inner.inStride, count: inner.extent)
            }
            var axis = outer.count - 1
            while axis >= 0 {
                index[axis] += 1
                inOffset += outer[axis].inStride
                outOffset += outer[axis].outStride
                if index[axis] < outer[axis].extent { break }
                inOffset -= outer[axis].inStride * outer[axis].extent
                outOffset -= outer[axis].outStride * outer[axis].extent
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}
