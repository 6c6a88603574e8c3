#if canImport(Glibc)
import Glibc
#endif
import Synchronization

// NumPy's sort and argsort along an axis: lanes copied contiguous, keys radix-sorted.

/// Threads a sort may use: the online processors.
let sortThreads: Int = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

/// The lanes of an array along one axis (nil: the flattened array), as a contiguous copy
/// with that axis last, and how to put a result of the same layout back.
struct SortLanes {
    /// C-contiguous, the sorted axis last.
    let data: NDArray
    let axis: Int?
    let ndim: Int

    init(_ array: NDArray, axis: Int?) throws(ArrayError) {
        if let axis {
            let a = try normalizedAxis(axis, ndim: array.ndim)
            data = a == array.ndim - 1 ? try array.copy() : try array.movingAxes(from: [a], to: [-1]).copy()
            self.axis = a
        } else {
            data = try array.flattened()
            self.axis = nil
        }
        ndim = array.ndim
    }

    /// Elements per lane.
    var length: Int { data.shape.last ?? 1 }

    /// A lane-shaped result (`data`'s shape, any dtype) in the original axis order.
    func restore(_ result: NDArray) throws(ArrayError) -> NDArray {
        guard let axis, axis != ndim - 1 else { return result }
        return try result.movingAxes(from: [-1], to: [axis]).copy()
    }

    /// Runs `body(lane, threads)` for every lane, on several threads when there is
    /// enough work; a lane alone gets all threads (`threads` argument). Throws the first
    /// error a lane throws (a worker stops at its first error).
    func forEachLane(_ body: (_ lane: Int, _ threads: Int) throws(ArrayError) -> Void) throws(ArrayError) {
        let n = length
        let lanes = n == 0 ? 0 : data.count / n
        if lanes == 0 || n < 2 { return }
        if lanes == 1 { return try body(0, sortThreads) }
        let workers = data.count >= RadixSort.parallelThreshold ? Swift.min(sortThreads, lanes) : 1
        let failure = Mutex<ArrayError?>(nil)
        parallelFor(workers) { w in
            do throws(ArrayError) {
                for lane in Swift.stride(from: w, to: lanes, by: workers) { try body(lane, 1) }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// Lanes below this length sort by comparison; longer ones by radix.
private let radixThreshold = 1024

/// Sorts each lane of `data` in place.
struct SortKernel: SortVisitor {
    let lanes: SortLanes

    func visit<T: SortableElement>(_ type: T.Type) throws(ArrayError) {
        let n = lanes.length
        let base = lanes.data.pointer(as: T.self)
        try lanes.forEachLane { (lane, threads) throws(ArrayError) in
            let p = base + lane * n
            // Keys go to a pooled buffer; the lane itself is the radix sort's second buffer.
            let buffer = try Storage.scratch(T.Key.self, count: n)
            defer { withExtendedLifetime(buffer) {} }
            let keys = buffer.base.bindMemory(to: T.Key.self, capacity: n)
            // The signs of zeros in input order when both occur: the sorted run of zeros
            // gets them back in that order, as a stable sort leaves them.
            var negativeZeros = 0, zeros = 0
            let zeroKey = T.key(T.zero)
            for i in 0..<n {
                let k = T.exactKey(p[i])
                keys[i] = k
                if T.key(p[i]) == zeroKey {
                    zeros += 1
                    if k != zeroKey { negativeZeros += 1 }
                }
            }
            let zeroSigns: [Bool]? = negativeZeros > 0 && negativeZeros < zeros
                ? (0..<n).compactMap { T.key(p[$0]) == zeroKey ? T.exactKey(p[$0]) != zeroKey : nil } : nil
            var sortedInLane = false
            if n < radixThreshold {
                var sortable = UnsafeMutableBufferPointer(start: keys, count: n)
                sortable.sort()
            } else {
                sortedInLane = p.withMemoryRebound(to: T.Key.self, capacity: n) { laneKeys in
                    RadixSort.sort(keys, scratch: laneKeys, payload: nil, payloadScratch: nil, count: n, threads: threads)
                }
            }
            if sortedInLane {
                // Keys to values in place, through untyped loads and stores.
                let raw = UnsafeMutableRawPointer(p)
                for i in 0..<n {
                    let k = raw.load(fromByteOffset: i * MemoryLayout<T.Key>.stride, as: T.Key.self)
                    raw.storeBytes(of: T.value(ofExactKey: k), toByteOffset: i * MemoryLayout<T>.stride, as: T.self)
                }
            } else {
                for i in 0..<n { p[i] = T.value(ofExactKey: keys[i]) }
            }
            if let zeroSigns {
                var first = 0
                while T.key(p[first]) != zeroKey { first += 1 }
                for (j, negative) in zeroSigns.enumerated() {
                    p[first + j] = T.value(ofExactKey: negative ? zeroKey &- 1 : zeroKey)
                }
            }
        }
    }
}

/// Writes the stable sorting permutation of each lane of `lanes.data` into `indices`.
private struct ArgsortKernel: SortVisitor {
    let lanes: SortLanes
    let indices: NDArray

    func visit<T: SortableElement>(_ type: T.Type) throws(ArrayError) {
        let n = lanes.length
        let base = lanes.data.pointer(as: T.self)
        let out = indices.pointer(as: Int64.self)
        try lanes.forEachLane { (lane, threads) throws(ArrayError) in
            let p = base + lane * n, result = out + lane * n
            let keyBuffer = try Storage.scratch(T.Key.self, count: n)
            defer { withExtendedLifetime(keyBuffer) {} }
            let keys = keyBuffer.base.bindMemory(to: T.Key.self, capacity: n)
            for i in 0..<n {
                keys[i] = T.key(p[i])
                result[i] = Int64(i)
            }
            if n < radixThreshold {
                var buffer = UnsafeMutableBufferPointer(start: result, count: n)
                buffer.sort { a, b in
                    let (ka, kb) = (keys[Int(a)], keys[Int(b)])
                    return ka < kb || (ka == kb && a < b)
                }
                return
            }
            let scratchBuffer = try Storage.scratch(T.Key.self, count: n)
            defer { withExtendedLifetime(scratchBuffer) {} }
            let scratch = scratchBuffer.base.bindMemory(to: T.Key.self, capacity: n)
            let payloadBuffer = try Storage.scratch(UInt64.self, count: n)
            defer { withExtendedLifetime(payloadBuffer) {} }
            let payloadScratch = payloadBuffer.base.bindMemory(to: Int64.self, capacity: n)
            if RadixSort.sort(keys, scratch: scratch, payload: result, payloadScratch: payloadScratch, count: n, threads: threads) {
                result.update(from: payloadScratch, count: n)
            }
        }
    }
}

extension NDArray {
    /// NumPy's `sort`: a sorted copy along `axis` (nil: the flattened array). NaN sorts last;
    /// equal elements keep their order (a stable sort, so `kind` and `stable` make no difference).
    ///
    /// - Complexity: O(n) by radix sort for lanes of 1024 elements and more, on several
    ///   threads for large arrays; O(n log n) comparisons below.
    public func sorted(axis: Int? = -1) throws(ArrayError) -> NDArray {
        if axis != nil && ndim == 0 { throw .axisOutOfBounds(axis: axis!, ndim: 0) }
        let lanes = try SortLanes(self, axis: axis)
        try dtype.dispatchSortable(SortKernel(lanes: lanes))
        return try lanes.restore(lanes.data)
    }

    /// NumPy's `argsort`: the `int64` indices that sort each lane along `axis` (nil: the
    /// flattened array); ties keep their order (stable).
    public func argsort(axis: Int? = -1) throws(ArrayError) -> NDArray {
        if axis != nil && ndim == 0 { throw .axisOutOfBounds(axis: axis!, ndim: 0) }
        let lanes = try SortLanes(self, axis: axis)
        let indices = try NDArray(uninitialized: .int64, shape: lanes.data.shape)
        try dtype.dispatchSortable(ArgsortKernel(lanes: lanes, indices: indices))
        return try lanes.restore(indices)
    }
}
