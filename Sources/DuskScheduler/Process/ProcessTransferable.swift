import DuskArray
import Synchronization

/// A value that can cross a process boundary inside a `TaskValue.object`.
///
/// Conform a type, then call `ProcessTransfer.register(_:)` once at start-up (before
/// any compute) so the receiving side can find its decoder. Nested arrays and values
/// go through the writer's and reader's own methods.
public protocol ProcessTransferable: Sendable {
    /// A name unique among registered types, written in front of each value.
    static var transferName: String { get }
    /// Writes the value; `decode(from:)` must read back exactly what this writes.
    func encode(to writer: inout TransferWriter) throws
    static func decode(from reader: inout TransferReader) throws -> Self
}

/// The registry of `ProcessTransferable` types, by `transferName`.
public enum ProcessTransfer {
    private static let registry = Mutex<[String: any ProcessTransferable.Type]>([
        Int.transferName: Int.self,
        Double.transferName: Double.self,
        Bool.transferName: Bool.self,
        String.transferName: String.self,
        Moments.transferName: Moments.self,
        ArgPartial.transferName: ArgPartial.self,
    ])

    /// Makes values of `type` decodable. Registering a type twice is harmless.
    public static func register<T: ProcessTransferable>(_ type: T.Type) {
        registry.withLock { $0[T.transferName] = type }
    }

    static func registeredType(named name: String) -> (any ProcessTransferable.Type)? {
        registry.withLock { $0[name] }
    }
}

extension Int: ProcessTransferable {
    public static var transferName: String { "int" }
    public func encode(to writer: inout TransferWriter) { writer.write(self) }
    public static func decode(from reader: inout TransferReader) throws -> Int { try reader.readInt() }
}

extension Double: ProcessTransferable {
    public static var transferName: String { "float" }
    public func encode(to writer: inout TransferWriter) { writer.write(self) }
    public static func decode(from reader: inout TransferReader) throws -> Double { try reader.readDouble() }
}

extension Bool: ProcessTransferable {
    public static var transferName: String { "bool" }
    public func encode(to writer: inout TransferWriter) { writer.write(self) }
    public static func decode(from reader: inout TransferReader) throws -> Bool { try reader.readBool() }
}

extension String: ProcessTransferable {
    public static var transferName: String { "str" }
    public func encode(to writer: inout TransferWriter) { writer.write(self) }
    public static func decode(from reader: inout TransferReader) throws -> String { try reader.readString() }
}
