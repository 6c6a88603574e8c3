import Synchronization

/// User code another process can rebuild: a `map_blocks` function or a delayed call, described
/// by the runtime (the function's source, its captured values) rather than as a closure.
public protocol PortableCode: Sendable {
    /// The description as bytes, for `PortableCodeDecoders` in the receiving process.
    func wireEncoded() throws(GraphError) -> [UInt8]
}

/// The portable form of a delayed node whose value a remote cluster already holds under the
/// node's key (a Dask future): nothing is sent, the remote graph names the key
/// (`RemoteGraph.RemoteTask.Payload.held`).
public struct HeldRemotely: PortableCode {
    public init() {}

    public func wireEncoded() throws(GraphError) -> [UInt8] {
        throw GraphError.wire("a value the cluster holds is named by its key, not sent")
    }
}

/// How a process running tasks from bytes turns portable code back into functions. The runtime
/// installs the decoders (this module knows no interpreter); without them, tasks with user
/// code fail with a clear error.
public enum PortableCodeDecoders {
    /// Turns the bytes of a `map_blocks` function back into a per-block function.
    public typealias MapBlocksDecoder = @Sendable ([UInt8]) throws(GraphError) -> MapBlocksFunction
    /// Turns the bytes of a delayed call back into a task function.
    public typealias CallDecoder = @Sendable ([UInt8]) throws(GraphError) -> TaskFunction

    private static let installed = Mutex<(mapBlocks: MapBlocksDecoder?, call: CallDecoder?)>((nil, nil))

    /// Installs the runtime's decoders.
    public static func install(mapBlocks: @escaping MapBlocksDecoder, call: @escaping CallDecoder) {
        installed.withLock { $0 = (mapBlocks, call) }
    }

    static func mapBlocks(_ bytes: [UInt8], name: String) throws(GraphError) -> MapBlocksOp {
        guard let decode = installed.withLock({ $0.mapBlocks }) else {
            throw GraphError.wire("this process cannot rebuild the map_blocks function '\(name)'")
        }
        return MapBlocksOp(function: try decode(bytes), functionName: name, portable: nil)
    }

    static func call(_ bytes: [UInt8]) throws(GraphError) -> TaskFunction {
        guard let decode = installed.withLock({ $0.call }) else {
            throw GraphError.wire("this process cannot rebuild a delayed call")
        }
        return try decode(bytes)
    }
}

/// How a process running tasks from bytes reopens a graph source (`SourceDescriptor`): one
/// opener per source kind, installed by the module that defines the source.
public enum SourceOpeners {
    public typealias Opener = @Sendable (SourceDescriptor) throws -> any ArraySource

    private static let openers = Mutex<[String: Opener]>([:])

    /// Registers how to reopen sources of `kind`.
    public static func register(kind: String, _ opener: @escaping Opener) {
        openers.withLock { $0[kind] = opener }
    }

    static func open(_ descriptor: SourceDescriptor) throws(GraphError) -> any ArraySource {
        guard let opener = openers.withLock({ $0[descriptor.kind] }) else {
            throw GraphError.wire("this process cannot open a '\(descriptor.kind)' source")
        }
        do {
            return try opener(descriptor)
        } catch let error as GraphError {
            throw error
        } catch {
            throw GraphError(kind: "OSError", message: "cannot open the \(descriptor.kind) source: \(error)")
        }
    }
}
