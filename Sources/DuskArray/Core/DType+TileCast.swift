extension DType {
    /// Converts `count` elements of this dtype, read from `source` every `stride` elements
    /// (0 repeats one value), into contiguous `target` elements at `destination`, casting as
    /// NumPy's `astype` does.
    ///
    /// The tile-level cast for fused kernels: gathers strided chunk data into a tile and
    /// converts operands to an op's loop dtype. `destination` must not overlap `source`.
    public func cast(_ source: UnsafeRawPointer, stride: Int, to target: DType,
                     _ destination: UnsafeMutableRawPointer, count: Int) {
        dispatch(TileCastSource(source: source, stride: stride, target: target, destination: destination, count: count))
    }
}

private struct TileCastSource: ElementVisitor {
    let source: UnsafeRawPointer
    let stride: Int
    let target: DType
    let destination: UnsafeMutableRawPointer
    let count: Int
    func visit<S: NDElement>(_ type: S.Type) {
        target.dispatch(TileCastDestination<S>(source: source.assumingMemoryBound(to: S.self), stride: stride,
                                               destination: destination, count: count))
    }
}

private struct TileCastDestination<S: NDElement>: ElementVisitor {
    let source: UnsafePointer<S>
    let stride: Int
    let destination: UnsafeMutableRawPointer
    let count: Int
    func visit<D: NDElement>(_ type: D.Type) {
        castRow(source, stride, destination.assumingMemoryBound(to: D.self), 1, count)
    }
}
