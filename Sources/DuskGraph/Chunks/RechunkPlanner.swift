import Foundation

/// Dask's `plan_rechunk`: the intermediate chunkings a rechunk goes through so that no step
/// makes a huge graph or huge blocks. Ported step by step so plans (and task counts) match.
enum RechunkPlanner {
    /// Dask's `array.rechunk.threshold`: the graph growth factor under which no intermediate step is added.
    static let defaultThreshold = 4.0

    /// The chunkings to pass through, ending with `new`.
    static func plan(old: [[Int]], new: [[Int]], itemSize: Int, threshold: Double = defaultThreshold,
                     blockSizeLimit: Int? = nil) -> [[[Int]]] {
        if new.count <= 1 { return [new] }
        var limit = Double(blockSizeLimit ?? ChunkConfiguration.byteLimit) / Double(itemSize)
        limit = Swift.max(limit, Double(largestBlock(old)), Double(largestBlock(new)))
        let graphSizeThreshold = threshold * Double(blockCount(old) + blockCount(new))
        var current = old
        var firstPass = true
        var steps: [[[Int]]] = []
        while true {
            let graphSize = estimateGraphSize(current, new)
            if Double(graphSize) < graphSizeThreshold { break }
            let start = firstPass ? current : splitRechunk(current, new, graphSizeLimit: Double(graphSize) * threshold)
            let (chunks, memoryLimitHit) = mergeRechunk(start, new, blockSizeLimit: limit)
            if (chunks == current && !firstPass) || chunks == new { break }
            if chunks != current { steps.append(chunks) }
            current = chunks
            if !memoryLimitHit { break }
            firstPass = false
        }
        return steps + [new]
    }

    static func blockCount(_ chunks: [[Int]]) -> Int { chunks.reduce(1) { $0 * $1.count } }
    static func largestBlock(_ chunks: [[Int]]) -> Int { chunks.reduce(1) { $0 * ($1.max() ?? 0) } }

    /// Blocks of the intermediate (crossed) grid of a one-step rechunk.
    static func estimateGraphSize(_ old: [[Int]], _ new: [[Int]]) -> Int {
        zip(old, new).reduce(1) { $0 * ($1.0 != $1.1 ? $1.0.count + $1.1.count - 1 : $1.0.count) }
    }

    /// Dask's `find_merge_rechunk`: merge along dimensions that reduce the block count, within the block size limit.
    static func mergeRechunk(_ old: [[Int]], _ new: [[Int]], blockSizeLimit: Double) -> ([[Int]], Bool) {
        let ndim = old.count
        let oldWidest = old.map { $0.max() ?? 0 }
        let newWidest = new.map { $0.max() ?? 0 }
        let graphEffect = (0..<ndim).map { Double(new[$0].count) / Double(old[$0].count) }
        let blockEffect = (0..<ndim).map { Double(newWidest[$0]) / Double(oldWidest[$0] == 0 ? 1 : oldWidest[$0]) }
        func key(_ dimension: Int) -> Double {
            var block = blockEffect[dimension]
            if block == 1 { block = 1 + 1e-9 }
            return block > 0 ? log(graphEffect[dimension]) / log(block) : 0
        }
        let candidates = (0..<ndim).filter { graphEffect[$0] <= 1.0 }
        // A stable sort by key, as Python's `sorted`.
        let sorted = candidates.enumerated().sorted { lhs, rhs in
            let (a, b) = (key(lhs.element), key(rhs.element))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
        var largest = oldWidest.reduce(1, *)
        var chunks = old
        var memoryLimitHit = false
        for dimension in sorted {
            let oldWidth = oldWidest[dimension] == 0 ? 1 : oldWidest[dimension]
            let newLargest = largest * newWidest[dimension] / oldWidth
            if Double(newLargest) <= blockSizeLimit {
                chunks[dimension] = new[dimension]
                largest = newLargest
            } else {
                let width = oldWidest[dimension]
                let chunkLimit = Int(blockSizeLimit * Double(width) / Double(largest))
                let divided = divideToWidth(new[dimension], chunkLimit)
                if divided.count <= old[dimension].count {
                    chunks[dimension] = divided
                    largest = largest * (divided.max() ?? 0) / width
                }
                memoryLimitHit = true
            }
        }
        return (chunks, memoryLimitHit)
    }

    /// Dask's `find_split_rechunk`: split along dimensions towards the target within a graph size budget.
    static func splitRechunk(_ old: [[Int]], _ new: [[Int]], graphSizeLimit: Double) -> [[Int]] {
        var chunks = old
        for dimension in old.indices {
            let graphSize = Double(estimateGraphSize(chunks, new))
            if graphSize > graphSizeLimit { break }
            if old[dimension].count > new[dimension].count { continue }
            let maxNumber = Int(Double(old[dimension].count) * graphSizeLimit / graphSize)
            let merged = mergeToNumber(new[dimension], maxNumber)
            if merged.count >= old[dimension].count && (merged.max() ?? 0) <= (old[dimension].max() ?? 0) {
                chunks[dimension] = merged
            }
        }
        return chunks
    }

    /// Dask's `divide_to_width`: split each chunk evenly so none is wider than `maxWidth`.
    static func divideToWidth(_ desired: [Int], _ maxWidth: Int) -> [Int] {
        var chunks: [Int] = []
        for size in desired {
            var rest = size
            let divides = maxWidth > 0 ? Int((Double(size) / Double(maxWidth)).rounded(.up)) : size
            for i in 0..<divides {
                let piece = rest / (divides - i)
                chunks.append(piece)
                rest -= piece
            }
        }
        return chunks
    }

    /// Dask's `merge_to_number`: merge adjacent chunks, narrowest pairs first, down to `maxNumber` chunks.
    static func mergeToNumber(_ desired: [Int], _ maxNumber: Int) -> [Int] {
        if desired.count <= maxNumber { return desired }
        let distinct = Set(desired)
        if distinct.count == 1 {
            let width = desired[0]
            let total = desired.count * width
            let desiredWidth = total / maxNumber
            let merged = width * (desiredWidth / width)
            let adjust = (total - maxNumber * merged) / width
            return Array(repeating: merged + width, count: adjust) + Array(repeating: merged, count: maxNumber - adjust)
        }
        var merges = desired.count - maxNumber
        var heap = MinHeap<MergeCandidate>()
        for i in 0..<(desired.count - 1) { heap.push(MergeCandidate(width: desired[i] + desired[i + 1], i: i, j: i + 1)) }
        var chunks = desired
        while merges > 0, let top = heap.pop() {
            let (width, i) = (top.width, top.i)
            var j = top.j
            if chunks[j] == 0 {
                j += 1
                while chunks[j] == 0 { j += 1 }
                heap.push(MergeCandidate(width: chunks[i] + chunks[j], i: i, j: j))
                continue
            } else if chunks[i] + chunks[j] != width {
                heap.push(MergeCandidate(width: chunks[i] + chunks[j], i: i, j: j))
                continue
            }
            chunks[i] = 0
            chunks[j] = width
            merges -= 1
        }
        return chunks.filter { $0 != 0 }
    }
}

/// A binary min-heap ordered lexicographically, as Python's `heapq` orders tuples.
struct MinHeap<Element: Comparable> {
    private var items: [Element] = []

    mutating func push(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[child] < items[parent] {
                items.swapAt(child, parent)
                child = parent
            } else {
                break
            }
        }
    }

    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let (left, right) = (2 * parent + 1, 2 * parent + 2)
            var smallest = parent
            if left < items.count && items[left] < items[smallest] { smallest = left }
            if right < items.count && items[right] < items[smallest] { smallest = right }
            if smallest == parent { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}

/// A candidate merge `(width, i, j)`, ordered as Python orders the tuple.
struct MergeCandidate: Comparable {
    var width: Int
    var i: Int
    var j: Int

    static func < (lhs: MergeCandidate, rhs: MergeCandidate) -> Bool {
        (lhs.width, lhs.i, lhs.j) < (rhs.width, rhs.i, rhs.j)
    }
}
