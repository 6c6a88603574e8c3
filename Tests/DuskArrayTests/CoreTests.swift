import Testing
@testable import DuskArray

@Suite("Core: dtypes, scalars, copies")
struct CoreTests {
    @Test(arguments: [
        ("i4", DType.int32), ("<i4", .int32), ("int32", .int32), ("f8", .float64), ("float", .float64),
        ("int", .int64), ("bool", .bool), ("u1", .uint8), ("float32", .float32), ("|b1", .bool),
        ("?", .bool), ("np.float32", .float32), ("uint64", .uint64), ("i1", .int8), ("=f4", .float32),
    ])
    func parsesNumPyNames(name: String, expected: DType) {
        #expect(DType(numpyName: name) == expected)
    }

    @Test(arguments: ["foo", ">i4", "complex128", "", "<"])
    func rejectsUnknownNames(name: String) {
        #expect(DType(numpyName: name) == nil)
    }

    @Test func contiguousCopyOfTransposedView() throws {
        let a = iota([2, 3])
        let t = NDArray(dtype: a.dtype, shape: [3, 2], strides: [1, 3], offset: 0, storage: a.storage)
        #expect(!t.isContiguous)
        let c = try t.contiguous()
        #expect(c.isContiguous)
        #expect(try intValues(c) == [0, 3, 1, 4, 2, 5])
        #expect(try a.contiguous().storage === a.storage)
        #expect(try a.copy().storage !== a.storage)
    }

    @Test func elementAccessWithNegativeIndices() throws {
        let a = iota([2, 3])
        #expect(try a.element(at: [1, -1]) == .int(5, .int64))
        try a.setElement(.float(9.7, .float64), at: [0, 0])
        #expect(try a.element(at: [0, 0]) == .int(9, .int64))
        #expect(throws: ArrayError.indexOutOfBounds(index: 3, axis: 1, size: 3)) { try a.element(at: [0, 3]) }
    }

    @Test func scalarConstruction() throws {
        let z = try NDArray(scalar: .float(2.5, .float64), dtype: .int32)
        #expect(z.shape == [])
        #expect(z.dtype == .int32)
        #expect(try z.item() == .int(2, .int32))
    }

    @Test func nestedInference() throws {
        #expect(try NDArray.from(nested: .list([.bool(true), .bool(false)])).dtype == .bool)
        #expect(try NDArray.from(nested: .list([.bool(true), .int(2)])).dtype == .int64)
        let mixed = try NDArray.from(nested: .list([.list([.int(1), .float(2.5)]), .list([.int(3), .int(4)])]))
        #expect(mixed.dtype == .float64)
        #expect(mixed.shape == [2, 2])
        #expect(try values(mixed) == [1, 2.5, 3, 4])
        let empty = try NDArray.from(nested: .list([]))
        #expect(empty.shape == [0] && empty.dtype == .float64)
    }

    @Test func raggedNestingIsAnError() throws {
        let ragged = NestedValue.list([.list([.int(1), .int(2)]), .list([.int(3)])])
        #expect(throws: ArrayError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.")) {
            try NDArray.from(nested: ragged)
        }
    }
}

@Suite("Core: tile casts")
struct CoreTileCastTests {
    @Test func castsStridedAndRepeatedSources() {
        let source: [Int16] = [1, -2, 3, -4, 300]
        var output = [Float](repeating: 0, count: 3)
        source.withUnsafeBytes { raw in
            output.withUnsafeMutableBytes { destination in
                DType.int16.cast(raw.baseAddress!, stride: 2, to: .float32, destination.baseAddress!, count: 3)
            }
        }
        #expect(output == [1, 3, 300])
        var bytes = [Int8](repeating: 0, count: 2)
        source.withUnsafeBytes { raw in
            bytes.withUnsafeMutableBytes { destination in
                DType.int16.cast(raw.baseAddress! + 8, stride: 0, to: .int8, destination.baseAddress!, count: 2)
            }
        }
        #expect(bytes == [44, 44])
    }
}
