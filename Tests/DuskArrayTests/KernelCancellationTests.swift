import Foundation
import Testing
@testable import DuskArray

/// Long kernels stop on `KernelCancellation`: matrix products between BLAS panels,
/// elementwise operations between slabs, reductions between runs, tile programs between tiles.
///
/// The request is process-wide and other suites run in parallel in the same process, so
/// these tests run only when asked, alone, in `scripts/test`'s second pass
/// (`DUSK_INTERRUPT_TESTS=1`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DUSK_INTERRUPT_TESTS"] != nil))
struct KernelCancellationTests {
    /// More than one slab of elements between checks.
    let large: NDArray

    init() throws {
        large = try NDArray.ones([3 * KernelCancellation.slabElements])
    }

    @Test func aRequestStopsElementwiseAndReductionKernels() throws {
        KernelCancellation.request()
        defer { KernelCancellation.clear() }
        #expect(throws: ArrayError.interrupted) { try large.unary(.sin) }
        #expect(throws: ArrayError.interrupted) { try NDArray.binary(.add, .array(large), .float(1)) }
        #expect(throws: ArrayError.interrupted) { try large.sum() }
        #expect(throws: ArrayError.interrupted) { try large.std() }
        #expect(throws: ArrayError.interrupted) { try large.converted(to: .float32).unary(.exp) }
    }

    @Test func aRequestStopsATileProgramBetweenTiles() throws {
        let program = TileProgram(rank: 1, leaves: [TileLeaf(dtype: .float64, axes: [.axis(0)])],
                                  steps: [.load(leaf: 0), .unary(.sin, 0)], result: .store(1))
        let kernel = try TileKernel(program)
        KernelCancellation.request()
        defer { KernelCancellation.clear() }
        #expect(throws: ArrayError.interrupted) { try kernel.run(leaves: [large], shape: [large.count], origin: [0]) }
        var sum = program
        sum.result = .reduce(TileReduction(kind: .sum, value: 1, axes: [0]))
        #expect(throws: ArrayError.interrupted) {
            try TileKernel(sum).run(leaves: [large], shape: [large.count], origin: [0])
        }
    }

    @Test func aRequestStopsFillsArgReductionsAndScans() throws {
        let matrix = large.reshapedContiguous([3 * 1024, 1024])
        KernelCancellation.request()
        defer { KernelCancellation.clear() }
        #expect(throws: ArrayError.interrupted) { try NDArray.full([large.count], .float(2)) }
        #expect(throws: ArrayError.interrupted) { try large.argmax() }
        #expect(throws: ArrayError.interrupted) { try matrix.argmin(axis: 0) }
        #expect(throws: ArrayError.interrupted) { try large.cumsum() }
        #expect(throws: ArrayError.interrupted) { try matrix.cumprod(axis: 0) }
    }

    @Test func slabbedFillsArgReductionsAndScansKeepTheirResults() throws {
        KernelCancellation.clear()
        let count = large.count
        let filled = try NDArray.full([count], .int(7), dtype: .int16)
        #expect(try filled.toArray(of: Int16.self).allSatisfy { $0 == 7 })
        let ramp = try NDArray.arange(stop: .int64(Int64(count)))
        #expect(try ramp.argmax().item() == .int64(Int64(count - 1)))
        let scanned = try large.cumsum()
        #expect(try scanned.element(at: [count - 1]) == .float64(Double(count)))
        #expect(try scanned.element(at: [KernelCancellation.slabElements]) == .float64(Double(KernelCancellation.slabElements + 1)))
        let columns = try large.reshapedContiguous([3 * 1024, 1024]).cumsum(axis: 0)
        #expect(try columns.element(at: [3 * 1024 - 1, 5]) == .float64(3 * 1024))
    }

    @Test func withoutARequestTheyFinish() throws {
        KernelCancellation.clear()
        #expect(try large.sum().item() == .float64(Double(large.count)))
        #expect(try large.unary(.cos).count == large.count)
    }

    @Test func aLargeMatrixProductStopsSoon() throws {
        KernelCancellation.clear()
        let a = try NDArray.ones([7000, 7000])  // 6.9·10¹¹ operations: seconds in one BLAS call
        let requested = Date().addingTimeInterval(0.5)
        Thread.detachNewThread {
            Thread.sleep(until: requested)
            KernelCancellation.request()
        }
        defer { KernelCancellation.clear() }
        #expect(throws: ArrayError.interrupted) { try NDArray.matmul(a, a) }
        // About 0.2 s on an idle machine (bench/README.md); generous here, since the calls are
        // sized from the speed measured so far and other processes may share the cores.
        let waited = Date().timeIntervalSince(requested)
        #expect(waited < 3, "matmul stopped \(waited) s after the request")
    }

    @Test func aLargeSymmetricProductStopsSoon() throws {
        KernelCancellation.clear()
        let a = try NDArray.ones([9000, 9000])  // a @ a.T goes through syrk: 7.3·10¹¹ operations
        let requested = Date().addingTimeInterval(0.5)
        Thread.detachNewThread {
            Thread.sleep(until: requested)
            KernelCancellation.request()
        }
        defer { KernelCancellation.clear() }
        #expect(throws: ArrayError.interrupted) { try NDArray.matmul(a, a.T) }
        let waited = Date().timeIntervalSince(requested)
        #expect(waited < 3, "matmul stopped \(waited) s after the request")
    }

    @Test func anIntegerProductStopsToo() throws {
        KernelCancellation.request()
        defer { KernelCancellation.clear() }
        let a = try NDArray.ones([300, 300], dtype: .int64)
        #expect(throws: ArrayError.interrupted) { try NDArray.matmul(a, a) }
    }
}
