extension NDArray {
    /// NumPy's broadcast of several shapes: aligned at the right, each axis equal or 1.
    ///
    /// Throws `operands could not be broadcast together with shapes (3,) (4,) ` on a mismatch.
    public static func broadcastShapes(_ shapes: [[Int]]) throws(ArrayError) -> [Int] {
        let rank = shapes.map(\.count).max() ?? 0
        var result = [Int](repeating: 1, count: rank)
        for shape in shapes {
            let shift = rank - shape.count
            for (axis, size) in shape.enumerated() {
                let target = result[shift + axis]
                if size == target || size == 1 { continue }
                if target == 1 {
                    result[shift + axis] = size
                } else {
                    throw .broadcast(shapes)
                }
            }
        }
        return result
    }

    /// The broadcast of two shapes (see `broadcastShapes(_:)`).
    public static func broadcastShapes(_ a: [Int], _ b: [Int]) throws(ArrayError) -> [Int] {
        if a == b { return a }
        return try broadcastShapes([a, b])
    }

    /// A read-only-in-spirit view of this array repeated to `shape` (stride 0 on broadcast axes).
    ///
    /// Throws when this shape does not broadcast to `shape` (NumPy's `broadcast_to`).
    public func broadcast(to target: [Int]) throws(ArrayError) -> NDArray {
        if target == shape { return self }
        guard let strides = broadcastStrides(to: target) else {
            throw .value("operands could not be broadcast together with remapped shapes [original->remapped]: \(formatShape(shape))  and requested shape \(formatShape(target))")
        }
        return NDArray(dtype: dtype, shape: target, strides: strides, offset: offset, storage: storage)
    }

    /// Strides that read this array as if it had shape `target`, or nil if it does not broadcast.
    public func broadcastStrides(to target: [Int]) -> [Int]? {
        let shift = target.count - shape.count
        guard shift >= 0 else { return nil }
        var result = [Int](repeating: 0, count: target.count)
        for axis in 0..<shape.count {
            let size = shape[axis]
            if size == target[shift + axis] {
                result[shift + axis] = size == 1 ? 0 : strides[axis]
            } else if size == 1 {
                result[shift + axis] = 0
            } else {
                return nil
            }
        }
        return result
    }
}

/// Normalizes a possibly negative axis against `ndim`, with NumPy's AxisError message.
///
/// `argument` prefixes the message as NumPy does for named parameters (`axis2: axis 2 is out of ...`).
public func normalizedAxis(_ axis: Int, ndim: Int, argument: String? = nil) throws(ArrayError) -> Int {
    let normalized = axis < 0 ? axis + ndim : axis
    guard normalized >= 0 && normalized < ndim else {
        if let argument {
            throw .value("\(argument): axis \(axis) is out of bounds for array of dimension \(ndim)")
        }
        throw .axisOutOfBounds(axis: axis, ndim: ndim)
    }
    return normalized
}
