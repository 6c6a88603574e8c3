#if canImport(Glibc)
import Glibc
#endif
import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax
import DuskZarr
import Synchronization

/// Runs task graphs on a Dask.distributed cluster through the bridge.
///
/// The graph is regrouped (`RemoteGraph`: one Dask task per output chunk's chain, in-memory
/// blocks as data), each Dask task's Dusk tasks encoded as bytes (`RemoteTaskProgram`), and
/// the whole graph sent in one request; the bridge submits it with `client.get(..., sync=False)`
/// and answers with the fetched values. Output arrays come back block by block and are
/// assembled here. Ctrl-C asks the bridge to cancel (workers stop at their next tile); a task's
/// error comes back with its key, mapped to where its expression was written.
struct DistributedScheduler: Scheduler {
    let session: ClientSession

    private static let computes = Atomic<Int>(0)

    /// A name for one request to the bridge, unique in this process (cancelling it names it).
    static func nextToken() -> String {
        "dusk-\(getpid())-\(computes.add(1, ordering: .relaxed).newValue)"
    }

    func run(_ graph: TaskGraph) throws -> [TaskValue] {
        try run(graph, options: ComputeOptions())
    }

    func run(_ graph: TaskGraph, options: ComputeOptions) throws -> [TaskValue] {
        try session.ensureOpen()
        if graph.count == 0 { return [] }
        if options.cancellation.isRequested { throw ComputeCancelled(completedTasks: 0, totalTasks: graph.count) }
        try session.preflight()
        let remote = try RemoteGraph(graph)
        let token = DistributedScheduler.nextToken()
        var (tasks, buffers) = try DistributedScheduler.describe(remote, graph: graph)
        _ = tasks.count
        let progress = ProgressReporter.startIfNeeded(total: remote.fetched.count, enabled: options.progress)
        defer { progress?.finish() }
        var reported = 0
        let reply: BridgeProcess.Reply
        do {
            reply = try session.bridge.request(
                "compute",
                [("client", .int(session.id)), ("compute", .string(token)), ("tasks", .array(tasks)),
                 ("outputs", .array(remote.fetched.map { .int(Int64($0)) }))],
                buffers: buffers, cancellation: (options.cancellation, token)
            ) { event in
                let done = event["done"]?.intValue ?? 0
                while reported < done { progress?.taskCompleted(); reported += 1 }
            }
        } catch let failure as BridgeFailure {
            throw DistributedScheduler.error(failure, graph: graph, remote: remote)
        }
        tasks.removeAll()
        buffers.removeAll()
        let fetchedValues = try DistributedScheduler.values(reply)
        guard fetchedValues.count == remote.fetched.count else {
            throw DuskError(.runtimeError, "the Dask bridge sent \(fetchedValues.count) values for \(remote.fetched.count) keys")
        }
        var byRemote: [Int: TaskValue] = [:]
        for (index, value) in zip(remote.fetched, fetchedValues) { byRemote[index] = value }
        func value(of task: Int) throws -> TaskValue {
            if let remoteTask = remote.remoteIndex[task], let value = byRemote[remoteTask] { return value }
            let local = graph.tasks[task]
            return try local.function(try local.dependencies.map { try value(of: $0) })
        }
        return try graph.outputs.map { try value(of: $0) }
    }

    /// The graph as the bridge's request: one JSON entry per Dask task (`[key, "run", spec
    /// buffer, dependencies]`, `[key, "array", buffer, dtype, shape]`, `[key, "value", buffer]`,
    /// `[key, "future"]` for a future the bridge holds) and the buffers.
    static func describe(_ remote: RemoteGraph, graph: TaskGraph) throws -> ([JSONValue], [BridgeBuffer]) {
        var tasks: [JSONValue] = []
        var buffers: [BridgeBuffer] = []
        tasks.reserveCapacity(remote.tasks.count)
        for (index, task) in remote.tasks.enumerated() {
            let key = keyJSON(task.key)
            switch task.payload {
            case .run:
                let bytes = try graphCall { () throws(GraphError) in try remote.encodedProgram(index, of: graph) }
                tasks.append(.array([key, .string("run"), .int(Int64(buffers.count)),
                                     .array(task.dependencies.map { .int(Int64($0)) })]))
                buffers.append(.bytes(bytes))
            case .data(.array(let array)):
                tasks.append(.array([key, .string("array"), .int(Int64(buffers.count)), .string(array.dtype.name),
                                     .array(array.shape.map { .int(Int64($0)) })]))
                buffers.append(.array(array))
            case .data(let value):
                tasks.append(.array([key, .string("value"), .int(Int64(buffers.count))]))
                buffers.append(.bytes(try KernelLibrarySupport.encode(value)))
            case .held:
                tasks.append(.array([key, .string("future")]))
            }
        }
        return (tasks, buffers)
    }

    /// `("sum-3f2a", 0, 1)` as JSON: `["sum-3f2a", 0, 1]`, or the bare name for a task without index.
    static func keyJSON(_ key: TaskKey) -> JSONValue {
        key.index.isEmpty ? .string(key.name) : .array([.string(key.name)] + key.index.map { .int(Int64($0)) })
    }

    /// The values in a compute's reply: arrays over the received buffers (no copy), other values decoded.
    static func values(_ reply: BridgeProcess.Reply) throws -> [TaskValue] {
        let results = reply.header["results"]?.arrayValue ?? []
        guard results.count == reply.buffers.count else {
            throw DuskError(.runtimeError, "the Dask bridge sent a malformed result")
        }
        var values: [TaskValue] = []
        for (index, result) in results.enumerated() {
            let storage = reply.buffers[index]
            let size = reply.sizes[index]
            if result.objectValue?["kind"]?.stringValue == "array" {
                guard let name = result.objectValue?["dtype"]?.stringValue, let dtype = DType(numpyName: name),
                      let shape = result.objectValue?["shape"]?.arrayValue?.compactMap(\.intValue),
                      shape.reduce(dtype.itemSize, *) == size
                else {
                    throw DuskError(.typeError, "a Dask worker returned an array Dusk cannot hold: \(result)")
                }
                values.append(.array(NDArray(dtype: dtype, shape: shape, strides: NDArray.contiguousStrides(for: shape),
                                             offset: 0, storage: storage)))
            } else {
                let bytes = Array(UnsafeRawBufferPointer(start: storage.base, count: size))
                values.append(try KernelLibrarySupport.decode(bytes))
            }
        }
        return values
    }

    /// A failure reported by the bridge as a Dusk exception: a task's own error located where
    /// its expression was written, with the worker's traceback; a cancelled compute as
    /// `ComputeCancelled`; a dead worker named as such.
    static func error(_ failure: BridgeFailure, graph: TaskGraph, remote: RemoteGraph) -> any Error {
        error(failure, totalTasks: graph.count) { key in graph.tasks.first { $0.key == key }?.origin }
    }

    /// A failure as a Dusk exception, located by `origin` (where the expression of the task
    /// with that key was written).
    static func error(_ failure: BridgeFailure, totalTasks: Int, origin locate: (TaskKey) -> SourceLocation?) -> any Error {
        if failure.type == "KeyboardInterrupt" { return ComputeCancelled(completedTasks: 0, totalTasks: totalTasks) }
        let info = failure.info
        var origin: SourceLocation?
        var keyText: String?
        if let parts = info["key"]?.arrayValue, let name = parts.first?.stringValue {
            let key = TaskKey(name, parts.dropFirst().compactMap(\.intValue))
            keyText = key.description
            origin = locate(key)
        } else if let name = info["key"]?.stringValue {
            keyText = "'\(name)'"
            origin = locate(TaskKey(name, []))
        }
        var message = failure.message
        if info["died"]?.boolValue == true {
            message = "a Dask worker died while running task \(keyText ?? "?") (a crash in a kernel, or out of memory); "
                + "the cluster replaced it. Dask said: \(failure.message.hasSuffix(".") ? String(failure.message.dropLast()) : failure.message). The bridge's log: \(failure.logPath)"
        }
        // The user's functions on the worker, placed in the sources this process sent them from
        // (else shown as text): the error points at its line in the user's code.
        let placed: [TracebackEntry]? = info["frames"]?.arrayValue.flatMap { entries in
            let mapped = entries.map { entry -> TracebackEntry? in
                guard let object = entry.objectValue, let function = object["function"]?.stringValue,
                      let location = PortableSources.location(object["place"]?.objectValue) else { return nil }
                return TracebackEntry(function: function, location: location)
            }
            return mapped.contains { $0 == nil } ? nil : mapped.compactMap { $0 }
        }
        var notes: [String] = []
        let frames = info["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if placed == nil && !frames.isEmpty {
            notes.append("traceback on the worker (most recent call last):")
            notes += frames.map { "  " + $0 }
        }
        if let worker = info["worker_traceback"]?.stringValue, !worker.isEmpty {
            let place = info["worker"]?.stringValue.map { " on \($0)" } ?? ""
            notes.append("Python traceback\(place) (most recent call last):")
            notes += worker.split(separator: "\n").map { "  " + $0 }
        }
        let place = placed != nil ? PortableSources.location(info["place"]?.objectValue) : nil
        var error = DuskError(.named(failure.type), message, at: place ?? origin)
        error.remoteNotes = notes
        error.traceback += placed ?? []
        if let keyText { error.traceback.append(TracebackEntry(function: "task \(keyText) on the cluster", location: origin)) }
        return error
    }
}
