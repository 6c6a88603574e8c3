import DuskGraph

/// What every scheduler derives from a graph before running it: priorities, the
/// dependents of each task, and the initial counters.
///
/// Dependencies are counted with multiplicity: a task listing the same input twice
/// waits for two decrements and holds two references, so the counters stay exact.
struct ExecutionPlan: Sendable {
    /// Task indices in priority order.
    let order: [Int]
    /// `rank[task]`: the task's position in `order`.
    let rank: [Int]
    /// Dependents of task t: `dependents[dependentStart[t] ..< dependentStart[t + 1]]`.
    let dependentStart: [Int]
    let dependents: [Int]
    /// How many dependency values a task waits for.
    let dependencyCount: [Int]
    /// How many consumers hold a task's value: its dependents, plus one if it is an
    /// output (outputs are held to the end). Zero: the value is dropped at once.
    let holdCount: [Int]
    /// Ranks of the tasks with no dependencies: ready at the start.
    let initialReadyRanks: [Int]

    /// Checks the graph's invariants and builds the plan.
    ///
    /// - Complexity: O(V + E log d).
    init(_ graph: TaskGraph) throws {
        let n = graph.count
        var dependencyCount = [Int](repeating: 0, count: n)
        var dependentCount = [Int](repeating: 0, count: n + 1)
        for (index, task) in graph.tasks.enumerated() {
            for dependency in task.dependencies {
                guard dependency >= 0 && dependency < index else {
                    throw InvalidTaskGraph(
                        "task \(task.key) (index \(index)) depends on index \(dependency), which does not come before it")
                }
                dependentCount[dependency] += 1
            }
            dependencyCount[index] = task.dependencies.count
        }
        var holdCount = Array(dependentCount[0..<n])
        for output in graph.outputs {
            guard output >= 0 && output < n else {
                throw InvalidTaskGraph("output index \(output) is out of range for \(n) tasks")
            }
            holdCount[output] += 1
        }

        var start = [Int](repeating: 0, count: n + 1)
        for index in 0..<n { start[index + 1] = start[index] + dependentCount[index] }
        var fill = start
        var dependents = [Int](repeating: 0, count: start[n])
        for (index, task) in graph.tasks.enumerated() {
            for dependency in task.dependencies {
                dependents[fill[dependency]] = index
                fill[dependency] += 1
            }
        }

        let order = graph.executionOrder()
        var rank = [Int](repeating: 0, count: n)
        for (position, task) in order.enumerated() { rank[task] = position }

        self.order = order
        self.rank = rank
        self.dependentStart = start
        self.dependents = dependents
        self.dependencyCount = dependencyCount
        self.holdCount = holdCount
        self.initialReadyRanks = (0..<n).filter { dependencyCount[$0] == 0 }.map { rank[$0] }
    }
}
