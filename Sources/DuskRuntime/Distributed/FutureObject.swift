import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax
import Synchronization

/// One key the bridge holds for Dusk, released on the cluster when its last holder goes (a
/// `Future`, a graph node reading it, a persisted collection).
final class FutureHandle: Sendable {
    let session: ClientSession
    let key: String
    /// Where the call that made the future was written: its task's errors point there.
    let location: SourceLocation?

    init(session: ClientSession, key: String, location: SourceLocation?) {
        self.session = session
        self.key = key
        self.location = location
    }

    deinit { session.bridge.releaseLater(.string(key)) }

    var ref: FutureRef { FutureRef(key: key, location: location) }

    /// The value as a graph input: a node the cluster holds under `key` (a scheduler other than
    /// the cluster fetches it). The node keeps the handle, so the value stays while it is read.
    func node() -> DelayedNode {
        DelayedNode(key: key, displayName: GraphNames.prefix(of: key), dependencies: [], location: location,
                    portable: HeldRemotely()) { [self] _ in try session.gather([ref], progress: false)[0] }
    }
}

/// A Dask future (`client.submit`, `client.map`, `client.scatter`, `client.compute`): a value
/// the cluster computes, or holds, under `key` while Dusk holds the future. `result()` fetches
/// it; passed to `submit`, `delayed` calls or `gather`, the workers read it where it is.
final class FutureObject: RuntimeObject {
    let handle: FutureHandle
    /// The future as a graph input.
    let node: DelayedNode

    init(session: ClientSession, key: String, location: SourceLocation?) {
        handle = FutureHandle(session: session, key: key, location: location)
        node = handle.node()
    }

    var session: ClientSession { handle.session }
    var key: String { handle.key }
    var location: SourceLocation? { handle.location }
    var ref: FutureRef { handle.ref }

    var typeName: String { "Future" }

    /// Dask's repr: `<Future: finished, type: int, key: inc-8a3c...>`.
    var repr: String {
        guard let answer = try? session.status([key]).first else { return "<Future: lost, key: \(key)>" }
        let type = answer.type.map { ", type: \($0)" } ?? ""
        return "<Future: \(answer.status)\(type), key: \(key)>"
    }

    var attributeNames: [String] { ["cancel", "cancelled", "done", "exception", "key", "result", "status"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "key": return .str(key)
        case "status": return .str(try currentStatus())
        case "result":
            return .builtin(Builtin("result(timeout=None)", doc: "The future's value, waiting for it (TimeoutError after timeout seconds); a failed task's error.") { [self] args, _ in
                if !args[0].isNone {
                    _ = try session.wait([ref], timeout: try ArrayConvert.double(args[0], "timeout"), firstCompleted: false,
                                         raiseTimeout: true)
                }
                return TaskValues.value(try session.gather([ref])[0])
            })
        case "done":
            return .builtin(Builtin("done()", doc: "Whether the future's task is done (finished, failed or cancelled).") { [self] _, _ in
                .bool(["finished", "error", "cancelled"].contains(try currentStatus()))
            })
        case "cancelled":
            return .builtin(Builtin("cancelled()", doc: "Whether the future was cancelled.") { [self] _, _ in
                .bool(try currentStatus() == "cancelled")
            })
        case "cancel":
            return .builtin(Builtin("cancel()", doc: "Cancels the future's task (it stops, or never starts).") { [self] _, _ in
                try session.cancel([key])
                return .none
            })
        case "exception":
            return .builtin(Builtin("exception(timeout=None)", doc: "The error of the future's task (None if it did not fail), waiting for it to be done.") { [self] args, _ in
                _ = try session.wait([ref], timeout: args[0].isNone ? nil : try ArrayConvert.double(args[0], "timeout"),
                                     firstCompleted: false, raiseTimeout: true)
                return try session.error(of: ref).map { .exception($0.exception) } ?? .none
            })
        default: return nil
        }
    }

    private func currentStatus() throws -> String { try session.status([key]).first?.status ?? "lost" }
}

/// `as_completed(futures, with_results=False)`: the futures in the order they finish (with
/// their results as `(future, result)` pairs when asked).
final class AsCompletedObject: RuntimeObject {
    private let session: ClientSession
    private let withResults: Bool
    /// Futures not handed out yet, and those found done but not handed out, in the order found.
    private let state: Mutex<(pending: [FutureObject], ready: [FutureObject])>

    init(_ futures: [FutureObject], withResults: Bool) throws {
        guard let first = futures.first else { throw DuskError(.valueError, "as_completed() needs at least one future") }
        session = first.session
        state = Mutex((futures, []))
        self.withResults = withResults
    }

    var typeName: String { "as_completed" }
    var repr: String {
        let (pending, ready) = state.withLock { ($0.pending.count, $0.ready.count) }
        return "<as_completed: waiting=\(pending), done=\(ready)>"
    }

    func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        { [self] in try self.next() }
    }

    private func next() throws -> Value? {
        var (pending, ready) = state.withLock { $0 }
        if ready.isEmpty {
            guard !pending.isEmpty else { return nil }
            let done = Set(try session.wait(pending.map(\.ref), timeout: nil, firstCompleted: true, raiseTimeout: false))
            ready = pending.indices.filter { done.contains($0) }.map { pending[$0] }
            pending = pending.indices.filter { !done.contains($0) }.map { pending[$0] }
        }
        guard !ready.isEmpty else { return nil }
        let future = ready.removeFirst()
        state.withLock { $0 = (pending, ready) }
        guard withResults else { return .object(future) }
        return .tuple([.object(future), TaskValues.value(try session.gather([future.ref])[0])])
    }
}

/// The futures inside a value (a future, or lists, tuples, sets and dict values of them), and
/// the value rebuilt with each future replaced (`client.gather`, `wait`).
enum FutureCollection {
    static func futures(in value: Value) -> [FutureObject] {
        switch value {
        case .object(let future as FutureObject): return [future]
        case .list(let list): return list.items.flatMap(futures)
        case .tuple(let items): return items.flatMap(futures)
        case .set(let set): return set.items.flatMap(futures)
        case .dict(let dict): return dict.entries.flatMap { futures(in: $0.value) }
        default: return []
        }
    }

    static func replacing(_ value: Value, _ results: [ObjectIdentifier: Value]) throws -> Value {
        switch value {
        case .object(let future as FutureObject): return results[ObjectIdentifier(future)] ?? value
        case .list(let list): return .list(ListRef(try list.items.map { try replacing($0, results) }))
        case .tuple(let items): return .tuple(try items.map { try replacing($0, results) })
        case .dict(let dict):
            return try Value.makeDict(try dict.entries.map { ($0.key, try replacing($0.value, results)) })
        default: return value
        }
    }
}
