import DuskArray

/// Zarr's names for the data types Dusk arrays hold, in both metadata versions.
enum ZarrDataType {
    /// The v3 `data_type` names Dusk reads.
    static let v3Names: [String: DType] = [
        "bool": .bool, "int8": .int8, "int16": .int16, "int32": .int32, "int64": .int64,
        "uint8": .uint8, "uint16": .uint16, "uint32": .uint32, "uint64": .uint64,
        "float32": .float32, "float64": .float64,
    ]

    /// A v3 `data_type`.
    static func parseV3(_ json: JSONValue) throws(ZarrError) -> DType {
        guard let name = json.stringValue else {
            if let object = json.objectValue, let name = object["name"]?.stringValue {
                throw ZarrError(.unsupported, "data type '\(name)' is not supported by Dusk (it reads \(supportedList))")
            }
            throw ZarrError(.invalidMetadata, "'data_type' must be a data type name, not \(json)")
        }
        guard let dtype = v3Names[name] else {
            throw ZarrError(.unsupported, "data type '\(name)' is not supported by Dusk (it reads \(supportedList))")
        }
        return dtype
    }

    /// A v2 `dtype` type string (`<i4`, `>f8`, `|b1`): the dtype and whether elements are big-endian.
    static func parseV2(_ json: JSONValue) throws(ZarrError) -> (DType, bigEndian: Bool) {
        guard let text = json.stringValue else {
            throw ZarrError(.unsupported, "structured dtype \(json) is not supported by Dusk (it reads \(supportedList))")
        }
        var characters = Array(text)
        var bigEndian = false
        if let first = characters.first, "<>|=".contains(first) {
            bigEndian = first == ">"
            characters.removeFirst()
        }
        guard characters.count >= 2, let size = Int(String(characters.dropFirst())),
              let dtype = DType.allCases.first(where: { $0.kind == characters[0] && $0.itemSize == size }) else {
            throw ZarrError(.unsupported, "dtype '\(text)' is not supported by Dusk (it reads \(supportedList))")
        }
        return (dtype, dtype.itemSize > 1 && bigEndian)
    }

    /// The v2 type string: `<i4`, `>f8`, `|u1`.
    static func v2Name(_ dtype: DType, bigEndian: Bool) -> String {
        let order = dtype.itemSize == 1 ? "|" : (bigEndian ? ">" : "<")
        return "\(order)\(dtype.kind)\(dtype.itemSize)"
    }

    static var supportedList: String {
        "bool, int8-int64, uint8-uint64, float32, float64"
    }
}
