import Testing
@testable import DuskArray

/// A small deterministic generator for property tests (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Indexing: properties over random views")
struct IndexingPropertyTests {
    /// A random basic index (slices with any step, integers, new axes) for `shape`.
    static func randomIndex(for shape: [Int], using generator: inout SplitMix) -> [Index] {
        var index: [Index] = []
        for size in shape {
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                index.append(.int(Int.random(in: -size..<size, using: &generator)))
            case 1:
                index.append(.newAxis)
                index.append(.all)
            default:
                let step = [1, 2, -1, -3][Int.random(in: 0..<4, using: &generator)]
                let start = Bool.random(using: &generator) ? Int.random(in: -size...size, using: &generator) : nil
                let stop = Bool.random(using: &generator) ? Int.random(in: -size...size, using: &generator) : nil
                index.append(.slice(start: start, stop: stop, step: step))
            }
        }
        return index
    }

    @Test(arguments: 0..<40)
    func viewsBehaveLikeTheirCopies(seed: Int) throws {
        var generator = SplitMix(state: UInt64(seed))
        let rank = Int.random(in: 1...4, using: &generator)
        let shape = (0..<rank).map { _ in Int.random(in: 1...5, using: &generator) }
        let base = try iota(shape).converted(to: .float64)
        let view = try base[Self.randomIndex(for: shape, using: &generator)]
        let copy = try view.copy()
        #expect(try values(view) == values(copy))
        #expect(try values(view.T.T) == values(copy))
        // Elementwise results do not depend on the layout.
        #expect(try values(try NDArray.binary(.multiply, view, view.T.T)) == values(try NDArray.binary(.multiply, copy, copy)))
        #expect(try sameDoubles(values(try view.unary(.sin)), values(try copy.unary(.sin))))
        // Reshaping to 1-D and back keeps the elements.
        #expect(try values(try view.reshaped([-1]).reshaped(view.shape)) == values(copy))
        // Writing through the view is seen by the base; a copy is independent.
        if view.count > 0 {
            try view.setSubscript([.ellipsis], value: .float(-1))
            #expect(try values(view).allSatisfy { $0 == -1 })
            #expect(try values(copy).allSatisfy { $0 >= 0 })
            #expect(try values(base).contains(-1))
        }
    }
}
