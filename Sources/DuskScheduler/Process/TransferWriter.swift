import DuskArray
import DuskGraph

/// Builds one message for another process: numbers, strings, arrays and task values
/// in Dusk's binary transfer format.
///
/// The format (native byte order; both ends are the same executable):
/// - integers are 8 bytes, `Double` 8 bytes, `Bool`/`UInt8` 1 byte;
/// - a string or byte run is its length (8 bytes) then its bytes;
/// - an array is dtype (1 byte), ndim (8 bytes), the shape (8 bytes each), zero
///   padding to a 64-byte boundary of the message, then its elements in C order;
/// - a task value is a tag byte (0 array, 1 object) then the array, or the object's
///   registered `transferName` and whatever its `encode(to:)` writes.
///
/// Array elements are not copied into the message: the writer keeps a reference and
/// `send` writes them straight from the array's storage.
public struct TransferWriter {
    enum Segment {
        case bytes([UInt8])
        case elements(NDArray)
    }

    private(set) var segments: [Segment] = []
    private var current: [UInt8] = []
    /// Bytes in the message so far.
    public private(set) var count = 0

    public init() {}

    public mutating func write(_ value: UInt8) {
        current.append(value)
        count += 1
    }

    public mutating func write(_ value: Bool) { write(value ? 1 as UInt8 : 0) }

    public mutating func write(_ value: Int) {
        withUnsafeBytes(of: value) { current.append(contentsOf: $0) }
        count += 8
    }

    public mutating func write(_ value: Double) { write(Int(Int64(bitPattern: value.bitPattern))) }

    public mutating func write(_ value: String) { write(bytes: Array(value.utf8)) }

    /// A length-prefixed run of bytes.
    public mutating func write(bytes: [UInt8]) {
        write(bytes.count)
        current.append(contentsOf: bytes)
        count += bytes.count
    }

    /// An array of any dtype and layout; non-contiguous arrays are copied to C order.
    public mutating func write(_ array: NDArray) throws {
        write(array.dtype.rawValue)
        write(array.ndim)
        for extent in array.shape { write(extent) }
        let padding = (64 - count % 64) % 64
        current.append(contentsOf: repeatElement(0, count: padding))
        count += padding
        let data = try array.contiguousForTransfer()
        guard data.nbytes > 0 else { return }
        if !current.isEmpty { segments.append(.bytes(current)) }
        current = []
        segments.append(.elements(data))
        count += data.nbytes
    }

    /// A task value: an array, or an object whose type conforms to `ProcessTransferable`.
    ///
    /// - Throws: `TransferError.notTransferable` for any other object.
    public mutating func write(_ value: TaskValue) throws {
        switch value {
        case .array(let array):
            write(0 as UInt8)
            try write(array)
        case .object(let object):
            guard let transferable = object as? any ProcessTransferable else {
                throw TransferError.notTransferable(typeName: String(reflecting: type(of: object)))
            }
            write(1 as UInt8)
            write(type(of: transferable).transferName)
            try transferable.encode(to: &self)
        }
    }

    /// The whole message as bytes (copies array elements; for tests and small messages).
    public func bytes() -> [UInt8] {
        var copy = self
        var result: [UInt8] = []
        result.reserveCapacity(count)
        for segment in copy.finish() {
            switch segment {
            case .bytes(let bytes):
                result.append(contentsOf: bytes)
            case .elements(let array):
                let start = UnsafeRawPointer(array.storage.base) + array.offset * array.dtype.itemSize
                result.append(contentsOf: UnsafeRawBufferPointer(start: start, count: array.nbytes))
            }
        }
        return result
    }

    /// The finished segments, in order.
    mutating func finish() -> [Segment] {
        if !current.isEmpty { segments.append(.bytes(current)) }
        current = []
        return segments
    }
}
