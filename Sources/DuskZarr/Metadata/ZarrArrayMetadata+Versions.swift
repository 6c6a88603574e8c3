import DuskArray

// MARK: - Version 3 (`zarr.json`)

extension ZarrArrayMetadata {
    /// An array's `zarr.json` document.
    public static func parseV3(_ document: JSONValue) throws(ZarrError) -> ZarrArrayMetadata {
        let fields = try MetadataFields(document, "zarr.json")
        let format = try fields.int("zarr_format")
        guard format == 3 else { throw fields.bad("zarr_format", "3") }
        let nodeType = try fields.string("node_type")
        guard nodeType == "array" else { throw fields.bad("node_type", "'array'") }
        let shape = try fields.ints("shape")
        let dtype = try ZarrDataType.parseV3(try fields.value("data_type"))
        let grid = try MetadataFields(fields.object["chunk_grid"], "'chunk_grid'")
        let gridName = try grid.string("name")
        guard gridName == "regular" else {
            throw ZarrError(.unsupported, "chunk grid '\(gridName)' is not supported by Dusk (it reads 'regular')")
        }
        let gridConfiguration = try MetadataFields(grid.object["configuration"], "'chunk_grid' configuration")
        let chunkShape = try gridConfiguration.ints("chunk_shape", minimum: 1)
        let keys = fields.has("chunk_key_encoding")
            ? try ChunkKeyEncoding.parseV3(try fields.value("chunk_key_encoding"))
            : ChunkKeyEncoding(prefixed: true, separator: "/")
        let fill = try ZarrFillValue.parse(try fields.value("fill_value"), dtype: dtype)
        let codecList = try fields.list("codecs")
        let codecs = try codecList.map { (entry) throws(ZarrError) in try ZarrCodec.parseV3(entry) }
        if fields.has("storage_transformers") {
            let transformers = try fields.list("storage_transformers")
            guard transformers.isEmpty else {
                throw ZarrError(.unsupported, "storage transformers are not supported by Dusk")
            }
        }
        let attributes = fields.has("attributes")
            ? try MetadataFields(fields.object["attributes"], "'attributes'").object : JSONObject()
        return try ZarrArrayMetadata(zarrFormat: 3, shape: shape, chunkGrid: chunkShape, dtype: dtype, fillValue: fill,
                                     codecs: codecs, chunkKeys: keys, attributes: attributes,
                                     dimensionNames: fields.has("dimension_names") ? fields.object["dimension_names"] : nil)
    }

    /// The `zarr.json` document, in zarr-python's key order.
    public var v3Document: JSONValue {
        var document = JSONObject([
            ("shape", .array(shape.map { .int(Int64($0)) })),
            ("data_type", .string(dtype.name)),
            ("chunk_grid", .object(JSONObject([
                ("name", .string("regular")),
                ("configuration", .object(JSONObject([("chunk_shape", .array(chunkGrid.map { .int(Int64($0)) }))]))),
            ]))),
            ("chunk_key_encoding", chunkKeys.v3JSON),
            ("fill_value", ZarrFillValue.json(fillValue)),
            ("codecs", .array(codecs.map(\.v3JSON))),
            ("attributes", .object(attributes)),
            ("zarr_format", .int(3)),
            ("node_type", .string("array")),
            ("storage_transformers", .array([])),
        ])
        if let dimensionNames { document["dimension_names"] = dimensionNames }
        return .object(document)
    }
}

// MARK: - Version 2 (`.zarray`, `.zattrs`)

extension ZarrArrayMetadata {
    /// An array's `.zarray` document and its `.zattrs` (when present).
    public static func parseV2(_ document: JSONValue, attributes: JSONObject?) throws(ZarrError) -> ZarrArrayMetadata {
        let fields = try MetadataFields(document, ".zarray")
        let format = try fields.int("zarr_format")
        guard format == 2 else { throw fields.bad("zarr_format", "2") }
        let shape = try fields.ints("shape")
        let chunks = try fields.ints("chunks", minimum: 1)
        let (dtype, bigEndian) = try ZarrDataType.parseV2(try fields.value("dtype"))
        let order = try fields.string("order", default: "C")
        guard order == "C" || order == "F" else { throw fields.bad("order", "'C' or 'F'") }
        if fields.has("filters") {
            let filters = try fields.list("filters")
            if let first = filters.first {
                let id = first.objectValue?["id"]?.stringValue ?? "\(first)"
                throw ZarrError(.unsupported, "filter '\(id)' is not supported by Dusk (it reads arrays without filters)")
            }
        }
        let separator = try fields.string("dimension_separator", default: ".")
        guard separator == "." || separator == "/" else { throw fields.bad("dimension_separator", "'.' or '/'") }
        var codecs: [ZarrCodec] = []
        if order == "F" && shape.count > 1 { codecs.append(.transpose(order: Array((0..<shape.count).reversed()))) }
        codecs.append(.bytes(endian: dtype.itemSize == 1 ? nil : (bigEndian ? .big : .little)))
        if fields.has("compressor") { codecs.append(try ZarrCodec.parseV2Compressor(try fields.value("compressor"))) }
        let fillJSON = fields.object["fill_value"] ?? .null
        let fill = fillJSON.isNull ? Scalar.int64(0).cast(to: dtype) : try ZarrFillValue.parse(fillJSON, dtype: dtype)
        var metadata = try ZarrArrayMetadata(zarrFormat: 2, shape: shape, chunkGrid: chunks, dtype: dtype, fillValue: fill,
                                             codecs: codecs, chunkKeys: ChunkKeyEncoding(prefixed: false, separator: Character(separator)),
                                             attributes: attributes ?? JSONObject())
        metadata.fillValueIsNull = fillJSON.isNull
        return metadata
    }

    /// The `.zarray` document, in zarr-python's key order; an error for codecs v2 cannot express.
    public func v2Document() throws(ZarrError) -> JSONValue {
        var bigEndian = false
        var compressor: JSONValue = .null
        for codec in codecs {
            switch codec {
            case .transpose: break
            case .bytes(let endian): bigEndian = endian == .big
            case .sharding: throw ZarrError(.invalidArgument, "Zarr version 2 arrays cannot be sharded")
            default:
                guard compressor.isNull, let json = codec.v2JSON else {
                    throw ZarrError(.invalidArgument, "Zarr version 2 arrays take one compressor")
                }
                compressor = json
            }
        }
        return .object(JSONObject([
            ("shape", .array(shape.map { .int(Int64($0)) })),
            ("chunks", .array(chunkGrid.map { .int(Int64($0)) })),
            ("dtype", .string(ZarrDataType.v2Name(dtype, bigEndian: bigEndian))),
            ("fill_value", fillValueIsNull ? .null : ZarrFillValue.json(fillValue)),
            ("order", .string(order)),
            ("filters", .null),
            ("dimension_separator", .string(String(chunkKeys.separator))),
            ("compressor", compressor),
            ("zarr_format", .int(2)),
        ]))
    }
}
