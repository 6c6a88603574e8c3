import DuskArray
import Synchronization

/// Settings that shape automatic chunking, shared by every graph built in the process
/// (Dask's `array.chunk-size` and `array.chunk-size-tolerance` configuration).
public enum ChunkConfiguration {
    private static let state = Mutex((limit: 134_217_728, tolerance: 1.25))

    /// Target bytes per chunk for `'auto'` (default 128 MiB).
    public static var byteLimit: Int {
        get { state.withLock { $0.limit } }
        set { state.withLock { $0.limit = newValue } }
    }

    /// How far above the target a chunk may grow when merging previous chunks (default 1.25).
    public static var tolerance: Double {
        get { state.withLock { $0.tolerance } }
        set { state.withLock { $0.tolerance = newValue } }
    }
}

extension Chunks {
    /// Dask's `normalize_chunks`: turns any accepted chunk specification into sizes per dimension.
    ///
    /// - Parameters:
    ///   - spec: what the user wrote.
    ///   - shape: the array's shape.
    ///   - dtype: element type, needed for `'auto'` and byte sizes.
    ///   - previous: chunks of the array being rechunked; `'auto'` dimensions then follow its aspect.
    ///   - limit: bytes per chunk for `'auto'`; defaults to `ChunkConfiguration.byteLimit`.
    /// - Throws: `GraphError` when explicit chunks do not add up to the shape, the rank differs,
    ///   or a size is not a positive integer.
    public static func normalize(_ spec: ChunkSpec, shape: [Int], dtype: DType,
                                 previous: [[Int]]? = nil, limit: Int? = nil) throws(GraphError) -> Chunks {
        try checkShape(shape, dtype: dtype)
        var entries: [DimensionChunks]
        switch spec {
        case .auto: entries = Array(repeating: .auto, count: shape.count)
        case .uniform(let size): entries = Array(repeating: .size(size), count: shape.count)
        case .bytes(let bytes): entries = Array(repeating: .bytes(bytes), count: shape.count)
        case .byAxis(let table):
            entries = (0..<shape.count).map { table[$0] ?? .whole }
        case .perDimension(let given): entries = given
        }
        if shape.isEmpty { return Chunks([]) }
        if entries.isEmpty && shape.allSatisfy({ $0 == 0 }) {
            return Chunks(shape.map { _ in [0] })
        }
        // A flat tuple of sizes for a 1-d array is that dimension's explicit chunks.
        if shape.count == 1 && entries.count > 1 {
            var sizes: [Int] = []
            for entry in entries {
                guard case .size(let size) = entry else { break }
                sizes.append(size)
            }
            if sizes.count == entries.count { entries = [.explicit(sizes)] }
        }
        guard entries.count == shape.count else {
            throw .chunksRankMismatch(chunkCount: entries.count, shape: shape)
        }
        // -1 and None mean the whole dimension.
        for axis in entries.indices {
            if entries[axis] == .whole || entries[axis] == .size(-1) { entries[axis] = .size(shape[axis]) }
        }
        // A byte size sets the limit and then behaves as 'auto'.
        var limit = limit
        for axis in entries.indices {
            guard case .bytes(let bytes) = entries[axis] else { continue }
            if let current = limit, current != bytes { throw .inconsistentByteLimit(bytes, current) }
            limit = bytes
            entries[axis] = .auto
        }
        var resolved: [AutoEntry] = try entries.map { (entry) throws(GraphError) -> AutoEntry in
            switch entry {
            case .auto: return .auto
            case .size(let size): return .number(Double(size))
            case .explicit(let sizes): return .sizes(sizes)
            case .whole: return .number(0)  // replaced by the dimension's length above
            case .bytes: return .auto  // replaced by 'auto' with a byte limit above
            }
        }
        if resolved.contains(where: { $0.isAuto }) {
            resolved = try autoChunks(resolved, shape: shape, limit: limit ?? ChunkConfiguration.byteLimit,
                                      itemSize: dtype.itemSize, previous: previous)
        }
        // Count the blocks before making any chunk list, so an absurd chunking costs nothing.
        var counts: [Int] = [], chunkShape: [Int] = [], regularSizes: [Int?] = []
        for (axis, entry) in resolved.enumerated() {
            regularSizes.append(nil)
            switch entry {
            case .number(let value):
                let size = try chunkSize(value)
                if size < 0 || (size == 0 && shape[axis] != 0) { throw .invalidChunkSize(size) }
                let length = shape[axis]
                counts.append(length == 0 ? 1 : length / size + (length % size == 0 ? 0 : 1))
                chunkShape.append(Swift.min(size, length))
                regularSizes[axis] = size
            case .sizes(let explicit):
                if explicit.isEmpty { throw .emptyChunkTuple }
                if let bad = explicit.first(where: { $0 < 0 }) { throw .invalidChunkSize(bad) }
                counts.append(explicit.count)
                chunkShape.append(explicit.max() ?? 0)
            case .auto:
                // `autoChunks` replaces every auto entry.
                throw .value("chunks could not be chosen automatically for shape \(formatTuple(shape))")
            }
        }
        try checkBlockCount(counts, shape: shape, chunkShape: chunkShape, dtype: dtype)
        var sizes: [[Int]] = []
        sizes.reserveCapacity(shape.count)
        for (axis, entry) in resolved.enumerated() {
            switch entry {
            case .number: sizes.append(regular(length: shape[axis], chunk: regularSizes[axis] ?? 1))
            case .sizes(let explicit): sizes.append(explicit)
            case .auto: break
            }
        }
        for axis in sizes.indices {
            var total = 0
            for size in sizes[axis] {
                let (sum, overflow) = total.addingReportingOverflow(size)
                if overflow { throw .chunksDoNotAddUp(sizes, shape: shape) }
                total = sum
            }
            if total != shape[axis] { throw .chunksDoNotAddUp(sizes, shape: shape) }
        }
        return Chunks(sizes)
    }

    /// A chunk size computed as a `Double` (`'auto'`, byte limits) as an `Int`: sizes beyond
    /// `Int` mean one chunk for the whole dimension; NaN and huge negative sizes are errors.
    static func chunkSize(_ value: Double) throws(GraphError) -> Int {
        if value.isNaN { throw GraphError(kind: "ValueError", message: "chunk sizes must be positive integers, got nan") }
        if value >= 0x1p63 { return Int.max }
        if value <= -0x1p63 { throw .invalidChunkSize(Int.min) }
        return Int(value)
    }

    /// Checks explicit chunks against a shape (for chunks given as tuples of tuples).
    public static func validated(_ sizes: [[Int]], shape: [Int]) throws(GraphError) -> Chunks {
        try normalize(.perDimension(sizes.map { .explicit($0) }), shape: shape, dtype: .float64)
    }
}

/// One dimension during normalization: still `'auto'`, a chunk size, or explicit sizes.
enum AutoEntry: Equatable {
    case auto
    case number(Double)
    case sizes([Int])

    var isAuto: Bool { self == .auto }

    /// The entry's largest chunk: the size itself, or the largest explicit size.
    var largest: Double {
        switch self {
        case .auto: 1
        case .number(let value): value
        case .sizes(let sizes): Double(sizes.max() ?? 0)
        }
    }

    /// Python truthiness: zero and empty tuples are false.
    var isTruthy: Bool {
        switch self {
        case .auto: true
        case .number(let value): value != 0
        case .sizes(let sizes): !sizes.isEmpty
        }
    }
}
