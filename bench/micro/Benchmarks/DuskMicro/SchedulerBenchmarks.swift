// Per-task scheduler overhead on trivial tasks, through DuskGraph's TaskGraph and
// DuskScheduler's public schedulers. Each iteration runs a whole graph of
// `taskCount` tasks: divide the time by it for the cost of one task.
import Benchmark
import DuskArray
import DuskGraph
import DuskScheduler

let taskCount = 10_000

/// `count` tasks with no dependencies, each returning its index.
func independentGraph(_ count: Int) -> TaskGraph {
    let tasks = (0..<count).map { index in
        DuskGraph.Task(key: TaskKey("leaf", [index]), dependencies: [], origin: nil) { _ in .object(index) }
    }
    return TaskGraph(tasks: tasks, outputs: Array(0..<count))
}

/// `count` tasks, each adding one to the value of the task before it.
func chainGraph(_ count: Int) -> TaskGraph {
    var tasks = [DuskGraph.Task(key: TaskKey("link", [0]), dependencies: [], origin: nil) { _ in .object(0) }]
    for index in 1..<count {
        tasks.append(DuskGraph.Task(key: TaskKey("link", [index]), dependencies: [index - 1], origin: nil) { inputs in
            guard case .object(let value) = inputs[0], let number = value as? Int else { return .object(-1) }
            return .object(number + 1)
        })
    }
    return TaskGraph(tasks: tasks, outputs: [count - 1])
}

func schedulerBenchmarks() {
    let schedulers: [(String, any Scheduler)] = [
        ("sync", SynchronousScheduler()),
        ("threads", ThreadedScheduler()),
    ]
    let shapes: [(String, TaskGraph)] = [
        ("independent", independentGraph(taskCount)),
        ("chain", chainGraph(taskCount)),
    ]
    let options = ComputeOptions(progress: false)
    for (shapeName, graph) in shapes {
        for (schedulerName, scheduler) in schedulers {
            Benchmark("scheduler \(shapeName) \(taskCount) tasks, \(schedulerName)",
                      configuration: .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try scheduler.run(graph, options: options))
                }
            }
        }
    }
}
