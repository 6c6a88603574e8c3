/// A concrete n-dimensional array: NumPy's `ndarray`.
///
/// A value type holding shape, strides and offset over shared `Storage`. Slicing and
/// transposing make views (new shape/strides/offset, same storage); operations that
/// need new data allocate new storage. Strides and offset count elements, not bytes.
public struct NDArray: Sendable {
    public let dtype: DType
    public let shape: [Int]
    /// Elements to step per index along each axis (may be 0 for broadcast views, negative for reversed ones).
    public let strides: [Int]
    /// Index of element `[0, 0, ...]` in the storage, in elements.
    public let offset: Int
    /// `var` only so `isKnownUniquelyReferenced` can spot temporaries whose memory a result may reuse.
    public internal(set) var storage: Storage

    /// A view over existing storage. The caller guarantees every index stays in bounds.
    public init(dtype: DType, shape: [Int], strides: [Int], offset: Int, storage: Storage) {
        precondition(shape.count == strides.count, "shape and strides differ in rank")
        self.dtype = dtype
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.storage = storage
    }

    /// A new C-contiguous array with uninitialized elements.
    public init(uninitialized dtype: DType, shape: [Int]) {
        let count = shape.reduce(1, *)
        self.init(dtype: dtype, shape: shape, strides: NDArray.contiguousStrides(for: shape), offset: 0,
                  storage: Storage(byteCount: max(1, count) * dtype.itemSize))
    }

    /// A new C-contiguous array of zeros.
    public init(zeros dtype: DType, shape: [Int]) {
        let count = shape.reduce(1, *)
        self.init(dtype: dtype, shape: shape, strides: NDArray.contiguousStrides(for: shape), offset: 0,
                  storage: Storage(zeroedByteCount: max(1, count) * dtype.itemSize))
    }

    public var ndim: Int { shape.count }
    public var count: Int { shape.reduce(1, *) }
    public var nbytes: Int { count * dtype.itemSize }

    /// Row-major (C order) strides for a shape, in elements.
    public static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= Swift.max(shape[axis], 1)
        }
        return strides
    }

    /// True when elements are laid out in C order without gaps (the fast paths' condition).
    /// Empty arrays count as contiguous, whatever their strides.
    public var isContiguous: Bool {
        if shape.contains(0) { return true }
        var expected = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
            if strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    /// A typed pointer to element `[0, 0, ...]`. `T` must match `dtype`.
    @inlinable
    public func pointer<T: NDElement>(as type: T.Type) -> UnsafeMutablePointer<T> {
        assert(T.dtype == dtype, "pointer(as: \(T.self)) on a \(dtype) array")
        return storage.base.assumingMemoryBound(to: T.self) + offset
    }

    /// The elements of a contiguous array as a buffer. `T` must match `dtype`.
    @inlinable
    public func withUnsafeBufferPointer<T: NDElement, R>(as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(isContiguous, "withUnsafeBufferPointer needs a contiguous array")
        return try body(UnsafeBufferPointer(start: pointer(as: T.self), count: count))
    }

    /// The elements of a contiguous array as a mutable buffer. `T` must match `dtype`.
    @inlinable
    public func withUnsafeMutableBufferPointer<T: NDElement, R>(as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(isContiguous, "withUnsafeMutableBufferPointer needs a contiguous array")
        return try body(UnsafeMutableBufferPointer(start: pointer(as: T.self), count: count))
    }
}

extension DType {
    /// Calls `visitor.visit(T.self)` with the Swift element type of this dtype, so one
    /// generic kernel serves every dtype and the compiler specializes it for each.
    @inlinable
    public func dispatch<V: ElementVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .bool: visitor.visit(Bool.self)
        case .int8: visitor.visit(Int8.self)
        case .int16: visitor.visit(Int16.self)
        case .int32: visitor.visit(Int32.self)
        case .int64: visitor.visit(Int64.self)
        case .uint8: visitor.visit(UInt8.self)
        case .uint16: visitor.visit(UInt16.self)
        case .uint32: visitor.visit(UInt32.self)
        case .uint64: visitor.visit(UInt64.self)
        case .float32: visitor.visit(Float.self)
        case .float64: visitor.visit(Double.self)
        }
    }
}

/// A kernel that must run for a dtype known only at run time: a struct holding the
/// operands, whose `visit` is generic over the element type. See `DType.dispatch`.
public protocol ElementVisitor {
    associatedtype Result
    func visit<T: NDElement>(_ type: T.Type) -> Result
}
