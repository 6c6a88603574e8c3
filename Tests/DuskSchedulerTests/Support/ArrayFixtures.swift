import DuskArray

/// Arrays with known contents for transfer tests.
enum ArrayFixtures {
    /// A C-contiguous array of `dtype` whose bytes follow a fixed pattern.
    static func patterned(_ dtype: DType, shape: [Int], seed: UInt8 = 7) throws -> NDArray {
        let array = try NDArray(uninitialized: dtype, shape: shape)
        let bytes = array.storage.base.assumingMemoryBound(to: UInt8.self)
        for index in 0 ..< array.nbytes {
            var byte = UInt8(truncatingIfNeeded: index &* 37 &+ Int(seed))
            // Booleans must hold 0 or 1.
            if dtype == .bool { byte &= 1 }
            bytes[index] = byte
        }
        return array
    }

    /// The elements' bytes in C order, whatever the layout (reads element by element).
    static func bytesInOrder(_ array: NDArray) -> [UInt8] {
        let width = array.dtype.itemSize
        var result: [UInt8] = []
        result.reserveCapacity(array.nbytes)
        guard array.count > 0 else { return [] }
        var index = [Int](repeating: 0, count: array.ndim)
        for _ in 0 ..< array.count {
            var element = array.offset
            for axis in 0 ..< array.ndim { element += index[axis] * array.strides[axis] }
            let start = array.storage.base + element * width
            result.append(contentsOf: UnsafeRawBufferPointer(start: start, count: width))
            var axis = array.ndim - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < array.shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
