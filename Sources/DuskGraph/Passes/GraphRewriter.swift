import DuskArray

/// Rebuilds a graph node by node, inputs first, each node once (by name): the walk every
/// optimizer pass is made of.
///
/// A node whose inputs were replaced is rebuilt with the new inputs and a new name (a token of
/// its old name and its new inputs' names), so the old and the new node never share a name and
/// equal nodes still merge. Delayed calls keep their keys: their values do not change.
final class GraphRewriter {
    private var replaced: [String: GraphInput] = [:]

    /// The graph of `outputs` with `rule` applied to every array node, inputs first. `rule`
    /// receives the node with its inputs already rewritten (and the node as it was, whose name
    /// passes computed their plans with) and returns it, or a node computing the same values
    /// (same shape, dtype and chunks).
    func rewrite(_ outputs: [GraphOutput],
                 _ rule: (_ node: ArrayExpr, _ original: ArrayExpr) throws(GraphError) -> ArrayExpr) throws(GraphError) -> [GraphOutput] {
        for node in GraphTraversal.topologicalOrder(outputs) {
            let inputs = node.inputs.map { replaced[$0.name] ?? $0 }
            let changed = zip(inputs, node.inputs).contains { !$0.isSameNode(as: $1) }
            switch node {
            case .array(let expr):
                let rebuilt = changed ? expr.replacingInputs(inputs) : expr
                replaced[expr.name] = .array(try rule(rebuilt, expr))
            case .delayed(let call):
                guard changed else { replaced[call.key] = node; continue }
                replaced[call.key] = .delayed(DelayedNode(key: call.key, displayName: call.displayName,
                                                          dependencies: inputs, location: call.location,
                                                          portable: call.portable, function: call.function))
            }
        }
        return outputs.map { output in
            switch replaced[output.input.name]! {
            case .array(let expr): .array(LazyArray(expr))
            case .delayed(let call): .delayed(call)
            }
        }
    }

    /// The rewritten form of a node already visited (inputs of the node `rule` is called on are).
    func current(_ input: GraphInput) -> GraphInput { replaced[input.name] ?? input }
}

extension GraphInput {
    /// Whether both are the same object.
    func isSameNode(as other: GraphInput) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)): a === b
        case (.delayed(let a), .delayed(let b)): a === b
        default: false
        }
    }
}

extension ArrayExpr {
    /// This node reading `inputs` instead (same operation, shape, dtype and chunks), renamed.
    func replacingInputs(_ inputs: [GraphInput]) -> ArrayExpr {
        var token = TokenBuilder(name)
        for input in inputs { token.combine(input.name) }
        return ArrayExpr(name: prefix + "-" + token.finalize(), op: op, inputs: inputs, dtype: dtype, chunks: chunks,
                         location: location)
    }

    /// A new node computing what this one computes, with another operation and inputs: named
    /// `prefix` and a token of `material` and the inputs' names.
    func replaced(prefix: String, op: ArrayOp, inputs: [GraphInput], dtype: DType? = nil, chunks: Chunks? = nil,
                  material: TokenBuilder) -> ArrayExpr {
        var token = material
        token.combine(prefix)
        for input in inputs { token.combine(input.name) }
        let chunks = chunks ?? self.chunks
        token.combine(chunks.sizes)
        return ArrayExpr(name: prefix + "-" + token.finalize(), op: op, inputs: inputs, dtype: dtype ?? self.dtype,
                         chunks: chunks, location: location)
    }
}
