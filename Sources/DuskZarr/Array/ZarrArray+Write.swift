import DuskArray

extension ZarrArray {
    /// Stores `values` (of the selection's shape; broadcast views are fine) at a selection.
    ///
    /// Chunks the selection covers whole are encoded from `values` alone; partly covered
    /// chunks are read, updated and written back. A chunk left equal to the fill value
    /// everywhere is deleted rather than stored, as zarr-python does. Each chunk file is
    /// replaced atomically.
    public func write(_ values: NDArray, at selection: [DimensionSelection],
                      options: ZarrIOOptions = ZarrIOOptions()) throws(ZarrError) {
        guard !readOnly else { throw ZarrError(.readOnly, "store was opened in read-only mode and does not support writing", path: location) }
        guard shardLayout == nil else {
            throw ZarrError(.unsupported, "writing sharded arrays is not supported by Dusk yet (reading is)", path: location)
        }
        try check(selection)
        let counts = selection.map(\.count)
        guard values.shape == counts else {
            throw ZarrError(.invalidArgument, "values of shape \(values.shape) do not fit a selection of shape \(counts)")
        }
        if counts.contains(0) { return }
        let pieces = zip(selection, chunks).map { ChunkGrid.pieces($0, chunk: $1) }
        let jobs = ChunkGrid.positions(pieces.map(\.count))
        let source = values.dtype == dtype ? values : try ZarrError.array { () throws(ArrayError) in try values.astype(dtype) }
        try forEach(jobs.count, options: options) { (j) throws(ZarrError) in
            let job = jobs[j]
            let index = job.indices.map { pieces[$0][job[$0]].chunk }
            let part = source.view(job.indices.map { d in
                let piece = pieces[d][job[d]]
                return piece.output..<(piece.output + piece.count)
            })
            let local = job.indices.map { d in
                let piece = pieces[d][job[d]]
                return DimensionSelection(start: piece.local, step: selection[d].step, count: piece.count)
            }
            try writeChunk(index, part, at: local)
        }
    }

    /// Writes `part` at `local` (a selection within chunk `index`).
    private func writeChunk(_ index: [Int], _ part: NDArray, at local: [DimensionSelection]) throws(ZarrError) {
        let key = self.key(index)
        try ZarrError.at(store.path(key)) { () throws(ZarrError) in
            // The chunk's elements inside the array (edge chunks are partly outside).
            let valid = index.indices.map { d in Swift.min(chunks[d], shape[d] - index[d] * chunks[d]) }
            let whole = local.indices.allSatisfy { d in
                local[d].start == 0 && local[d].count == valid[d] && (local[d].step == 1 || local[d].count == 1)
            }
            let chunk: NDArray
            if whole && valid == chunks {
                chunk = part
            } else {
                let buffer: NDArray
                if !whole, let data = try store.read(key) {
                    let decoded = try codec.decode(data)
                    buffer = try ZarrError.array { () throws(ArrayError) in try decoded.copy() }
                } else {
                    buffer = try ZarrError.array { () throws(ArrayError) in try NDArray(repeating: metadata.fillValue, shape: chunks, dtype: dtype) }
                }
                NDArray.copyElements(from: part, to: buffer.view(local))
                chunk = buffer
            }
            if try ZarrError.array({ () throws(ArrayError) in try FillCheck.isAll(chunk, metadata.fillValue) }) {
                try store.delete(key)
                return
            }
            let bytes = try codec.encode(chunk)
            try store.write(key, bytes.bytes)
        }
    }
}

/// Whether every element of an array equals a value (NaN equal to NaN): zarr-python does
/// not store such chunks.
enum FillCheck {
    static func isAll(_ array: NDArray, _ value: Scalar) throws(ArrayError) -> Bool {
        array.dtype.dispatch(Kernel(array: try array.contiguous(), value: value))
    }

    private struct Kernel: ElementVisitor {
        let array: NDArray
        let value: Scalar

        func visit<T: NDElement>(_ type: T.Type) -> Bool {
            let fill = value.value(as: T.self)
            let fillIsNaN = fill != fill
            return array.withUnsafeBufferPointer(as: T.self) { elements in
                for element in elements where element != fill {
                    if !(fillIsNaN && element != element) { return false }
                }
                return true
            }
        }
    }
}
