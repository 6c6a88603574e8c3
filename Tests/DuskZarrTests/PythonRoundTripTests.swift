import DuskArray
import Foundation
import Testing
@testable import DuskZarr

/// Round trips through zarr-python (`Fixtures/roundtrip.py`): Dusk writes, zarr-python reads;
/// zarr-python writes, Dusk reads. Skipped, with a notice, where python3 with zarr is absent.
@Suite struct PythonRoundTripTests {
    static let script = Fixtures.directory.appendingPathComponent("roundtrip.py").path

    /// Runs the script; nil (after printing why) when Python or zarr is missing.
    static func python(_ command: String, _ directory: String) throws -> JSONObject? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import zarr"]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            print("notice: python3 is not available; skipping the zarr-python round trips")
            return nil
        }
        guard process.terminationStatus == 0 else {
            print("notice: python3 has no zarr module; skipping the zarr-python round trips")
            return nil
        }
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        run.arguments = ["python3", script, command, directory]
        let output = Pipe()
        run.standardOutput = output
        try run.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        run.waitUntilExit()
        #expect(run.terminationStatus == 0, "roundtrip.py \(command) failed")
        return try JSONValue.parse(Array(data)).objectValue
    }

    @Test func duskWritesZarrPythonReads() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var written: [String: NDArray] = [:]
        for (i, (label, format, codecs)) in WriteTests.codecLists.enumerated() {
            let dtype = [DType.int32, .float64, .uint16, .int8, .bool, .uint64, .float32][i % 7]
            let name = label.replacingOccurrences(of: " ", with: "_") + ".zarr"
            let array = try WriteTests.make(directory, name, format: format, codecs: codecs, shape: [9, 7], chunks: [4, 3],
                                            dtype: dtype)
            let values = try ramp([9, 7], dtype: dtype, scale: 1.75, offset: -20)
            values.view([0..<4, 0..<3]).fill(.int64(0))  // a chunk left missing
            try array.write(values, at: [DimensionSelection(0..<9), DimensionSelection(0..<7)])
            _ = try array.settingAttributes(JSONObject([("label", .string(label)), ("index", .int(Int64(i)))]))
            written[name] = values
        }
        guard let read = try PythonRoundTripTests.python("read", directory.path) else { return }
        #expect(read.count == written.count)
        for (name, values) in written {
            let entry = try #require(read[name]?.objectValue, "zarr-python did not read \(name)")
            #expect(entry["dtype"]?.stringValue == values.dtype.name, "\(name)")
            #expect(entry["shape"] == .array([.int(9), .int(7)]))
            #expect(entry["attributes"]?.objectValue?.keys == ["label", "index"])
            #expect(try sameElements(jsonElements(values), entry["values"]?.arrayValue ?? []), "\(name)")
        }
    }

    @Test func zarrPythonWritesDuskReads() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        guard let written = try PythonRoundTripTests.python("write", directory.path) else { return }
        #expect(written.count == 11)
        for (name, value) in written.members {
            let entry = try #require(value.objectValue)
            let array = try ZarrArray.open(LocalStore(directory(name)), readOnly: true)
            #expect(array.dtype.name == entry["dtype"]?.stringValue, "\(name)")
            #expect(array.metadata.attributes == entry["attributes"]?.objectValue)
            let values = try array.readAll(options: ZarrIOOptions(parallel: true))
            #expect(try sameElements(jsonElements(values), entry["values"]?.arrayValue ?? []), "\(name)")
        }
    }
}
