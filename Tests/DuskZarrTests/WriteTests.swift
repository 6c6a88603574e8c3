import DuskArray
import Foundation
import Testing
@testable import DuskZarr

/// Writing arrays with every codec, reading them back, and what lands on disk.
@Suite struct WriteTests {
    static let codecLists: [(String, Int, [ZarrCodec])] = [
        ("v3 default", 3, [.bytes(endian: .little), .zstd(level: 0, checksum: false)]),
        ("v3 zstd checksum", 3, [.bytes(endian: .little), .zstd(level: 5, checksum: true)]),
        ("v3 gzip", 3, [.bytes(endian: .little), .gzip(level: 6)]),
        ("v3 blosc lz4", 3, [.bytes(endian: .little),
                             .blosc(BloscConfiguration(cname: "lz4", clevel: 5, shuffle: 1, typesize: nil, blocksize: 0))]),
        ("v3 blosc zstd bits", 3, [.bytes(endian: .little),
                                   .blosc(BloscConfiguration(cname: "zstd", clevel: 3, shuffle: 2, typesize: nil, blocksize: 0))]),
        ("v3 crc32c", 3, [.bytes(endian: .little), .zstd(level: 1, checksum: false), .crc32c]),
        ("v3 transpose big endian", 3, [.transpose(order: [1, 0]), .bytes(endian: .big)]),
        ("v3 uncompressed", 3, [.bytes(endian: .little)]),
        ("v2 zstd", 2, [.bytes(endian: .little), .zstd(level: 0, checksum: false)]),
        ("v2 zlib F big", 2, [.transpose(order: [1, 0]), .bytes(endian: .big), .zlib(level: 1)]),
        ("v2 gzip", 2, [.bytes(endian: .little), .gzip(level: 1)]),
        ("v2 blosc", 2, [.bytes(endian: .little),
                         .blosc(BloscConfiguration(cname: "blosclz", clevel: 9, shuffle: -1, typesize: nil, blocksize: 0))]),
        ("v2 uncompressed", 2, [.bytes(endian: .little)]),
    ]

    static func make(_ directory: TemporaryDirectory, _ name: String, format: Int, codecs: [ZarrCodec],
                     shape: [Int] = [7, 5], chunks: [Int] = [3, 2], dtype: DType = .int32,
                     fill: Scalar = .int64(0)) throws -> ZarrArray {
        let codecs = dtype.itemSize == 1
            ? codecs.map { if case .bytes = $0 { return ZarrCodec.bytes(endian: nil) } else { return $0 } } : codecs
        let metadata = try ZarrArrayMetadata(
            zarrFormat: format, shape: shape, chunkGrid: chunks, dtype: dtype, fillValue: fill, codecs: codecs,
            chunkKeys: format == 3 ? ChunkKeyEncoding(prefixed: true, separator: "/") : ChunkKeyEncoding(prefixed: false, separator: "."))
        return try ZarrArray.create(LocalStore(directory(name)), metadata: metadata, overwrite: false)
    }

    @Test(arguments: codecLists.indices)
    func roundTripsWithEachCodec(index: Int) throws {
        let (name, format, codecs) = WriteTests.codecLists[index]
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for dtype in [DType.int32, .float64, .uint8, .bool, .int16] {
            let array = try WriteTests.make(directory, "\(dtype).zarr", format: format, codecs: codecs, dtype: dtype)
            let values = try ramp([7, 5], dtype: dtype, scale: 3, offset: -10)
            try array.write(values, at: [DimensionSelection(0..<7), DimensionSelection(0..<5)])
            let reopened = try ZarrArray.open(LocalStore(directory("\(dtype).zarr")), readOnly: true)
            #expect(reopened.metadata.codecs == array.metadata.codecs, "\(name)")
            #expect(try sameElements(jsonElements(try reopened.readAll()), jsonElements(values)), "\(name) \(dtype)")
        }
    }

    /// Partial writes (strided, across chunks, at the edges) agree with the same assignment in memory.
    @Test func partialWritesReadModifyWrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let array = try WriteTests.make(directory, "a.zarr", format: 3, codecs: WriteTests.codecLists[0].2,
                                        fill: .int64(-1))
        let model = try NDArray(repeating: .int64(-1), shape: [7, 5], dtype: .int32)
        let selections: [[DimensionSelection]] = [
            [DimensionSelection(1..<4), DimensionSelection(1..<3)],
            [DimensionSelection(start: 0, step: 3, count: 3), DimensionSelection(start: 4, count: 1)],
            [DimensionSelection(6..<7), DimensionSelection(0..<5)],
            [DimensionSelection(start: 1, step: 2, count: 3), DimensionSelection(start: 0, step: 2, count: 3)],
        ]
        for (i, selection) in selections.enumerated() {
            let values = try ramp(selection.map(\.count), dtype: .int32, offset: Double(100 * (i + 1)))
            try array.write(values, at: selection, options: ZarrIOOptions(parallel: i % 2 == 0))
            NDArray.copyElements(from: values, to: model.view(selection))
            #expect(try sameElements(jsonElements(try array.readAll()), jsonElements(model)), "after write \(i)")
        }
    }

    @Test func fillValueChunksAreNotStored() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let array = try WriteTests.make(directory, "a.zarr", format: 3, codecs: WriteTests.codecLists[0].2)
        let all = [DimensionSelection(0..<7), DimensionSelection(0..<5)]
        try array.write(NDArray(zeros: .int32, shape: [7, 5]), at: all)
        #expect(!FileManager.default.fileExists(atPath: directory("a.zarr/c")))
        try array.write(ramp([7, 5], dtype: .int32), at: all)
        #expect(FileManager.default.fileExists(atPath: directory("a.zarr/c/0/0")))
        // Chunk (0, 0) holds 0, 1, 5, 6, 10, 11: zeroing it removes its file.
        try array.write(NDArray(zeros: .int32, shape: [3, 2]), at: [DimensionSelection(0..<3), DimensionSelection(0..<2)])
        #expect(!FileManager.default.fileExists(atPath: directory("a.zarr/c/0/0")))
        #expect(FileManager.default.fileExists(atPath: directory("a.zarr/c/0/1")))
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }

    /// Metadata as zarr-python writes it for the same array, byte for byte.
    @Test(arguments: [("v3_int32.zarr", "zarr.json", 3), ("v2_int32.zarr", ".zarray", 2), ("v3_float64.zarr", "zarr.json", 3)])
    func metadataMatchesZarrPython(fixture: String, file: String, format: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let dtype: DType = fixture.contains("float64") ? .float64 : .int32
        _ = try WriteTests.make(directory, "a.zarr", format: format, codecs: WriteTests.codecLists[0].2, dtype: dtype)
        let ours = try String(contentsOfFile: directory("a.zarr/" + file), encoding: .utf8)
        let theirs = try String(contentsOfFile: Fixtures.stores + "/" + fixture + "/" + file, encoding: .utf8)
        #expect(ours == theirs)
    }

    @Test func attributesAreWrittenAndKeptInOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for format in [2, 3] {
            let array = try WriteTests.make(directory, "a\(format).zarr", format: format, codecs: WriteTests.codecLists[0].2)
            let attributes = JSONObject([("z", .int(1)), ("a", .array([.double(.nan), .string("é")]))])
            _ = try array.settingAttributes(attributes)
            let reopened = try ZarrArray.open(LocalStore(directory("a\(format).zarr")), readOnly: true)
            #expect(reopened.metadata.attributes.keys == ["z", "a"])
            #expect(reopened.metadata.attributes["a"]?.arrayValue?.first?.doubleValue?.isNaN == true)
        }
    }

    @Test func readOnlyArraysRefuseWrites() throws {
        let array = try ZarrArray.open(LocalStore(Fixtures.stores), path: "v3_int32.zarr", readOnly: true)
        #expect {
            try array.write(NDArray(zeros: .int32, shape: [1, 1]), at: [DimensionSelection(0..<1), DimensionSelection(0..<1)])
        } throws: { ($0 as? ZarrError)?.kind == .readOnly }
        #expect(throws: ZarrError.self) { try array.settingAttributes(JSONObject()) }
    }

    @Test func creatingNeverDeletesADirectoryThatIsNotAStore() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory("data"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: directory("data/precious.txt"), contents: Data("keep".utf8)))
        let metadata = try ZarrArrayMetadata(zarrFormat: 3, shape: [2], chunkGrid: [2], dtype: .int32, fillValue: .int64(0),
                                             codecs: [.bytes(endian: .little)], chunkKeys: ChunkKeyEncoding(prefixed: true, separator: "/"))
        #expect {
            try ZarrArray.create(LocalStore(directory("data")), metadata: metadata, overwrite: true)
        } throws: { ($0 as? ZarrError)?.kind == .exists }
        #expect(FileManager.default.fileExists(atPath: directory("data/precious.txt")))
        // An existing store is replaced with overwrite, refused without.
        _ = try ZarrArray.create(LocalStore(directory("z")), metadata: metadata, overwrite: false)
        #expect { try ZarrArray.create(LocalStore(directory("z")), metadata: metadata, overwrite: false) }
            throws: { ($0 as? ZarrError)?.kind == .exists }
        _ = try ZarrArray.create(LocalStore(directory("z")), metadata: metadata, overwrite: true)
    }

    /// A write that fails part-way (here: one chunk's file cannot be replaced) leaves every
    /// chunk either old or new, and the store readable.
    @Test func aFailedWriteLeavesTheStoreReadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let array = try WriteTests.make(directory, "a.zarr", format: 3, codecs: WriteTests.codecLists[0].2)
        let all = [DimensionSelection(0..<7), DimensionSelection(0..<5)]
        let old = try ramp([7, 5], dtype: .int32, offset: 1)
        try array.write(old, at: all)
        // Make chunk (2, 1) a non-empty directory: renaming a file over it fails.
        try FileManager.default.removeItem(atPath: directory("a.zarr/c/2/1"))
        try FileManager.default.createDirectory(atPath: directory("a.zarr/c/2/1/x"), withIntermediateDirectories: true)
        let new = try ramp([7, 5], dtype: .int32, offset: 1000)
        #expect(throws: ZarrError.self) { try array.write(new, at: all) }
        try FileManager.default.removeItem(atPath: directory("a.zarr/c/2/1"))
        let after = try jsonElements(try array.readAll())
        let oldValues = try jsonElements(old), newValues = try jsonElements(new)
        for i in after.indices { #expect(after[i] == oldValues[i] || after[i] == newValues[i] || after[i] == .int(0)) }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func cancellationStopsBetweenChunks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let array = try WriteTests.make(directory, "a.zarr", format: 3, codecs: WriteTests.codecLists[0].2)
        let all = [DimensionSelection(0..<7), DimensionSelection(0..<5)]
        #expect {
            try array.write(ramp([7, 5], dtype: .int32), at: all, options: ZarrIOOptions(isCancelled: { true }))
        } throws: { ($0 as? ZarrError)?.kind == .cancelled }
        _ = try array.readAll()
    }

    @Test func shardedArraysAreReadOnlyForNow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sharding = ShardingConfiguration(chunkShape: [2], codecs: [.bytes(endian: .little)],
                                             indexCodecs: [.bytes(endian: .little), .crc32c], indexAtEnd: true)
        let array = try WriteTests.make(directory, "s.zarr", format: 3, codecs: [.sharding(sharding)], shape: [8], chunks: [4])
        #expect {
            try array.write(ramp([8], dtype: .int32), at: [DimensionSelection(0..<8)])
        } throws: { ($0 as? ZarrError)?.kind == .unsupported }
        #expect(try sameElements(jsonElements(try array.readAll()), Array(repeating: .int(0), count: 8)))
    }
}

@Suite struct DefaultsTests {
    /// zarr-python's `_guess_chunks` on these shapes (zarr 3.1.6).
    @Test(arguments: [([10000, 10000], 4, [625, 625]), ([4], 8, [4]), ([1000, 1000, 100], 8, [125, 125, 13]),
                      ([0, 5], 4, [1, 5]), ([7], 1, [7]), ([], 8, [])])
    func chunkGuessMatchesZarrPython(shape: [Int], itemSize: Int, expected: [Int]) {
        #expect(ZarrArrayMetadata.guessChunks(shape: shape, itemSize: itemSize) == expected)
    }

    @Test func defaultCodecsAreZarrPythons() throws {
        let v3 = try ZarrArrayMetadata.new(format: 3, shape: [7, 5], chunks: [3, 2], dtype: .bool, fillValue: nil,
                                           compressors: nil)
        let fixture = try String(contentsOfFile: Fixtures.stores + "/v3_bool.zarr/zarr.json", encoding: .utf8)
        #expect(v3.v3Document.prettyText == fixture)
        let v2 = try ZarrArrayMetadata.new(format: 2, shape: [7, 5], chunks: [3, 2], dtype: .float64, fillValue: nil,
                                           compressors: nil, order: "F")
        #expect(v2.order == "F")
        #expect(try v2.v2Document().objectValue?["compressor"] == ZarrCodec.zstd(level: 0, checksum: false).v2JSON)
    }
}
