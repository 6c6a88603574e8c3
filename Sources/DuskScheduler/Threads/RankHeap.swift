/// A binary min-heap of task ranks: the ready set, smallest rank (highest priority) first.
struct RankHeap {
    private var items: [Int] = []

    init() {}

    /// A heap holding `ranks`, built in O(n).
    init(_ ranks: [Int]) {
        items = ranks
        var index = items.count / 2 - 1
        while index >= 0 {
            siftDown(index)
            index -= 1
        }
    }

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    mutating func push(_ rank: Int) {
        items.append(rank)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[parent] <= rank { break }
            items[child] = items[parent]
            child = parent
        }
        items[child] = rank
    }

    mutating func pop() -> Int? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let top = items[0]
        items[0] = last
        siftDown(0)
        return top
    }

    mutating func removeAll() { items.removeAll() }

    private mutating func siftDown(_ start: Int) {
        let count = items.count
        let value = items[start]
        var index = start
        while true {
            var child = 2 * index + 1
            if child >= count { break }
            if child + 1 < count && items[child + 1] < items[child] { child += 1 }
            if items[child] >= value { break }
            items[index] = items[child]
            index = child
        }
        items[index] = value
    }
}
