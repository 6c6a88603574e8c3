/// Folds a program's values into a reduction's partial, tile by tile.
///
/// `reduce` is called when the row runs along reduced axes (every value of the tile goes to one
/// output element), `accumulate` when it runs along kept ones (value `k` goes to output element
/// `out + k`). One reducer serves one run, which always calls the same one of the two.
protocol TileReducer: AnyObject {
    func reduce(_ values: UnsafeRawPointer, stride: Int, count: Int, into out: Int)
    func accumulate(_ values: UnsafeRawPointer, stride: Int, count: Int, from out: Int)
    func finish(keptShape: [Int], resultDType: DType?) throws(ArrayError) -> TileOutput
}

extension TileKernel {
    /// The reducer for `reduction` of values of `inputDType` into `keptCount` outputs.
    func makeReducer(_ reduction: TileReduction, inputDType: DType, keptCount: Int, innerReduced: Bool) -> any TileReducer {
        inputDType.dispatchMath(ReducerFactory(kind: reduction.kind, count: keptCount, innerReduced: innerReduced))
    }
}

private struct ReducerFactory: MathVisitor {
    let kind: Reduction
    let count: Int
    let innerReduced: Bool

    func visit<T: MathElement>(_ type: T.Type) -> any TileReducer {
        switch kind {
        case .sum: return OpReducer(count, kernels: OpKernels<SumOp<T>>.make(), finish: elements)
        case .prod: return OpReducer(count, kernels: OpKernels<ProdOp<T>>.make(), finish: elements)
        case .min: return OpReducer(count, kernels: OpKernels<MinOp<T>>.make(), finish: elements)
        case .max: return OpReducer(count, kernels: OpKernels<MaxOp<T>>.make(), finish: elements)
        case .any: return OpReducer(count, kernels: OpKernels<AnyOp<T>>.make(), finish: elements)
        case .all: return OpReducer(count, kernels: OpKernels<AllOp<T>>.make(), finish: elements)
        case .nansum: return OpReducer(count, kernels: OpKernels<NanSumOp<T>>.make(), finish: elements)
        case .nanprod: return OpReducer(count, kernels: OpKernels<NanProdOp<T>>.make(), finish: elements)
        case .nanmin: return OpReducer(count, kernels: OpKernels<NanMinOp<T>>.make(), finish: nanExtremum)
        case .nanmax: return OpReducer(count, kernels: OpKernels<NanMaxOp<T>>.make(), finish: nanExtremum)
        case .mean, .variance, .std, .nanmean, .nanvar, .nanstd:
            let skipNaN = kind.skipsNaN
            let resultDType: DType = T.dtype == .float32 ? .float32 : .float64
            if !innerReduced {
                return ShiftedMomentsReducer(count, skipNaN: skipNaN, resultDType: resultDType, itemSize: T.dtype.itemSize,
                                             toDoubles: { values, stride, count, out in
                    let p = values.assumingMemoryBound(to: T.self)
                    for k in 0..<count { out[k] = T.toDouble(p[k * stride]) }
                })
            }
            let finish: (UnsafeMutablePointer<MomentAccumulator>, Int, [Int]) throws(ArrayError) -> TileOutput = { accumulators, count, shape throws(ArrayError) in
                .moments(try momentsPartial(count, shape, resultDType, skipNaN) { accumulators[$0] })
            }
            return skipNaN ? OpReducer(count, kernels: OpKernels<NanMomentsOp<T>>.make(), finish: finish)
                : OpReducer(count, kernels: OpKernels<MomentsOp<T>>.make(), finish: finish)
        case .argmin, .argmax:
            preconditionFailure("arg-reductions are not fused (TileProgram.checkedDTypes refuses them)")
        }
    }
}

/// The accumulators as an array of their own dtype.
private func elements<A: NDElement>(_ accumulators: UnsafeMutablePointer<A>, _ count: Int, _ shape: [Int]) throws(ArrayError) -> TileOutput {
    let result = try NDArray(uninitialized: A.dtype, shape: shape)
    result.pointer(as: A.self).update(from: accumulators, count: count)
    return .array(result)
}

/// `elements`, with NumPy's warning when a float slice was all NaN.
private func nanExtremum<A: MathElement>(_ accumulators: UnsafeMutablePointer<A>, _ count: Int, _ shape: [Int]) throws(ArrayError) -> TileOutput {
    if A.dtype.isFloatingPoint && (0..<count).contains(where: { A.isNaN(accumulators[$0]) }) {
        Warnings.current.emit("RuntimeWarning: All-NaN slice encountered")
    }
    return try elements(accumulators, count, shape)
}

/// A `Moments` partial from per-output accumulators.
private func momentsPartial(_ count: Int, _ shape: [Int], _ resultDType: DType, _ skipNaN: Bool,
                            _ accumulator: (Int) -> MomentAccumulator) throws(ArrayError) -> Moments {
    let counts = try NDArray(uninitialized: .float64, shape: shape)
    let sums = try NDArray(uninitialized: .float64, shape: shape)
    let m2 = try NDArray(uninitialized: .float64, shape: shape)
    let (c, s, m) = (counts.pointer(as: Double.self), sums.pointer(as: Double.self), m2.pointer(as: Double.self))
    for i in 0..<count {
        let a = accumulator(i)
        c[i] = a.count; s[i] = a.sum; m[i] = a.m2
    }
    return try Moments(count: counts, sum: sums, m2: m2, resultDType: resultDType, skipsNaN: skipNaN)
}

/// `Op`'s per-tile operations as closures made where `Op` is a concrete type (`make()` is
/// specialized at its call in `ReducerFactory.visit`), so their loops run specialized code: the
/// methods of a generic class called through a protocol are not specialized, and would reach
/// every element through witness tables.
private struct OpKernels<Op: ReductionOp> {
    /// Folds value `k` of a tile into accumulator `k`.
    let accumulate: (UnsafeMutablePointer<Op.Accumulator>, UnsafeRawPointer, _ stride: Int, _ count: Int) -> Void
    /// Reduces a tile (`count` values, contiguous (stride 1) or one repeated (stride 0)) and
    /// pushes its partial on a pairwise counter, equal levels merging.
    let push: (UnsafeRawPointer, _ stride: Int, _ count: Int, PairwiseCounter<Op.Accumulator>) -> Void
    /// Combines a counter's partials, oldest first, into `accumulator`, and empties the counter.
    let flush: (PairwiseCounter<Op.Accumulator>, _ accumulator: UnsafeMutablePointer<Op.Accumulator>) -> Void

    static func make() -> OpKernels {
        OpKernels(
            accumulate: { out, values, stride, count in
                Op.accumulateRow(out, outStride: 1, values.assumingMemoryBound(to: Op.Element.self), stride: stride, count: count)
            },
            push: { values, stride, count, counter in
                let p = values.assumingMemoryBound(to: Op.Element.self)
                var value = stride == 0 ? Op.repeated(p[0], count: count) : Op.reduce(p, count: count, stride: 1)
                var level = 0
                while counter.depth > 0 && counter.levels[counter.depth - 1] == level {
                    counter.depth -= 1
                    value = Op.combine(counter.partials[counter.depth], value)
                    level += 1
                }
                counter.partials[counter.depth] = value
                counter.levels[counter.depth] = level
                counter.depth += 1
            },
            flush: { counter, accumulator in
                guard counter.depth > 0 else { return }
                var total = counter.partials[0]
                for index in 1..<counter.depth { total = Op.combine(total, counter.partials[index]) }
                accumulator.pointee = Op.combine(accumulator.pointee, total)
                counter.depth = 0
            })
    }
}

/// The partials of one output element's values, arrived tile by tile: a binary counter whose
/// level `k` holds the partial of 2^k tiles (64 levels cover any count).
///
/// Plain storage, touched only inside `OpKernels`' specialized closures: an array of
/// `(Accumulator, Int)` tuples in `OpReducer`'s unspecialized methods looked up the tuple's
/// metadata on every tile: a fused `randint(0, 100, [500] * 3, chunks=25).sum()` took 4.9 s
/// with it, 1.7 s without.
private final class PairwiseCounter<Accumulator> {
    static var capacity: Int { 64 }
    let partials: UnsafeMutablePointer<Accumulator>
    let levels: UnsafeMutablePointer<Int>
    var depth = 0

    init(identity: Accumulator) {
        partials = .allocate(capacity: Self.capacity)
        partials.initialize(repeating: identity, count: Self.capacity)
        levels = .allocate(capacity: Self.capacity)
        levels.initialize(repeating: 0, count: Self.capacity)
    }

    deinit {
        partials.deinitialize(count: Self.capacity)
        partials.deallocate()
        levels.deallocate()
    }
}

/// A reduction whose accumulator is `Op`'s, one per output element.
///
/// Values of one output element arriving tile by tile are combined pairwise: each tile's
/// partial (itself pairwise, `Op.reduce`) goes on a binary counter, equal levels merging, so a
/// long row is summed in O(log n) levels as NumPy's pairwise sum does.
private final class OpReducer<Op: ReductionOp>: TileReducer {
    let accumulators: UnsafeMutablePointer<Op.Accumulator>
    let count: Int
    let kernels: OpKernels<Op>
    let finishing: (UnsafeMutablePointer<Op.Accumulator>, Int, [Int]) throws(ArrayError) -> TileOutput
    /// The pairwise counter of the output element being reduced.
    let pending: PairwiseCounter<Op.Accumulator>
    var current = -1

    init(_ count: Int, kernels: OpKernels<Op>,
         finish: @escaping (UnsafeMutablePointer<Op.Accumulator>, Int, [Int]) throws(ArrayError) -> TileOutput) {
        self.count = count
        self.kernels = kernels
        accumulators = .allocate(capacity: Swift.max(count, 1))
        accumulators.initialize(repeating: Op.identity, count: count)
        finishing = finish
        pending = PairwiseCounter(identity: Op.identity)
    }

    deinit { accumulators.deallocate() }

    func reduce(_ values: UnsafeRawPointer, stride: Int, count: Int, into out: Int) {
        if out != current { flush() ; current = out }
        kernels.push(values, stride, count, pending)
    }

    func accumulate(_ values: UnsafeRawPointer, stride: Int, count: Int, from out: Int) {
        kernels.accumulate(accumulators + out, values, stride, count)
    }

    /// Adds the pending partials of the current output element to its accumulator.
    private func flush() {
        guard current >= 0 else { return }
        kernels.flush(pending, accumulators + current)
    }

    func finish(keptShape: [Int], resultDType: DType?) throws(ArrayError) -> TileOutput {
        flush()
        let output = try finishing(accumulators, count, keptShape)
        guard let resultDType, case .array(let array) = output, array.dtype != resultDType else { return output }
        return .array(try array.converted(to: resultDType))
    }
}

extension ReductionOp {
    /// The accumulator of `count` copies of `x`, in O(log count) combines (binary powering;
    /// exact for min, max, any and all, correctly grouped for sums and products).
    static func repeated(_ x: Element, count: Int) -> Accumulator {
        var result = identity
        var power = lift(x)
        var n = count
        while n > 0 {
            if n & 1 == 1 { result = combine(result, power) }
            n >>= 1
            if n > 0 { power = combine(power, power) }
        }
        return result
    }
}

/// Moments of rows folded into kept outputs in one pass: per output, the sum and sum of squares
/// of the values minus a shift (the first value the output saw), from which the count, sum and
/// `M2` follow. With the shift near the data, no cancellation spoils `M2` (the "shifted data"
/// algorithm), and the inner loop vectorizes, unlike Welford's update.
private final class ShiftedMomentsReducer: TileReducer {
    let count: Int
    let skipNaN: Bool
    let resultDType: DType
    /// Bytes per input element.
    let itemSize: Int
    /// Converts `count` input values `stride` elements apart to doubles (made where the input
    /// type is concrete, so the loop is specialized).
    let toDoubles: (UnsafeRawPointer, _ stride: Int, _ count: Int, UnsafeMutablePointer<Double>) -> Void
    /// One tile of converted values.
    let scratch: UnsafeMutablePointer<Double>
    let shift: UnsafeMutablePointer<Double>
    let n: UnsafeMutablePointer<Double>
    let s1: UnsafeMutablePointer<Double>
    let s2: UnsafeMutablePointer<Double>
    let seen: UnsafeMutablePointer<Bool>

    init(_ count: Int, skipNaN: Bool, resultDType: DType, itemSize: Int,
         toDoubles: @escaping (UnsafeRawPointer, Int, Int, UnsafeMutablePointer<Double>) -> Void) {
        self.count = count
        self.skipNaN = skipNaN
        self.resultDType = resultDType
        self.itemSize = itemSize
        self.toDoubles = toDoubles
        scratch = .allocate(capacity: TileVM.tileSize)
        let size = Swift.max(count, 1)
        shift = .allocate(capacity: size); shift.initialize(repeating: 0, count: size)
        n = .allocate(capacity: size); n.initialize(repeating: 0, count: size)
        s1 = .allocate(capacity: size); s1.initialize(repeating: 0, count: size)
        s2 = .allocate(capacity: size); s2.initialize(repeating: 0, count: size)
        seen = .allocate(capacity: size); seen.initialize(repeating: false, count: size)
    }

    deinit {
        scratch.deallocate(); shift.deallocate(); n.deallocate(); s1.deallocate(); s2.deallocate(); seen.deallocate()
    }

    func reduce(_ values: UnsafeRawPointer, stride: Int, count: Int, into out: Int) {
        // Rows along reduced axes take the pairwise path (`OpReducer` of `MomentsOp`); this
        // folds the values one by one, for completeness.
        for i in 0..<count { accumulate(values + i * stride * itemSize, stride: 0, count: 1, from: out) }
    }

    func accumulate(_ values: UnsafeRawPointer, stride: Int, count: Int, from out: Int) {
        // A row of one repeated value can be longer than a tile: convert it a tile at a time.
        var done = 0
        while done < count {
            let length = Swift.min(TileVM.tileSize, count - done)
            toDoubles(values + done * stride * itemSize, stride, length, scratch)
            accumulate(scratch, count: length, from: out + done)
            done += length
        }
    }

    /// Folds `count` doubles into outputs `out ..< out + count`.
    private func accumulate(_ x: UnsafeMutablePointer<Double>, count: Int, from out: Int) {
        for k in 0..<count where !seen[out + k] {
            if !(skipNaN && x[k].isNaN) { shift[out + k] = x[k].isFinite ? x[k] : 0; seen[out + k] = true }
        }
        let (c, a, b, k0) = (n + out, s1 + out, s2 + out, shift + out)
        if skipNaN {
            for k in 0..<count {
                let valid = !x[k].isNaN
                let d = valid ? x[k] - k0[k] : 0
                c[k] += valid ? 1 : 0
                a[k] += d
                b[k] += d * d
            }
        } else {
            for k in 0..<count {
                let d = x[k] - k0[k]
                c[k] += 1
                a[k] += d
                b[k] += d * d
            }
        }
    }

    func finish(keptShape: [Int], resultDType requested: DType?) throws(ArrayError) -> TileOutput {
        .moments(try momentsPartial(count, keptShape, resultDType, skipNaN) { i in
            let count = self.n[i]
            guard count > 0 else { return .empty }
            let deviation = self.s1[i]
            let m2 = Swift.max(self.s2[i] - deviation * deviation / count, 0)
            return MomentAccumulator(count: count, sum: count * self.shift[i] + deviation, m2: m2)
        })
    }
}
