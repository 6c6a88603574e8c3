// The tile-level elementwise kernels that fused chunk kernels call, per dtype: one
// iteration applies the op to one tile of `tileLength` elements, 1000 tiles per
// measured sample (scaling factor kilo), so wall-clock figures are per tile.
import Benchmark
import DuskArray

let tileLength = 4096

/// Owns a tile's input and output buffers for one dtype.
final class TileBuffers: @unchecked Sendable {
    let lhs: NDArray
    let rhs: NDArray
    let output: UnsafeMutableRawPointer

    init(dtype: DType) {
        lhs = NDArray.ones([tileLength], dtype: dtype)
        rhs = NDArray.ones([tileLength], dtype: dtype)
        output = UnsafeMutableRawPointer.allocate(byteCount: tileLength * 8, alignment: 64)
    }

    deinit { output.deallocate() }

    func raw(_ array: NDArray) -> UnsafeRawPointer {
        UnsafeRawPointer(array.pointer(as: UInt8.self))
    }
}

func tileKernelBenchmarks() {
    let dtypes: [DType] = [.float64, .float32, .int64, .int32, .int16, .int8, .uint8, .bool]
    for dtype in dtypes {
        for op in [BinaryOp.add, .multiply] {
            guard let loop = try? op.resolve(dtype).loop else { continue }
            let buffers = TileBuffers(dtype: loop)
            Benchmark("tile \(op.numpyName) \(loop.name) ×\(tileLength)",
                      configuration: .init(metrics: [.wallClock], scalingFactor: .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(op.apply(lhs: buffers.raw(buffers.lhs), lhsStride: 1,
                                       rhs: buffers.raw(buffers.rhs), rhsStride: 1,
                                       output: buffers.output, count: tileLength, loopDType: loop))
                }
            }
        }
    }
    for dtype in [DType.float64, .float32] {
        for op in [UnaryOp.sin, .exp, .sqrt] {
            guard let loop = try? op.resolve(dtype).loop else { continue }
            let buffers = TileBuffers(dtype: loop)
            Benchmark("tile \(op.numpyName) \(loop.name) ×\(tileLength)",
                      configuration: .init(metrics: [.wallClock], scalingFactor: .kilo)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(op.apply(input: buffers.raw(buffers.lhs), output: buffers.output,
                                       count: tileLength, loopDType: loop))
                }
            }
        }
    }
}
