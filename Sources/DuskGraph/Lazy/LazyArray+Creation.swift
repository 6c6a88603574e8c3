import DuskArray
import DuskSyntax
import Foundation

extension LazyArray {
    /// `from_array(x, chunks=)`: a lazy array over an in-memory array, cut into blocks.
    ///
    /// The name is a token of the contents and chunks (Dask's `array-<token>`) unless `name` is
    /// given. Ctrl-C while the contents are hashed throws `KeyboardInterrupt`.
    public static func fromArray(_ array: NDArray, chunks spec: ChunkSpec = .auto, name: String? = nil,
                                 at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let chunks = try normalize(spec, shape: array.shape, dtype: array.dtype, at: location)
        // Hashing the contents takes seconds for gigabytes: it stops on Ctrl-C.
        var token = TokenBuilder()
        guard array.tokenize(into: &token, stopsOnRequest: true) else { throw .array(.interrupted, at: location) }
        var result = try make("array", op: .fromArray(array), inputs: [], dtype: array.dtype, chunks: chunks,
                          token: token, location: location)
        if let name {
            result = LazyArray(ArrayExpr(name: name, op: result.expr.op, inputs: [], dtype: array.dtype,
                                         chunks: chunks, location: location))
        }
        return result
    }

    /// `ones(shape, dtype=, chunks=)`.
    public static func ones(_ shape: [Int], dtype: DType = .float64, chunks: ChunkSpec = .auto,
                            at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try filled("ones", shape: shape, value: Scalar.int64(1).cast(to: dtype), dtype: dtype, chunks: chunks, at: location)
    }

    /// `zeros(shape, dtype=, chunks=)`.
    public static func zeros(_ shape: [Int], dtype: DType = .float64, chunks: ChunkSpec = .auto,
                             at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try filled("zeros", shape: shape, value: Scalar.int64(0).cast(to: dtype), dtype: dtype, chunks: chunks, at: location)
    }

    /// `empty(shape, dtype=, chunks=)`: Dask fills it with zeros-like values; so does Dusk.
    public static func empty(_ shape: [Int], dtype: DType = .float64, chunks: ChunkSpec = .auto,
                             at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try filled("empty", shape: shape, value: Scalar.int64(0).cast(to: dtype), dtype: dtype, chunks: chunks, at: location)
    }

    /// `full(shape, fill_value, dtype=, chunks=)`; the dtype defaults to the value's.
    public static func full(_ shape: [Int], fillValue: Scalar, dtype: DType? = nil, chunks: ChunkSpec = .auto,
                            at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let dtype = dtype ?? fillValue.dtype
        return try filled("full", shape: shape, value: fillValue.cast(to: dtype), dtype: dtype, chunks: chunks, at: location)
    }

    private static func filled(_ prefix: String, shape: [Int], value: Scalar, dtype: DType, chunks spec: ChunkSpec,
                               at location: SourceLocation?) throws(GraphError) -> LazyArray {
        try checkShape(shape, at: location)
        let chunks = try normalize(spec, shape: shape, dtype: dtype, at: location)
        return try make(prefix, op: .creation(.full(value)), inputs: [], dtype: dtype, chunks: chunks,
                    token: TokenBuilder(value), location: location)
    }

    /// `arange(start, stop, step, dtype=, chunks=)`; the dtype defaults to `int64` when all
    /// three are integers, else `float64`.
    public static func arange(start: Scalar = .int64(0), stop: Scalar, step: Scalar = .int64(1), dtype: DType? = nil,
                              chunks spec: ChunkSpec = .auto, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let integral = [start, stop, step].allSatisfy { $0.dtype.isInteger || $0.dtype.isBool }
        let dtype = dtype ?? (integral ? .int64 : .float64)
        let count: Int
        if integral {
            let (a, b, s) = (start.int64Value, stop.int64Value, step.int64Value)
            guard s != 0 else { throw GraphError.value("Maximum allowed size exceeded").located(location) }
            let span = b - a
            count = Int(Swift.max(0, s > 0 ? (span + s - 1) / s : (span + s + 1) / s))
        } else {
            let (a, b, s) = (start.doubleValue, stop.doubleValue, step.doubleValue)
            guard s != 0, s.isFinite else { throw GraphError.value("Maximum allowed size exceeded").located(location) }
            count = Int(Swift.max(0, ((b - a) / s).rounded(.up)))
        }
        let chunks = try normalize(spec, shape: [count], dtype: dtype, at: location)
        let op = CreationOp.arange(start: start.doubleValue, step: step.doubleValue)
        return try make("arange", op: .creation(op), inputs: [], dtype: dtype, chunks: chunks,
                    token: TokenBuilder(start, step), location: location)
    }

    /// `linspace(start, stop, num=50, endpoint=True, dtype=, chunks=)`.
    public static func linspace(start: Double, stop: Double, num: Int = 50, endpoint: Bool = true,
                                dtype: DType = .float64, chunks spec: ChunkSpec = .auto,
                                at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        guard num >= 0 else {
            throw GraphError.value("Number of samples, \(num), must be non-negative.").located(location)
        }
        let chunks = try normalize(spec, shape: [num], dtype: dtype, at: location)
        return try make("linspace", op: .creation(.linspace(start: start, stop: stop, num: num, endpoint: endpoint)),
                    inputs: [], dtype: dtype, chunks: chunks,
                    token: TokenBuilder(start, stop, num, endpoint), location: location)
    }

    /// `eye(N, M=None, k=0, dtype=, chunks=)`: Dask uses the first chunk size along both axes.
    public static func eye(_ n: Int, m: Int? = nil, k: Int = 0, dtype: DType = .float64,
                           chunks spec: ChunkSpec = .auto, at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        let m = m ?? n
        try checkShape([n, m], at: location)
        let normalized = try normalize(spec, shape: [n, m], dtype: dtype, at: location)
        let size = normalized.sizes[0].first ?? 0
        let chunks = Chunks([regular(n, size), regular(m, size)])
        return try make("eye", op: .creation(.eye(k: k)), inputs: [], dtype: dtype, chunks: chunks,
                    token: TokenBuilder(k), location: location)
    }

    /// Random numbers from `spec`: `random`, `uniform` and `integers` element by element from the
    /// counter-based stream of (seed, flat index), so they depend only on the seed and the shape;
    /// normal numbers block by block from the stream of (seed, block index), so on the chunking too.
    public static func random(_ spec: RandomSpec, shape: [Int], dtype: DType = .float64, chunks: ChunkSpec = .auto,
                              at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try checkShape(shape, at: location)
        let chunks = try normalize(chunks, shape: shape, dtype: dtype, at: location)
        return try make(spec.distribution, op: .creation(.random(spec)), inputs: [], dtype: dtype, chunks: chunks,
                    token: TokenBuilder(spec.distribution, spec.parameters, Int(bitPattern: UInt(spec.seed))),
                    location: location)
    }

    /// `from_delayed(value, shape, dtype)`: a one-block array whose block is a delayed value.
    public static func fromDelayed(_ node: DelayedNode, shape: [Int], dtype: DType,
                                   at location: SourceLocation? = nil) throws(GraphError) -> LazyArray {
        try checkShape(shape, at: location)
        return try make("from-value", op: .fromDelayed, inputs: [.delayed(node)], dtype: dtype,
                    chunks: Chunks(singleChunkOf: shape), token: TokenBuilder(shape), location: location)
    }

    private static func regular(_ length: Int, _ size: Int) -> [Int] {
        Chunks.regular(length: length, chunk: Swift.max(size, 1))
    }

    static func checkShape(_ shape: [Int], at location: SourceLocation?) throws(GraphError) {
        if shape.contains(where: { $0 < 0 }) {
            throw GraphError.value("negative dimensions are not allowed").located(location)
        }
    }
}

extension LazyArray {
    /// `Chunks.normalize` with the error pointing at `location`.
    static func normalize(_ spec: ChunkSpec, shape: [Int], dtype: DType, previous: [[Int]]? = nil,
                          at location: SourceLocation?) throws(GraphError) -> Chunks {
        do {
            return try Chunks.normalize(spec, shape: shape, dtype: dtype, previous: previous)
        } catch {
            throw error.located(location)
        }
    }
}
