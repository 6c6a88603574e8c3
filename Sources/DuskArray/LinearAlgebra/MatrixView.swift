/// A 2-D strided matrix inside an array's storage: where `matmul` finds each operand of
/// one product in a batch.
struct MatrixView {
    var base: UnsafeMutableRawPointer
    var rows: Int
    var cols: Int
    var rowStride: Int
    var colStride: Int

    func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> { base.assumingMemoryBound(to: T.self) }

    /// How BLAS can read this matrix in place: untransposed row-major with leading dimension
    /// `ld`, or the transpose of a row-major matrix; nil when the strides need a copy
    /// (negative, zero or overlapping steps). Axes of length 1 accept any stride.
    var blasLayout: (transposed: Bool, ld: Int32)? {
        if cols == 1 || colStride == 1 {
            let ld = rows == 1 ? Swift.max(1, cols) : rowStride
            if ld >= Swift.max(1, cols) && ld <= Int(Int32.max) { return (false, Int32(ld)) }
        }
        if rows == 1 || rowStride == 1 {
            let ld = cols == 1 ? Swift.max(1, rows) : colStride
            if ld >= Swift.max(1, rows) && ld <= Int(Int32.max) { return (true, Int32(ld)) }
        }
        return nil
    }

    /// Whether this matrix is `other`'s transpose in the same memory (the `x.T` of `x @ x.T`).
    func isTranspose(of other: MatrixView) -> Bool {
        base == other.base && rows == other.cols && cols == other.rows
            && rowStride == other.colStride && colStride == other.rowStride
    }

    /// A C-contiguous copy in `buffer` (`rows × cols` elements), seen as a matrix.
    func packed<T: NDElement>(_ type: T.Type, into buffer: UnsafeMutablePointer<T>) -> MatrixView {
        let source = pointer(as: T.self)
        for i in 0..<rows {
            let row = source + i * rowStride, out = buffer + i * cols
            if colStride == 1 {
                out.update(from: row, count: cols)
            } else {
                for j in 0..<cols { out[j] = row[j * colStride] }
            }
        }
        return MatrixView(base: UnsafeMutableRawPointer(buffer), rows: rows, cols: cols, rowStride: cols, colStride: 1)
    }
}
