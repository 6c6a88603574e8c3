import DuskArray

/// The bytes of one remote task: its Dusk tasks in order, each a key, its work and where its
/// arguments come from. A Dask worker's copy of Dusk decodes and runs them
/// (`RemoteTaskProgram.run`).
///
/// Format (`WireWriter` fields): the magic `DTK`, a version byte, the layers the steps use
/// (each `ArrayExpr.wireEncoded()`, once), then the steps: key name and index, the work (a tag,
/// then its parameters), the arguments (each the remote task's input `i` or an earlier step's value).
public struct RemoteTaskProgram: Sendable {
    public static let version: UInt8 = 1

    /// Where a step's argument comes from.
    public enum Argument: Sendable, Hashable {
        /// The value of the remote task's dependency `i`.
        case input(Int)
        /// The value of an earlier step.
        case step(Int)
    }

    public struct Step: Sendable {
        public var key: TaskKey
        public var function: TaskFunction
        public var arguments: [Argument]
        /// The operations the step stands for: its key's prefix, or a fused layer's members.
        public var operations: [String] = []
    }

    public var steps: [Step]
    /// How many input values `run` takes.
    public var inputCount: Int

    /// Runs the steps on the remote task's inputs; the last step's value is the result. An error
    /// names the step's key (the sender maps it back to where the expression was written).
    public func run(_ inputs: [TaskValue]) throws -> TaskValue {
        guard inputs.count == inputCount else {
            throw GraphError.wire("the task takes \(inputCount) inputs, it was given \(inputs.count)")
        }
        var values: [TaskValue?] = Array(repeating: nil, count: steps.count)
        for (index, step) in steps.enumerated() {
            var arguments: [TaskValue] = []
            arguments.reserveCapacity(step.arguments.count)
            for argument in step.arguments {
                switch argument {
                case .input(let i): arguments.append(inputs[i])
                case .step(let s): arguments.append(values[s]!)
                }
            }
            do {
                values[index] = try step.function(arguments)
            } catch {
                throw TaskFailure(key: step.key, origin: nil, underlying: error)
            }
        }
        return values[steps.count - 1]!
    }
}

extension RemoteGraph {
    /// The bytes of remote task `index` (a `.run` payload) of a graph made from `graph`.
    public func encodedProgram(_ index: Int, of graph: TaskGraph) throws(GraphError) -> [UInt8] {
        guard case .run(let members) = tasks[index].payload else {
            throw GraphError.wire("remote task \(index) is data")
        }
        var w = WireWriter()
        for byte in "DTK".utf8 { w.byte(byte) }
        w.byte(RemoteTaskProgram.version)
        var layers: [String: Int] = [:]
        var layerBytes: [[UInt8]] = []
        var steps = WireWriter()
        var position: [Int: Int] = [:]
        var input = 0
        steps.int(members.count)
        for (stepIndex, member) in members.enumerated() {
            let task = graph.tasks[member]
            position[member] = stepIndex
            steps.string(task.key.name)
            steps.ints(task.key.index)
            switch task.work {
            case .block(let expr, let block)?:
                let layer: Int
                if let known = layers[expr.name] {
                    layer = known
                } else {
                    layer = layerBytes.count
                    layers[expr.name] = layer
                    layerBytes.append(try expr.wireEncoded())
                }
                steps.byte(0); steps.int(layer); steps.ints(block)
            case .rechunkSplit(let ranges)?:
                steps.byte(1)
                steps.int(ranges.count)
                for range in ranges { steps.int(range.lowerBound); steps.int(range.upperBound) }
            case .rechunkMerge(let counts, let dtype)?:
                steps.byte(2); steps.ints(counts); steps.dtype(dtype)
            case .identity?:
                steps.byte(3)
            case .assemble(let chunks, let dtype)?:
                steps.byte(4); steps.chunks(chunks); steps.dtype(dtype)
            case .delayed(let node)?:
                guard let code = node.portable else {
                    throw GraphError.notPortable("the function of \(node.displayName)", key: task.key.description)
                }
                steps.byte(5); steps.run(try code.wireEncoded())
            case nil:
                throw GraphError.notPortable("this task's work", key: task.key.description)
            }
            steps.int(task.dependencies.count)
            for dependency in task.dependencies {
                if let step = position[dependency] {
                    steps.byte(1); steps.int(step)
                } else {
                    steps.byte(0); steps.int(input)
                    input += 1
                }
            }
        }
        w.int(layerBytes.count)
        for bytes in layerBytes { w.run(bytes) }
        var all = w.bytes
        all += steps.bytes
        return all
    }
}

extension RemoteTaskProgram {
    /// Decodes `RemoteGraph.encodedProgram`'s bytes, rebuilding each step's function.
    public init(encoded bytes: [UInt8]) throws(GraphError) {
        var r = WireReader(bytes)
        guard try r.byte() == UInt8(ascii: "D"), try r.byte() == UInt8(ascii: "T"), try r.byte() == UInt8(ascii: "K") else {
            throw GraphError.wire("not a Dusk task")
        }
        let version = try r.byte()
        guard version == RemoteTaskProgram.version else {
            throw GraphError.wire("version \(version); this Dusk reads version \(RemoteTaskProgram.version)")
        }
        var layers: [ArrayExpr] = []
        for _ in 0..<(try r.count(itemBytes: 8)) { layers.append(try ArrayExpr.wireDecoded(try r.run())) }
        var steps: [Step] = []
        let stepCount = try r.count()
        var inputs = 0
        for _ in 0..<stepCount {
            let key = TaskKey(try r.string(), try r.ints())
            let work: TaskWork
            switch try r.byte() {
            case 0:
                let layer = layers[try r.index(below: layers.count)]
                let block = try r.ints()
                guard block.count == layer.ndim,
                      zip(block, layer.chunks.numblocks).allSatisfy({ $0 >= 0 && $0 < $1 }) else {
                    throw r.malformed("block index")
                }
                work = .block(layer, index: block)
            case 1:
                var ranges: [Range<Int>] = []
                for _ in 0..<(try r.count(itemBytes: 16)) {
                    let lower = try r.int(), upper = try r.int()
                    guard lower >= 0, lower <= upper else { throw r.malformed("range") }
                    ranges.append(lower..<upper)
                }
                work = .rechunkSplit(ranges: ranges)
            case 2: work = .rechunkMerge(counts: try r.ints(), dtype: try r.dtype())
            case 3: work = .identity
            case 4: work = .assemble(try r.chunks(), try r.dtype())
            case 5:
                let function = try PortableCodeDecoders.call(try r.run())
                steps.append(Step(key: key, function: function, arguments: try r.arguments(steps: steps.count, inputs: &inputs)))
                continue
            default: throw r.malformed("work")
            }
            let function = try work.function(key: key)
            var operations = [GraphNames.prefix(of: key.name)]
            if case .block(let layer, _) = work, case .fused(let fused) = layer.op { operations += fused.members }
            steps.append(Step(key: key, function: function, arguments: try r.arguments(steps: steps.count, inputs: &inputs),
                              operations: operations))
        }
        guard !steps.isEmpty, r.isAtEnd else { throw r.malformed("steps") }
        self.steps = steps
        self.inputCount = inputs
    }
}

extension WireReader {
    mutating func arguments(steps: Int, inputs: inout Int) throws(GraphError) -> [RemoteTaskProgram.Argument] {
        var arguments: [RemoteTaskProgram.Argument] = []
        for _ in 0..<(try count(itemBytes: 9)) {
            switch try byte() {
            case 0:
                let index = try int()
                guard index == inputs else { throw malformed("input order") }
                inputs += 1
                arguments.append(.input(index))
            case 1: arguments.append(.step(try self.index(below: steps)))
            default: throw malformed("argument")
            }
        }
        return arguments
    }
}
