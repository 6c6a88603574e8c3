import DuskArray

/// Blockwise layers fused into one kernel: each block of the node is one run of a tile program
/// over the blocks of its inputs (the leaves).
///
/// Made by the optimizer's fusion passes, never written by a program. The program is data
/// (`TileProgram`), so the node's name is a token of the program's bytes and of its inputs'
/// names, and the same fused task can run in another process.
public struct FusedOp: Sendable {
    /// The checked program.
    public var kernel: TileKernel
    /// For each input (the node's `inputs`, in order), which of its blocks block `b` of the
    /// node reads, per input dimension: the iteration block along an axis, or a fixed block.
    public var leafBlocks: [[LeafBlock]]
    /// The chunks of the iteration space: the node's own, or for a reduction's partial, those
    /// of the array it reduces (same block grid).
    public var iterationChunks: Chunks
    /// The layers the kernel holds, as their prefixes, the root first (`sum`, `mul`, `sin`...).
    public var members: [String]

    public init(kernel: TileKernel, leafBlocks: [[LeafBlock]], iterationChunks: Chunks, members: [String]) {
        self.kernel = kernel
        self.leafBlocks = leafBlocks
        self.iterationChunks = iterationChunks
        self.members = members
    }

    public var program: TileProgram { kernel.program }
}

/// Which block of an input a fused block reads along one input dimension.
public enum LeafBlock: Sendable, Hashable {
    /// The block with the fused block's index along iteration axis `a`.
    case axis(Int)
    /// Always this block (an integer index, or a dimension with one block).
    case fixed(Int)
}
