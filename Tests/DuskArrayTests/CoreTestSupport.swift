import DuskArray

/// A float64 array from values and a shape (default 1-D).
func doubles(_ values: [Double], _ shape: [Int]? = nil) -> NDArray {
    try! NDArray(values, shape: shape)
}

/// An int64 array from values and a shape (default 1-D).
func ints(_ values: [Int64], _ shape: [Int]? = nil) -> NDArray {
    try! NDArray(values, shape: shape)
}

/// `arange(n)` as int64, reshaped.
func iota(_ shape: [Int]) -> NDArray {
    let count = shape.reduce(1, *)
    return try! NDArray((0..<count).map { Int64($0) }, shape: shape)
}

/// Elements as doubles, C order.
func values(_ array: NDArray) throws -> [Double] {
    try array.toArray(of: Double.self)
}

/// Elements as int64, C order.
func intValues(_ array: NDArray) throws -> [Int64] {
    try array.toArray(of: Int64.self)
}

/// Equality that treats NaN as equal to NaN and distinguishes -0.0 from 0.0.
func sameDoubles(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { x, y in
        (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
    }
}
