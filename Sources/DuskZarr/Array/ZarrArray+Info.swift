import Foundation
import DuskArray

/// How zarr-python describes an array: `repr(z)` and `z.info`.
extension ZarrArray {
    /// The array's URL as zarr-python prints it: `file://data/image.zarr`.
    public var url: String { "file://" + location }

    /// The dtype as zarr-python's repr shows it: the NumPy name, or the type string for
    /// big-endian v2 arrays (`>i4`).
    public var dtypeDisplay: String {
        if metadata.zarrFormat == 2, bigEndianBytes { return ZarrDataType.v2Name(dtype, bigEndian: true) }
        return dtype.name
    }

    /// `repr(z)`: `<Array file://data/image.zarr shape=(10000, 10000) dtype=int32>`.
    public var repr: String {
        "<Array \(url) shape=\(ZarrArray.tuple(shape)) dtype=\(dtypeDisplay)>"
    }

    private var bigEndianBytes: Bool {
        codec.arrayToBytes == .bytes(endian: .big)
    }

    /// `z.info`, line for line as zarr-python 3 prints it.
    public var info: String {
        var rows: [(String, String)] = [("Type", "Array"), ("Zarr format", String(metadata.zarrFormat))]
        let typeName = (dtype == .bool ? "Bool" : dtype.name.prefix(1).uppercased() + dtype.name.dropFirst())
            .replacingOccurrences(of: "Uint", with: "UInt")
        let endian = metadata.zarrFormat == 2 && bigEndianBytes ? "big" : "little"
        rows.append(("Data type", dtype.itemSize == 1 ? "\(typeName)()" : "\(typeName)(endianness='\(endian)')"))
        rows.append(("Fill value", metadata.fillValueIsNull ? "None" : ZarrArray.python(metadata.fillValue)))
        rows.append(("Shape", ZarrArray.tuple(shape)))
        if let shards = metadata.shards { rows.append(("Shard shape", ZarrArray.tuple(shards))) }
        rows.append(("Chunk shape", ZarrArray.tuple(chunks)))
        rows.append(("Order", metadata.zarrFormat == 2 ? metadata.order : "C"))
        rows.append(("Read-only", readOnly ? "True" : "False"))
        rows.append(("Store type", "LocalStore"))
        let version2 = metadata.zarrFormat == 2
        let filters = codec.transposes.filter { _ in !version2 }.map { "TransposeCodec(order=\(ZarrArray.tuple($0)))" }
        rows.append(("Filters", ZarrArray.pythonTuple(filters)))
        if !version2 { rows.append(("Serializer", ZarrArray.codecRepr(codec.arrayToBytes, version2: false))) }
        rows.append(("Compressors", ZarrArray.pythonTuple(codec.bytesCodecs.map { ZarrArray.codecRepr($0, version2: version2) })))
        let bytes = metadata.nbytes
        // zarr-python multiplies the shape with NumPy: a 0-d array's byte count prints as a float.
        let count = ndim == 0 ? "\(bytes).0" : String(bytes)
        rows.append(("No. bytes", bytes < 1024 ? count : "\(count) (\(ZarrArray.humanSize(bytes)))"))
        return rows.map { $0.0.padding(toLength: 19, withPad: " ", startingAt: 0) + ": " + $0.1 }.joined(separator: "\n")
    }

    static func tuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(" + values.map(String.init).joined(separator: ", ") + ")"
    }

    static func pythonTuple(_ items: [String]) -> String {
        items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    }

    /// A scalar as Python prints it: `0`, `0.0`, `nan`, `inf`, `False`.
    static func python(_ value: Scalar) -> String {
        switch value {
        case .bool(let b): return b ? "True" : "False"
        case .int(let n, _): return String(n)
        case .uint(let n, _): return String(n)
        case .float(let d, _):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d < 0 ? "-inf" : "inf" }
            return d.description
        }
    }

    /// Sizes as zarr-python's info shows them: `39.1K`, `381.5M`.
    static func humanSize(_ bytes: Int) -> String {
        var value = Double(bytes)
        for unit in ["", "K", "M", "G", "T", "P"] {
            if value < 1024 || unit == "P" {
                let rounded = (value * 10).rounded() / 10
                return unit.isEmpty ? String(bytes) : "\(rounded)\(unit)"
            }
            value /= 1024
        }
        return String(bytes)
    }

    /// A codec as zarr-python (v3 codec classes) or numcodecs (v2 compressors) prints it.
    static func codecRepr(_ codec: ZarrCodec, version2: Bool) -> String {
        switch codec {
        case .bytes(let endian):
            return "BytesCodec(endian=" + (endian.map { "<Endian.\($0.rawValue): '\($0.rawValue)'>" } ?? "None") + ")"
        case .transpose(let order): return "TransposeCodec(order=\(tuple(order)))"
        case .sharding(let s):
            return "ShardingCodec(chunk_shape=\(tuple(s.chunkShape)), index_location=\(s.indexAtEnd ? "end" : "start"))"
        case .zstd(let level, let checksum):
            return version2 ? "Zstd(level=\(level))" : "ZstdCodec(level=\(level), checksum=\(checksum ? "True" : "False"))"
        case .gzip(let level): return version2 ? "GZip(level=\(level))" : "GzipCodec(level=\(level))"
        case .zlib(let level): return "Zlib(level=\(level))"
        case .crc32c: return version2 ? "CRC32C()" : "Crc32cCodec()"
        case .blosc(let b):
            if version2 {
                let shuffle = ["AUTOSHUFFLE", "NOSHUFFLE", "SHUFFLE", "BITSHUFFLE"][b.shuffle + 1]
                return "Blosc(cname='\(b.cname)', clevel=\(b.clevel), shuffle=\(shuffle), blocksize=\(b.blocksize))"
            }
            let shuffle = BloscConfiguration.v3ShuffleNames[Swift.max(0, Swift.min(2, b.shuffle))]
            return "BloscCodec(_tunable_attrs=set(), typesize=\(b.typesize ?? 1), cname=<BloscCname.\(b.cname): '\(b.cname)'>, "
                + "clevel=\(b.clevel), shuffle=<BloscShuffle.\(shuffle): '\(shuffle)'>, blocksize=\(b.blocksize))"
        }
    }
}
