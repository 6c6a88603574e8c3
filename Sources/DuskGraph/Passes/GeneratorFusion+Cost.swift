import DuskArray

/// Generate or store: the cost model generator fusion uses for a creation layer that several
/// layers read.
///
/// Generated inside each reader, its values are made once per reader and never stored; stored,
/// they are made once, written to memory and read back by each reader, and the blocks stay in
/// memory until their last reader has run (the whole array in the worst order). So a layer is
/// stored when that is cheaper (making a value costs more than writing and reading it) and its
/// bytes fit in the memory budget; otherwise each reader generates it.
extension GeneratorFusion {
    /// What writing or reading one byte of a stored block costs, in nanoseconds: 8 GB/s, a
    /// third of one core's stream bandwidth on the bench machine (24 GB/s), for the page faults
    /// of fresh blocks and the caches the blocks push out (a stored array's sum read 5-7 GB/s
    /// on the loaded machine).
    static let memoryNanosecondsPerByte = 0.125

    /// The decision for creation layer `source` read by `readers` layers (outputs included).
    enum SharedDecision: Equatable {
        /// Each reader generates it (or holds its constant).
        case generate
        /// Generated once and stored: generating it in each reader costs more.
        case store
        /// Each reader generates it although storing would be cheaper: its bytes exceed the budget.
        case overBudget(bytes: Int, budget: Int)
    }

    /// Generate or store a creation layer of the given form read by `readers` layers.
    ///
    /// Generating it in each reader costs `readers × g` per value; storing it costs `g`, one
    /// write and `readers` reads. The limit is only read when storing would be cheaper.
    static func sharedDecision(_ form: Form, itemSize: Int, bytes: Int, readers: Int,
                               budget: () -> Int) -> SharedDecision {
        guard readers > 1, case .generator(let kind, _) = form else { return .generate }
        let generated = Double(readers) * kind.nanosecondsPerValue
        let stored = kind.nanosecondsPerValue + Double(readers + 1) * Double(itemSize) * memoryNanosecondsPerByte
        guard stored < generated else { return .generate }
        let limit = budget()
        return bytes <= limit ? .store : .overBudget(bytes: bytes, budget: limit)
    }

    /// The memory budget for stored generators when the options give none: half the memory
    /// available now (4 GiB when the system does not say).
    static func defaultStoreBudget() -> Int {
        guard let available = recentAvailableMemoryBytes() else { return 4 << 30 }
        return available / 2
    }
}

extension TileGenerator.Kind {
    /// About what making one value costs inside a tile program, in nanoseconds: fused sums on one
    /// core of the bench machine, 2026-12-06, less the 0.5 ns of the sum: `random((4000, 4000)).sum()`
    /// 5.4-6.0 ns a value, `arange(16e6).astype(float).sum()` 1.0, a stored array's sum 1.2-1.5.
    /// Positions (arange, linspace, eye) are a multiply-add; random numbers a Philox block each.
    var nanosecondsPerValue: Double {
        switch self {
        case .arange, .linspace, .eye: 0.5
        case .uniform: 5
        case .integers: 6
        }
    }
}
