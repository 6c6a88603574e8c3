import DuskArray

/// A task graph regrouped for a remote scheduler (Dask.distributed): chains of Dusk tasks that
/// make one output chunk become one remote task, blocks of in-memory arrays become data.
///
/// A remote scheduler pays about a millisecond per task where Dusk's own pays microseconds, so
/// a task is folded into its dependent when that dependent is the only task reading it and
/// either reads nothing else or is a blockwise step (elementwise, a reduction's per-chunk step,
/// `map_blocks`...): the chain `ones → add → sum-partial` of one block is one remote task,
/// while the partials of a reduction stay separate tasks so they run in parallel. A folded
/// task's key is named as Dask names fused keys: the prefixes in execution order, then the
/// token of the last (`ones-add-sum-partial-3f2a...`).
public struct RemoteGraph: Sendable {
    /// One task of the remote graph.
    public struct RemoteTask: Sendable {
        public enum Payload: Sendable {
            /// Run these Dusk tasks (indices into the original graph, in order; the last one's
            /// value is the result).
            case run(members: [Int])
            /// A value known now (an in-memory array's block).
            case data(TaskValue)
            /// A value the remote cluster already holds under this task's key (a future).
            case held
        }

        /// The key the remote scheduler knows it by.
        public var key: TaskKey
        public var payload: Payload
        /// Indices of remote tasks whose values this one reads, in the order its members read them.
        public var dependencies: [Int]
    }

    public var tasks: [RemoteTask]
    /// For each task of the original graph, the remote task computing it (nil for tasks the
    /// caller runs itself: see `localOutputs`).
    public var remoteIndex: [Int?]
    /// The remote tasks whose values come back.
    public var fetched: [Int]

    /// Regroups `graph`. Outputs that assemble blocks (`TaskWork.assemble`) are not sent: their
    /// blocks are fetched and assembled by the caller, who runs `graph.tasks[o].function` on them.
    public init(_ graph: TaskGraph) throws(GraphError) {
        let n = graph.count
        var dependents = [Int](repeating: 0, count: n)
        var onlyDependent = [Int](repeating: -1, count: n)
        for (index, task) in graph.tasks.enumerated() {
            for dependency in task.dependencies {
                dependents[dependency] += 1
                onlyDependent[dependency] = index
            }
        }
        // Outputs assembled locally, and their blocks fetched.
        var local = [Bool](repeating: false, count: n)
        var fetchedTasks: [Int] = []
        var isFetched = [Bool](repeating: false, count: n)
        func fetch(_ task: Int) {
            if !isFetched[task] { isFetched[task] = true; fetchedTasks.append(task) }
        }
        for output in graph.outputs {
            if case .assemble = graph.tasks[output].work {
                local[output] = true
                for dependency in graph.tasks[output].dependencies { fetch(dependency) }
            } else {
                fetch(output)
            }
        }
        for (index, task) in graph.tasks.enumerated() where task.work == nil && !local[index] {
            throw GraphError.notPortable("this task's work", key: task.key.description)
        }

        // owner[t]: the task whose remote task computes t (itself unless folded into a dependent).
        var owner = Array(0..<n)
        for task in stride(from: n - 1, through: 0, by: -1) where !local[task] {
            let dependent = onlyDependent[task]
            guard dependents[task] == 1, !isFetched[task], !local[dependent],
                  !RemoteGraph.isData(graph.tasks[task]),
                  graph.tasks[dependent].dependencies.count == 1 || RemoteGraph.isBlockwise(graph.tasks[dependent])
            else { continue }
            owner[task] = owner[dependent]
        }
        var members: [Int: [Int]] = [:]
        for task in 0..<n where !local[task] { members[owner[task], default: []].append(task) }

        var tasks: [RemoteTask] = []
        var remoteIndex = [Int?](repeating: nil, count: n)
        for root in 0..<n where !local[root] && owner[root] == root {
            let group = members[root] ?? [root]
            let index = tasks.count
            for member in group { remoteIndex[member] = index }
            var dependencies: [Int] = []
            for member in group {
                for dependency in graph.tasks[member].dependencies where owner[dependency] != root {
                    dependencies.append(remoteIndex[dependency]!)
                }
            }
            let rootTask = graph.tasks[root]
            let payload: RemoteTask.Payload
            if RemoteGraph.isData(rootTask), case .block(let expr, let block)? = rootTask.work,
               case .fromArray(let array) = expr.op {
                payload = .data(.array(ChunkKernels.view(array, expr.chunks.blockRanges(block))))
            } else if RemoteGraph.isHeld(rootTask) {
                payload = .held
            } else {
                payload = .run(members: group)
            }
            tasks.append(RemoteTask(key: RemoteGraph.fusedKey(group.map { graph.tasks[$0] }),
                                    payload: payload, dependencies: dependencies))
        }
        self.tasks = tasks
        self.remoteIndex = remoteIndex
        self.fetched = fetchedTasks.map { remoteIndex[$0]! }
    }

    /// Dask's name for a fused chain: the distinct prefixes in order (a layer the optimizer
    /// fused counts as its members, innermost first), then the last key's token.
    static func fusedKey(_ tasks: [Task]) -> TaskKey {
        var prefixes: [String] = []
        for task in tasks {
            var names = [GraphNames.prefix(of: task.key.name)]
            if case .block(let expr, _)? = task.work, case .fused(let fused) = expr.op, !fused.members.isEmpty {
                names = fused.members.reversed()
            }
            for name in names where !prefixes.contains(name) { prefixes.append(name) }
        }
        let last = tasks[tasks.count - 1].key
        let token = last.name.dropFirst(GraphNames.prefix(of: last.name).count)
        return TaskKey(prefixes.joined(separator: "-") + token, last.index)
    }

    /// A block of an in-memory array, or a value the cluster holds: never folded into a dependent.
    static func isData(_ task: Task) -> Bool {
        if case .block(let expr, _)? = task.work, case .fromArray = expr.op { return true }
        return isHeld(task)
    }

    static func isHeld(_ task: Task) -> Bool {
        if case .delayed(let node)? = task.work, node.portable is HeldRemotely { return true }
        return false
    }

    static func isBlockwise(_ task: Task) -> Bool {
        if case .block(let expr, _)? = task.work { return expr.op.isBlockwise }
        return false
    }
}
