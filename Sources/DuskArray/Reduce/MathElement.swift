/// An element type the reduction, linear algebra and random kernels work on: every dtype.
///
/// The requirements are static functions (not properties) so they never clash with the
/// members other areas add to the element types. Integer arithmetic wraps, as NumPy's does;
/// `bool` adds with `or` and multiplies with `and`, as NumPy's `bool` ufunc loops do.
public protocol MathElement: NDElement {
    /// NumPy's accumulator for `sum`/`prod`/`cumsum`: `int64` for bool and signed integers,
    /// `uint64` for unsigned ones, the type itself for floats.
    associatedtype Wide: MathElement where Wide.Wide == Wide
    static func widen(_ x: Self) -> Wide
    static var one: Self { get }
    static func add(_ a: Self, _ b: Self) -> Self
    static func multiply(_ a: Self, _ b: Self) -> Self
    /// The value as a `Double` (exact for floats and integers up to 2^53).
    static func toDouble(_ x: Self) -> Double
    /// `x` wrapped to this type (`!= 0` for bool, rounded for floats): a cheap cast for kernels
    /// whose values are known to fit.
    static func wrapping(_ x: Int64) -> Self
    static func isNaN(_ x: Self) -> Bool
    /// `a < b`; false when either is NaN.
    static func isLess(_ a: Self, _ b: Self) -> Bool
    /// The smaller of two values; NaN if either is NaN (NumPy's `minimum`).
    static func minimum(_ a: Self, _ b: Self) -> Self
    /// The larger of two values; NaN if either is NaN (NumPy's `maximum`).
    static func maximum(_ a: Self, _ b: Self) -> Self
    /// The smaller of two numbers, either one when a NaN is involved: a single `minsd`/`minpd`
    /// for floats, so loops vectorize (callers track NaN separately).
    static func unorderedMinimum(_ a: Self, _ b: Self) -> Self
    /// The larger of two numbers, either one when a NaN is involved (see `unorderedMinimum`).
    static func unorderedMaximum(_ a: Self, _ b: Self) -> Self
    /// NaN for floats, nil for integers and bool.
    static var nan: Self? { get }
    /// The largest value (`+inf` for floats): the identity of `minimum`.
    static var greatest: Self { get }
    /// The smallest value (`-inf` for floats): the identity of `maximum`.
    static var least: Self { get }
}

extension Bool: MathElement {
    public typealias Wide = Int64
    @inlinable @inline(__always) public static func widen(_ x: Bool) -> Int64 { x ? 1 : 0 }
    public static var one: Bool { true }
    @inlinable @inline(__always) public static func add(_ a: Bool, _ b: Bool) -> Bool { a || b }
    @inlinable @inline(__always) public static func multiply(_ a: Bool, _ b: Bool) -> Bool { a && b }
    @inlinable @inline(__always) public static func toDouble(_ x: Bool) -> Double { x ? 1 : 0 }
    @inlinable @inline(__always) public static func wrapping(_ x: Int64) -> Bool { x != 0 }
    @inlinable @inline(__always) public static func isNaN(_ x: Bool) -> Bool { false }
    @inlinable @inline(__always) public static func isLess(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    @inlinable @inline(__always) public static func minimum(_ a: Bool, _ b: Bool) -> Bool { a && b }
    @inlinable @inline(__always) public static func maximum(_ a: Bool, _ b: Bool) -> Bool { a || b }
    @inlinable @inline(__always) public static func unorderedMinimum(_ a: Bool, _ b: Bool) -> Bool { a && b }
    @inlinable @inline(__always) public static func unorderedMaximum(_ a: Bool, _ b: Bool) -> Bool { a || b }
    public static var nan: Bool? { nil }
    public static var greatest: Bool { true }
    public static var least: Bool { false }
}

/// The shared implementation of `MathElement` for the fixed-width integers.
public protocol MathInteger: MathElement, FixedWidthInteger {}

extension MathInteger {
    public static var one: Self { 1 }
    @inlinable @inline(__always) public static func add(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inlinable @inline(__always) public static func multiply(_ a: Self, _ b: Self) -> Self { a &* b }
    @inlinable @inline(__always) public static func toDouble(_ x: Self) -> Double { Double(x) }
    @inlinable @inline(__always) public static func wrapping(_ x: Int64) -> Self { Self(truncatingIfNeeded: x) }
    @inlinable @inline(__always) public static func isNaN(_ x: Self) -> Bool { false }
    @inlinable @inline(__always) public static func isLess(_ a: Self, _ b: Self) -> Bool { a < b }
    @inlinable @inline(__always) public static func minimum(_ a: Self, _ b: Self) -> Self { a <= b ? a : b }
    @inlinable @inline(__always) public static func maximum(_ a: Self, _ b: Self) -> Self { a >= b ? a : b }
    @inlinable @inline(__always) public static func unorderedMinimum(_ a: Self, _ b: Self) -> Self { b < a ? b : a }
    @inlinable @inline(__always) public static func unorderedMaximum(_ a: Self, _ b: Self) -> Self { b > a ? b : a }
    public static var nan: Self? { nil }
    public static var greatest: Self { Self.max }
    public static var least: Self { Self.min }
}

extension Int8: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: Int8) -> Int64 { Int64(x) }
}
extension Int16: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: Int16) -> Int64 { Int64(x) }
}
extension Int32: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: Int32) -> Int64 { Int64(x) }
}
extension Int64: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: Int64) -> Int64 { x }
}
extension UInt8: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: UInt8) -> UInt64 { UInt64(x) }
}
extension UInt16: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: UInt16) -> UInt64 { UInt64(x) }
}
extension UInt32: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: UInt32) -> UInt64 { UInt64(x) }
}
extension UInt64: MathInteger {
    @inlinable @inline(__always) public static func widen(_ x: UInt64) -> UInt64 { x }
}

/// The shared implementation of `MathElement` for `Float` and `Double`.
public protocol MathFloat: MathElement, BinaryFloatingPoint {}

extension MathFloat {
    public static var one: Self { 1 }
    @inlinable @inline(__always) public static func widen(_ x: Self) -> Self { x }
    @inlinable @inline(__always) public static func add(_ a: Self, _ b: Self) -> Self { a + b }
    @inlinable @inline(__always) public static func multiply(_ a: Self, _ b: Self) -> Self { a * b }
    @inlinable @inline(__always) public static func toDouble(_ x: Self) -> Double { Double(x) }
    @inlinable @inline(__always) public static func wrapping(_ x: Int64) -> Self { Self(x) }
    @inlinable @inline(__always) public static func isNaN(_ x: Self) -> Bool { x != x }
    @inlinable @inline(__always) public static func isLess(_ a: Self, _ b: Self) -> Bool { a < b }
    @inlinable @inline(__always) public static func minimum(_ a: Self, _ b: Self) -> Self { (a <= b || a != a) ? a : b }
    @inlinable @inline(__always) public static func maximum(_ a: Self, _ b: Self) -> Self { (a >= b || a != a) ? a : b }
    @inlinable @inline(__always) public static func unorderedMinimum(_ a: Self, _ b: Self) -> Self { b < a ? b : a }
    @inlinable @inline(__always) public static func unorderedMaximum(_ a: Self, _ b: Self) -> Self { b > a ? b : a }
    public static var nan: Self? { let quiet: Self = .nan; return quiet }
    public static var greatest: Self { .infinity }
    public static var least: Self { -.infinity }
}

extension Float: MathFloat { public typealias Wide = Float }
extension Double: MathFloat { public typealias Wide = Double }

/// A kernel generic over `MathElement`; see `DType.dispatchMath`.
public protocol MathVisitor {
    associatedtype Result
    /// `Never` for kernels that cannot fail; `ArrayError` for those that allocate.
    associatedtype Failure: Error = Never
    func visit<T: MathElement>(_ type: T.Type) throws(Failure) -> Result
}

extension DType {
    /// Calls `visitor.visit(T.self)` with the Swift element type of this dtype, as
    /// `dispatch(_:)` does, but with the `MathElement` operations available.
    @inlinable
    public func dispatchMath<V: MathVisitor>(_ visitor: V) throws(V.Failure) -> V.Result {
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

    /// NumPy's default accumulator dtype for `sum`, `prod`, `cumsum` and `cumprod`.
    public var sumDType: DType {
        switch self {
        case .bool, .int8, .int16, .int32, .int64: .int64
        case .uint8, .uint16, .uint32, .uint64: .uint64
        case .float32, .float64: self
        }
    }
}
