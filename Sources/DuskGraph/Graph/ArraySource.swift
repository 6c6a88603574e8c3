import DuskArray

/// Elements that live outside memory (a Zarr array on disk, say) and can be read by range:
/// the data behind a source layer of the graph.
///
/// A source is a value: it names the data (a path and the array's metadata) and reads any
/// element range on demand, so a graph node over it costs nothing until a task reads a
/// block, and a pass narrowing the node (slice pushdown) only changes which ranges are read.
/// `descriptor` is the same information as data, for a process that reopens the source.
public protocol ArraySource: Sendable {
    /// The layer prefix of nodes reading the source: `from-zarr`.
    var layerPrefix: String { get }
    /// Identifies the elements: equal for sources that read the same data (the same path,
    /// metadata and modification state), different otherwise. Feeds the layer's name.
    var token: String { get }
    /// One line for explanations and summaries: `zarr file:///data/image.zarr`.
    var description: String { get }
    var shape: [Int] { get }
    var dtype: DType { get }
    /// The source's own chunk shape, when it has one: reads aligned to it decode the fewest bytes.
    var storedChunks: [Int]? { get }
    /// How another process reopens the source: a kind (`zarr`) and JSON parameters.
    var descriptor: SourceDescriptor { get }
    /// The elements in `ranges` (one per dimension, within `shape`) as a new array.
    func read(_ ranges: [Range<Int>]) throws -> NDArray
}

/// A source as data: what to open (`kind`), and how (`parameters`, a JSON object such as
/// `{"path": "/data/image.zarr", "metadata": {...}}`).
public struct SourceDescriptor: Sendable, Hashable {
    public var kind: String
    public var parameters: String

    public init(kind: String, parameters: String) {
        self.kind = kind
        self.parameters = parameters
    }
}

/// A source layer: each block reads its element ranges, shifted by `origin`, from `source`.
///
/// `origin` is where the layer's element `[0, 0, ...]` lies in the source: zero for the whole
/// source, non-zero for a layer that slice pushdown narrowed to part of it.
public struct SourceRead: Sendable {
    public var source: any ArraySource
    public var origin: [Int]

    public init(source: any ArraySource, origin: [Int]) {
        self.source = source
        self.origin = origin
    }

    /// The source ranges behind a block's element ranges.
    public func sourceRanges(_ ranges: [Range<Int>]) -> [Range<Int>] {
        zip(ranges, origin).map { ($0.lowerBound + $1)..<($0.upperBound + $1) }
    }
}
