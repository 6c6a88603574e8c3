import DuskArray
import DuskGraph
import DuskScheduler

/// `client.submit`, `map`, `gather`, `scatter`, `compute` and `cancel`: Dask's futures API.
extension ClientObject {
    static let futureMethods = ["cancel", "compute", "gather", "map", "persist", "scatter", "submit"]

    func futureMethod(_ name: String) -> Value? {
        switch name {
        case "submit":
            return .builtin(Builtin("submit(func, *args, key=None, pure=True, **kwargs)", doc: """
                Runs func(*args, **kwargs) on the cluster and returns a Future at once. Arguments may be \
                futures (the workers read them where they are); pure=False runs it again for the same arguments.
                """) { [self] args, ctx in
                let keyName = try args["key"].isNone ? nil : ArrayConvert.nameString(args["key"])
                let pure = args["pure"].isNone ? true : try args.bool(named: "pure")
                let node = try ClientObject.call(args[0], Arguments(args.variadic, keywords: args.extraKeywords.map { .init($0.0, $0.1) }),
                                         key: keyName, pure: pure, context: ctx)
                return .object(try submit([node], context: ctx)[0])
            })
        case "map":
            return .builtin(Builtin("map(func, *iterables, key=None, pure=True, **kwargs)", doc: """
                Submits func for each element of the iterables (zipped, the shortest decides): a list of Futures.
                """) { [self] args, ctx in
                let pure = args["pure"].isNone ? true : try args.bool(named: "pure")
                let prefix = try args["key"].isNone ? nil : ArrayConvert.nameString(args["key"])
                let columns = try args.variadic.map { try ctx.elements(of: $0) }
                guard !columns.isEmpty else { throw DuskError(.typeError, "map() needs at least one iterable") }
                let count = columns.map(\.count).min() ?? 0
                let keywords = args.extraKeywords.map { Arguments.Keyword($0.0, $0.1) }
                var nodes: [DelayedNode] = []
                for row in 0..<count {
                    let key = prefix.map { "\($0)-\(row)" }
                    nodes.append(try ClientObject.call(args[0], Arguments(columns.map { $0[row] }, keywords: keywords), key: key,
                                               pure: pure, context: ctx))
                }
                return .list(ListRef(try submit(nodes, context: ctx).map { .object($0) }))
            })
        case "gather":
            return .builtin(Builtin("gather(futures)", doc: "The values of futures: a Future, or lists, tuples and dicts of them, rebuilt with the values.") { [self] args, _ in
                try gather(args[0])
            })
        case "scatter":
            return .builtin(Builtin("scatter(data, broadcast=False)", doc: """
                Sends data to the workers: a Future for a value, a list of Futures for a list, a dict of \
                Futures for a dict. broadcast=True puts a copy on every worker.
                """) { [self] args, ctx in
                let broadcast = args[1].isNone ? false : try args.bool(1)
                let location = ctx.callLocation
                func scatter(_ values: [Value]) throws -> [Value] {
                    let entries = values.map { value -> (key: String, value: TaskValue) in
                        var builder = TokenBuilder()
                        builder.combine(CallToken.token(value))
                        return (value.typeName + "-" + builder.finalize(), TaskValues.taskValue(value))
                    }
                    let session = self.session
                    let keys = try session.scatter(entries, broadcast: broadcast)
                    return keys.map { .object(FutureObject(session: session, key: $0, location: location)) }
                }
                switch args[0] {
                case .list(let list): return .list(ListRef(try scatter(list.items)))
                case .tuple(let items): return .list(ListRef(try scatter(items)))
                case .dict(let dict):
                    let entries = dict.entries
                    let futures = try scatter(entries.map(\.value))
                    return try Value.makeDict(Array(zip(entries.map(\.key), futures)))
                default: return try scatter([args[0]])[0]
                }
            })
        case "compute":
            return .builtin(Builtin("compute(collections, sync=False)", doc: """
                Starts computing lazy values on the cluster: a Future for one, a list of Futures for a list \
                (sync=True: their values instead, as dask.compute gives them).
                """) { [self] args, ctx in
                let sync = args[1].isNone ? false : try args.bool(1)
                let items: [Value]
                switch args[0] {
                case .list(let list): items = list.items
                case .tuple(let tuple): items = tuple
                default: items = [args[0]]
                }
                var nodes: [DelayedNode] = []
                var positions: [Int] = []
                for (i, item) in items.enumerated() {
                    if let node = DelayedCalls.finalize(item, interpreter: ctx.interpreter) {
                        positions.append(i)
                        nodes.append(node)
                    }
                }
                var results = items
                for (i, future) in zip(positions, try submit(nodes, context: ctx)) { results[i] = .object(future) }
                if sync { results = try results.map { try gather($0) } }
                if case .list = args[0] { return .list(ListRef(results)) }
                if case .tuple = args[0] { return .list(ListRef(results)) }
                return results[0]
            })
        case "persist":
            return .builtin(Builtin("persist(collections)", doc: """
                Computes lazy values on the cluster and keeps the results there: lazy values of the same \
                kind reading them (a list for a list).
                """) { [self] args, ctx in
                switch args[0] {
                case .list(let list): return .list(ListRef(try list.items.map { try session.persist($0, context: ctx) }))
                case .tuple(let items): return .list(ListRef(try items.map { try session.persist($0, context: ctx) }))
                default: return try session.persist(args[0], context: ctx)
                }
            })
        case "cancel":
            return .builtin(Builtin("cancel(futures)", doc: "Cancels futures (a Future, or lists of them).") { [self] args, _ in
                try session.cancel(FutureCollection.futures(in: args[0]).map(\.key))
                return .none
            })
        default:
            return nil
        }
    }

    /// A delayed call of `function` as `submit` records it (Dask's key: the function's name
    /// and a token of it and the arguments, unless `pure` is false).
    static func call(_ function: Value, _ arguments: Arguments, key: String?, pure: Bool,
                     context: ExecutionContext) throws -> DelayedNode {
        let identity = CallToken.identity(of: function)
        let call = try DelayedCalls.call(function, name: identity.name, identity: identity.token, arguments: arguments,
                                         pure: pure, keyName: key, nout: nil, context: context)
        guard case .object(let delayed as DelayedObject) = call else {
            throw DuskError(.runtimeError, "submit() did not record a call")
        }
        return delayed.node
    }

    /// Submits delayed nodes: their futures, made where the call was written.
    func submit(_ nodes: [DelayedNode], context: ExecutionContext) throws -> [FutureObject] {
        guard !nodes.isEmpty else { return [] }
        let keys = try session.submit(nodes.map { .delayed($0) })
        let location = context.callLocation
        return keys.map { FutureObject(session: session, key: $0, location: location) }
    }

    /// `gather`: the value with its futures replaced by their values, fetched together.
    func gather(_ value: Value) throws -> Value {
        let futures = FutureCollection.futures(in: value)
        guard !futures.isEmpty else { return value }
        let values = try session.gather(futures.map(\.ref))
        var results: [ObjectIdentifier: Value] = [:]
        for (future, result) in zip(futures, values) { results[ObjectIdentifier(future)] = TaskValues.value(result) }
        return try FutureCollection.replacing(value, results)
    }
}
