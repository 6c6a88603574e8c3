// The kernels of the unary ufuncs over contiguous tiles, one switch per element family.

extension UnaryOp {
    /// Applies the op to `count` contiguous elements of `loopDType` (from `resolve`) at
    /// `input`, writing `count` result-dtype elements to `output`.
    ///
    /// The tile-level entry point for fused kernels. Integer conditions come back as flags;
    /// float conditions are left in the processor's exception flags (see `ElementwiseFlags`).
    public func apply(input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int,
                      loopDType: DType) -> ElementwiseFlags {
        loopDType.dispatch(UnaryTile(op: self, input: input, output: output, count: count))
    }

    /// Typed form of `apply(input:output:count:loopDType:)`: `T` is the loop dtype.
    @inlinable
    public func apply<T: NDElement>(_ input: UnsafePointer<T>, into output: UnsafeMutableRawPointer,
                                    count: Int) -> ElementwiseFlags {
        switch T.dtype {
        case .float64: applyFloat(rebound(input, to: Double.self), output, count)
        case .float32: applyFloat(rebound(input, to: Float.self), output, count)
        case .int8: return applyInteger(rebound(input, to: Int8.self), output, count)
        case .int16: return applyInteger(rebound(input, to: Int16.self), output, count)
        case .int32: return applyInteger(rebound(input, to: Int32.self), output, count)
        case .int64: return applyInteger(rebound(input, to: Int64.self), output, count)
        case .uint8: return applyInteger(rebound(input, to: UInt8.self), output, count)
        case .uint16: return applyInteger(rebound(input, to: UInt16.self), output, count)
        case .uint32: return applyInteger(rebound(input, to: UInt32.self), output, count)
        case .uint64: return applyInteger(rebound(input, to: UInt64.self), output, count)
        case .bool: applyBool(rebound(input, to: Bool.self), output, count)
        }
        return []
    }

    @inlinable
    func applyFloat<T: UfuncFloat>(_ x: UnsafePointer<T>, _ output: UnsafeMutableRawPointer, _ n: Int) {
        let y = output.assumingMemoryBound(to: T.self)
        let flag = output.assumingMemoryBound(to: Bool.self)
        switch self {
        case .negative: mapLoop(x, y, n) { -$0 }
        case .positive: mapLoop(x, y, n) { $0 }
        case .absolute: mapLoop(x, y, n) { Swift.abs($0) }
        case .sin: transcendental(x, y, n) { T.ufuncSin($0) }
        case .cos: transcendental(x, y, n) { T.ufuncCos($0) }
        case .tan: transcendental(x, y, n) { T.ufuncTan($0) }
        case .arcsin: transcendental(x, y, n) { T.ufuncArcsin($0) }
        case .arccos: transcendental(x, y, n) { T.ufuncArccos($0) }
        case .arctan: transcendental(x, y, n) { T.ufuncArctan($0) }
        case .sinh: transcendental(x, y, n) { T.ufuncSinh($0) }
        case .cosh: transcendental(x, y, n) { T.ufuncCosh($0) }
        case .tanh: transcendental(x, y, n) { T.ufuncTanh($0) }
        case .exp: transcendental(x, y, n) { T.ufuncExp($0) }
        case .expm1: transcendental(x, y, n) { T.ufuncExpm1($0) }
        case .log: transcendental(x, y, n) { T.ufuncLog($0) }
        case .log1p: transcendental(x, y, n) { T.ufuncLog1p($0) }
        case .log2: transcendental(x, y, n) { T.ufuncLog2($0) }
        case .log10: transcendental(x, y, n) { T.ufuncLog10($0) }
        case .sqrt: mapLoop(x, y, n) { $0.squareRoot() }
        case .cbrt: transcendental(x, y, n) { T.ufuncCbrt($0) }
        case .square: mapLoop(x, y, n) { $0 * $0 }
        case .floor: mapLoop(x, y, n) { $0.rounded(.down) }
        case .ceil: mapLoop(x, y, n) { $0.rounded(.up) }
        case .trunc: mapLoop(x, y, n) { $0.rounded(.towardZero) }
        case .rint: mapLoop(x, y, n) { $0.rounded(.toNearestOrEven) }
        case .sign: mapLoop(x, y, n) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0 == 0 ? 0 : $0)) }
        case .isnan: mapLoop(x, flag, n) { $0.isNaN }
        case .isinf: mapLoop(x, flag, n) { $0.isInfinite }
        case .isfinite: mapLoop(x, flag, n) { $0.isFinite }
        case .arcsinh: transcendental(x, y, n) { T.ufuncArcsinh($0) }
        case .arccosh: transcendental(x, y, n) { T.ufuncArccosh($0) }
        case .arctanh: transcendental(x, y, n) { T.ufuncArctanh($0) }
        case .exp2: transcendental(x, y, n) { T.ufuncExp2($0) }
        case .deg2rad: mapLoop(x, y, n) { $0 * (T(3.14159265358979323846) / 180) }  // NumPy's pi: nearest, not `T.pi`
        case .rad2deg: mapLoop(x, y, n) { $0 * (180 / T(3.14159265358979323846)) }
        case .reciprocal: mapLoop(x, y, n) { 1 / $0 }
        case .signbit: mapLoop(x, flag, n) { $0.sign == .minus }
        case .conjugate: mapLoop(x, y, n) { $0 }
        case .invert, .logical_not: preconditionFailure("\(self) has no float loop")
        }
    }

    /// SLEEF's loop for the op on a whole tile, or `f` per element when SLEEF is off.
    @inlinable @inline(__always)
    func transcendental<T: UfuncFloat>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ f: (T) -> T) {
        if T.self == Double.self {
            if VectorMath.unary(self, rebound(x, to: Double.self), rebound(y, to: Double.self), n) { return }
        } else if T.self == Float.self {
            if VectorMath.unary(self, rebound(x, to: Float.self), rebound(y, to: Float.self), n) { return }
        }
        mapLoop(x, y, n, f)
    }

    @inlinable
    func applyInteger<T: UfuncInteger>(_ x: UnsafePointer<T>, _ output: UnsafeMutableRawPointer, _ n: Int) -> ElementwiseFlags {
        let y = output.assumingMemoryBound(to: T.self)
        let flag = output.assumingMemoryBound(to: Bool.self)
        switch self {
        case .negative: mapLoop(x, y, n) { 0 &- $0 }
        case .positive, .floor, .ceil, .trunc, .conjugate: mapLoop(x, y, n) { $0 }
        case .absolute: mapLoop(x, y, n) { $0 < 0 ? 0 &- $0 : $0 }
        case .invert: mapLoop(x, y, n) { ~$0 }
        case .square: mapLoop(x, y, n) { $0 &* $0 }
        case .sign: mapLoop(x, y, n) { $0 > 0 ? 1 : ($0 == 0 ? 0 : 0 &- 1) }
        case .isnan, .isinf: mapLoop(x, flag, n) { _ in false }
        case .isfinite: mapLoop(x, flag, n) { _ in true }
        case .reciprocal:
            var flags: ElementwiseFlags = []
            for i in 0..<n { y[i] = integerReciprocal(x[i], &flags) }
            return flags
        default: preconditionFailure("\(self) has no integer loop")
        }
        return []
    }

    @inlinable
    func applyBool(_ x: UnsafePointer<Bool>, _ output: UnsafeMutableRawPointer, _ n: Int) {
        let y = output.assumingMemoryBound(to: Bool.self)
        switch self {
        case .absolute, .floor, .ceil, .trunc: mapLoop(x, y, n) { $0 }
        case .invert, .logical_not: mapLoop(x, y, n) { !$0 }
        case .isnan, .isinf: mapLoop(x, y, n) { _ in false }
        case .isfinite: mapLoop(x, y, n) { _ in true }
        default: preconditionFailure("\(self) has no bool loop")
        }
    }
}

private struct UnaryTile: ElementVisitor {
    let op: UnaryOp
    let input: UnsafeRawPointer
    let output: UnsafeMutableRawPointer
    let count: Int
    func visit<T: NDElement>(_ type: T.Type) -> ElementwiseFlags {
        op.apply(input.assumingMemoryBound(to: T.self), into: output, count: count)
    }
}
