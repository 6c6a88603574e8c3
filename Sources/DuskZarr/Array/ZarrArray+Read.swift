import Dispatch
import DuskArray
import Synchronization

/// How a read or write runs: on several threads or one, and when to give up.
public struct ZarrIOOptions: Sendable {
    /// Decode or encode chunks on several threads at once (eager reads of many chunks).
    public var parallel: Bool
    /// Polled between chunks; a true answer stops the operation with a `.cancelled` error.
    public var isCancelled: @Sendable () -> Bool

    public init(parallel: Bool = false, isCancelled: @escaping @Sendable () -> Bool = { false }) {
        self.parallel = parallel
        self.isCancelled = isCancelled
    }
}

extension ZarrArray {
    /// The elements a selection picks (one `DimensionSelection` per dimension), as a new
    /// array of the selections' counts. Only the chunks holding selected elements are read;
    /// missing chunks read as the fill value.
    public func read(_ selection: [DimensionSelection], options: ZarrIOOptions = ZarrIOOptions()) throws(ZarrError) -> NDArray {
        try check(selection)
        let counts = selection.map(\.count)
        if counts.contains(0) { return try ZarrError.array { () throws(ArrayError) in try NDArray(uninitialized: dtype, shape: counts) } }
        // A result too big for memory fails now, before a list of its chunks is made.
        try ZarrError.array { () throws(ArrayError) in try NDArray.checkAllocatable(counts, dtype: dtype) }
        let pieces = zip(selection, chunks).map { ChunkGrid.pieces($0, chunk: $1) }
        // One chunk read whole: its decoded array is the result, without a copy.
        if pieces.allSatisfy({ $0.count == 1 }) {
            let index = pieces.map { $0[0].chunk }
            if selection.indices.allSatisfy({ selection[$0].step == 1 && selection[$0].start == index[$0] * chunks[$0]
                                                && selection[$0].count == chunks[$0] }) {
                var reader = ChunkReader(array: self)
                if let chunk = try reader.chunk(index) { return try ZarrError.array { () throws(ArrayError) in try chunk.contiguous() } }
                return try ZarrError.array { () throws(ArrayError) in try NDArray(repeating: metadata.fillValue, shape: counts, dtype: dtype) }
            }
        }
        let result = try ZarrError.array { () throws(ArrayError) in try NDArray(uninitialized: dtype, shape: counts) }
        // Group the chunks by stored object (a shard holds many), so each shard's index is read once.
        let groups = readGroups(pieces)
        try forEach(groups.count, options: options) { (g) throws(ZarrError) in
            var reader = ChunkReader(array: self)
            for job in groups[g] {
                let target = result.view(job.indices.map { d in
                    let piece = pieces[d][job[d]]
                    return piece.output..<(piece.output + piece.count)
                })
                let index = job.indices.map { pieces[$0][job[$0]].chunk }
                let local = job.indices.map { d in
                    let piece = pieces[d][job[d]]
                    return DimensionSelection(start: piece.local, step: selection[d].step, count: piece.count)
                }
                if let chunk = try reader.chunk(index, prefix: prefixBytes(local)) {
                    let source = chunk.view(local)
                    NDArray.copyElements(from: source, to: target)
                } else {
                    target.fill(metadata.fillValue)
                }
            }
        }
        return result
    }

    /// The whole array.
    public func readAll(options: ZarrIOOptions = ZarrIOOptions()) throws(ZarrError) -> NDArray {
        try read(shape.map { DimensionSelection(0..<$0) }, options: options)
    }

    /// The bytes of a chunk (C order) up to the last element a selection within it takes.
    func prefixBytes(_ local: [DimensionSelection]) -> Int {
        var last = 0
        var stride = 1
        for d in local.indices.reversed() {
            last += local[d].last * stride
            stride *= chunks[d]
        }
        return (last + 1) * dtype.itemSize
    }

    /// Checks that a selection lies inside the array.
    func check(_ selection: [DimensionSelection]) throws(ZarrError) {
        guard selection.count == ndim else {
            throw ZarrError(.invalidArgument, "a selection of \(selection.count) dimensions for an array of \(ndim)")
        }
        for (d, s) in selection.enumerated() {
            guard s.step > 0, s.count >= 0, s.start >= 0, s.count == 0 || s.last < shape[d] else {
                throw ZarrError(.indexOutOfRange, "selection \(s.start):\(s.start + s.count * s.step):\(s.step) is outside "
                                + "dimension \(d) of length \(shape[d])")
            }
        }
    }

    /// The touched chunks (as positions in each dimension's piece list), grouped by stored object.
    private func readGroups(_ pieces: [[ChunkGrid.Piece]]) -> [[[Int]]] {
        let jobs = ChunkGrid.positions(pieces.map(\.count))
        guard shardLayout != nil else { return jobs.map { [$0] } }
        var groups: [[Int]: [[Int]]] = [:]
        var order: [[Int]] = []
        for job in jobs {
            let shard = job.indices.map { pieces[$0][job[$0]].chunk * chunks[$0] / metadata.chunkGrid[$0] }
            if groups[shard] == nil { order.append(shard) }
            groups[shard, default: []].append(job)
        }
        return order.map { groups[$0]! }
    }

    /// Runs `body(0..<count)`, on several threads when `options.parallel`; the first error wins.
    func forEach(_ count: Int, options: ZarrIOOptions,
                 _ body: @Sendable (Int) throws(ZarrError) -> Void) throws(ZarrError) {
        if !options.parallel || count < 2 {
            for i in 0..<count {
                if options.isCancelled() { throw ZarrError(.cancelled, "interrupted") }
                try body(i)
            }
            return
        }
        let failure = Mutex<ZarrError?>(nil)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            if failure.withLock({ $0 != nil }) { return }
            if options.isCancelled() {
                failure.withLock { if $0 == nil { $0 = ZarrError(.cancelled, "interrupted") } }
                return
            }
            do throws(ZarrError) {
                try body(i)
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// Reads decoded chunks of one array, keeping the current shard's file and index open.
struct ChunkReader {
    let array: ZarrArray
    private var shardKey: String?
    private var shardFile: ReadableFile?
    private var shardIndex: ShardIndex?

    init(array: ZarrArray) {
        self.array = array
    }

    /// The decoded chunk at grid index `index` of the read chunks, or nil when it is missing;
    /// with `prefix`, only that many bytes of its elements (C order) need to be decoded.
    mutating func chunk(_ index: [Int], prefix: Int? = nil) throws(ZarrError) -> NDArray? {
        guard let layout = array.shardLayout else {
            let key = array.key(index)
            return try ZarrError.at(array.store.path(key)) { () throws(ZarrError) in
                guard let data = try array.store.read(key) else { return nil }
                return try array.codec.decode(data, prefix: prefix)
            }
        }
        let shard = index.indices.map { index[$0] / layout.counts[$0] }
        let key = array.key(shard)
        return try ZarrError.at(array.store.path(key)) { () throws(ZarrError) in
            if key != shardKey {
                shardKey = key
                shardFile = try array.store.open(key)
                shardIndex = nil
                if let file = shardFile {
                    let range = try layout.indexRange(shardSize: file.size)
                    shardIndex = try layout.index(try file.read(range), shardSize: file.size)
                }
            }
            guard let file = shardFile, let shardIndex else { return nil }
            var linear = 0
            for d in index.indices { linear = linear * layout.counts[d] + index[d] % layout.counts[d] }
            guard let range = shardIndex.ranges[linear] else { return nil }
            return try array.codec.decode(try file.read(range), prefix: prefix)
        }
    }
}
