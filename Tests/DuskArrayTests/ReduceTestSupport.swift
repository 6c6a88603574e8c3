import DuskArray
import Foundation

/// Helpers for the reduction, linear algebra and random tests (prefixed to keep clear of
/// the core tests' helpers).
enum MathTest {
    /// An array of `dtype` from NumPy `repr` strings (`True`, `-3`, `nan`, `1e-05`).
    static func array(_ texts: [String], dtype: DType, shape: [Int]) -> NDArray {
        dtype.dispatch(Parse(texts: texts, shape: shape))
    }

    private struct Parse: ElementVisitor {
        let texts: [String]
        let shape: [Int]
        func visit<T: NDElement>(_ type: T.Type) -> NDArray {
            let values: [T] = texts.map { text in
                switch T.dtype.kind {
                case "b": return T.numpyCast(text == "True")
                case "u": return T.numpyCast(Int64(bitPattern: UInt64(text)!))
                case "i": return T.numpyCast(Int64(text)!)
                default: return T.numpyCast(Double(text)!)
                }
            }
            return try! NDArray(values, shape: shape)
        }
    }

    /// A view of a contiguous `base`, as the generator makes it in NumPy.
    static func view(_ base: NDArray, _ kind: String) -> NDArray {
        var shape = base.shape, strides = base.strides, offset = base.offset
        switch kind {
        case "T":
            shape.reverse(); strides.reverse()
        case "step2":
            shape[0] /= 2; strides[0] *= 2
        case "reversed":
            let last = shape.count - 1
            if shape[last] > 0 { offset += (shape[last] - 1) * strides[last] }
            strides[last] = -strides[last]
        default:
            break
        }
        return NDArray(dtype: base.dtype, shape: shape, strides: strides, offset: offset, storage: base.storage)
    }

    /// Whether `actual` matches NumPy's `expected` repr strings: exactly for integers and
    /// booleans, to a relative `tolerance` for floats (NaN equals NaN, infinities exactly).
    static func matches(_ actual: NDArray, _ expected: [String], tolerance: Double) -> Bool {
        let scalars = actual.scalars
        guard scalars.count == expected.count else { return false }
        if actual.dtype.isFloatingPoint {
            return zip(scalars, expected).allSatisfy { s, e in
                close(s.doubleValue, Double(e)!, tolerance: tolerance)
            }
        }
        return zip(scalars, expected).allSatisfy { s, e in s.description == e }
    }

    static func close(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= tolerance * Swift.max(1, abs(a), abs(b))
    }
}

extension MathTest {
    /// `x[..., start:end, ...]` along `axis`, as a view.
    static func slice(_ x: NDArray, axis: Int, _ start: Int, _ end: Int) -> NDArray {
        var shape = x.shape
        shape[axis] = end - start
        return NDArray(dtype: x.dtype, shape: shape, strides: x.strides,
                       offset: x.offset + start * x.strides[axis], storage: x.storage)
    }

    /// Deterministic pseudo-random doubles (a 64-bit LCG), independent of the code under test.
    static func noise(_ count: Int, seed: UInt64, scale: Double = 1, shift: Double = 0) -> [Double] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) * 0x1p-53 - 0.5) * scale + shift
        }
    }

    /// Chunk boundaries that split `n` into irregular pieces.
    static func cuts(_ n: Int, _ sizes: [Int]) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var start = 0, i = 0
        while start < n {
            let end = Swift.min(n, start + sizes[i % sizes.count])
            result.append((start, end))
            start = end
            i += 1
        }
        return result
    }
}
