import Testing
@testable import DuskArray

@Suite("Shape: reshape, axes, broadcasting, joining")
struct ShapeTests {
    @Test func reshapeInfersOneDimension() throws {
        let a = iota([2, 3, 4])
        #expect(try a.reshaped([-1, 6]).shape == [4, 6])
        #expect(try a.reshaped([24]).storage === a.storage)
        #expect(throws: ArrayError.reshape(size: 24, shape: [5])) { try a.reshaped([5]) }
        #expect(throws: ArrayError.value("can only specify one unknown dimension")) { try a.reshaped([-1, -1]) }
        #expect(throws: ArrayError.value("cannot reshape array of size 6 into shape (4)")) { try iota([6]).reshaped([-1, 4]) }
        #expect(throws: ArrayError.value("cannot reshape array of size 6 into shape (4,newaxis)")) { try iota([6]).reshaped([4, -1]) }
        #expect(ArrayError.reshape(size: 6, shape: [4]).message == "cannot reshape array of size 6 into shape (4,)")
    }

    @Test func reshapeIsAViewOnlyWhenTheLayoutAllows() throws {
        let a = iota([2, 3, 4])
        let strided = try a[[.all, .slice(start: nil, stop: nil, step: 2), .slice(start: 1, stop: 3, step: nil)]]
        let copied = try strided.reshaped([2, 4])
        #expect(copied.storage !== a.storage)
        #expect(try intValues(copied) == [1, 2, 9, 10, 13, 14, 21, 22])
        let transposedCopy = try a.transposed([0, 2, 1]).reshaped([2, 12])
        #expect(transposedCopy.storage !== a.storage)
        let row = try a[[.all, .int(1)]].reshaped([2, 2, 2])
        #expect(row.storage === a.storage)
        #expect(try intValues(row) == [4, 5, 6, 7, 16, 17, 18, 19])
        let reversed = try a[[.slice(start: nil, stop: nil, step: -1)]].reshaped([2, 12])
        #expect(try intValues(reversed) == Array(12..<24) + Array(0..<12))
    }

    @Test func axesOperationsMatchNumPyShapes() throws {
        let a = iota([2, 3, 4])
        #expect(try a.movingAxes(from: [0], to: [-1]).shape == [3, 4, 2])
        #expect(try a.movingAxes(from: [0, 1], to: [-1, -2]).shape == [4, 3, 2])
        #expect(try a.swappingAxes(0, 2).shape == [4, 3, 2])
        #expect(try Array(intValues(try a.transposed([1, 0, 2])).prefix(8)) == [0, 1, 2, 3, 12, 13, 14, 15])
        #expect(try a.expandingDimensions(at: [0, 3]).shape == [1, 2, 3, 1, 4])
        #expect(try NDArray.zeros([1, 3, 1]).squeezed().shape == [3])
        #expect(throws: ArrayError.value("cannot select an axis to squeeze out which has size not equal to one")) {
            try a.squeezed(axes: [0])
        }
        #expect(throws: ArrayError.value("repeated axis in transpose")) { try a.transposed([0, 0, 1]) }
        #expect(throws: ArrayError.value("axes don't match array")) { try a.transposed([0]) }
        #expect(throws: ArrayError.value("axis2: axis 3 is out of bounds for array of dimension 3")) { try a.swappingAxes(0, 3) }
    }

    @Test func transposeTwiceIsTheIdentity() throws {
        for shape in [[5], [2, 3], [2, 3, 4], [1, 4, 1, 2]] {
            let a = iota(shape)
            #expect(a.T.T.shape == a.shape && a.T.T.strides == a.strides)
            #expect(try intValues(a.T.copy().T) == intValues(a))
        }
    }

    @Test func broadcastingShapesAndViews() throws {
        #expect(try NDArray.broadcastShapes([[3, 1], [4], [2, 1, 1]]) == [2, 3, 4])
        #expect(throws: ArrayError.broadcast([[3], [4]])) { try NDArray.broadcastShapes([[3], [4]]) }
        let row = iota([3])
        let tiled = try row.broadcast(to: [2, 3])
        #expect(tiled.strides == [0, 1])
        #expect(try intValues(tiled) == [0, 1, 2, 0, 1, 2])
        #expect(throws: ArrayError.value("operands could not be broadcast together with remapped shapes [original->remapped]: (3,)  and requested shape (4,)")) {
            try row.broadcast(to: [4])
        }
    }

    @Test func concatenateAndStack() throws {
        let a = iota([2, 3])
        #expect(try intValues(try NDArray.concatenate([a, a], axis: 0)) == [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5])
        #expect(try intValues(try NDArray.concatenate([a, a], axis: -1)) == [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5])
        #expect(try NDArray.concatenate([a, a], axis: nil).shape == [12])
        #expect(try NDArray.concatenate([try NDArray([Int8(1), 2]), doubles([1.5])]).dtype == .float64)
        #expect(try NDArray.stack([a, a], axis: 1).shape == [2, 2, 3])
        #expect(try intValues(try NDArray.stack([a, a], axis: 2)) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        #expect(throws: ArrayError.value("need at least one array to concatenate")) { try NDArray.concatenate([]) }
        #expect(throws: ArrayError.value("all input arrays must have the same shape")) { try NDArray.stack([a, iota([3])]) }
        #expect(throws: ArrayError.value("all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2")) {
            try NDArray.concatenate([a, iota([2, 2])], axis: 0)
        }
    }

    @Test func ravelAndFlatten() throws {
        let a = iota([2, 3])
        #expect(try a.raveled().storage === a.storage)
        #expect(try intValues(a.T.raveled()) == [0, 3, 1, 4, 2, 5])
        #expect(try a.flattened().storage !== a.storage)
    }

    @Test func stridedRowsMergeContiguousAxes() {
        let rows = StridedRows(shape: [2, 3, 4], strides: [[12, 4, 1], [0, 4, 1]])
        #expect(rows.shape == [2, 12])
        #expect(rows.strides == [[12, 1], [0, 1]])
        let transposed = StridedRows(shape: [4, 3], strides: [[1, 4]])
        #expect(transposed.shape == [4, 3] && transposed.rowStride(0) == 4)
        var starts: [Int] = []
        transposed.forEachRow(offsets: [0]) { starts.append($0[0]) }
        #expect(starts == [0, 1, 2, 3])
    }
}
