import DuskArray
import Foundation
import Testing
@testable import DuskZarr

/// Every way a store can be broken gives a `ZarrError` of the right kind that names the file
/// and says what is wrong; none crashes or reads garbage.
@Suite struct CorruptionTests {
    /// A copy of fixture `name` in a temporary directory, changed by `damage`, then opened and read whole.
    private func readDamaged(_ name: String, _ damage: (String) throws -> Void) throws -> ZarrError? {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let copy = directory(name)
        try FileManager.default.copyItem(atPath: Fixtures.stores + "/" + name, toPath: copy)
        try damage(copy)
        do throws(ZarrError) {
            _ = try ZarrArray.open(LocalStore(copy), readOnly: true).readAll()
            return nil
        } catch {
            // Messages name the file under the copy's path.
            let description = error.description
            #expect(description.contains(copy), "\(description)")
            return error
        }
    }

    private func replace(_ file: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }

    /// Rewrites a metadata document with one member changed (nil removes it).
    private func edit(_ file: String, _ key: String, _ value: JSONValue?) throws {
        var object = try #require(try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file)))).objectValue)
        object[key] = value
        try replace(file, JSONValue.object(object).prettyText)
    }

    @Test(arguments: [
        ("zarr_format", JSONValue.int(4), "'zarr_format' in zarr.json must be 3"),
        ("shape", .string("big"), "'shape' in zarr.json must be a list of integers, not \"big\""),
        ("shape", .array([.int(-1), .int(5)]), "must be a list of non-negative integers"),
        ("shape", .array([.int(7)]), "have different lengths"),
        ("shape", .array([.int(Int64.max), .int(Int64.max)]), "too big"),
        ("data_type", .string("complex128"), "data type 'complex128' is not supported"),
        ("data_type", nil, "zarr.json has no 'data_type'"),
        ("fill_value", .string("zero"), "'fill_value' \"zero\" is not a valid int32 value"),
        ("fill_value", .int(1 << 40), "is not a valid int32 value"),
        ("codecs", .array([]), "no array-to-bytes codec"),
        ("codecs", .array([.object(JSONObject([("name", .string("lzma"))]))]), "codec 'lzma' is not supported"),
        ("chunk_grid", .object(JSONObject([("name", .string("rectilinear"))])), "chunk grid 'rectilinear' is not supported"),
        ("chunk_key_encoding", .object(JSONObject([("name", .string("default")),
            ("configuration", .object(JSONObject([("separator", .string("-"))])))])), "separator must be '/' or '.'"),
        ("node_type", .string("table"), "'node_type' in zarr.json must be 'array' or 'group'"),
    ] as [(String, JSONValue?, String)])
    func badV3Metadata(key: String, value: JSONValue?, message: String) throws {
        let error = try #require(try readDamaged("v3_int32.zarr") { try edit($0 + "/zarr.json", key, value) })
        #expect(error.message.contains(message), "\(error)")
        #expect(error.path?.hasSuffix("zarr.json") == true)
    }

    @Test func codecsInTheWrongOrder() throws {
        let codecs: JSONValue = .array([.object(JSONObject([("name", .string("zstd"))])),
                                        .object(JSONObject([("name", .string("bytes"))]))])
        let error = try #require(try readDamaged("v3_int32.zarr") { try edit($0 + "/zarr.json", "codecs", codecs) })
        #expect(error.message.contains("must come after 'bytes'"))
    }

    @Test(arguments: [
        ("dtype", JSONValue.string("<c16"), "dtype '<c16' is not supported"),
        ("dtype", .array([]), "structured dtype"),
        ("compressor", .object(JSONObject([("id", .string("lz4"))])), "compressor 'lz4' is not supported"),
        ("filters", .array([.object(JSONObject([("id", .string("delta"))]))]), "filter 'delta' is not supported"),
        ("order", .string("K"), "'order' in .zarray must be 'C' or 'F'"),
        ("chunks", .array([.int(0), .int(2)]), "integers of at least 1"),
    ] as [(String, JSONValue, String)])
    func badV2Metadata(key: String, value: JSONValue, message: String) throws {
        let error = try #require(try readDamaged("v2_int32.zarr") { try edit($0 + "/.zarray", key, value) })
        #expect(error.message.contains(message), "\(error)")
        #expect(error.path?.hasSuffix(".zarray") == true)
    }

    @Test func unparsableMetadata() throws {
        let error = try #require(try readDamaged("v3_int32.zarr") { try replace($0 + "/zarr.json", "{\"shape\": [7, 5],,}") })
        #expect(error.kind == .invalidMetadata)
        #expect(error.message.contains("invalid JSON at line 1, column 18"))
        let attributes = try #require(try readDamaged("v2_int32.zarr") { try replace($0 + "/.zattrs", "[1, 2]") })
        #expect(attributes.message.contains(".zattrs must be a JSON object"))
        #expect(attributes.path?.hasSuffix(".zattrs") == true)
    }

    /// Damage to chunk `c/2/1` (or `2.1`) of each kind of fixture.
    @Test(arguments: [
        ("v3_int32.zarr", "c/2/1", "truncate", "zstd"),
        ("v3_int32.zarr", "c/2/1", "garbage", "not a valid zstd stream"),
        ("v3_gzip.zarr", "c/2/1", "truncate", "truncated"),
        ("v3_gzip.zarr", "c/2/1", "garbage", "not a valid zlib/gzip stream"),
        ("v3_blosc_lz4_shuffle.zarr", "c/2/1", "truncate", "not a valid blosc frame"),
        ("v3_crc32c.zarr", "c/2/1", "flip", "crc32c checksum mismatch"),
        ("v3_crc32c.zarr", "c/2/1", "empty", "too short for its crc32c checksum"),
        ("v3_uncompressed.zarr", "c/2/1", "append", "chunk holds 28 bytes of elements, expected 24"),
        ("v3_uncompressed.zarr", "c/2/1", "truncate", "expected 24"),
        ("v2_zlib.zarr", "2.1", "garbage", "not a valid zlib/gzip stream"),
        ("v2_blosc_zstd_1.zarr", "2.1", "garbage", "not a valid blosc frame"),
        ("v2_uncompressed.zarr", "2.1", "directory", "is a directory where a chunk file was expected"),
        ("v3_sharded.zarr", "c/0/0", "truncate", "crc32c checksum mismatch"),
        ("v3_sharded.zarr", "c/0/0", "flipIndex", "crc32c checksum mismatch"),
        ("v3_sharded.zarr", "c/0/0", "empty", "too short for its"),
    ])
    func corruptChunks(fixture: String, chunk: String, damage: String, message: String) throws {
        let error = try #require(try readDamaged(fixture) { store in
            let file = store + "/" + chunk
            var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            switch damage {
            case "truncate": bytes = bytes.prefix(bytes.count - 3)
            case "garbage": bytes = Data((0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
            case "flip": bytes[bytes.count / 3] ^= 0x40
            case "flipIndex": bytes[bytes.count - 10] ^= 0x40
            case "empty": bytes = Data()
            case "append": bytes.append(contentsOf: [1, 2, 3, 4])
            default: break
            }
            if damage == "directory" {
                try FileManager.default.removeItem(atPath: file)
                try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
            } else {
                try bytes.write(to: URL(fileURLWithPath: file))
            }
        })
        #expect(error.kind == .corruptChunk, "\(error)")
        #expect(error.message.contains(message), "\(error)")
        #expect(error.path?.hasSuffix(chunk) == true, "\(error)")
    }

    @Test func notAStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for path in [directory("missing.zarr"), directory.path] {
            #expect {
                try ZarrArray.open(LocalStore(path), readOnly: true)
            } throws: { error in
                guard let error = error as? ZarrError else { return false }
                return error.kind == .notFound && error.description.hasPrefix(path + ": no Zarr array here")
            }
        }
        #expect {
            try ZarrArray.open(LocalStore(Fixtures.stores + "/v3_group.zarr"), readOnly: true)
        } throws: { ($0 as? ZarrError)?.message == "is a Zarr group, not an array" }
        #expect {
            try ZarrGroup.open(LocalStore(Fixtures.stores + "/v3_int32.zarr"), readOnly: true)
        } throws: { ($0 as? ZarrError)?.message == "is a Zarr array, not a group" }
    }

    @Test func selectionsOutsideTheArray() throws {
        let array = try ZarrArray.open(LocalStore(Fixtures.stores + "/v3_int32.zarr"), readOnly: true)
        #expect {
            try array.read([DimensionSelection(0..<8), DimensionSelection(0..<5)])
        } throws: { ($0 as? ZarrError)?.kind == .indexOutOfRange }
        #expect {
            try array.read([DimensionSelection(0..<1)])
        } throws: { ($0 as? ZarrError)?.kind == .invalidArgument }
    }
}

/// Reads of a few elements stop decompressing early; what they do decode is still checked.
@Suite struct PrefixReadTests {
    @Test(arguments: ["v3_int32.zarr", "v2_zstd.zarr", "v3_crc32c.zarr"])
    func truncatedChunksFailWhereTheReadNeedsTheMissingBytes(fixture: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let copy = directory(fixture)
        try FileManager.default.copyItem(atPath: Fixtures.stores + "/" + fixture, toPath: copy)
        let key = fixture.hasPrefix("v2") ? "2.1" : "c/2/1"
        let file = URL(fileURLWithPath: copy + "/" + key)
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)
        let array = try ZarrArray.open(LocalStore(copy), readOnly: true)
        // Element (6, 3) is the last one of chunk (2, 1) inside the array.
        #expect {
            try array.read([DimensionSelection(start: 6, count: 1), DimensionSelection(start: 3, count: 1)])
        } throws: { error in
            guard let error = error as? ZarrError else { return false }
            return error.kind == .corruptChunk && error.path == copy + "/" + key
        }
    }

    @Test func aPrefixReadDecodesOnlyWhatItNeeds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let metadata = try ZarrArrayMetadata.new(format: 3, shape: [1000, 1000], chunks: nil, dtype: .int32, fillValue: nil,
                                                 compressors: nil)
        let array = try ZarrArray.create(LocalStore(directory("big.zarr")), metadata: metadata, overwrite: false)
        let values = try ramp([1000, 1000], dtype: .int32, offset: 1)
        try array.write(values, at: [DimensionSelection(0..<1000), DimensionSelection(0..<1000)])
        #expect(array.chunks == [250, 500])
        let first = try array.read([DimensionSelection(start: 0, count: 1), DimensionSelection(start: 0, count: 3)])
        #expect(try jsonElements(first) == [.int(1), .int(2), .int(3)])
        let row = try array.read([DimensionSelection(start: 1, count: 1), DimensionSelection(start: 240, count: 20)])
        #expect(try sameElements(jsonElements(row), jsonElements(values.view([1..<2, 240..<260]).copy())))
    }
}
