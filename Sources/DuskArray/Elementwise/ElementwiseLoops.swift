// The loop shapes every elementwise kernel is made of. Each is inlined into its caller with
// the element function as a closure literal, so after specialization a kernel is one plain
// loop per case the compiler can vectorize: no calls, closures or dispatch per element.

/// `output[i] = f(input[i])` over contiguous buffers.
@inlinable @inline(__always)
func mapLoop<T, U>(_ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<U>, _ count: Int, _ f: (T) -> U) {
    for i in 0..<count { output[i] = f(input[i]) }
}

/// `output[i] = f(lhs[i], rhs[i])` where each input's stride is 1 (contiguous) or 0 (one repeated value).
@inlinable @inline(__always)
func zipLoop<T, U>(_ lhs: UnsafePointer<T>, _ lhsStride: Int, _ rhs: UnsafePointer<T>, _ rhsStride: Int,
                   _ output: UnsafeMutablePointer<U>, _ count: Int, _ f: (T, T) -> U) {
    if lhsStride != 0 && rhsStride != 0 {
        for i in 0..<count { output[i] = f(lhs[i], rhs[i]) }
    } else if lhsStride != 0 {
        let y = rhs[0]
        for i in 0..<count { output[i] = f(lhs[i], y) }
    } else if rhsStride != 0 {
        let x = lhs[0]
        for i in 0..<count { output[i] = f(x, rhs[i]) }
    } else {
        let value = f(lhs[0], rhs[0])
        for i in 0..<count { output[i] = value }
    }
}

/// `zipLoop` for element functions that also report conditions (integer division by zero).
@inlinable @inline(__always)
func zipLoopFlagging<T, U>(_ lhs: UnsafePointer<T>, _ lhsStride: Int, _ rhs: UnsafePointer<T>, _ rhsStride: Int,
                           _ output: UnsafeMutablePointer<U>, _ count: Int,
                           _ f: (T, T, inout ElementwiseFlags) -> U) -> ElementwiseFlags {
    var flags: ElementwiseFlags = []
    if lhsStride != 0 && rhsStride != 0 {
        for i in 0..<count { output[i] = f(lhs[i], rhs[i], &flags) }
    } else if lhsStride != 0 {
        let y = rhs[0]
        for i in 0..<count { output[i] = f(lhs[i], y, &flags) }
    } else {
        let x = lhs[0]
        for i in 0..<count { output[i] = f(x, rhs[i * rhsStride], &flags) }
    }
    return flags
}

/// Reinterprets a typed pointer as another element type known to be the same (after a dtype check).
@inlinable @inline(__always)
func rebound<T, U>(_ pointer: UnsafePointer<T>, to type: U.Type) -> UnsafePointer<U> {
    UnsafeRawPointer(pointer).assumingMemoryBound(to: U.self)
}

/// Reinterprets a typed mutable pointer as another element type known to be the same.
@inlinable @inline(__always)
func rebound<T, U>(_ pointer: UnsafeMutablePointer<T>, to type: U.Type) -> UnsafeMutablePointer<U> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: U.self)
}
