// Order-preserving unsigned keys: the values radix sorting and binary searches compare.

/// An unsigned integer a radix sort can bucket by its bits.
public protocol RadixKey: FixedWidthInteger, UnsignedInteger, BitwiseCopyable, Sendable {}
extension UInt8: RadixKey {}
extension UInt16: RadixKey {}
extension UInt32: RadixKey {}
extension UInt64: RadixKey {}

/// An element type with an unsigned key whose order is NumPy's sort order: integers and
/// bools by value, floats by value with every NaN last and `-0.0` equal to `0.0`.
///
/// `key` is what comparisons and stable orders use; `exactKey` also tells `-0.0` from
/// `0.0` (it sorts just before), so that `value(ofExactKey:)` gives the element back.
public protocol SortableElement: MathElement {
    associatedtype Key: RadixKey
    static func key(_ x: Self) -> Key
    static func exactKey(_ x: Self) -> Key
    static func value(ofExactKey key: Key) -> Self
}

extension Bool: SortableElement {
    @inlinable @inline(__always) public static func key(_ x: Bool) -> UInt8 { x ? 1 : 0 }
    @inlinable @inline(__always) public static func exactKey(_ x: Bool) -> UInt8 { x ? 1 : 0 }
    @inlinable @inline(__always) public static func value(ofExactKey key: UInt8) -> Bool { key != 0 }
}

/// Signed integers: the bit pattern with the sign bit flipped.
public protocol SortableSigned: SortableElement, FixedWidthInteger, SignedInteger
where Magnitude: RadixKey, Key == Magnitude {}

extension SortableSigned {
    @inlinable @inline(__always) public static func key(_ x: Self) -> Key { Key(truncatingIfNeeded: x) ^ (1 << (Key.bitWidth - 1)) }
    @inlinable @inline(__always) public static func exactKey(_ x: Self) -> Key { key(x) }
    @inlinable @inline(__always) public static func value(ofExactKey key: Key) -> Self {
        Self(truncatingIfNeeded: key ^ (1 << (Key.bitWidth - 1)))
    }
}

extension Int8: SortableSigned {}
extension Int16: SortableSigned {}
extension Int32: SortableSigned {}
extension Int64: SortableSigned {}

/// Unsigned integers are their own keys.
public protocol SortableUnsigned: SortableElement, RadixKey where Key == Self {}

extension SortableUnsigned {
    @inlinable @inline(__always) public static func key(_ x: Self) -> Self { x }
    @inlinable @inline(__always) public static func exactKey(_ x: Self) -> Self { x }
    @inlinable @inline(__always) public static func value(ofExactKey key: Self) -> Self { key }
}

extension UInt8: SortableUnsigned {}
extension UInt16: SortableUnsigned {}
extension UInt32: SortableUnsigned {}
extension UInt64: SortableUnsigned {}

/// Floats: positive values with the sign bit set, negative ones with every bit flipped;
/// NaN is the largest key.
public protocol SortableFloat: SortableElement, BinaryFloatingPoint where RawSignificand: FixedWidthInteger {
    static func bits(_ x: Self) -> Key
    static func fromBits(_ bits: Key) -> Self
}

extension SortableFloat {
    @inlinable @inline(__always) public static func exactKey(_ x: Self) -> Key {
        if x.isNaN { return Key.max }
        let b = bits(x)
        let sign: Key = 1 << (Key.bitWidth - 1)
        return b & sign != 0 ? ~b : b | sign
    }
    @inlinable @inline(__always) public static func key(_ x: Self) -> Key {
        exactKey(x == 0 ? 0 : x)
    }
    @inlinable @inline(__always) public static func value(ofExactKey key: Key) -> Self {
        if key == Key.max { return .nan }
        let sign: Key = 1 << (Key.bitWidth - 1)
        return fromBits(key & sign != 0 ? key & ~sign : ~key)
    }
}

extension Float: SortableFloat {
    public typealias Key = UInt32
    @inlinable @inline(__always) public static func bits(_ x: Float) -> UInt32 { x.bitPattern }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt32) -> Float { Float(bitPattern: bits) }
}

extension Double: SortableFloat {
    public typealias Key = UInt64
    @inlinable @inline(__always) public static func bits(_ x: Double) -> UInt64 { x.bitPattern }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt64) -> Double { Double(bitPattern: bits) }
}

/// A kernel generic over `SortableElement`; see `DType.dispatchSortable`.
public protocol SortVisitor {
    associatedtype Result
    /// `Never` for kernels that cannot fail; `ArrayError` for those that allocate.
    associatedtype Failure: Error = Never
    func visit<T: SortableElement>(_ type: T.Type) throws(Failure) -> Result
}

extension DType {
    /// Calls `visitor.visit(T.self)` with the Swift element type of this dtype.
    @inlinable
    public func dispatchSortable<V: SortVisitor>(_ visitor: V) throws(V.Failure) -> V.Result {
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
