/// The one walk of a lazy graph that lowering, the summary, the verifier, the optimizer and
/// the memory guard share: every node once, identified by its name (its token), each node
/// after the nodes it reads.
///
/// Names are the identity because they are tokens of the computation: two nodes with one
/// name compute the same thing, so they are one layer wherever they appear.
public enum GraphTraversal {
    /// The nodes reachable from `roots`, inputs before the nodes that read them.
    ///
    /// Depth first, inputs in their order, so the order is deterministic and a node's inputs
    /// come in the order it names them.
    /// - Complexity: O(nodes + edges).
    public static func topologicalOrder(_ roots: [GraphInput]) -> [GraphInput] {
        var order: [GraphInput] = []
        var done: Set<String> = []
        var expanding: Set<String> = []
        var stack: [(GraphInput, Bool)] = roots.reversed().map { ($0, false) }
        while let (node, childrenDone) = stack.popLast() {
            let name = node.name
            if done.contains(name) { continue }
            if childrenDone {
                done.insert(name)
                order.append(node)
                continue
            }
            guard expanding.insert(name).inserted else { continue }
            stack.append((node, true))
            for child in node.inputs.reversed() where !done.contains(child.name) {
                stack.append((child, false))
            }
        }
        return order
    }

    /// The nodes reachable from `outputs`, inputs first.
    public static func topologicalOrder(_ outputs: [GraphOutput]) -> [GraphInput] {
        topologicalOrder(outputs.map(\.input))
    }

    /// The array nodes reachable from `outputs`, inputs first (delayed calls walked through).
    public static func arrayNodes(_ outputs: [GraphOutput]) -> [ArrayExpr] {
        topologicalOrder(outputs).compactMap { if case .array(let expr) = $0 { expr } else { nil } }
    }
}

extension GraphInput {
    /// The nodes this one reads: an array node's inputs, a delayed call's dependencies.
    public var inputs: [GraphInput] {
        switch self {
        case .array(let expr): expr.inputs
        case .delayed(let node): node.dependencies
        }
    }
}
