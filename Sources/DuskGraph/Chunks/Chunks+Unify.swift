extension Chunks {
    /// Dask's `common_blockdim`: the chunks one dimension takes when arrays with different
    /// chunkings meet. A single chunking that cuts the dimension wins; several are refined to
    /// every boundary of any of them (`(5, 2)` and `(4, 3)` give `(4, 1, 2)`).
    static func commonBlockdim(_ dimensions: [[Int]]) throws(GraphError) -> [Int] {
        var distinct: [[Int]] = []
        for dimension in dimensions where !distinct.contains(dimension) { distinct.append(dimension) }
        let nonTrivial = distinct.filter { $0.count > 1 }
        if nonTrivial.count == 1 { return nonTrivial[0] }
        if nonTrivial.isEmpty {
            return distinct.max { ($0.first ?? 0) < ($1.first ?? 0) } ?? []
        }
        let total = nonTrivial[0].reduce(0, +)
        guard nonTrivial.allSatisfy({ $0.reduce(0, +) == total }) else { throw .chunksDoNotAlign(nonTrivial) }
        var boundaries = Set<Int>()
        for dimension in nonTrivial {
            var position = 0
            for size in dimension {
                position += size
                boundaries.insert(position)
            }
        }
        var result: [Int] = []
        var previous = 0
        for boundary in boundaries.sorted() where boundary > previous {
            result.append(boundary - previous)
            previous = boundary
        }
        return result
    }

    /// Dask's `unify_chunks` for arrays aligned on their trailing dimensions (broadcasting):
    /// the common chunks of every output dimension, ignoring length-1 dimensions that broadcast.
    ///
    /// - Returns: the output chunks, and for each input the chunks it must be rechunked to
    ///   (equal to its own when no rechunk is needed).
    static func unifyBroadcasting(_ inputs: [Chunks], outputShape: [Int]) throws(GraphError) -> (output: Chunks, inputs: [Chunks]) {
        let ndim = outputShape.count
        var output: [[Int]] = []
        for dimension in 0..<ndim {
            var candidates: [[Int]] = []
            for input in inputs {
                let inputDimension = dimension - (ndim - input.ndim)
                guard inputDimension >= 0 else { continue }
                candidates.append(input.sizes[inputDimension])
            }
            // Length-1 dimensions (Dask's sentinel `(1,)`) step aside when others exist.
            let distinct = candidates.reduce(into: [[Int]]()) { if !$0.contains($1) { $0.append($1) } }
            let kept = distinct.count > 1 ? distinct.filter { $0 != [1] } : distinct
            output.append(kept.isEmpty ? [outputShape[dimension]] : try commonBlockdim(kept))
        }
        let targets = inputs.map { input in
            Chunks((0..<input.ndim).map { inputDimension in
                let length = input.sizes[inputDimension].reduce(0, +)
                if length <= 1 { return input.sizes[inputDimension] }
                return output[inputDimension + ndim - input.ndim]
            })
        }
        return (Chunks(output), targets)
    }
}
