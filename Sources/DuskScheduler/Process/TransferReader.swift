import DuskArray
import DuskGraph

/// Reads a message written by `TransferWriter`.
///
/// The message lives in one 64-byte aligned `Storage`; arrays read from it are views of
/// that storage (no copy), which stays alive while any of them does.
public struct TransferReader {
    let storage: Storage
    let count: Int
    /// Bytes consumed so far.
    public private(set) var position = 0

    init(storage: Storage, count: Int) {
        self.storage = storage
        self.count = count
    }

    /// A reader over a copy of `bytes` (for tests and in-process round trips).
    public init(bytes: [UInt8]) throws {
        let storage = try Storage(byteCount: Swift.max(bytes.count, 1))
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { storage.base.copyMemory(from: base, byteCount: bytes.count) }
        }
        self.storage = storage
        count = bytes.count
    }

    /// True when the whole message has been read.
    public var isAtEnd: Bool { position == count }

    private mutating func advance(_ length: Int) throws -> UnsafeMutableRawPointer {
        guard length >= 0, length <= count - position else { throw TransferError.truncated }
        let start = storage.base + position
        position += length
        return start
    }

    public mutating func readUInt8() throws -> UInt8 {
        try advance(1).load(as: UInt8.self)
    }

    public mutating func readBool() throws -> Bool { try readUInt8() != 0 }

    public mutating func readInt() throws -> Int {
        try advance(8).loadUnaligned(as: Int.self)
    }

    public mutating func readDouble() throws -> Double {
        Double(bitPattern: UInt64(bitPattern: Int64(try readInt())))
    }

    public mutating func readBytes() throws -> [UInt8] {
        let length = try readInt()
        let start = try advance(length)
        return Array(UnsafeRawBufferPointer(start: start, count: length))
    }

    public mutating func readString() throws -> String {
        let bytes = try readBytes()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An array written by `TransferWriter.write(_: NDArray)`: a C-contiguous view.
    public mutating func readArray() throws -> NDArray {
        guard let dtype = DType(rawValue: try readUInt8()) else { throw TransferError.malformed("unknown dtype") }
        let ndim = try readInt()
        guard ndim >= 0 && ndim <= 64 else { throw TransferError.malformed("rank \(ndim)") }
        var shape: [Int] = []
        var elements = 1
        for _ in 0..<ndim {
            let extent = try readInt()
            guard extent >= 0 else { throw TransferError.malformed("negative extent") }
            shape.append(extent)
            let (product, overflow) = elements.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw TransferError.malformed("shape overflows") }
            elements = product
        }
        _ = try advance((64 - position % 64) % 64)
        let byteCount = elements * dtype.itemSize
        let start = position
        _ = try advance(byteCount)
        return NDArray(dtype: dtype, shape: shape, strides: NDArray.contiguousStrides(for: shape),
                       offset: start / dtype.itemSize, storage: storage)
    }

    /// A task value written by `TransferWriter.write(_: TaskValue)`.
    public mutating func readValue() throws -> TaskValue {
        switch try readUInt8() {
        case 0:
            return .array(try readArray())
        case 1:
            let name = try readString()
            guard let type = ProcessTransfer.registeredType(named: name) else {
                throw TransferError.unknownType(name)
            }
            return .object(try type.decode(from: &self))
        case let tag:
            throw TransferError.malformed("unknown value tag \(tag)")
        }
    }
}

/// A message between processes could not be written or read.
public enum TransferError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The value's type does not conform to `ProcessTransferable`.
    case notTransferable(typeName: String)
    /// No type was registered under this `transferName`.
    case unknownType(String)
    /// The message ended early.
    case truncated
    /// The message does not follow the format.
    case malformed(String)

    public var description: String {
        switch self {
        case .notTransferable(let typeName):
            "a value of type \(typeName) cannot be sent to another process; use scheduler='threads' or 'sync'"
        case .unknownType(let name):
            "no transferable type is registered under the name '\(name)'"
        case .truncated:
            "message between processes ended early"
        case .malformed(let what):
            "malformed message between processes: \(what)"
        }
    }
}
