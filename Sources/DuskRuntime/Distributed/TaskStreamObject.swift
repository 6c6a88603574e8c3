import DuskScheduler
import DuskZarr
import Synchronization

/// `with get_task_stream() as ts: ...`: the tasks the cluster ran inside the block, from the
/// scheduler's task stream (what the dashboard's Task Stream plot shows): `ts.data` is a list
/// of dicts with `key`, `prefix`, `worker` and `status`.
final class TaskStreamObject: RuntimeObject {
    let session: ClientSession
    private let start = Mutex<Double?>(nil)
    private let records = Mutex<[Value]>([])

    init(session: ClientSession) { self.session = session }

    var typeName: String { "get_task_stream" }
    var repr: String { "<get_task_stream: \(records.withLock { $0.count }) tasks>" }
    var attributeNames: [String] { ["data"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        name == "data" ? .list(ListRef(records.withLock { $0 })) : nil
    }

    func enter(context: ExecutionContext) throws -> Value? {
        try session.ensureOpen()
        let reply = try session.bridge.call("time")
        start.withLock { $0 = reply.header["time"]?.doubleValue }
        return .object(self)
    }

    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        let since = start.withLock { $0 } ?? 0
        let values = try session.taskStream(since: since)
        records.withLock { $0 = values }
        return false
    }
}

extension ClientSession {
    /// The scheduler's task stream records since `since` (the bridge's clock), as Dusk dicts.
    func taskStream(since: Double?) throws -> [Value] {
        try ensureOpen()
        var fields: [(String, JSONValue)] = [("client", .int(id))]
        if let since { fields.append(("start", .double(since))) }
        let reply = try bridge.call("task_stream", fields)
        return try (reply.header["records"]?.arrayValue ?? []).map { record in
            let object = record.objectValue ?? JSONObject()
            return try Value.makeDict([
                (.str("key"), ClientSession.key(object["key"] ?? .null)),
                (.str("prefix"), .str(object["prefix"]?.stringValue ?? "")),
                (.str("worker"), .str(object["worker"]?.stringValue ?? "")),
                (.str("status"), .str(object["status"]?.stringValue ?? "")),
            ])
        }
    }

    /// `client.has_what()` (`op` "has_what": the keys each worker holds) or `client.processing()`
    /// (`op` "processing": the keys each worker is running or has queued), by worker address.
    func keysByWorker(_ op: String) throws -> Value {
        try ensureOpen()
        let reply = try bridge.call(op, [("client", .int(id))])
        let workers = reply.header["workers"]?.objectValue ?? JSONObject()
        return try Value.makeDict(workers.members.map { member in
            (.str(member.key), .tuple((member.value.arrayValue ?? []).map { ClientSession.key($0) }))
        })
    }

    /// A Dask key from JSON: `["sum-3f2a", 0, 1]` as the tuple `('sum-3f2a', 0, 1)`.
    static func key(_ json: JSONValue) -> Value {
        if let parts = json.arrayValue {
            return .tuple(parts.map { part in part.intValue.map { .int($0) } ?? .str(part.stringValue ?? "") })
        }
        return .str(json.stringValue ?? "")
    }
}
