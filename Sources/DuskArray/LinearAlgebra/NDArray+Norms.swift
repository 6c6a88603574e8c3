// numpy.linalg's norm, vector_norm and matrix_norm, as NumPy composes them from ufuncs and
// reductions (sums pairwise, maxima with NumPy's initial 0), matrix 2-norms and nuclear norms
// from the singular values.

/// `ord=` of `np.linalg.norm`: nil (`None`), a number (`inf`, `-inf`, 0, 1, 2, any p) or a name.
public enum NormOrder: Sendable, Equatable {
    case none
    case number(Double)
    /// `'fro'`, `'f'` or `'nuc'` (others are refused with NumPy's messages).
    case name(String)

    var isFrobenius: Bool { self == .none || self == .name("fro") || self == .name("f") }
}

extension NDArray {
    /// `np.linalg.norm(x, ord, axis, keepdims)`: a vector norm along one axis, a matrix norm
    /// over two, the 2-norm of all elements (Frobenius for a matrix) without axes.
    public func linalgNorm(order: NormOrder = .none, axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        let x = dtype.isFloatingPoint ? self : try astype(.float64)
        if axes == nil && (order == .none || (x.ndim == 2 && order.isFrobenius) || (x.ndim == 1 && order == .number(2))) {
            // NumPy's fast path: sqrt(x . x) of all elements.
            let flat = try x.flattened()
            let norm = try NDArray.dot(flat, flat).unary(.sqrt)
            return keepdims ? try norm.reshaped(Array(repeating: 1, count: ndim)) : norm
        }
        let axes = axes ?? Array(0..<x.ndim)
        switch axes.count {
        case 1:
            return try x.vectorNorm(order: order, axis: axes[0], keepdims: keepdims)
        case 2:
            let row = try normalizedAxis(axes[0], ndim: x.ndim), column = try normalizedAxis(axes[1], ndim: x.ndim)
            guard row != column else { throw .value("Duplicate axes given.") }
            let result = try x.matrixNorm(order: order, row: row, column: column)
            guard keepdims else { return result }
            var shape = x.shape
            shape[row] = 1
            shape[column] = 1
            return try result.reshaped(shape)
        default:
            throw .value("Improper number of dimensions to norm.")
        }
    }

    /// `np.linalg.vector_norm(x, axis, keepdims, ord)`: the vector norm over all elements
    /// (`axes` nil) or over several axes taken together.
    public func linalgVectorNorm(order: NormOrder = .number(2), axes: [Int]? = nil, keepdims: Bool = false) throws(ArrayError) -> NDArray {
        let reduced: [Int]
        var merged = self
        if let axes {
            reduced = try axes.map { axis throws(ArrayError) in try normalizedAxis(axis, ndim: ndim) }
            guard Set(reduced).count == reduced.count else { throw .value("repeated axis") }
            let rest = (0..<ndim).filter { !reduced.contains($0) }
            merged = try transposed(reduced + rest).copy()
            merged = try merged.reshaped([reduced.map { shape[$0] }.reduce(1, *)] + rest.map { shape[$0] })
        } else {
            reduced = Array(0..<ndim)
            merged = try flattened()
        }
        let result = try merged.linalgNorm(order: order, axes: [0])
        guard keepdims else { return result }
        return try result.reshaped(shape.indices.map { reduced.contains($0) ? 1 : shape[$0] })
    }

    /// `np.linalg.norm` along one axis.
    private func vectorNorm(order: NormOrder, axis: Int, keepdims: Bool) throws(ArrayError) -> NDArray {
        switch order {
        case .number(.infinity):
            return try unary(.absolute).maxOrZero(axis: axis, keepdims: keepdims)
        case .number(-.infinity):
            return try unary(.absolute).amin(axes: [axis], keepdims: keepdims)
        case .number(0):
            return try NDArray.binary(.not_equal, .array(self), .int(0)).astype(dtype).sum(axes: [axis], keepdims: keepdims)
        case .number(1):
            return try unary(.absolute).sum(axes: [axis], keepdims: keepdims)
        case .none, .number(2):
            return try NDArray.binary(.multiply, .array(self), .array(self)).sum(axes: [axis], keepdims: keepdims).unary(.sqrt)
        case .name(let name):
            throw .value("Invalid norm order '\(name)' for vectors")
        case .number(let p):
            // As NumPy: (sum |x|**p) ** (1/p), the reciprocal rounded to the result's dtype.
            let powers = try NDArray.binary(.power, .array(unary(.absolute)), .float(p))
            let sum = try powers.sum(axes: [axis], keepdims: keepdims)
            let reciprocal = sum.dtype == .float32 ? Double(1 / Float(p)) : 1 / p
            return try NDArray.binary(.power, .array(sum), .float(reciprocal))
        }
    }

    /// `np.linalg.norm` over the matrices spanned by two axes.
    private func matrixNorm(order: NormOrder, row: Int, column: Int) throws(ArrayError) -> NDArray {
        // An axis index once the other one has been reduced.
        let rowAfterColumn = row > column ? row - 1 : row, columnAfterRow = column > row ? column - 1 : column
        switch order {
        case .number(2), .number(-2), .name("nuc"):
            let values = try movingAxes(from: [row, column], to: [-2, -1]).linalgSVD(computeUV: false).s
            if order == .number(-2) { return try values.amin(axes: [-1]) }
            return order == .number(2) ? try values.maxOrZero(axis: values.ndim - 1, keepdims: false) : try values.sum(axes: [-1])
        case .number(1):
            return try unary(.absolute).sum(axes: [row]).maxOrZero(axis: columnAfterRow, keepdims: false)
        case .number(.infinity):
            return try unary(.absolute).sum(axes: [column]).maxOrZero(axis: rowAfterColumn, keepdims: false)
        case .number(-1):
            return try unary(.absolute).sum(axes: [row]).amin(axes: [columnAfterRow])
        case .number(-.infinity):
            return try unary(.absolute).sum(axes: [column]).amin(axes: [rowAfterColumn])
        case _ where order.isFrobenius:
            return try NDArray.binary(.multiply, .array(self), .array(self)).sum(axes: [row, column]).unary(.sqrt)
        default:
            throw .value("Invalid norm order for matrices.")
        }
    }

    /// NumPy's `max(axis=axis, initial=0)` of non-negative values: 0 where the axis is empty.
    private func maxOrZero(axis: Int, keepdims: Bool) throws(ArrayError) -> NDArray {
        let axis = try normalizedAxis(axis, ndim: ndim)
        guard shape[axis] == 0 else { return try amax(axes: [axis], keepdims: keepdims) }
        var reduced = shape
        if keepdims { reduced[axis] = 1 } else { reduced.remove(at: axis) }
        return try NDArray(zeros: dtype, shape: reduced)
    }
}
