import DuskArray

/// A selection along one dimension: `count` elements from `start`, `step` apart (`step` > 0).
public struct DimensionSelection: Sendable, Equatable {
    public var start: Int
    public var step: Int
    public var count: Int

    public init(start: Int, step: Int = 1, count: Int) {
        self.start = start
        self.step = step
        self.count = count
    }

    /// The elements of `range`.
    public init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, step: 1, count: range.count)
    }

    /// The last index selected (for bounds checks).
    var last: Int { start + (count - 1) * step }
}

/// Index arithmetic over a regular chunk grid.
enum ChunkGrid {
    /// The part of a selection that falls in one chunk: `count` elements from `local` in the
    /// chunk, landing at `output` in the result.
    struct Piece: Sendable {
        var chunk: Int
        var local: Int
        var count: Int
        var output: Int
    }

    /// The chunks of size `chunk` a selection touches, in order, with what it takes from each.
    static func pieces(_ selection: DimensionSelection, chunk: Int) -> [Piece] {
        var pieces: [Piece] = []
        var index = selection.start
        var done = 0
        while done < selection.count {
            let c = index / chunk
            let end = (c + 1) * chunk
            let count = Swift.min(selection.count - done, (end - index + selection.step - 1) / selection.step)
            pieces.append(Piece(chunk: c, local: index - c * chunk, count: count, output: done))
            done += count
            index += count * selection.step
        }
        return pieces
    }

    /// Every index of a grid of `counts`, row-major (one empty index for a 0-d grid).
    static func positions(_ counts: [Int]) -> [[Int]] {
        var result: [[Int]] = []
        var position = [Int](repeating: 0, count: counts.count)
        repeat { result.append(position) } while ChunkGrid.advance(&position, counts)
        return result
    }

    /// Steps a row-major index (an odometer) to the next position; false after the last.
    @discardableResult
    static func advance(_ index: inout [Int], _ counts: [Int]) -> Bool {
        var d = index.count - 1
        while d >= 0 {
            index[d] += 1
            if index[d] < counts[d] { return true }
            index[d] = 0
            d -= 1
        }
        return false
    }
}

extension NDArray {
    /// The view of the elements in `ranges` (one per dimension): no copy.
    func view(_ ranges: [Range<Int>]) -> NDArray {
        view(ranges.map { DimensionSelection($0) })
    }

    /// The strided view of a selection (one per dimension): no copy.
    func view(_ selection: [DimensionSelection]) -> NDArray {
        var offset = self.offset
        var strides = self.strides
        for d in selection.indices {
            offset += selection[d].start * self.strides[d]
            strides[d] *= selection[d].step
        }
        return NDArray(dtype: dtype, shape: selection.map(\.count), strides: strides, offset: offset, storage: storage)
    }
}
