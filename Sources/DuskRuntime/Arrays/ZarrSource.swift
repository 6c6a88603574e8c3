import DuskArray
import DuskGraph
import DuskZarr

/// A Zarr array as a graph source: each task reads its block's element range, decoding only
/// the stored chunks the range touches.
struct ZarrSource: ArraySource {
    let array: ZarrArray

    init(_ array: ZarrArray) { self.array = array }

    var layerPrefix: String { "from-zarr" }
    var shape: [Int] { array.shape }
    var dtype: DType { array.dtype }
    var storedChunks: [Int]? { array.chunks }
    var description: String { "zarr \(array.url)" }

    /// The location and the metadata document: a store rewritten with other metadata gets a new token.
    var token: String { array.location + "\n" + metadataText }

    var descriptor: SourceDescriptor {
        let parameters = JSONObject([("path", .string(array.location)), ("metadata", metadataDocument)])
        return SourceDescriptor(kind: "zarr", parameters: JSONValue.object(parameters).description)
    }

    /// Reopens the array a descriptor names (on a Dask worker): the path must be visible there
    /// and hold the metadata the graph was built with.
    static func reopen(_ descriptor: SourceDescriptor) throws -> any ArraySource {
        let parameters = try JSONValue.parse(descriptor.parameters).objectValue ?? JSONObject([])
        guard let location = parameters["path"]?.stringValue else {
            throw GraphError.wire("a zarr source without a path")
        }
        let source = ZarrSource(try ZarrArray.open(LocalStore(location), readOnly: true))
        guard source.metadataText == (parameters["metadata"] ?? JSONValue.null).description else {
            throw GraphError(kind: "OSError", message: "the Zarr array at \(location) changed after the graph was built")
        }
        return source
    }

    private var metadataDocument: JSONValue {
        array.metadata.zarrFormat == 3 ? array.metadata.v3Document : ((try? array.metadata.v2Document()) ?? .null)
    }

    private var metadataText: String { metadataDocument.description }

    func read(_ ranges: [Range<Int>]) throws -> NDArray {
        try array.read(ranges.map { DimensionSelection($0) })
    }
}
