import DuskGraph

/// Static priorities: the order in which schedulers start ready tasks.
///
/// The rule, in the spirit of `dask.order`:
/// 1. Each task gets a *need*: how many values must be alive at once to compute it,
///    counted as for registers in Sethi–Ullman numbering. A leaf needs 1; a task whose
///    dependencies (sorted by need, largest first) need n₀ ≥ n₁ ≥ … needs
///    max(1, maxᵢ(nᵢ + i)): while the i-th dependency is being computed the i earlier
///    ones are held. Shared dependencies are counted as if they were not shared.
/// 2. The order is a depth-first post-order from the outputs (in the caller's order),
///    then from every other task that nothing depends on (in index order). A task's
///    dependencies are visited largest need first, ties by lower index (chunk order).
///
/// Depth-first post-order finishes one branch before starting the next, so a chain
/// `chunk → transpose → partial sum` runs to its end (and its chunk is freed) before
/// the next chunk is made; visiting the most demanding dependency first is what keeps
/// the peak number of held values smallest on trees. The order is topological, so the
/// synchronous scheduler runs tasks in exactly this order, and the parallel ones pick,
/// among ready tasks, the one that comes first in it.
extension TaskGraph {
    /// Task indices in priority order (the synchronous scheduler's run order).
    ///
    /// - Complexity: O(V + E log d), d the largest number of dependencies of a task.
    public func executionOrder() -> [Int] {
        let n = tasks.count
        let need = sethiUllmanNeeds()

        var hasDependents = [Bool](repeating: false, count: n)
        for task in tasks {
            for dependency in task.dependencies { hasDependents[dependency] = true }
        }

        var order: [Int] = []
        order.reserveCapacity(n)
        // 0: not seen, 1: expanded (dependencies pushed), 2: emitted.
        var state = [UInt8](repeating: 0, count: n)
        var stack: [Int] = []
        var children: [Int] = []

        func visit(_ root: Int) {
            guard state[root] == 0 else { return }
            stack.append(root)
            while let top = stack.popLast() {
                if top < 0 {
                    // A marker: every dependency of ~top has been emitted.
                    let task = ~top
                    if state[task] != 2 {
                        state[task] = 2
                        order.append(task)
                    }
                    continue
                }
                guard state[top] == 0 else { continue }
                state[top] = 1
                stack.append(~top)
                children.removeAll(keepingCapacity: true)
                for dependency in tasks[top].dependencies where state[dependency] == 0 {
                    children.append(dependency)
                }
                if children.count > 1 {
                    children.sort { need[$0] != need[$1] ? need[$0] > need[$1] : $0 < $1 }
                }
                // Pushed in reverse so the first child is expanded first; a duplicate
                // is skipped when popped the second time.
                for child in children.reversed() { stack.append(child) }
            }
        }

        for output in outputs where output >= 0 && output < n { visit(output) }
        for task in 0..<n where !hasDependents[task] { visit(task) }
        return order
    }

    /// The rank of every task in `executionOrder()`: lower runs first.
    public func priorities() -> [Int] {
        var rank = [Int](repeating: 0, count: tasks.count)
        for (position, task) in executionOrder().enumerated() { rank[task] = position }
        return rank
    }

    /// Sethi–Ullman needs, in index order (valid because tasks are topologically sorted).
    private func sethiUllmanNeeds() -> [Int] {
        var need = [Int](repeating: 1, count: tasks.count)
        var scratch: [Int] = []
        for (index, task) in tasks.enumerated() {
            let dependencies = task.dependencies
            switch dependencies.count {
            case 0:
                continue
            case 1:
                need[index] = need[dependencies[0]]
            default:
                scratch.removeAll(keepingCapacity: true)
                for dependency in dependencies { scratch.append(need[dependency]) }
                scratch.sort(by: >)
                var most = 1
                for (position, value) in scratch.enumerated() { most = Swift.max(most, value + position) }
                need[index] = most
            }
        }
        return need
    }
}
