import Foundation

/// A Python dict's behaviour where Dask's `auto_chunks` relies on it: insertion order, and
/// one object shared under two names (`result = median_chunks` when shrinking).
private final class OrderedTable {
    var keys: [Int] = []
    var values: [Int: AutoEntry] = [:]

    subscript(key: Int) -> AutoEntry? {
        get { values[key] }
        set {
            if let newValue {
                if values[key] == nil { keys.append(key) }
                values[key] = newValue
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    var orderedValues: [AutoEntry] { keys.map { values[$0]! } }
    var orderedItems: [(Int, AutoEntry)] { keys.map { ($0, values[$0]!) } }
}

extension Chunks {
    /// Dask's `auto_chunks`: replaces `'auto'` entries with sizes that bring a chunk near `limit` bytes.
    ///
    /// Without previous chunks every auto dimension gets the same size (dimensions shorter than
    /// that size stay whole). With previous chunks (a rechunk), auto dimensions grow or shrink
    /// from the previous median chunk by the same factor, keep previous boundaries when growing,
    /// and round to the most common previous chunk size. The arithmetic follows Dask's step by
    /// step, so results match it exactly.
    static func autoChunks(_ entries: [AutoEntry], shape: [Int], limit: Int, itemSize: Int,
                           previous: [[Int]]?) throws(GraphError) -> [AutoEntry] {
        var chunks = entries
        var autos = Set(entries.indices.filter { entries[$0].isAuto })
        if autos.isEmpty { return chunks }
        let limit = Double(Swift.max(1, limit))
        let item = Double(itemSize)
        var largestBlock = entries.filter { !$0.isAuto }.reduce(1.0) { $0 * $1.largest }

        guard let previousGiven = previous, !previousGiven.isEmpty else {
            let size = pow(limit / item / largestBlock, 1.0 / Double(autos.count))
            let small = autos.filter { Double(shape[$0]) < size }
            if !small.isEmpty {
                for axis in small { chunks[axis] = .sizes([shape[axis]]) }
                return try autoChunks(chunks, shape: shape, limit: Int(limit), itemSize: itemSize, previous: nil)
            }
            for axis in autos { chunks[axis] = .number(roundTo(size, shape[axis])) }
            return chunks
        }

        let previous = zip(previousGiven, shape).map { dimension, length in
            dimension.count == 1 ? regular(length: length, chunk: dimension[0]) : dimension
        }
        let median = OrderedTable()
        for axis in autos.sorted() { median[axis] = .number(medianOf(previous[axis])) }
        func multiplierFor(_ table: OrderedTable) -> Double {
            let product = table.orderedValues.filter(\.isTruthy).reduce(1.0) { $0 * $1.largest }
            return limit / item / largestBlock / product
        }
        var multiplier = multiplierFor(median)
        let reduceCase = multiplier < 1
        // When shrinking, Dask updates the median table in place through `result`.
        let result = reduceCase ? median : OrderedTable()

        let idealShape: [Int] = (0..<shape.count).map { axis in
            var counts: [Int: Int] = [:]
            var order: [Int] = []
            for size in previous[axis] {
                if counts[size] == nil { order.append(size) }
                counts[size, default: 0] += 1
            }
            var mode = order[0]
            for size in order where counts[size]! > counts[mode]! { mode = size }
            let isCommon = Double(counts[mode]!) >= Double(previous[axis].count) / 2
            return mode > 1 && isCommon ? mode : shape[axis]
        }

        let tolerance = ChunkConfiguration.tolerance
        var multiplierRemaining = true
        while multiplierRemaining {
            let lastAutoCount = Double(autos.count)
            multiplierRemaining = false
            for axis in autos.sorted() {
                let thisMultiplier = pow(multiplier, 1 / lastAutoCount)
                guard case .number(let medianValue)? = median[axis] else { continue }
                let proposed = medianValue * thisMultiplier
                let maxChunkSize = proposed * pow(tolerance, 1 / lastAutoCount)
                if proposed > Double(shape[axis]) {
                    chunks[axis] = .number(Double(shape[axis]))
                    autos.remove(axis)
                    median[axis] = nil
                    multiplierRemaining = true
                    largestBlock *= Double(shape[axis])
                    result[axis] = .sizes([shape[axis]])
                } else if reduceCase || Double(previous[axis].max() ?? 0) > maxChunkSize {
                    result[axis] = .number(roundTo(proposed, idealShape[axis]))
                    if proposed < 1 {
                        multiplierRemaining = true
                        autos.remove(axis)
                    }
                } else {
                    var dimension: [Int] = []
                    var current = 0
                    for size in previous[axis] {
                        if Double(size + current) <= proposed {
                            current += size
                        } else {
                            if current > 0 { dimension.append(current) }
                            current = size
                        }
                    }
                    if current > 0 { dimension.append(current) }
                    result[axis] = .sizes(dimension)
                }
            }
            if multiplierRemaining || reduceCase {
                let last = multiplier
                multiplier = multiplierFor(median)
                if multiplier != last { multiplierRemaining = true }
            }
        }
        for (axis, value) in result.orderedItems {
            chunks[axis] = value.isTruthy ? value : .number(0)
        }
        return chunks
    }

    /// Dask's `round_to`: below the dimension, the size itself (at least 1); above, a multiple of it.
    static func roundTo(_ size: Double, _ length: Int) -> Double {
        if size <= Double(length) { return Double(Swift.max(1, Int(size))) }
        return (size / Double(length)).rounded(.down) * Double(length)
    }

    /// NumPy's median of integers.
    static func medianOf(_ values: [Int]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return Double(sorted[middle]) }
        return (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }
}
