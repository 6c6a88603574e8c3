import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax
import DuskZarr
import Synchronization

/// What Dusk's kernel library (`libDuskKernels.so`, run by Dask workers) needs from the runtime:
/// one-time set-up, the value encoding of non-array task values, errors as JSON, cancellation.
public enum KernelLibrarySupport {
    /// The compatibility string Dusk and every worker's library must share: the versions of
    /// Dusk's task bytes and of user code's encoding (`PortableEncoder`). The bridge's pre-flight compares it.
    public static let compatibility = "dusk-tasks-\(RemoteTaskProgram.version)-code-\(PortableEncoder.version)"

    private static let prepared = Mutex(false)

    /// Registers the value types and decoders a worker needs; runs once.
    public static func prepare() {
        prepared.withLock { done in
            guard !done else { return }
            done = true
            ProcessTransfer.register(DuskValueBox.self)
            SourceOpeners.register(kind: "zarr", ZarrSource.reopen)
            WorkerRuntime.installDecoders()
        }
    }

    /// Sets or clears the flags running kernels and user code check.
    public static func setCancelled(_ on: Bool) {
        if on {
            Interruption.request()
            Interrupt.request()
        } else {
            Interruption.clear()
            Interrupt.reset()
        }
    }

    /// A non-array task value as bytes (Dusk's transfer encoding).
    public static func encode(_ value: TaskValue) throws -> [UInt8] {
        var writer = TransferWriter()
        try writer.write(value)
        return writer.bytes()
    }

    /// The value `encode` wrote.
    public static func decode(_ bytes: [UInt8]) throws -> TaskValue {
        prepare()
        var reader = try TransferReader(bytes: bytes)
        return try reader.readValue()
    }

    /// An error as the JSON object the bridge reports: Dusk's exception type, message, the
    /// failing task's key and the traceback through user functions.
    public static func errorJSON(_ error: any Error) -> String {
        var key: TaskKey?
        var underlying = error
        if let failure = error as? TaskFailure {
            key = failure.key
            underlying = failure.underlying
        }
        let dusk = DuskError.from(underlying)
        var members: [(String, JSONValue)] = [
            ("type", .string(dusk.type.name)),
            ("message", .string(dusk.message)),
        ]
        if let key {
            members.append(("key", .array([.string(key.name)] + key.index.map { .int(Int64($0)) })))
        }
        if let location = dusk.location {
            members.append(("location", .string(location.description)))
            members.append(("place", place(location)))
        }
        let frames = dusk.traceback.filter { $0.function != "<module>" }
        if !frames.isEmpty {
            members.append(("traceback", .array(frames.reversed().map { entry in
                .string("in \(entry.function)" + (entry.location.map { " at \($0)" } ?? ""))
            })))
            // The same frames, outermost first, where Dusk can place them in the sources it sent.
            members.append(("frames", .array(frames.map { entry in
                .object(JSONObject([("function", .string(entry.function))]
                                   + (entry.location.map { [("place", place($0))] } ?? [])))
            })))
        }
        return JSONValue.object(JSONObject(members)).description
    }

    /// A location as JSON: the source's name and content digest (`PortableSources` finds the
    /// source Dusk sent by it), line, column and length.
    private static func place(_ location: SourceLocation) -> JSONValue {
        .object(JSONObject([("file", .string(location.file.name)),
                            ("digest", .string(String(location.file.contentDigest, radix: 16))),
                            ("line", .int(Int64(location.line))), ("column", .int(Int64(location.column))),
                            ("length", .int(Int64(location.length)))]))
    }
}
