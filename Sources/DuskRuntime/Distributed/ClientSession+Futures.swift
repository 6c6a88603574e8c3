#if canImport(Glibc)
import Glibc
#endif
import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax
import DuskZarr

/// Futures on the bridge: graphs submitted without waiting, values fetched, waited for,
/// scattered, cancelled. The bridge keeps each future Dusk holds (`FutureObject`) until Dusk
/// drops it.
/// A future as requests name it: its key, and where it was made (for its errors).
struct FutureRef: Sendable {
    var key: String
    var location: SourceLocation?
}

extension ClientSession {
    /// Submits lazy values and returns at once: each output's key, which the cluster computes
    /// and keeps. Tasks run on the workers as a compute's do (one Dask task per chain).
    func submit(_ outputs: [GraphOutput]) throws -> [String] {
        try ensureOpen()
        try preflight()
        let optimized = try graphCall { () throws(GraphError) in try Optimizer.optimize(outputs) }
        let lowered = try graphCall { () throws(GraphError) in try Lowering.lower(optimized.outputs) }
        let graph = lowered.graph
        let remote = try graphCall { () throws(GraphError) in try RemoteGraph(graph) }
        let (tasks, buffers) = try DistributedScheduler.describe(remote, graph: graph)
        let outputIndices: [JSONValue] = try lowered.outputRanges.map { range in
            guard let index = remote.remoteIndex[graph.outputs[range.lowerBound]] else {
                throw DuskError(.runtimeError, "an output of the submitted graph has no Dask task")
            }
            return .int(Int64(index))
        }
        let reply: BridgeProcess.Reply
        do {
            reply = try bridge.request("submit", [("client", .int(id)), ("compute", .string(DistributedScheduler.nextToken())),
                                                  ("tasks", .array(tasks)), ("outputs", .array(outputIndices))],
                                       buffers: buffers)
        } catch let failure as BridgeFailure {
            throw DistributedScheduler.error(failure, graph: graph, remote: remote)
        }
        let keys = (reply.header["keys"]?.arrayValue ?? []).compactMap(ClientSession.keyString)
        guard keys.count == outputs.count else {
            throw DuskError(.runtimeError, "the Dask bridge sent \(keys.count) keys for \(outputs.count) submitted values")
        }
        return keys
    }

    /// Sends values to the workers under their keys; returns the keys (`client.scatter`).
    func scatter(_ values: [(key: String, value: TaskValue)], broadcast: Bool) throws -> [String] {
        try ensureOpen()
        try preflight()
        var entries: [JSONValue] = []
        var buffers: [BridgeBuffer] = []
        for (key, value) in values {
            switch value {
            case .array(let array):
                entries.append(.array([.string(key), .string("array"), .int(Int64(buffers.count)), .string(array.dtype.name),
                                       .array(array.shape.map { .int(Int64($0)) })]))
                buffers.append(.array(array))
            case .object:
                entries.append(.array([.string(key), .string("value"), .int(Int64(buffers.count))]))
                buffers.append(.bytes(try KernelLibrarySupport.encode(value)))
            }
        }
        let reply = try bridge.call("scatter", [("client", .int(id)), ("values", .array(entries)), ("broadcast", .bool(broadcast))],
                                    buffers: buffers)
        return (reply.header["keys"]?.arrayValue ?? []).compactMap(ClientSession.keyString)
    }

    /// The values of futures, waiting for them (with a progress bar when computes show one);
    /// a failed task's error located where the future was made; Ctrl-C stops the waiting.
    func gather(_ futures: [FutureRef], progress: Bool = SchedulerDefaults.configuration.progress) throws -> [TaskValue] {
        guard !futures.isEmpty else { return [] }
        try ensureOpen()
        let bar = ProgressReporter.startIfNeeded(total: futures.count, enabled: progress)
        defer { bar?.finish() }
        var reported = 0
        let reply = try interruptible(futures) { flag, token in
            try bridge.request("gather", [("client", .int(id)), ("compute", .string(token)),
                                          ("keys", .array(futures.map { .string($0.key) }))],
                               cancellation: (flag, token)) { event in
                let done = event["done"]?.intValue ?? 0
                while reported < done { bar?.taskCompleted(); reported += 1 }
            }
        }
        let values = try DistributedScheduler.values(reply)
        guard values.count == futures.count else {
            throw DuskError(.runtimeError, "the Dask bridge sent \(values.count) values for \(futures.count) futures")
        }
        return values
    }

    /// The indices of the futures done (finished, failed or cancelled) when all are, or the
    /// first is (`firstCompleted`), or `timeout` seconds passed (then a `TimeoutError` when
    /// `raiseTimeout`).
    func wait(_ futures: [FutureRef], timeout: Double?, firstCompleted: Bool, raiseTimeout: Bool) throws -> [Int] {
        guard !futures.isEmpty else { return [] }
        try ensureOpen()
        var fields: [(String, JSONValue)] = [("client", .int(id)), ("keys", .array(futures.map { .string($0.key) })),
                                             ("return_when", .string(firstCompleted ? "FIRST_COMPLETED" : "ALL_COMPLETED")),
                                             ("raise_timeout", .bool(raiseTimeout))]
        if let timeout { fields.append(("timeout", .double(timeout))) }
        let reply = try interruptible(futures) { flag, token in
            try bridge.request("wait", fields + [("compute", .string(token))], cancellation: (flag, token))
        }
        return (reply.header["done"]?.arrayValue ?? []).compactMap(\.intValue)
    }

    /// Each future's status (`pending`, `finished`, `error`, `cancelled`, `lost`, or
    /// `released` once the bridge forgot it) and its result's Python type, when known.
    func status(_ keys: [String]) throws -> [(status: String, type: String?)] {
        try ensureOpen()
        let reply = try bridge.call("status", [("keys", .array(keys.map { .string($0) }))])
        return (reply.header["futures"]?.arrayValue ?? []).map { answer in
            (answer.objectValue?["status"]?.stringValue ?? "pending", answer.objectValue?["type"]?.stringValue)
        }
    }

    /// Cancels futures (their tasks stop, or never start).
    func cancel(_ keys: [String]) throws {
        guard !keys.isEmpty else { return }
        try ensureOpen()
        _ = try bridge.call("cancel_futures", [("keys", .array(keys.map { .string($0) }))])
    }

    /// The error of a failed future as a Dusk exception (nil when it did not fail).
    func error(of future: FutureRef) throws -> DuskError? {
        try ensureOpen()
        do {
            _ = try bridge.request("error", [("client", .int(id)), ("key", .string(future.key))])
            return nil
        } catch let failure as BridgeFailure {
            return DuskError.from(DistributedScheduler.error(failure, totalTasks: 1) { key in
                key.name == future.key ? future.location : nil
            })
        }
    }

    /// Runs a request that Ctrl-C interrupts (the bridge stops waiting, the futures go on); a
    /// task's error is located where the future whose key it names was made.
    private func interruptible(_ futures: [FutureRef],
                               _ body: (CancellationFlag, String) throws -> BridgeProcess.Reply) throws -> BridgeProcess.Reply {
        let flag = CancellationFlag()
        let watcher = InterruptWatcher(flag: flag)
        defer { watcher.stop() }
        do {
            return try body(flag, DistributedScheduler.nextToken())
        } catch let failure as BridgeFailure {
            let error = DuskError.from(DistributedScheduler.error(failure, totalTasks: futures.count) { key in
                futures.first { $0.key == key.name }?.location
            })
            if error.type.name == TypeObject.keyboardInterrupt.name { Interrupt.reset() }
            throw error
        }
    }

    /// A key from the bridge's JSON: a string, or Dask's tuple key as its string form.
    static func keyString(_ json: JSONValue) -> String? {
        if let text = json.stringValue { return text }
        guard let parts = json.arrayValue, let name = parts.first?.stringValue else { return nil }
        return TaskKey(name, parts.dropFirst().compactMap(\.intValue)).description
    }
}
