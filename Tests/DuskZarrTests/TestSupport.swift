import DuskArray
import Foundation
@testable import DuskZarr

/// The fixtures written by `Fixtures/make_fixtures.py` with zarr-python, and what it recorded.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let stores = directory.appendingPathComponent("stores").path

    /// `expected.json`: per fixture name, its metadata and values as zarr-python read them.
    static let expected: JSONObject = {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("expected.json").path),
              let document = try? JSONValue.parse(Array(data)), let object = document.objectValue else {
            return JSONObject()
        }
        return object
    }()

    /// Array fixtures (not groups), by name.
    static var arrayNames: [String] {
        expected.members.filter { $0.value.objectValue?["group"] == nil }.map(\.key)
    }

    static var groupNames: [String] {
        expected.members.filter { $0.value.objectValue?["group"] != nil }.map(\.key)
    }
}

/// The elements of an array in C order, as JSON values (`.bool`, `.int`/`.uint`, `.double`).
func jsonElements(_ array: NDArray) throws -> [JSONValue] {
    array.dtype.dispatch(ElementsAsJSON(array: try array.contiguous()))
}

private struct ElementsAsJSON: ElementVisitor {
    let array: NDArray
    func visit<T: NDElement>(_ type: T.Type) -> [JSONValue] {
        array.withUnsafeBufferPointer(as: T.self) { elements in
            elements.map { element -> JSONValue in
                switch T.dtype.kind {
                case "b": return .bool(element.int64Value != 0)
                case "i": return .int(element.int64Value)
                case "u":
                    let bits = UInt64(bitPattern: element.int64Value)
                    return bits <= UInt64(Int64.max) ? .int(Int64(bits)) : .uint(bits)
                default: return .double(element.doubleValue)
                }
            }
        }
    }
}

/// Whether two element lists are equal, NaN matching NaN and integers matching equal floats.
func sameElements(_ a: [JSONValue], _ b: [JSONValue]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) where x != y {
        guard let dx = x.doubleValue, let dy = y.doubleValue else { return false }
        if !(dx == dy || (dx.isNaN && dy.isNaN)) { return false }
    }
    return true
}

/// A fresh temporary directory, removed by the caller with `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "dusk-zarr-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path inside the directory.
    func callAsFunction(_ name: String) -> String { path + "/" + name }
}

/// An array of `shape` holding `0, 1, 2...` (times `scale`) cast to `dtype`.
func ramp(_ shape: [Int], dtype: DType, scale: Double = 1, offset: Double = 0) throws -> NDArray {
    let count = shape.reduce(1, *)
    let values = try NDArray(uninitialized: .float64, shape: shape)
    values.withUnsafeMutableBufferPointer(as: Double.self) { buffer in
        for i in 0..<count { buffer[i] = Double(i) * scale + offset }
    }
    return try values.astype(dtype)
}
