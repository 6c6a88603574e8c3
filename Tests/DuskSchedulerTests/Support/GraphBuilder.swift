import DuskArray
import DuskGraph

/// Builds synthetic task graphs for scheduler tests, appending tasks in index order.
struct GraphBuilder {
    var tasks: [Task] = []

    /// Appends a task and returns its index.
    @discardableResult
    mutating func add(_ name: String, _ index: [Int] = [], _ dependencies: [Int] = [],
                      _ function: @escaping TaskFunction) -> Int {
        tasks.append(Task(key: TaskKey(name, index), dependencies: dependencies, origin: nil, function: function))
        return tasks.count - 1
    }

    func graph(outputs: [Int]) -> TaskGraph { TaskGraph(tasks: tasks, outputs: outputs) }
}

/// Graph shapes used by several tests.
enum GraphShapes {
    /// The shape of `ones([n]*3, chunks=[c]*3).T.sum()` built layer by layer, as a
    /// lowering does: `chunks` sources, one transpose and one partial sum per chunk,
    /// then a tree combine with fan-in `splitEvery`, and one output. Every value is a
    /// `Token` of `counter`; the output's number is the number of chunks.
    static func chunkedSum(chunks: Int, splitEvery: Int, counter: LiveCounter) -> TaskGraph {
        var builder = GraphBuilder()
        let sources = (0..<chunks).map { block in
            builder.add("ones", [block]) { _ in counter.value(1) }
        }
        let transposed = sources.enumerated().map { block, source in
            builder.add("transpose", [block], [source]) { inputs in counter.value(inputs[0].number) }
        }
        var level = transposed.enumerated().map { block, chunk in
            builder.add("sum-partial", [block], [chunk]) { inputs in counter.value(inputs[0].number) }
        }
        var depth = 0
        while level.count > 1 {
            depth += 1
            level = stride(from: 0, to: level.count, by: splitEvery).enumerated().map { group, start in
                let members = Array(level[start ..< Swift.min(start + splitEvery, level.count)])
                return builder.add("sum-combine-\(depth)", [group], members) { inputs in
                    counter.value(inputs.reduce(0) { $0 + $1.number })
                }
            }
        }
        return builder.graph(outputs: level)
    }

    /// A random DAG of `count` tasks with up to `maxInputs` inputs each, picked among
    /// the previous `window` tasks. Each value is an `Int` (or, with `arrays`, some are
    /// 1-element float64 arrays) derived from the inputs, so every order gives the same
    /// values. Outputs: a few random tasks plus the last.
    static func randomDAG(seed: UInt64, count: Int, maxInputs: Int = 4, window: Int = 20,
                          arrays: Bool = false) throws -> TaskGraph {
        var random = SeededGenerator(seed: seed)
        var builder = GraphBuilder()
        for index in 0..<count {
            var dependencies: [Int] = []
            if index > 0 {
                let inputs = Int.random(in: 0...Swift.min(maxInputs, index), using: &random)
                for _ in 0..<inputs {
                    dependencies.append(Int.random(in: Swift.max(0, index - window) ..< index, using: &random))
                }
            }
            let salt = Int.random(in: 1...1000, using: &random)
            let makesArray = arrays && Bool.random(using: &random)
            builder.add("random-\(seed)", [index], dependencies) { inputs in
                var total = salt
                for input in inputs { total = (total &* 31 &+ GraphShapes.scalar(input)) % 1_000_003 }
                if makesArray {
                    let array = try NDArray(uninitialized: .float64, shape: [1])
                    array.pointer(as: Double.self).pointee = Double(total)
                    return .array(array)
                }
                return .object(total)
            }
        }
        var outputs = [count - 1]
        for _ in 0..<3 { outputs.append(Int.random(in: 0..<count, using: &random)) }
        return builder.graph(outputs: outputs)
    }

    /// An `Int` or a 1-element float64 array as an integer.
    static func scalar(_ value: TaskValue) -> Int {
        switch value {
        case .array(let array): Int(array.pointer(as: Double.self).pointee)
        case .object(let number as Int): number
        case .object(let other): fatalError("unexpected value \(other)")
        }
    }
}
