import DuskArray

/// A basic index (integers, slices, new axes) as slice pushdown moves it: per dimension of the
/// indexed array an integer or a range of positions, and where new axes go in the result.
struct Selection: CustomStringConvertible {
    enum Item: Equatable {
        case integer(Int)
        /// `count` positions from `start`, `step` apart.
        case range(start: Int, step: Int, count: Int)

        var isInteger: Bool { if case .integer = self { true } else { false } }
        var start: Int {
            switch self {
            case .integer(let p): p
            case .range(let start, _, _): start
            }
        }
        var step: Int { if case .range(_, let step, _) = self { step } else { 1 } }
    }

    /// One per dimension of the indexed array.
    var items: [Item]
    /// Positions of new axes among the result's dimensions.
    var newAxes: [Int] = []

    init(items: [Item], newAxes: [Int] = []) {
        self.items = items
        self.newAxes = newAxes
    }

    /// The selection of a `getitem` of `input`, or nil for an integer-array index.
    init?(_ plan: GetitemPlan, input: ArrayExpr) {
        var items: [Item] = []
        for (dimension, entry) in plan.dimensions.enumerated() {
            let offsets = input.chunks.offsets[dimension]
            switch entry {
            case .integer(let block, let local):
                items.append(.integer(offsets[block] + local))
            case .pieces(let pieces):
                let count = pieces.reduce(0) { $0 + $1.count }
                let first = pieces.first.map { offsets[$0.block] + $0.start } ?? 0
                items.append(.range(start: count == 0 ? 0 : first, step: pieces.first?.step ?? 1, count: count))
            case .take:
                return nil
            }
        }
        self.items = items
        newAxes = plan.outputAxes.indices.filter { if case .newAxis = plan.outputAxes[$0] { true } else { false } }
    }

    var hasNewAxes: Bool { !newAxes.isEmpty }

    /// The same positions with no new axes.
    var withoutNewAxes: Selection { Selection(items: items) }

    /// Whether every item is a whole dimension of `array`, in order.
    func isEverything(_ array: ArrayExpr) -> Bool {
        items.enumerated().allSatisfy { dimension, item in item == .range(start: 0, step: 1, count: array.shape[dimension]) }
    }

    /// The index inserting the new axes into an array of `rank` dimensions (the pushed result).
    func newAxisInsertion(rank: Int) -> [Index] {
        (0..<(rank + newAxes.count)).map { newAxes.contains($0) ? .newAxis : .all }
    }

    /// The index as NumPy items (integers and slices; new axes left out).
    var indices: [Index] {
        items.map { item in
            switch item {
            case .integer(let p): return .int(p)
            case .range(let start, let step, let count):
                if count == 0 { return .slice(start: 0, stop: 0, step: 1) }
                let end = start + step * count
                return .slice(start: start, stop: end < 0 ? nil : end, step: step)
            }
        }
    }

    /// The result's shape, without new axes.
    func shape(of array: ArrayExpr) -> [Int] {
        items.compactMap { if case .range(_, _, let count) = $0 { count } else { nil } }
    }

    /// The result's chunks (without new axes), as a `getitem` of `array` cuts them.
    func chunks(of array: ArrayExpr) throws(GraphError) -> Chunks {
        try LazyArray(array).getitem(indices).chunks
    }

    /// This selection (over `outer`'s dimensions) for an input of `outer` aligned to its
    /// trailing dimensions: leading dimensions the input lacks are dropped, dimensions of
    /// length 1 that broadcast keep their one element.
    func forBroadcastInput(_ inner: ArrayExpr, of outer: ArrayExpr) throws(GraphError) -> Selection {
        let offset = outer.ndim - inner.ndim
        return Selection(items: (0..<inner.ndim).map { d in
            let item = items[d + offset]
            guard inner.shape[d] == 1 && outer.shape[d + offset] != 1 else { return item }
            return item.isInteger ? .integer(0) : .range(start: 0, step: 1, count: 1)
        })
    }

    /// NumPy's spelling: `[0, 2:8:2]`.
    var description: String {
        var parts = items.map { item -> String in
            switch item {
            case .integer(let p): return "\(p)"
            case .range(let start, let step, let count):
                let stop = start + step * count
                return step == 1 ? "\(start):\(stop)" : "\(start):\(stop < 0 ? "" : "\(stop)"):\(step)"
            }
        }
        for position in newAxes.sorted() where position <= parts.count { parts.insert("None", at: position) }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}

extension CreationOp {
    /// This creation function cut to `selection` of the layer `array` (nil: it cannot be cut,
    /// as normal random numbers cannot).
    func window(_ selection: Selection, of array: ArrayExpr) -> CreationOp? {
        switch self {
        case .full:
            return self
        case .random(let spec) where !["random", "random_sample", "rand", "uniform", "integers", "randint"].contains(spec.distribution):
            return nil
        case .sliced(let base, let window):
            // Compose: a source dimension kept along axis `a` of this layer takes the new item of `a`,
            // which lands on the new result's axis `a` less the integers before it.
            let dimensions = window.dimensions.map { dimension -> CreationWindow.Dimension in
                guard case .range(let start, let step, let axis) = dimension else { return dimension }
                switch selection.items[axis] {
                case .integer(let p): return .fixed(start + step * p)
                case .range(let s, let st, _):
                    let dropped = selection.items[..<axis].count(where: \.isInteger)
                    return .range(start: start + step * s, step: step * st, axis: axis - dropped)
                }
            }
            return .sliced(base, CreationWindow(sourceShape: window.sourceShape, dimensions: dimensions))
        default:
            var kept = 0
            let dimensions = selection.items.map { item -> CreationWindow.Dimension in
                switch item {
                case .integer(let p): return .fixed(p)
                case .range(let start, let step, _):
                    defer { kept += 1 }
                    return .range(start: start, step: step, axis: kept)
                }
            }
            return .sliced(self, CreationWindow(sourceShape: array.shape, dimensions: dimensions))
        }
    }
}
