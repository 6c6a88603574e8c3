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

    private var metadataDocument: JSONValue {
        array.metadata.zarrFormat == 3 ? array.metadata.v3Document : ((try? array.metadata.v2Document()) ?? .null)
    }

    private var metadataText: String { metadataDocument.description }

    func read(_ ranges: [Range<Int>]) throws -> NDArray {
        try array.read(ranges.map { DimensionSelection($0) })
    }
}
