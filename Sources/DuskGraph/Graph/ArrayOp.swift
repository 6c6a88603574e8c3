import DuskArray

/// What a graph node does, with every parameter lowering and later passes need.
///
/// Blockwise operations (creation, elementwise, `map_blocks`, transpose, the per-chunk step of
/// a reduction or contraction) make each output block from the blocks with the same index
/// (broadcast along size-1 dimensions); the others say in their plan which input blocks
/// each output block reads.
public enum ArrayOp: Sendable {
    /// Blocks cut from an in-memory array (`from_array`).
    case fromArray(NDArray)
    /// Blocks read from outside memory (`from_zarr`): each block reads its element range.
    case source(SourceRead)
    /// Blocks generated from parameters alone (`ones`, `arange`, `random`...).
    case creation(CreationOp)
    /// One block: the value of the delayed input 0 (`from_delayed`).
    case fromDelayed
    /// A ufunc, `where`, `clip` or `astype` applied block by block.
    case elementwise(ElementwiseOp)
    /// A user function applied block by block.
    case mapBlocks(MapBlocksOp)
    /// Axes permuted; block `(i, j)` of the result is block `(j, i)` of the input transposed.
    case transpose(axes: [Int])
    /// The input broadcast to a larger shape (`broadcast_to`): each block a read-only view of
    /// one input block, new and length-1 dimensions repeated with stride 0.
    case broadcastTo
    /// A cumulative sum or product within each block (the first step of `cumsum`/`cumprod`).
    case scanBlocks(ScanOp)
    /// Basic and single-axis integer indexing, planned per dimension.
    case getitem(GetitemPlan)
    /// A reshape whose input chunks line up with its output chunks, block for block.
    case reshape(ReshapePlan)
    /// Inputs joined along an existing axis: each output block is one input block.
    case concatenate(axis: Int)
    /// Inputs joined along a new axis: each output block is one input block with an axis added.
    case stack(axis: Int)
    /// New chunk boundaries: each output block cut from and assembled out of input blocks.
    case rechunk
    /// `x.blocks[...]`: a selection of whole blocks.
    case selectBlocks(blocks: [[Int]])
    /// One step of a tree reduction.
    case reduction(ReductionStep)
    /// Block products of a `tensordot`/`matmul`, before the sum over the contracted blocks.
    case contraction(ContractionOp)
    /// Blockwise layers fused by the optimizer: one tile program per block (see `FusedOp`).
    case fused(FusedOp)
    /// The input's blocks, those below the diagonal of the two axes read from above it: block
    /// `(…, i, …, j)` with `i > j` is the input's block `(…, j, …, i)` with the two axes
    /// swapped (a view). The block products of `x @ x.T`, whose lower half mirrors the upper.
    case mirror(first: Int, second: Int)
    /// A NumPy function of blocks laid out differently from the output's grid (Dask's custom
    /// layers: `percentile_chunk`, `histogram-sum`, the final merge of `percentile`).
    case blockFunction(BlockFunctionOp)

    /// Whether output block `b` reads only input blocks with the same index (up to broadcasting).
    public var isBlockwise: Bool {
        switch self {
        case .creation, .elementwise, .mapBlocks, .fromArray, .source, .scanBlocks, .fused: true
        case .reduction(let step): step.phase == .chunk
        default: false
        }
    }
}

// MARK: - Creation

/// How a creation function fills a block.
public enum CreationOp: Sendable, Hashable {
    /// Every element equal (`ones`, `zeros`, `full`, `empty`).
    case full(Scalar)
    /// Element `i` is `start + i * step` (NumPy's `arange`).
    case arange(start: Double, step: Double)
    /// NumPy's `linspace`: element `i` is `start + i * (stop - start) / div`, the last exactly `stop` with `endpoint`.
    case linspace(start: Double, stop: Double, num: Int, endpoint: Bool)
    /// Ones on diagonal `k` of a 2-d array, zeros elsewhere.
    case eye(k: Int)
    /// Random numbers: `random`, `uniform` and `integers` element by element from Philox word
    /// (seed, flat index); normal numbers block by block from the stream of (seed, block index).
    case random(RandomSpec)
    /// A window of another creation function's elements, made by slice pushdown: element `i`
    /// of the layer is element `window.sourcePosition(i)` of `base` over `window.sourceShape`.
    indirect case sliced(CreationOp, CreationWindow)
}

/// Where a sliced creation layer's elements lie in the array it was cut from.
public struct CreationWindow: Sendable, Hashable {
    /// What one dimension of the source array keeps.
    public enum Dimension: Sendable, Hashable {
        /// One position (the dimension is gone).
        case fixed(Int)
        /// Positions `start, start + step, ...` along output dimension `axis`.
        case range(start: Int, step: Int, axis: Int)
    }

    /// The shape of the array the window is cut from (its flat index numbers random elements).
    public var sourceShape: [Int]
    /// One entry per source dimension.
    public var dimensions: [Dimension]

    public init(sourceShape: [Int], dimensions: [Dimension]) {
        self.sourceShape = sourceShape
        self.dimensions = dimensions
    }
}

/// A random distribution with its parameters and seed.
public struct RandomSpec: Sendable, Hashable {
    /// The NumPy `Generator` method: `random`, `standard_normal`, `normal`, `uniform`, `integers`.
    public var distribution: String
    /// Its parameters in NumPy's order (`loc, scale` for `normal`; `low, high` for `uniform`, `integers`).
    public var parameters: [Double]
    public var seed: UInt64

    public init(distribution: String, parameters: [Double] = [], seed: UInt64) {
        self.distribution = distribution
        self.parameters = parameters
        self.seed = seed
    }
}

// MARK: - Elementwise

/// A function applied element by element to aligned blocks.
public enum ElementwiseFunction: Sendable, Hashable {
    case unary(UnaryOp)
    case binary(BinaryOp)
    /// `where(condition, x, y)`.
    case `where`
    /// `clip(x, min, max)`; a bound may be `.none`.
    case clip
    /// `astype(dtype)`.
    case astype(DType)
    /// `round(x, decimals)`: `rint(x * 10**decimals) / 10**decimals`, as NumPy computes it.
    case round(decimals: Int)

    /// The layer prefix: `sin`, `add`, `where`, `clip`, `astype`.
    public var name: String {
        switch self {
        case .unary(let op): op.numpyName
        case .binary(let op): op.numpyName
        case .where: "where"
        case .clip: "clip"
        case .astype: "astype"
        case .round: "round"
        }
    }
}

/// An argument of an elementwise node: one of the node's inputs, or a Python scalar.
public enum ElementwiseOperand: Sendable, Hashable {
    /// `inputs[i]` of the node.
    case input(Int)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    /// An absent argument (`clip`'s missing bound).
    case none
}

/// A function and its operands.
public struct ElementwiseOp: Sendable {
    public var function: ElementwiseFunction
    public var operands: [ElementwiseOperand]
}

// MARK: - Scans

/// The per-block step of `cumsum`/`cumprod`: the block scanned along `axis` into `dtype`.
public struct ScanOp: Sendable, Hashable {
    /// Products (`cumprod`) rather than sums (`cumsum`).
    public var product: Bool
    public var axis: Int
    /// The result dtype (NumPy's for the input and the requested `dtype=`).
    public var dtype: DType

    /// `cumsum` or `cumprod`.
    public var name: String { product ? "cumprod" : "cumsum" }
}

// MARK: - Block functions

/// A function of input blocks and how they map to output blocks.
public struct BlockFunctionOp: Sendable {
    public enum Layout: Sendable, Hashable {
        /// Output block number `i` (row-major) from block number `i` of each input: the grids
        /// hold as many blocks, in any shapes (`histogram`'s one row per input block).
        case sameLinear
        /// The single output block from every block of input 0, in row-major order.
        case gatherAll
    }

    public var layout: Layout
    /// The output block from the input blocks (one, or all of them).
    public var function: @Sendable (_ blocks: [TaskValue]) throws -> TaskValue
    /// For display: the NumPy function it runs (`percentile`, `histogram`).
    public var functionName: String
    /// The function as data, for workers in other processes (nil: it cannot travel).
    public var kernel: BlockKernel? = nil

    public init(layout: Layout, functionName: String, function: @escaping @Sendable (_ blocks: [TaskValue]) throws -> TaskValue) {
        self.layout = layout
        self.functionName = functionName
        self.function = function
    }
}

// MARK: - map_blocks

/// Where a `map_blocks` call is: which block, of which shape, at which offset of the result.
public struct BlockInfo: Sendable {
    public var blockIndex: [Int]
    public var blockShape: [Int]
    public var origin: [Int]
    public var arrayShape: [Int]
}

/// A user's per-block function: receives the aligned input blocks, returns the output block.
public typealias MapBlocksFunction = @Sendable (_ blocks: [TaskValue], _ info: BlockInfo) throws -> TaskValue

/// A `map_blocks` call.
public struct MapBlocksOp: Sendable {
    public var function: MapBlocksFunction
    /// For display: the function's name (`lambda`, `normalize`).
    public var functionName: String
    /// The function as data, for a worker in another process; nil when it cannot travel.
    public var portable: (any PortableCode)?

    public init(function: @escaping MapBlocksFunction, functionName: String, portable: (any PortableCode)? = nil) {
        self.function = function
        self.functionName = functionName
        self.portable = portable
    }
}

// MARK: - Indexing and reshaping

/// How `getitem` maps output blocks to input blocks, dimension by dimension.
public struct GetitemPlan: Sendable, Hashable {
    /// One entry per input dimension.
    public var dimensions: [GetitemDimension]
    /// Output axes in order: an input dimension kept (sliced or taken), or a new axis of length 1.
    public var outputAxes: [GetitemAxis]
}

/// What indexing does to one input dimension.
public enum GetitemDimension: Sendable, Hashable {
    /// An integer: the dimension disappears; the element is `local` in input block `block`.
    case integer(block: Int, local: Int)
    /// A slice: each output chunk comes from one input block.
    case pieces([SlicePiece])
    /// An integer array: each output chunk gathers positions from one or more input blocks.
    case take([TakeChunk])
}

/// One output chunk along a dimension: elements `start, start + step, ...` (`count` of them) of an input block.
public struct SlicePiece: Sendable, Hashable {
    public var block: Int
    public var start: Int
    public var step: Int
    public var count: Int
}

/// One output chunk of an integer-array index: for each input block it reads (in increasing
/// order), the local positions it takes; `order` puts the gathered elements back in the
/// index's order (nil when they already are).
public struct TakeChunk: Sendable, Hashable {
    public var blocks: [Int]
    public var positions: [[Int]]
    public var order: [Int]?

    public var count: Int { positions.reduce(0) { $0 + $1.count } }
}

/// An output axis of a `getitem`.
public enum GetitemAxis: Sendable, Hashable {
    case input(Int)
    case newAxis
}

/// A reshape that works block by block: output block `b` is the input block with the same
/// row-major number, reshaped to the output block's shape.
public struct ReshapePlan: Sendable, Hashable {
    public var shape: [Int]
}

// MARK: - Reductions

/// One step of a tree reduction: the per-chunk partial, a combine of groups of partials, or
/// the final aggregate.
public struct ReductionStep: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable { case chunk, combine, aggregate }

    /// The reduction (DuskArray's table); `std` and `nanstd` finish their variance with a square root.
    public var kind: Reduction
    public var phase: Phase
    /// Reduced axes of the original array, sorted.
    public var axes: [Int]
    /// For combine and aggregate steps: how many blocks along each reduced axis one task merges.
    public var splitEvery: [Int: Int]
    /// For the aggregate step: whether reduced axes stay as length 1.
    public var keepdims: Bool
    /// The requested result dtype (`sum(dtype=...)`), if any.
    public var dtype: DType?
    /// Delta degrees of freedom of `var`/`std`.
    public var ddof: Double
    /// For arg-reductions over all axes: the input's shape, to compute flat indices.
    public var inputShape: [Int]

    /// The reduced axes as a mask over the array's dimensions.
    func isReduced(_ axis: Int) -> Bool { axes.contains(axis) }
}

// MARK: - Linear algebra

/// The block products of a contraction: output block `out` multiplies the left and right
/// blocks named by the index labels, keeping the contracted block index as a length-1 axis.
public struct ContractionOp: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case tensordot(left: [Int], right: [Int])
        case matmul
    }

    public var kind: Kind
    /// Index labels of the output dimensions, then of the left and right inputs' dimensions (Dask's blockwise indices).
    public var outputIndex: [Int]
    public var leftIndex: [Int]
    public var rightIndex: [Int]
}
