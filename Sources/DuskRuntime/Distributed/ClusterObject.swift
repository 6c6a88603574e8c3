import DuskZarr

/// `LocalCluster(...)`: a Dask scheduler and worker processes on this machine, started by the
/// bridge with Dask's own `distributed.LocalCluster` (workers spawned, never forked).
final class ClusterObject: RuntimeObject {
    let bridge: BridgeProcess
    let id: Int64
    let schedulerAddress: String
    let dashboardLink: String?
    private let startRepr: String

    init(keywords: [(String, Value)]) throws {
        bridge = try BridgeProcess.running()
        let reply = try bridge.call("cluster", [("kwargs", .object(try BridgeJSON.keywords(keywords)))])
        id = reply.header["cluster"]?.intValue.map(Int64.init) ?? 0
        schedulerAddress = reply.header["address"]?.stringValue ?? ""
        dashboardLink = reply.header["dashboard_link"]?.stringValue
        startRepr = reply.header["repr"]?.stringValue ?? "LocalCluster(\(schedulerAddress))"
    }

    var typeName: String { "LocalCluster" }

    /// Dask's repr, asked afresh (workers come and go).
    var repr: String {
        guard bridge.isAlive, let reply = try? bridge.call("cluster_info", [("cluster", .int(id))]) else { return startRepr }
        return reply.header["repr"]?.stringValue ?? startRepr
    }

    var attributeNames: [String] { ["close", "dashboard_link", "scale", "scheduler_address"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "scheduler_address": return .str(schedulerAddress)
        case "dashboard_link": return dashboardLink.map { .str($0) } ?? .none
        case "close":
            return .builtin(Builtin("close()", doc: "Stops the cluster's scheduler and workers.") { [self] _, _ in
                try self.close()
                return .none
            })
        case "scale":
            return .builtin(Builtin("scale(n)", doc: "Starts or stops workers until there are n.") { [self] args, _ in
                _ = try self.bridge.call("cluster_scale", [("cluster", .int(self.id)), ("n", .int(Int64(try args.int(0))))])
                return .none
            })
        default: return nil
        }
    }

    func close() throws {
        guard bridge.isAlive else { return }
        _ = try bridge.call("cluster_close", [("cluster", .int(id))])
    }

    func enter(context: ExecutionContext) throws -> Value? { .object(self) }
    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        try close()
        return false
    }
}

extension BridgeProcess {
    /// A request whose failure is a Dusk exception.
    func call(_ op: String, _ fields: [(String, JSONValue)] = [], buffers: [BridgeBuffer] = []) throws -> Reply {
        do {
            return try request(op, fields, buffers: buffers)
        } catch let failure as BridgeFailure {
            throw failure.duskError
        }
    }
}
