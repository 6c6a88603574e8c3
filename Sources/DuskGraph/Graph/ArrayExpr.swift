import DuskArray
import DuskSyntax

/// One layer of the lazy expression graph: an operation, its inputs and the metadata of its
/// result (shape, dtype, chunks), with a deterministic name.
///
/// A node is immutable; passes rewrite the graph by building new nodes. Its name is a token
/// of the operation, its parameters and its inputs' names (`add-3f2a9c...`), so two nodes with
/// the same name compute the same thing and lowering merges them. A node corresponds to one
/// layer of Dask's `HighLevelGraph`: lowering makes one task per output block (plus, for a
/// rechunk, one per partial piece), which is why reductions are several nodes (`sum`,
/// `sum-partial`, `sum-aggregate`) exactly as in Dask.
public final class ArrayExpr: Sendable, CustomStringConvertible {
    /// `<op>-<token>`, unique for the computation this node describes.
    public let name: String
    public let op: ArrayOp
    /// The nodes whose blocks this one reads, in the order the op refers to them.
    public let inputs: [GraphInput]
    public let shape: [Int]
    public let dtype: DType
    public let chunks: Chunks
    /// Where the expression that made this node was written, for error reports.
    public let location: SourceLocation?

    public init(name: String, op: ArrayOp, inputs: [GraphInput], dtype: DType, chunks: Chunks,
                location: SourceLocation?) {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.shape = chunks.shape
        self.dtype = dtype
        self.chunks = chunks
        self.location = location
    }

    public var ndim: Int { shape.count }

    /// The operation part of the name: `sum-aggregate` for `sum-aggregate-3f2a...`.
    public var prefix: String { GraphNames.prefix(of: name) }

    /// The array inputs, in order (delayed inputs skipped).
    public var arrayInputs: [ArrayExpr] {
        inputs.compactMap { if case .array(let node) = $0 { node } else { nil } }
    }

    public var description: String { name }
}

/// An input of a graph node: a lazy array's node or a delayed call.
public enum GraphInput: Sendable {
    case array(ArrayExpr)
    case delayed(DelayedNode)

    /// The input's node name.
    public var name: String {
        switch self {
        case .array(let node): node.name
        case .delayed(let node): node.key
        }
    }
}

/// Helpers for `<prefix>-<token>` names.
public enum GraphNames {
    /// The part before the last `-`: `sum-partial` for `sum-partial-9a8b...`.
    public static func prefix(of name: String) -> String {
        // Bytes, not characters: `String.lastIndex(of:)` walks grapheme clusters, and the
        // optimizer asks for prefixes of every node it rewrites.
        let utf8 = name.utf8
        guard let dash = utf8.lastIndex(of: UInt8(ascii: "-")) else { return name }
        return String(name[..<dash])
    }
}
