/// A fused kernel as data: a short typed program evaluated tile by tile over one block (the
/// numexpr model), so a chain of elementwise operations, broadcasts, transposes, creation
/// functions and the per-block step of a reduction runs without any block-sized intermediate.
///
/// The program works over an *iteration space* of `rank` axes (the block's shape, given when
/// it runs). Steps are in SSA form: step `i` defines value `i`, and a step reads only values
/// defined before it. Values come from the inputs (`load`, through each leaf's axis map, which
/// covers transposes, broadcasts and integer indices), from constants, from generators
/// (`arange`, `linspace`, `eye`, counter-based random numbers, functions of an element's
/// global position), and from unary and binary ufuncs, casts and `where`. The result is the
/// last value stored as a new block, or reduced over some axes into a reduction's partial.
///
/// Every operand has its dtype fixed when the program is built: a ufunc's operands are already
/// in its loop dtype (a `cast` step before it when not), exactly as NumPy's ufunc machinery
/// casts them, so a fused result equals the unfused one bit for bit (reductions excepted: see
/// `TileVM`). `TileProgram.check()` verifies this before a program runs; programs are values
/// (hashable, encodable to bytes with `encoded()`), so a fused task can be named by the hash of
/// its program and shipped to another process.
public struct TileProgram: Sendable, Hashable {
    /// Axes of the iteration space.
    public var rank: Int
    /// The inputs, each an array block read through an axis map.
    public var leaves: [TileLeaf]
    public var steps: [TileStep]
    public var result: TileResult

    public init(rank: Int, leaves: [TileLeaf], steps: [TileStep], result: TileResult) {
        self.rank = rank
        self.leaves = leaves
        self.steps = steps
        self.result = result
    }
}

/// An input block and how the iteration space reads it.
public struct TileLeaf: Sendable, Hashable {
    /// The block's dtype.
    public var dtype: DType
    /// One entry per dimension of the block.
    public var axes: [TileLeafAxis]

    public init(dtype: DType, axes: [TileLeafAxis]) {
        self.dtype = dtype
        self.axes = axes
    }
}

/// How one dimension of an input block is read.
public enum TileLeafAxis: Sendable, Hashable {
    /// Along iteration axis `a`: the block's length there is the iteration space's.
    case axis(Int)
    /// Always at this position (an integer index; 0 for a broadcast dimension of length 1).
    case fixed(Int)
}

/// One step of a program; it defines the value with its own index.
public enum TileStep: Sendable, Hashable {
    /// The elements of leaf `leaf`, in its dtype.
    case load(leaf: Int)
    /// One value everywhere.
    case constant(Scalar)
    /// Values computed from each element's global position.
    case generate(TileGenerator)
    /// A value converted as NumPy's `astype` converts.
    case cast(Int, to: DType)
    /// A unary ufunc on a value already in the ufunc's loop dtype.
    case unary(UnaryOp, Int)
    /// A binary ufunc on two values already in the ufunc's loop dtype.
    case binary(BinaryOp, Int, Int)
    /// `where(condition, x, y)`: a `bool` condition, two values of the result's dtype.
    case select(Int, Int, Int)

    /// The values the step reads.
    public var operands: [Int] {
        switch self {
        case .load, .constant, .generate: []
        case .cast(let value, _), .unary(_, let value): [value]
        case .binary(_, let lhs, let rhs): [lhs, rhs]
        case .select(let condition, let x, let y): [condition, x, y]
        }
    }
}

/// What a program produces for its block.
public enum TileResult: Sendable, Hashable {
    /// Value `value` as a new C-contiguous block of the iteration space's shape.
    case store(Int)
    /// A reduction's per-block partial.
    case reduce(TileReduction)
}

/// The per-block step of a reduction over some iteration axes: the partial has the iteration
/// space's shape with the reduced axes of length 1, as the unfused per-chunk step makes it.
public struct TileReduction: Sendable, Hashable {
    /// `sum`, `prod`, `min`, `max`, `any`, `all`, their NaN-skipping forms, or the mean and
    /// variance family (whose partial is `Moments`). Arg-reductions are not fused.
    public var kind: Reduction
    /// The value reduced (in the dtype the reduction accumulates from).
    public var value: Int
    /// The reduced iteration axes.
    public var axes: [Int]
    /// A dtype the partial is converted to at the end (`sum(dtype=)`), if any.
    public var resultDType: DType?

    public init(kind: Reduction, value: Int, axes: [Int], resultDType: DType? = nil) {
        self.kind = kind
        self.value = value
        self.axes = axes
        self.resultDType = resultDType
    }
}

/// A creation function evaluated per element from the element's global position, so that it
/// can be generated tile by tile inside a consumer and any slice of it generated alone.
public struct TileGenerator: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// NumPy's `arange`: element `i` is `start + i * delta`, `delta = (start + step) - start`.
        case arange(start: Double, step: Double)
        /// NumPy's `linspace(start, stop, num, endpoint)`.
        case linspace(start: Double, stop: Double, num: Int, endpoint: Bool)
        /// Ones where coordinate 1 equals coordinate 0 plus `k`.
        case eye(k: Int)
        /// Uniform `float64` values in `[low, high)`: element `i` from Philox word `i` under `seed`.
        case uniform(low: Double, high: Double, seed: UInt64)
        /// Uniform integers in `[low, high)` (Lemire's method; a rejected word is replaced by
        /// a word from a second counter of the same element, so each element stays a function
        /// of its index).
        case integers(low: Int64, high: Int64, seed: UInt64)
    }

    public var kind: Kind
    /// The dtype of the generated values.
    public var dtype: DType
    /// The generator's own coordinates (one for `arange` and `linspace`, two for `eye`, one
    /// per dimension of `shape` for random numbers), each an affine function of the element's
    /// global position in the iteration space.
    public var coordinates: [TileAffine]
    /// For random numbers: the shape whose C-order flat index numbers the elements.
    public var shape: [Int]

    public init(kind: Kind, dtype: DType, coordinates: [TileAffine], shape: [Int] = []) {
        self.kind = kind
        self.dtype = dtype
        self.coordinates = coordinates
        self.shape = shape
    }
}

/// `offset + Σ coefficients[a] * position[a]` over the iteration axes.
public struct TileAffine: Sendable, Hashable {
    public var offset: Int
    /// One per iteration axis.
    public var coefficients: [Int]

    public init(offset: Int, coefficients: [Int]) {
        self.offset = offset
        self.coefficients = coefficients
    }
}

/// What running a program gives: a block or a `Moments` partial.
public enum TileOutput: Sendable {
    case array(NDArray)
    case moments(Moments)
}
