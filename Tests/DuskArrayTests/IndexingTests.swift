import Testing
@testable import DuskArray

/// `start:stop:step` shorthand for tests.
func s(_ start: Int? = nil, _ stop: Int? = nil, _ step: Int? = nil) -> Index {
    .slice(start: start, stop: stop, step: step)
}

/// An int64 index array.
func idx(_ values: [Int64], _ shape: [Int]? = nil) -> Index {
    .array(ints(values, shape))
}

@Suite("Indexing: views, fancy indices, masks, assignment")
struct IndexingTests {
    /// `np.arange(24).reshape(2, 3, 4)[index]`: shape and values as NumPy 2.4 gives them.
    static let cases: [(String, [Index], [Int], [Int64])] = [
        ("a[1, ::-1, 1:3]", [.int(1), s(nil, nil, -1), s(1, 3)], [3, 2], [21, 22, 17, 18, 13, 14]),
        ("a[..., None, -1]", [.ellipsis, .newAxis, .int(-1)], [2, 3, 1], [3, 7, 11, 15, 19, 23]),
        ("a[:, [2, 0]]", [.all, idx([2, 0])], [2, 2, 4], [8, 9, 10, 11, 0, 1, 2, 3, 20, 21, 22, 23, 12, 13, 14, 15]),
        ("a[[1, 0], :, [3, 0]]", [idx([1, 0]), .all, idx([3, 0])], [2, 3], [15, 19, 23, 0, 4, 8]),
        ("a[:, [0, 2], [1, 3]]", [.all, idx([0, 2]), idx([1, 3])], [2, 2], [1, 11, 13, 23]),
        ("a[0, :, [1, 2]]", [.int(0), .all, idx([1, 2])], [2, 3], [1, 5, 9, 2, 6, 10]),
        ("a[[True, False]]", [.array(try! NDArray([true, false]))], [1, 3, 4], Array(0...11)),
        ("a[:, [[0], [2]], 1:3]", [.all, idx([0, 2], [2, 1]), s(1, 3)], [2, 2, 1, 2], [1, 2, 9, 10, 13, 14, 21, 22]),
        ("a[1, -1, -1]", [.int(1), .int(-1), .int(-1)], [], [23]),
        ("a[::-2, 5:0:-2, -10:10:3]", [s(nil, nil, -2), s(5, 0, -2), s(-10, 10, 3)], [1, 1, 2], [20, 23]),
        ("a[:, 3:1]", [.all, s(3, 1)], [2, 0, 4], []),
    ]

    @Test(arguments: cases)
    func indexMatchesNumPy(label: String, index: [Index], shape: [Int], expected: [Int64]) throws {
        let a = iota([2, 3, 4])
        let result = try a[index]
        #expect(result.shape == shape, "\(label)")
        #expect(try intValues(result) == expected, "\(label)")
    }

    @Test func basicIndexingMakesViews() throws {
        let a = iota([3, 4])
        let row = try a[[.int(1)]]
        #expect(row.storage === a.storage)
        try row.setSubscript([.int(0)], value: .int(99))
        #expect(try a.element(at: [1, 0]) == .int(99, .int64))
        let fancy = try a[[idx([1])]]
        #expect(fancy.storage !== a.storage)
    }

    @Test func booleanMaskSelectsInCOrder() throws {
        let a = iota([2, 3, 4])
        let mask = try NDArray.binary(.equal, .array(try NDArray.binary(.remainder, .array(a), .int(5))), .int(0))
        let selected = try a[[.array(mask)]]
        #expect(try intValues(selected) == [0, 5, 10, 15, 20])
        let reversed = try a.T[[.array(mask.T)]]
        #expect(try intValues(reversed) == [0, 20, 5, 10, 15])
    }

    @Test func errorsCarryNumPysMessages() throws {
        let a = iota([2, 3])
        #expect(throws: ArrayError.indexOutOfBounds(index: 5, axis: 0, size: 2)) { try a[[.int(5)]] }
        #expect(throws: ArrayError.tooManyIndices(ndim: 2, given: 3)) { try a[[.int(0), .int(0), .int(0)]] }
        #expect(throws: ArrayError.booleanIndexMismatch(axis: 0, size: 2, maskSize: 3)) {
            try a[[.array(try NDArray([true, false, true]))]]
        }
        #expect(throws: ArrayError.indexOutOfBounds(index: 5, axis: 0, size: 2)) { try a[[idx([0, 5])]] }
        #expect(throws: ArrayError.index("arrays used as indices must be of integer (or boolean) type")) {
            try a[[.array(doubles([0.5]))]]
        }
        #expect(throws: ArrayError.index("an index can only have a single ellipsis ('...')")) {
            try a[[.ellipsis, .ellipsis]]
        }
        #expect(throws: ArrayError.value("slice step cannot be zero")) { try a[[s(nil, nil, 0)]] }
        #expect(ArrayError.indexOutOfBounds(index: 5, axis: 0, size: 3).message == "index 5 is out of bounds for axis 0 with size 3")
    }

    @Test func assignmentThroughEveryKindOfIndex() throws {
        let b = iota([3, 4])
        try b.setSubscript([.all, .int(0)], value: .int(-5))
        let mask = try NDArray.binary(.greater, .array(b), .int(8))
        try b.setSubscript([.array(mask)], value: .int(0))
        try b.setSubscript([idx([0, 2]), s(1, 3)], value: ints([100, 200], [2, 1]))
        let lastColumn = try b[[.ellipsis, .int(-1)]]
        try b.setSubscript([.ellipsis, .int(-1)], value: .array(try NDArray.binary(.add, .array(lastColumn), .int(1))))
        #expect(try intValues(b) == [-5, 100, 100, 4, -5, 5, 6, 8, -5, 200, 200, 1])
    }

    @Test func repeatedFancyIndicesLetTheLastWriteWin() throws {
        let c = try NDArray.zeros([5], dtype: .int8)
        try c.setSubscript([idx([0, 0, 1])], value: ints([1, 2, 3]))
        #expect(try intValues(c) == [2, 3, 0, 0, 0])
    }

    @Test func overlappingAssignmentReadsTheOriginalValues() throws {
        let d = iota([6])
        try d.setSubscript([s(1)], value: try d[[s(nil, -1)]])
        #expect(try intValues(d) == [0, 0, 1, 2, 3, 4])
    }

    @Test func assignmentCastsAndChecksPythonIntegers() throws {
        let a = try NDArray.zeros([3], dtype: .int8)
        try a.setSubscript([.int(0)], value: .float(2.7))
        #expect(try intValues(a) == [2, 0, 0])
        #expect(throws: ArrayError.integerOutOfBounds(300, .int8)) { try a.setSubscript([.int(1)], value: .int(300)) }
        #expect(throws: ArrayError.broadcastInto(from: [4], to: [3])) { try a.setSubscript([.all], value: iota([4])) }
        let masked = iota([4])
        try masked.setSubscript([.array(try NDArray([true, false, true, false]))], value: ints([10, 20]))
        #expect(try intValues(masked) == [10, 1, 20, 3])
    }

    @Test func viewsAndCopiesAgree() throws {
        let a = try iota([4, 6]).converted(to: .float64)
        let indices: [[Index]] = [
            [s(1, 3), s(nil, nil, -2)], [.int(-1)], [s(nil, nil, -1), .newAxis, .int(2)],
            [.ellipsis, s(1, 5, 2)], [idx([3, 1]), s(nil, nil, 3)],
        ]
        for index in indices {
            let fromView = try a[index]
            let fromCopy = try a.copy()[index]
            let fromTransposedTwice = try a.T.T[index]
            #expect(try values(fromView) == values(fromCopy))
            #expect(try values(fromView) == values(fromTransposedTwice))
        }
    }

    @Test func nonzeroListsCoordinatesPerAxis() throws {
        let mask = try! NDArray([true, false, false, true], shape: [2, 2])
        let coordinates = try mask.nonzero()
        #expect(coordinates.count == 2)
        #expect(try intValues(coordinates[0]) == [0, 1])
        #expect(try intValues(coordinates[1]) == [0, 1])
    }
}
