/// Walks several same-shaped strided operands row by row: one call per innermost run.
///
/// Dimensions of length 1 are dropped and adjacent dimensions merged wherever every operand
/// lays them out as one (so a contiguous array is a single row, whatever its rank). Kernels
/// then run one tight loop per row with the row's per-operand stride, which is 1 for
/// contiguous operands and 0 for broadcast ones.
///
/// ```swift
/// let rows = StridedRows(shape: out.shape, strides: [a.strides, b.strides])
/// rows.forEachRow(offsets: [a.offset, b.offset]) { offsets in
///     // rows.rowLength elements; operand k starts at offsets[k], steps rows.rowStrides[k]
/// }
/// ```
/// - Complexity: O(1) per row besides the body.
public struct StridedRows: Sendable {
    /// The merged shape; at least one dimension (a 0-d walk is one row of one element).
    public let shape: [Int]
    /// Per operand, strides of the merged shape in elements.
    public let strides: [[Int]]

    /// Elements in each innermost run.
    public var rowLength: Int { shape[shape.count - 1] }
    /// Number of rows (0 when the shape is empty).
    public var rowCount: Int { shape.dropLast().reduce(1, *) * (rowLength == 0 ? 0 : 1) }
    /// Total elements walked.
    public var count: Int { shape.reduce(1, *) }

    /// The stride of operand `k` along each row.
    @inlinable public func rowStride(_ k: Int) -> Int { strides[k][strides[k].count - 1] }

    /// Merges the layout of operands sharing `shape`; `strides[k]` is operand `k`'s strides.
    public init(shape: [Int], strides operandStrides: [[Int]]) {
        precondition(operandStrides.allSatisfy { $0.count == shape.count }, "strides differ in rank from shape")
        var mergedShape: [Int] = []
        var merged: [[Int]] = Array(repeating: [], count: operandStrides.count)
        if shape.contains(0) {
            self.shape = [0]
            self.strides = Array(repeating: [1], count: operandStrides.count)
            return
        }
        for axis in shape.indices where shape[axis] != 1 {
            if let last = mergedShape.indices.last,
               operandStrides.indices.allSatisfy({ merged[$0][last] == operandStrides[$0][axis] * shape[axis] }) {
                mergedShape[last] *= shape[axis]
                for k in operandStrides.indices { merged[k][last] = operandStrides[k][axis] }
            } else {
                mergedShape.append(shape[axis])
                for k in operandStrides.indices { merged[k].append(operandStrides[k][axis]) }
            }
        }
        if mergedShape.isEmpty {
            mergedShape = [1]
            for k in merged.indices { merged[k] = [1] }
        }
        self.shape = mergedShape
        self.strides = merged
    }

    /// Calls `body` once per row with each operand's starting offset (in elements), in C order.
    ///
    /// `offsets` are the operands' base offsets; the buffer passed to `body` is only valid during the call.
    @inlinable
    public func forEachRow(offsets: [Int], _ body: (UnsafeBufferPointer<Int>) throws -> Void) rethrows {
        let operands = strides.count
        precondition(offsets.count == operands, "one offset per operand")
        if count == 0 { return }
        let outer = shape.count - 1
        var current = offsets
        if outer == 0 {
            try current.withUnsafeBufferPointer { try body($0) }
            return
        }
        var counter = [Int](repeating: 0, count: outer)
        while true {
            try current.withUnsafeBufferPointer { try body($0) }
            // Advance the outer odometer; the innermost outer axis moves fastest.
            var axis = outer - 1
            while true {
                counter[axis] += 1
                if counter[axis] < shape[axis] {
                    for k in 0..<operands { current[k] += strides[k][axis] }
                    break
                }
                for k in 0..<operands { current[k] -= strides[k][axis] * (shape[axis] - 1) }
                counter[axis] = 0
                if axis == 0 { return }
                axis -= 1
            }
        }
    }
}
