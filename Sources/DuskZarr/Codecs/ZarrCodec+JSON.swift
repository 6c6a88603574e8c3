/// Reading and writing codecs as v3 `codecs` entries and v2 `compressor` objects.
extension ZarrCodec {
    /// A v3 codec entry: `{"name": "zstd", "configuration": {"level": 0, "checksum": false}}`
    /// (a bare name string is accepted for codecs without configuration).
    public static func parseV3(_ json: JSONValue) throws(ZarrError) -> ZarrCodec {
        let name: String
        var configuration = JSONObject()
        if let bare = json.stringValue {
            name = bare
        } else {
            let fields = try MetadataFields(json, "a codec entry")
            name = try fields.string("name")
            if fields.has("configuration") {
                configuration = try MetadataFields(fields.object["configuration"], "codec '\(name)' configuration").object
            }
        }
        let config = MetadataFields(object: configuration, "codec '\(name)' configuration")
        switch name {
        case "bytes", "endian":
            guard config.has("endian") else { return .bytes(endian: nil) }
            let text = try config.string("endian")
            guard let endian = Endian(rawValue: text) else { throw config.bad("endian", "'little' or 'big'") }
            return .bytes(endian: endian)
        case "transpose":
            let order = try config.value("order")
            if let text = order.stringValue {
                // Early zarr-python wrote "C" and "F"; the rank is known only later.
                guard text == "C" || text == "F" else { throw config.bad("order", "a permutation of the axes") }
                return .transpose(order: text == "C" ? [] : [-1])
            }
            return .transpose(order: try config.ints("order"))
        case "zstd":
            return .zstd(level: try config.int("level", default: 0), checksum: try config.bool("checksum", default: false))
        case "gzip":
            let level = try config.int("level", default: 5)
            guard (0...9).contains(level) else { throw config.bad("level", "an integer from 0 to 9") }
            return .gzip(level: level)
        case "blosc":
            let cname = try config.string("cname", default: "zstd")
            guard Blosc.compressorNames.contains(cname) else {
                throw config.bad("cname", "one of " + Blosc.compressorNames.joined(separator: ", "))
            }
            let shuffleName = try config.string("shuffle", default: "noshuffle")
            guard let shuffle = BloscConfiguration.v3ShuffleNames.firstIndex(of: shuffleName) else {
                throw config.bad("shuffle", "'noshuffle', 'shuffle' or 'bitshuffle'")
            }
            let typesize = config.has("typesize") ? try config.int("typesize") : nil
            return .blosc(BloscConfiguration(cname: cname, clevel: try config.int("clevel", default: 5), shuffle: shuffle,
                                             typesize: typesize, blocksize: try config.int("blocksize", default: 0)))
        case "crc32c":
            return .crc32c
        case "sharding_indexed":
            let chunkShape = try config.ints("chunk_shape", minimum: 1)
            let codecs = try config.list("codecs").map { (entry) throws(ZarrError) in try parseV3(entry) }
            let indexCodecs = config.has("index_codecs")
                ? try config.list("index_codecs").map { (entry) throws(ZarrError) in try parseV3(entry) }
                : [.bytes(endian: .little), .crc32c]
            let location = try config.string("index_location", default: "end")
            guard location == "end" || location == "start" else { throw config.bad("index_location", "'start' or 'end'") }
            return .sharding(ShardingConfiguration(chunkShape: chunkShape, codecs: codecs, indexCodecs: indexCodecs,
                                                   indexAtEnd: location == "end"))
        default:
            throw ZarrError(.unsupported, "codec '\(name)' is not supported by Dusk (it reads "
                            + ZarrCodec.supportedNames.joined(separator: ", ") + ")")
        }
    }

    /// The v3 codec entry, spelled as zarr-python writes it.
    public var v3JSON: JSONValue {
        var configuration: [(String, JSONValue)]? = nil
        switch self {
        case .transpose(let order): configuration = [("order", .array(order.map { .int(Int64($0)) }))]
        case .bytes(let endian): configuration = endian.map { [("endian", .string($0.rawValue))] }
        case .sharding(let s):
            configuration = [("chunk_shape", .array(s.chunkShape.map { .int(Int64($0)) })),
                             ("codecs", .array(s.codecs.map(\.v3JSON))),
                             ("index_codecs", .array(s.indexCodecs.map(\.v3JSON))),
                             ("index_location", .string(s.indexAtEnd ? "end" : "start"))]
        case .zstd(let level, let checksum): configuration = [("level", .int(Int64(level))), ("checksum", .bool(checksum))]
        case .gzip(let level), .zlib(let level): configuration = [("level", .int(Int64(level)))]
        case .blosc(let b):
            configuration = [("typesize", .int(Int64(b.typesize ?? 1))), ("cname", .string(b.cname)),
                             ("clevel", .int(Int64(b.clevel))),
                             ("shuffle", .string(BloscConfiguration.v3ShuffleNames[Swift.max(0, Swift.min(2, b.shuffle))])),
                             ("blocksize", .int(Int64(b.blocksize)))]
        case .crc32c: configuration = nil
        }
        var entry = JSONObject([("name", .string(name))])
        if let configuration { entry["configuration"] = .object(JSONObject(configuration)) }
        return .object(entry)
    }

    /// A v2 `compressor` object (`{"id": "blosc", "cname": "lz4", ...}`).
    public static func parseV2Compressor(_ json: JSONValue) throws(ZarrError) -> ZarrCodec {
        let fields = try MetadataFields(json, "'compressor'")
        let id = try fields.string("id")
        switch id {
        case "zstd":
            return .zstd(level: try fields.int("level", default: 0), checksum: try fields.bool("checksum", default: false))
        case "zlib", "gzip":
            let level = try fields.int("level", default: 1)
            guard (0...9).contains(level) else { throw fields.bad("level", "an integer from 0 to 9") }
            return id == "zlib" ? .zlib(level: level) : .gzip(level: level)
        case "blosc":
            let cname = try fields.string("cname", default: "lz4")
            guard Blosc.compressorNames.contains(cname) else {
                throw fields.bad("cname", "one of " + Blosc.compressorNames.joined(separator: ", "))
            }
            let shuffle = try fields.int("shuffle", default: 1)
            guard (-1...2).contains(shuffle) else { throw fields.bad("shuffle", "-1, 0, 1 or 2") }
            return .blosc(BloscConfiguration(cname: cname, clevel: try fields.int("clevel", default: 5), shuffle: shuffle,
                                             typesize: nil, blocksize: try fields.int("blocksize", default: 0)))
        case "crc32c":
            return .crc32c
        default:
            throw ZarrError(.unsupported, "compressor '\(id)' is not supported by Dusk (it reads zstd, blosc, zlib, gzip)")
        }
    }

    /// The v2 `compressor` object, as numcodecs writes it; nil for steps v2 cannot express.
    var v2JSON: JSONValue? {
        switch self {
        case .zstd(let level, let checksum):
            var fields: [(String, JSONValue)] = [("id", .string("zstd")), ("level", .int(Int64(level)))]
            if checksum { fields.append(("checksum", .bool(true))) }
            return .object(JSONObject(fields))
        case .zlib(let level): return .object(JSONObject([("id", .string("zlib")), ("level", .int(Int64(level)))]))
        case .gzip(let level): return .object(JSONObject([("id", .string("gzip")), ("level", .int(Int64(level)))]))
        case .blosc(let b):
            return .object(JSONObject([("id", .string("blosc")), ("cname", .string(b.cname)), ("clevel", .int(Int64(b.clevel))),
                                       ("shuffle", .int(Int64(b.shuffle))), ("blocksize", .int(Int64(b.blocksize)))]))
        case .crc32c: return .object(JSONObject([("id", .string("crc32c"))]))
        case .transpose, .bytes, .sharding: return nil
        }
    }
}
