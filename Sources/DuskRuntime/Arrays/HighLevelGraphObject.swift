import DuskGraph
import Synchronization

/// `x.dask` and `x.__dask_graph__()`: Dask's `HighLevelGraph`. Its repr lists the layers and
/// their task counts; as a mapping (`len`, iteration, `g[key]`, `keys()`, `dict(g)`) it holds
/// the low-level tasks, every block of every layer, keyed as Dask keys them:
/// `('sum-3f2a...', 0, 1)` for a block, `'add-1f0e...'` for a delayed call.
final class HighLevelGraphObject: RuntimeObject {
    let outputs: [GraphOutput]
    let summary: GraphSummary
    /// The tasks, lowered the first time they are asked for.
    private let lowered = Mutex<Tasks?>(nil)

    /// The low-level graph: keys in topological order and each key's position.
    struct Tasks: Sendable {
        var picture: GraphPicture
        var keys: [Value]
        var positions: [HashKey: Int]
    }

    init(_ outputs: [GraphOutput]) {
        self.outputs = outputs
        self.summary = GraphSummary(outputs)
    }

    var typeName: String { "HighLevelGraph" }
    var repr: String { summary.description }
    func length() throws -> Int? { summary.taskCount }
    var attributeNames: [String] { ["layers", "dependencies", "keys", "values", "items", "get"] }

    func tasks() throws -> Tasks {
        if let known = lowered.withLock({ $0 }) { return known }
        guard summary.taskCount <= ExecutionContext.maxMaterializedCount else {
            throw DuskError(.memoryError, "cannot list the \(summary.taskCount) tasks of this graph")
        }
        let picture = try graphCall { () throws(GraphError) in
            try GraphPicture.of(outputs, optimized: false, maximumTasks: .max)
        }
        var keys: [Value] = []
        var positions: [HashKey: Int] = [:]
        for index in picture.tasks.indices {
            let key = HighLevelGraphObject.keyValue(picture, index)
            positions[try key.hashKey()] = keys.count
            keys.append(key)
        }
        let made = Tasks(picture: picture, keys: keys, positions: positions)
        lowered.withLock { $0 = made }
        return made
    }

    /// A task's key as a Dusk value: a tuple for a block, a string for a delayed call.
    static func keyValue(_ picture: GraphPicture, _ index: Int) -> Value {
        let task = picture.tasks[index]
        guard task.isBlock else { return .str(task.key.name) }
        return .tuple([.str(task.key.name)] + task.key.index.map { .int($0) })
    }

    private func task(_ key: Value) throws -> Value? {
        let tasks = try tasks()
        guard let hash = try? key.hashKey(), let index = tasks.positions[hash] else { return nil }
        return .object(TaskObject(tasks: tasks, index: index))
    }

    func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        let keys = try tasks().keys
        var position = 0
        return {
            guard position < keys.count else { return nil }
            defer { position += 1 }
            return keys[position]
        }
    }

    func contains(_ item: Value, context: ExecutionContext) throws -> Bool? { try task(item) != nil }

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        guard let found = try task(index) else { throw DuskError.keyNotFound(index) }
        return found
    }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "layers":
            return try Value.makeDict(summary.layers.map { (.str($0.name), .str("\($0.operation), \($0.taskCount) tasks")) })
        case "dependencies":
            return try Value.makeDict(summary.layers.map { layer in
                (.str(layer.name), .set(try SetRef(layer.dependencies.map { .str($0) })))
            })
        case "keys":
            return method("keys()", "The task keys, inputs first.") { graph in .list(ListRef(try graph.tasks().keys)) }
        case "values":
            return method("values()", "The tasks, inputs first.") { graph in
                let tasks = try graph.tasks()
                return .list(ListRef(tasks.keys.indices.map { .object(TaskObject(tasks: tasks, index: $0)) }))
            }
        case "items":
            return method("items()", "(key, task) pairs, inputs first.") { graph in
                let tasks = try graph.tasks()
                return .list(ListRef(tasks.keys.indices.map { .tuple([tasks.keys[$0], .object(TaskObject(tasks: tasks, index: $0))]) }))
            }
        case "get":
            let graph = self
            return .builtin(Builtin("get(key, default=None)", doc: "The task for key, or default.") { args, _ in
                try graph.task(args[0]) ?? args[1]
            })
        default:
            return nil
        }
    }

    private func method(_ signature: String, _ doc: String, _ body: @escaping @Sendable (HighLevelGraphObject) throws -> Value) -> Value {
        let graph = self
        return .builtin(Builtin(signature, doc: doc) { _, _ in try body(graph) })
    }
}

/// One low-level task (Dask's `Task`): `<Task ('add-3f2a...', 0, 1) add(...)>`, with its key
/// and the keys it depends on.
final class TaskObject: RuntimeObject {
    let tasks: HighLevelGraphObject.Tasks
    let index: Int

    init(tasks: HighLevelGraphObject.Tasks, index: Int) {
        self.tasks = tasks
        self.index = index
    }

    var typeName: String { "Task" }
    var repr: String {
        "<Task \(tasks.picture.keyText(index)) \(tasks.picture.functionLabel(index))(\(tasks.picture.tasks[index].dependencies.isEmpty ? "" : "..."))>"
    }
    var attributeNames: [String] { ["key", "dependencies"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "key": return tasks.keys[index]
        case "dependencies": return .set(try SetRef(tasks.picture.tasks[index].dependencies.map { tasks.keys[$0] }))
        default: return nil
        }
    }
}
