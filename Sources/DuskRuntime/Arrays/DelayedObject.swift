import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax

/// A lazy value: Dask's `Delayed`. Either a wrapped value (`delayed(f)`, `delayed(5)`) or a
/// recorded call. Calling it, operators, attribute access and indexing record more calls;
/// `compute()` runs them (user functions in parallel on the threaded scheduler).
public final class DelayedObject: RuntimeObject {
    public let node: DelayedNode
    /// For `delayed(value)`: the value itself, so calling `delayed(f)(x)` calls `f` directly.
    let literal: Value?
    /// The number of outputs (`nout=`), which makes the value unpackable.
    let nout: Int?
    /// For `d.method`: the attribute's name, which names the call `d.method(...)` makes.
    let attributeName: String?
    /// False for `delayed(f, pure=False)`: every call gets a new key.
    let pure: Bool

    init(node: DelayedNode, literal: Value? = nil, nout: Int? = nil, attributeName: String? = nil, pure: Bool = true) {
        self.node = node
        self.literal = literal
        self.nout = nout
        self.attributeName = attributeName
        self.pure = pure
    }

    public var typeName: String { "Delayed" }
    public var runtimeType: TypeObject { DelayedObject.type }
    public var repr: String { node.description }
    public var doc: String? { DelayedObject.type.doc }
    public func hashKey() throws -> HashKey? { .custom("delayed:" + node.key) }

    static let type = TypeObject(name: "Delayed", doc: """
        A lazy value (Dask's Delayed): a recorded call of a function on arguments that may be lazy.
        d.compute() runs it; operators, attributes, indexing and calls on it are delayed too.
        """)

    public func truthiness() throws -> Bool {
        throw DuskError(.typeError, "Truth of Delayed objects is not supported")
    }

    public func length() throws -> Int? {
        if let nout { return nout }
        throw DuskError(.typeError, "Delayed objects of unspecified length have no len()")
    }

    public func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        guard let nout else {
            throw DuskError(.typeError, "Delayed objects of unspecified length are not iterable")
        }
        var position = 0
        return {
            guard position < nout else { return nil }
            defer { position += 1 }
            return try DelayedCalls.operation(DelayedCalls.getitem, [.object(self), .int(position)], context: context)
        }
    }

    // MARK: - Members

    public var attributeNames: [String] { ["compute", "persist", "visualize", "explain", "key", "dask", "__dask_graph__"] }

    public func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "key": return .str(node.key)
        case "dask": return .object(HighLevelGraphObject([.delayed(node)]))
        case "__dask_graph__":
            let graph = HighLevelGraphObject([.delayed(node)])
            return .builtin(Builtin("__dask_graph__()", doc: "The task graph (d.dask).") { _, _ in .object(graph) })
        case "compute", "persist", "visualize", "explain":
            let method = DelayedObject.methods[name]!
            return .boundMethod(BoundMethod(receiver: .object(self), function: .builtin(method), name: name))
        default:
            if name.hasPrefix("__") { return nil }
            let result = try DelayedCalls.operation(DelayedCalls.getattr, [.object(self), .str(name)], context: context)
            guard case .object(let o as DelayedObject) = result else { return result }
            return .object(DelayedObject(node: o.node, attributeName: name))
        }
    }

    public func setAttribute(_ name: String, to value: Value, context: ExecutionContext) throws -> Bool {
        throw DuskError(.typeError, "Delayed objects are immutable")
    }

    public func setSubscript(_ index: Value, to value: Value, context: ExecutionContext) throws -> Bool {
        throw DuskError(.typeError, "Delayed objects are immutable")
    }

    static let methods: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        table["compute"] = Builtin("compute(self, **kwargs)", doc: """
            Runs the recorded calls and returns the value. Keywords: scheduler=, num_workers=, progress=.
            """) { args, ctx in
            let config = try ComputeRunner.configuration(args.extraKeywords)
            return try DelayedLibrary.compute([args[0]], configuration: config, context: ctx)[0]
        }
        table["persist"] = Builtin("persist(self, **kwargs)", doc: "Computes the value and returns a Delayed holding it.") { args, ctx in
            let config = try ComputeRunner.configuration(args.extraKeywords)
            return try DelayedLibrary.persist(args[0], configuration: config, context: ctx)
        }
        table["visualize"] = Visualize.builtin("self") { args in [args[0]] }
        table["explain"] = Builtin("explain(self, optimize_graph=True)", doc: Explain.doc) { args, ctx in
            try Explain.explain([args[0]], optimize: try args.bool(1), context: ctx)
        }
        return table
    }()

    // MARK: - Calls and operators

    public func call(_ arguments: Arguments, context: ExecutionContext) throws -> Value? {
        var args = arguments
        var pure: Bool?
        var keyName: String?
        if let p = args.keyword("pure") {
            pure = try context.truthiness(p)
            args.keywords.removeAll { $0.name == "pure" }
        }
        if case .str(let k)? = args.keyword("dask_key_name") {
            keyName = k
            args.keywords.removeAll { $0.name == "dask_key_name" }
        }
        let callee = literal ?? .object(self)
        var (name, token) = CallToken.identity(of: callee)
        if let attributeName { name = attributeName }
        if literal == nil && attributeName == nil { token = "call|" + node.key }
        return try DelayedCalls.call(callee, name: name, identity: token, arguments: args, pure: pure ?? self.pure,
                                     keyName: keyName, nout: literal == nil ? nil : nout, context: context)
    }

    public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        let operands: [Value] = reflected ? [other, .object(self)] : [.object(self), other]
        return try DelayedCalls.operation(DelayedCalls.binary[op]!, operands, context: context)
    }

    public func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value? {
        guard let function = DelayedCalls.unary[op] else { return nil }
        return try DelayedCalls.operation(function, [.object(self)], context: context)
    }

    public func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        guard let function = DelayedCalls.comparison[op] else { return nil }
        return try DelayedCalls.operation(function, [.object(self), other], context: context)
    }

    public func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        try DelayedCalls.operation(DelayedCalls.getitem, [.object(self), index], context: context)
    }
}
