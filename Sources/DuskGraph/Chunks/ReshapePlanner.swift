/// Dask's `reshape_rechunk`: the chunks a reshape's input must have so that each output block
/// is exactly one input block reshaped, and the output chunks that result.
///
/// Ported step by step (including Python's negative indexing once an index runs past the
/// front) so that plans and task counts match Dask's.
enum ReshapePlanner {
    static func plan(inShape: [Int], outShape: [Int], inChunks: [[Int]]) throws(GraphError) -> (input: [[Int]], output: [[Int]]) {
        func at<T>(_ array: [T], _ index: Int) -> T { array[index < 0 ? index + array.count : index] }
        func product(_ values: ArraySlice<Int>) -> Int { values.reduce(1, *) }
        var ii = inShape.count - 1
        var oi = outShape.count - 1
        var resultIn = [[Int]?](repeating: nil, count: inShape.count)
        var resultOut = [[Int]?](repeating: nil, count: outShape.count)
        let unsupported = GraphError.notImplemented("reshape only supports collapsing or merging consecutive dimensions")
        while ii >= 0 || oi >= 0 {
            let din = at(inShape, ii)
            let dout = at(outShape, oi)
            if din == dout {
                resultIn[ii < 0 ? ii + inShape.count : ii] = at(inChunks, ii)
                resultOut[oi < 0 ? oi + outShape.count : oi] = at(inChunks, ii)
                ii -= 1
                oi -= 1
                continue
            }
            if din == 1 {
                resultIn[ii] = [1]
                ii -= 1
            } else if dout == 1 {
                resultOut[oi] = [1]
                oi -= 1
            } else if din < dout {
                var left = ii - 1
                while left >= 0 && product(inShape[left...ii]) < dout { left -= 1 }
                guard left >= 0, product(inShape[left...ii]) == dout else { throw unsupported }
                if (0..<ii).allSatisfy({ inChunks[$0].count == inShape[$0] }) {
                    for i in 0...ii { resultIn[i] = inChunks[i] }
                    let repeats = inChunks[left..<ii].reduce(1) { $0 * $1.count }
                    resultOut[oi] = Array([[Int]](repeating: inChunks[ii], count: repeats).joined())
                } else {
                    if left + 1 <= ii {
                        for i in (left + 1)...ii { resultIn[i] = [inShape[i]] }
                    }
                    let reduction = inChunks[(left + 1)...ii].reduce(1) { $0 * $1.count }
                    resultIn[left] = expandTuple(inChunks[left], reduction)
                    let maxInChunk = maxChunkSize(inChunks.map(Optional.some), left, ii)
                    resultIn = smoothChunks(left, ii, maxInChunk, resultIn)
                    resultOut[oi] = lowerDimensionChunks(resultIn, left, ii)
                }
                oi -= 1
                ii = left - 1
            } else {
                var left = oi - 1
                while left >= 0 && product(outShape[left...oi]) < din { left -= 1 }
                guard left >= 0, product(outShape[left...oi]) == din else { throw unsupported }
                let factor = product(outShape[(left + 1)...oi])
                let contracted = contractTuple(inChunks[ii], factor)
                for i in (left + 1)...oi { resultOut[i] = [outShape[i]] }
                resultOut[left] = contracted.map { $0 / factor }
                let maxInChunk = maxChunkSize(inChunks.map(Optional.some), ii, ii)
                resultOut = smoothChunks(left, oi, maxInChunk, resultOut)
                resultIn[ii] = lowerDimensionChunks(resultOut, left, oi)
                oi = left - 1
                ii -= 1
            }
        }
        guard resultIn.allSatisfy({ $0 != nil }), resultOut.allSatisfy({ $0 != nil }) else { throw unsupported }
        return (resultIn.map { $0! }, resultOut.map { $0! })
    }

    /// Products of every combination of chunks of dimensions `start...stop` (row-major).
    static func lowerDimensionChunks(_ chunks: [[Int]?], _ start: Int, _ stop: Int) -> [Int] {
        var result = [1]
        for dimension in start...stop {
            result = result.flatMap { prefix in chunks[dimension]!.map { prefix * $0 } }
        }
        return result
    }

    static func maxChunkSize(_ chunks: [[Int]?], _ start: Int, _ stop: Int) -> Int {
        (start...stop).reduce(1) { $0 * (chunks[$1]!.max() ?? 0) }
    }

    /// Dask's `_smooth_chunks`: splits the first splittable dimension so blocks stay near the input's size.
    static func smoothChunks(_ leftStart: Int, _ ii: Int, _ maxInChunk: Int, _ chunks: [[Int]?]) -> [[Int]?] {
        var chunks = chunks
        var left = leftStart
        let maxResult = maxChunkSize(chunks, left, ii)
        if maxInChunk == maxResult { return chunks }
        while left <= ii && chunks[left]!.allSatisfy({ $0 == 1 }) { left += 1 }
        guard left < ii + 1 else { return chunks }
        let current = chunks[left]!
        if current.count == 1 {
            let element = current[0]
            let factor = Swift.min((maxResult + maxInChunk - 1) / maxInChunk, element)
            let ceilElement = (element + factor - 1) / factor
            var split = [Int](repeating: ceilElement, count: factor)
            for i in 0..<(ceilElement * factor - element) { split[i] -= 1 }
            chunks[left] = split
            if split.allSatisfy({ $0 == 1 }) && left < ii {
                return smoothChunks(leftStart, ii, maxInChunk, chunks)
            }
        } else {
            let otherMax = maxResult / (current.max() ?? 1)
            var result: [Int] = []
            for element in current {
                if element * otherMax <= maxInChunk {
                    result.append(element)
                    continue
                }
                let factor = (element * otherMax + maxInChunk - 1) / maxInChunk
                let ceilElement = (element + factor - 1) / factor
                var split = [Int](repeating: ceilElement, count: factor)
                for i in 0..<Swift.max(0, ceilElement * factor - element) { split[i] -= 1 }
                result.append(contentsOf: split)
            }
            chunks[left] = result
        }
        return chunks
    }

    /// Dask's `expand_tuple`: splits each chunk into about `factor` pieces.
    static func expandTuple(_ chunks: [Int], _ factor: Int) -> [Int] {
        if factor == 1 { return chunks }
        var out: [Int] = []
        for chunk in chunks {
            var rest = Double(chunk)
            let part = Swift.max(Double(chunk) / Double(factor), 1)
            while rest >= 2 * part {
                out.append(Int(part))
                rest -= Double(Int(part))
            }
            if rest != 0 { out.append(Int(rest)) }
        }
        return out
    }

    /// Dask's `contract_tuple`: chunks that `factor` divides, merging remainders forward.
    static func contractTuple(_ chunks: [Int], _ factor: Int) -> [Int] {
        var out: [Int] = []
        var residual = 0
        for chunk in chunks {
            let total = chunk + residual
            let good = factor * (total / factor)
            residual = total % factor
            if good != 0 { out.append(good) }
        }
        return out
    }
}
