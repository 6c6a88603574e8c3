import DuskScheduler
import DuskZarr
import Synchronization

/// One `distributed.Client` held by the bridge, as the scheduler and the objects see it.
final class ClientSession: Sendable {
    let bridge: BridgeProcess
    let id: Int64
    let address: String
    let dashboardLink: String?
    let initialRepr: String
    private let checked = Mutex(false)
    private let closedFlag = Atomic<Bool>(false)

    init(bridge: BridgeProcess, reply: BridgeProcess.Reply) {
        self.bridge = bridge
        id = reply.header["client"]?.intValue.map(Int64.init) ?? 0
        address = reply.header["address"]?.stringValue ?? ""
        dashboardLink = reply.header["dashboard_link"]?.stringValue
        initialRepr = reply.header["repr"]?.stringValue ?? "<Client: '\(address)'>"
    }

    var isClosed: Bool { closedFlag.load(ordering: .acquiring) || !bridge.isAlive }

    /// Fails unless the client is open.
    func ensureOpen() throws {
        if isClosed { throw DuskError(.runtimeError, "this Client is closed") }
    }

    /// The pre-flight check, once per client: every worker imports `dusk_bridge` at Dusk's
    /// version and loads a kernel library that reads Dusk's task bytes; an error within 10 s
    /// otherwise (a worker lacking the package would otherwise die unpickling the first task).
    func preflight() throws {
        try checked.withLock { done in
            guard !done else { return }
            _ = try bridge.call("preflight", [("client", .int(id)), ("timeout", .int(10)),
                                              ("library", .string(KernelLibrarySupport.compatibility))])
            done = true
        }
    }

    /// Dask's repr of the client, asked afresh.
    var repr: String {
        guard !isClosed, let reply = try? bridge.call("client_info", [("client", .int(id))]) else {
            return isClosed ? "<Client: No scheduler connected>" : initialRepr
        }
        return reply.header["repr"]?.stringValue ?? initialRepr
    }

    func close() throws {
        guard !closedFlag.exchange(true, ordering: .acquiringAndReleasing), bridge.isAlive else { return }
        _ = try bridge.call("client_close", [("client", .int(id))])
    }
}

/// `Client(cluster)`, `Client("tcp://host:8786")` or `Client()` (which starts a LocalCluster):
/// a Dask.distributed client. Until `close()`, every `compute()`, `persist()` and
/// `dask.compute` runs on its cluster, as in Dask.
final class ClientObject: RuntimeObject {
    let session: ClientSession
    let cluster: ClusterObject?
    /// Whether this client started `cluster` itself (`Client()`): closing the client closes it.
    private let ownsCluster: Bool
    private let external: ExternalScheduler
    private let previous: Mutex<SchedulerConfiguration?>

    init(address: Value, keywords given: [(String, Value)]) throws {
        var keywords = given
        var setAsDefault = true
        if let index = keywords.firstIndex(where: { $0.0 == "set_as_default" }) {
            guard case .bool(let flag) = keywords[index].1 else {
                throw DuskError(.typeError, "Client() set_as_default must be True or False")
            }
            setAsDefault = flag
            keywords.remove(at: index)
        }
        let cluster: ClusterObject?
        var fields: [(String, JSONValue)] = []
        switch address {
        case .object(let given as ClusterObject):
            cluster = given
            fields.append(("cluster", .int(given.id)))
            ownsCluster = false
        case .str(let text):
            cluster = nil
            fields.append(("address", .string(text)))
            ownsCluster = false
        case .none:
            cluster = try ClusterObject(keywords: keywords)
            fields.append(("cluster", .int(cluster!.id)))
            ownsCluster = true
        default:
            throw DuskError(.typeError, "Client() takes a LocalCluster or a scheduler address such as 'tcp://127.0.0.1:8786', not '\(address.typeName)'")
        }
        let bridge = try cluster?.bridge ?? BridgeProcess.running()
        let reply = try bridge.call("client", fields)
        session = ClientSession(bridge: bridge, reply: reply)
        self.cluster = cluster
        if (reply.header["workers"]?.intValue ?? 0) > 0 {
            do {
                try session.preflight()
            } catch {
                try? session.close()
                if ownsCluster { try? cluster?.close() }
                throw error
            }
        }
        external = ExternalScheduler(DistributedScheduler(session: session), name: "dask.distributed")
        var config = SchedulerDefaults.configuration
        previous = Mutex(setAsDefault ? config : nil)
        if setAsDefault {
            config.external = external
            SchedulerDefaults.configuration = config
        }
    }

    /// This client's scheduler, for `compute(scheduler=client)`.
    func scheduler() throws -> ExternalScheduler {
        try session.ensureOpen()
        return external
    }

    var typeName: String { "Client" }
    var repr: String { session.repr }

    func replDisplay(context: ExecutionContext) -> String? {
        guard let link = session.dashboardLink, !session.isClosed else { return repr }
        return repr + "\nDashboard: " + link
    }

    var attributeNames: [String] {
        (["close", "cluster", "dashboard_link", "get_task_stream", "has_what", "processing", "scheduler_info",
          "wait_for_workers"] + ClientObject.futureMethods).sorted()
    }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "cluster": return cluster.map { .object($0) } ?? .none
        case "dashboard_link": return session.dashboardLink.map { .str($0) } ?? .none
        case "close":
            return .builtin(Builtin("close()", doc: "Disconnects from the cluster and restores the scheduler used before this client.") { [self] _, _ in
                try self.close()
                return .none
            })
        case "get_task_stream":
            return .builtin(Builtin("get_task_stream(start=None)", doc: "The tasks the cluster ran (the dashboard's Task Stream): a list of dicts with key, prefix, worker and status.") { [self] args, _ in
                .list(ListRef(try self.session.taskStream(since: args[0].isNone ? nil : try ArrayConvert.double(args[0], "start"))))
            })
        case "has_what":
            return .builtin(Builtin("has_what()", doc: "The keys each worker holds: a dict from worker address to a tuple of keys.") { [self] _, _ in
                try self.session.keysByWorker("has_what")
            })
        case "processing":
            return .builtin(Builtin("processing()", doc: "The keys each worker is running or has queued: a dict from worker address to a tuple of keys.") { [self] _, _ in
                try self.session.keysByWorker("processing")
            })
        case "wait_for_workers":
            return .builtin(Builtin("wait_for_workers(n_workers=1, timeout=None)", doc: "Waits until the cluster has n_workers workers (TimeoutError after timeout seconds), then checks them.") { [self] args, _ in
                try self.session.ensureOpen()
                var fields: [(String, JSONValue)] = [("client", .int(self.session.id)), ("n", .int(Int64(try args.int(0))))]
                if !args[1].isNone { fields.append(("timeout", .double(try ArrayConvert.double(args[1], "timeout")))) }
                _ = try self.session.bridge.call("wait_for_workers", fields)
                try self.session.preflight()
                return .none
            })
        case "scheduler_info":
            return .builtin(Builtin("scheduler_info()", doc: "The scheduler's address and its workers' count, threads and memory.") { [self] _, _ in
                try self.session.ensureOpen()
                let reply = try self.session.bridge.call("client_info", [("client", .int(self.session.id))])
                func number(_ key: String) -> Value { .int(reply.header[key]?.intValue ?? 0) }
                return try Value.makeDict([
                    (.str("type"), .str("Scheduler")), (.str("address"), .str(self.session.address)),
                    (.str("workers"), number("workers")), (.str("threads"), number("threads")),
                    (.str("memory"), number("memory")),
                ])
            })
        default: return futureMethod(name)
        }
    }

    func close() throws {
        if let config = previous.withLock({ value -> SchedulerConfiguration? in defer { value = nil }; return value }),
           SchedulerDefaults.configuration.external == external {
            SchedulerDefaults.configuration = config
        }
        try session.close()
        if ownsCluster { try cluster?.close() }
    }

    func enter(context: ExecutionContext) throws -> Value? { .object(self) }
    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        try close()
        return false
    }
}
