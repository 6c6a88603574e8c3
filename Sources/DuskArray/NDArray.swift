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
    ///
    /// Throws NumPy's errors for a negative dimension, a byte count beyond `Int.max`, and
    /// memory the system cannot give (`MemoryError`).
    public init(uninitialized dtype: DType, shape: [Int]) throws(ArrayError) {
        try self.init(dtype: dtype, shape: shape, zeroed: false)
    }

    /// A new C-contiguous array of zeros; throws as `init(uninitialized:shape:)`.
    public init(zeros dtype: DType, shape: [Int]) throws(ArrayError) {
        try self.init(dtype: dtype, shape: shape, zeroed: true)
    }

    private init(dtype: DType, shape: [Int], zeroed: Bool) throws(ArrayError) {
        let count = try NDArray.checkedCount(shape, itemSize: dtype.itemSize)
        let bytes = Swift.max(1, count) * dtype.itemSize
        let storage: Storage
        do {
            storage = zeroed ? try Storage(zeroedByteCount: bytes) : try Storage(byteCount: bytes)
        } catch {
            throw .allocation(bytes: count * dtype.itemSize, shape: shape, dtype: dtype)
        }
        self.init(dtype: dtype, shape: shape, strides: NDArray.contiguousStrides(for: shape), offset: 0, storage: storage)
    }

    /// The product of `sizes`, nil when it overflows `Int`.
    public static func checkedProduct(_ sizes: [Int]) -> Int? {
        var product = 1
        for size in sizes {
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// The number of elements of an array of `shape`, checked as NumPy checks a new
    /// array's shape: no negative dimension, and the bytes of its nonzero dimensions
    /// (`itemSize` each) within `Int.max`, so every count and offset derived from the
    /// shape is exact.
    public static func checkedCount(_ shape: [Int], itemSize: Int) throws(ArrayError) -> Int {
        try checkRank(shape.count)
        if shape.contains(where: { $0 < 0 }) { throw .negativeDimensions }
        var bytes = Swift.max(itemSize, 1)
        for size in shape where size > 0 {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: size)
            if overflow { throw .tooBig }
            bytes = product
        }
        return shape.contains(0) ? 0 : bytes / Swift.max(itemSize, 1)
    }

    /// NumPy's limit on dimensions.
    public static let maximumRank = 64

    /// Throws NumPy's error for an array of more than `maximumRank` dimensions.
    public static func checkRank(_ rank: Int) throws(ArrayError) {
        if rank > maximumRank {
            throw .value("maximum supported dimension for an ndarray is currently \(maximumRank), found \(rank)")
        }
    }

    /// Throws what allocating an array of `shape` would throw for its size (too big, or more
    /// than the memory available now) without allocating it: for operations whose
    /// intermediates grow with the result before the result is made.
    public static func checkAllocatable(_ shape: [Int], dtype: DType) throws(ArrayError) {
        let bytes = try checkedCount(shape, itemSize: dtype.itemSize) * dtype.itemSize
        if AllocationLimit.refuses(bytes, checkingFrom: BufferPool.checkedThreshold) {
            throw .allocation(bytes: bytes, shape: shape, dtype: dtype)
        }
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
    public func dispatch<V: ElementVisitor>(_ visitor: V) throws(V.Failure) -> V.Result {
        switch self {
        case .bool: try visitor.visit(Bool.self)
        case .int8: try visitor.visit(Int8.self)
        case .int16: try visitor.visit(Int16.self)
        case .int32: try visitor.visit(Int32.self)
        case .int64: try visitor.visit(Int64.self)
        case .uint8: try visitor.visit(UInt8.self)
        case .uint16: try visitor.visit(UInt16.self)
        case .uint32: try visitor.visit(UInt32.self)
        case .uint64: try visitor.visit(UInt64.self)
        case .float32: try visitor.visit(Float.self)
        case .float64: try visitor.visit(Double.self)
        }
    }
}

/// A kernel that must run for a dtype known only at run time: a struct holding the
/// operands, whose `visit` is generic over the element type. See `DType.dispatch`.
public protocol ElementVisitor {
    associatedtype Result
    /// `Never` for kernels that cannot fail; `ArrayError` for those that allocate.
    associatedtype Failure: Error = Never
    func visit<T: NDElement>(_ type: T.Type) throws(Failure) -> Result
}
