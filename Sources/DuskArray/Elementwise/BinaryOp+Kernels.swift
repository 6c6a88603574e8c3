// The kernels of the binary ufuncs over tiles, one switch per element family.

extension BinaryOp {
    /// Applies the op to `count` elements of `loopDType` (from `resolve`), writing `count`
    /// contiguous result-dtype elements to `output`.
    ///
    /// The tile-level entry point for fused kernels. `lhsStride` and `rhsStride` are 1 for
    /// contiguous inputs and 0 for a single repeated value (scalar broadcast). Integer
    /// conditions come back as flags (`.negativePower` means the call must fail with
    /// `ArrayError.negativeIntegerPower`); float conditions are left in the processor's
    /// exception flags (see `ElementwiseFlags`).
    public func apply(lhs: UnsafeRawPointer, lhsStride: Int, rhs: UnsafeRawPointer, rhsStride: Int,
                      output: UnsafeMutableRawPointer, count: Int, loopDType: DType) -> ElementwiseFlags {
        loopDType.dispatch(BinaryTile(op: self, lhs: lhs, lhsStride: lhsStride, rhs: rhs, rhsStride: rhsStride,
                                      output: output, count: count))
    }

    /// Typed form of `apply(lhs:lhsStride:rhs:rhsStride:output:count:loopDType:)`: `T` is the loop dtype.
    @inlinable
    public func apply<T: NDElement>(_ lhs: UnsafePointer<T>, _ lhsStride: Int, _ rhs: UnsafePointer<T>, _ rhsStride: Int,
                                    into output: UnsafeMutableRawPointer, count: Int) -> ElementwiseFlags {
        switch T.dtype {
        case .float64:
            applyFloat(rebound(lhs, to: Double.self), lhsStride, rebound(rhs, to: Double.self), rhsStride, output, count)
            return []
        case .float32:
            applyFloat(rebound(lhs, to: Float.self), lhsStride, rebound(rhs, to: Float.self), rhsStride, output, count)
            return []
        case .int8: return applyInteger(rebound(lhs, to: Int8.self), lhsStride, rebound(rhs, to: Int8.self), rhsStride, output, count)
        case .int16: return applyInteger(rebound(lhs, to: Int16.self), lhsStride, rebound(rhs, to: Int16.self), rhsStride, output, count)
        case .int32: return applyInteger(rebound(lhs, to: Int32.self), lhsStride, rebound(rhs, to: Int32.self), rhsStride, output, count)
        case .int64: return applyInteger(rebound(lhs, to: Int64.self), lhsStride, rebound(rhs, to: Int64.self), rhsStride, output, count)
        case .uint8: return applyInteger(rebound(lhs, to: UInt8.self), lhsStride, rebound(rhs, to: UInt8.self), rhsStride, output, count)
        case .uint16: return applyInteger(rebound(lhs, to: UInt16.self), lhsStride, rebound(rhs, to: UInt16.self), rhsStride, output, count)
        case .uint32: return applyInteger(rebound(lhs, to: UInt32.self), lhsStride, rebound(rhs, to: UInt32.self), rhsStride, output, count)
        case .uint64: return applyInteger(rebound(lhs, to: UInt64.self), lhsStride, rebound(rhs, to: UInt64.self), rhsStride, output, count)
        case .bool:
            applyBool(rebound(lhs, to: Bool.self), lhsStride, rebound(rhs, to: Bool.self), rhsStride, output, count)
            return []
        }
    }

    @inlinable
    func applyFloat<T: UfuncFloat>(_ a: UnsafePointer<T>, _ sa: Int, _ b: UnsafePointer<T>, _ sb: Int,
                                   _ output: UnsafeMutableRawPointer, _ n: Int) {
        let y = output.assumingMemoryBound(to: T.self)
        let flag = output.assumingMemoryBound(to: Bool.self)
        switch self {
        case .add: zipLoop(a, sa, b, sb, y, n) { $0 + $1 }
        case .subtract: zipLoop(a, sa, b, sb, y, n) { $0 - $1 }
        case .multiply: zipLoop(a, sa, b, sb, y, n) { $0 * $1 }
        case .divide: zipLoop(a, sa, b, sb, y, n) { $0 / $1 }
        case .floor_divide: zipLoop(a, sa, b, sb, y, n) { floatDivmod($0, $1).quotient }
        case .remainder: zipLoop(a, sa, b, sb, y, n) { floatDivmod($0, $1).remainder }
        case .power: transcendental(a, sa, b, sb, y, n) { T.ufuncPow($0, $1) }
        case .maximum: zipLoop(a, sa, b, sb, y, n) { ($0 > $1 || $0.isNaN) ? $0 : $1 }
        case .minimum: zipLoop(a, sa, b, sb, y, n) { ($0 < $1 || $0.isNaN) ? $0 : $1 }
        case .fmax: zipLoop(a, sa, b, sb, y, n) { ($0 > $1 || $1.isNaN) ? $0 : $1 }
        case .fmin: zipLoop(a, sa, b, sb, y, n) { ($0 < $1 || $1.isNaN) ? $0 : $1 }
        case .arctan2: transcendental(a, sa, b, sb, y, n) { T.ufuncArctan2($0, $1) }
        case .hypot: zipLoop(a, sa, b, sb, y, n) { T.ufuncHypot($0, $1) }
        case .copysign: zipLoop(a, sa, b, sb, y, n) { T(signOf: $1, magnitudeOf: $0) }
        case .logaddexp: zipLoop(a, sa, b, sb, y, n) { floatLogaddexp($0, $1, base2: false) }
        case .logaddexp2: zipLoop(a, sa, b, sb, y, n) { floatLogaddexp($0, $1, base2: true) }
        case .nextafter: zipLoop(a, sa, b, sb, y, n) { floatNextafter($0, $1) }
        case .heaviside: zipLoop(a, sa, b, sb, y, n) { floatHeaviside($0, $1) }
        case .fmod: zipLoop(a, sa, b, sb, y, n) { T.ufuncFmod($0, $1) }
        case .equal: zipLoop(a, sa, b, sb, flag, n) { $0 == $1 }
        case .not_equal: zipLoop(a, sa, b, sb, flag, n) { $0 != $1 }
        case .less: zipLoop(a, sa, b, sb, flag, n) { $0 < $1 }
        case .less_equal: zipLoop(a, sa, b, sb, flag, n) { $0 <= $1 }
        case .greater: zipLoop(a, sa, b, sb, flag, n) { $0 > $1 }
        case .greater_equal: zipLoop(a, sa, b, sb, flag, n) { $0 >= $1 }
        case .logical_and, .logical_or, .logical_xor, .bitwise_and, .bitwise_or, .bitwise_xor,
             .left_shift, .right_shift:
            preconditionFailure("\(self) has no float loop")
        }
    }

    /// SLEEF's loop for the op on a whole tile, or `f` per element when SLEEF is off. A
    /// repeated exponent of 2 squares instead (the same correctly rounded result and flags).
    @inlinable @inline(__always)
    func transcendental<T: UfuncFloat>(_ a: UnsafePointer<T>, _ sa: Int, _ b: UnsafePointer<T>, _ sb: Int,
                                       _ y: UnsafeMutablePointer<T>, _ n: Int, _ f: (T, T) -> T) {
        if self == .power && sb == 0 && n > 0 && b[0] == 2 {
            zipLoop(a, sa, b, sb, y, n) { x, _ in x * x }
            return
        }
        if T.self == Double.self {
            if VectorMath.binary(self, rebound(a, to: Double.self), sa, rebound(b, to: Double.self), sb,
                                 rebound(y, to: Double.self), n) { return }
        } else if T.self == Float.self {
            if VectorMath.binary(self, rebound(a, to: Float.self), sa, rebound(b, to: Float.self), sb,
                                 rebound(y, to: Float.self), n) { return }
        }
        zipLoop(a, sa, b, sb, y, n, f)
    }

    @inlinable
    func applyInteger<T: UfuncInteger>(_ a: UnsafePointer<T>, _ sa: Int, _ b: UnsafePointer<T>, _ sb: Int,
                                       _ output: UnsafeMutableRawPointer, _ n: Int) -> ElementwiseFlags {
        let y = output.assumingMemoryBound(to: T.self)
        let flag = output.assumingMemoryBound(to: Bool.self)
        switch self {
        case .add: zipLoop(a, sa, b, sb, y, n) { $0 &+ $1 }
        case .subtract: zipLoop(a, sa, b, sb, y, n) { $0 &- $1 }
        case .multiply: zipLoop(a, sa, b, sb, y, n) { $0 &* $1 }
        case .floor_divide: return zipLoopFlagging(a, sa, b, sb, y, n) { integerFloorDivide($0, $1, &$2) }
        case .remainder: return zipLoopFlagging(a, sa, b, sb, y, n) { integerRemainder($0, $1, &$2) }
        case .fmod: return zipLoopFlagging(a, sa, b, sb, y, n) { integerFmod($0, $1, &$2) }
        case .power:
            if T.isSigned {
                let exponents = sb == 0 ? 1 : n
                for i in 0..<exponents where b[i] < 0 { return .negativePower }
            }
            // x ** 2 with a scalar exponent is a product (a loop that vectorizes), as NumPy's fast path.
            if sb == 0 && b[0] == 2 {
                zipLoop(a, sa, a, sa, y, n) { $0 &* $1 }
            } else {
                zipLoop(a, sa, b, sb, y, n) { integerPower($0, $1) }
            }
        case .maximum, .fmax: zipLoop(a, sa, b, sb, y, n) { Swift.max($0, $1) }
        case .minimum, .fmin: zipLoop(a, sa, b, sb, y, n) { Swift.min($0, $1) }
        case .bitwise_and: zipLoop(a, sa, b, sb, y, n) { $0 & $1 }
        case .bitwise_or: zipLoop(a, sa, b, sb, y, n) { $0 | $1 }
        case .bitwise_xor: zipLoop(a, sa, b, sb, y, n) { $0 ^ $1 }
        case .left_shift: zipLoop(a, sa, b, sb, y, n) { integerLeftShift($0, $1) }
        case .right_shift: zipLoop(a, sa, b, sb, y, n) { integerRightShift($0, $1) }
        case .equal: zipLoop(a, sa, b, sb, flag, n) { $0 == $1 }
        case .not_equal: zipLoop(a, sa, b, sb, flag, n) { $0 != $1 }
        case .less: zipLoop(a, sa, b, sb, flag, n) { $0 < $1 }
        case .less_equal: zipLoop(a, sa, b, sb, flag, n) { $0 <= $1 }
        case .greater: zipLoop(a, sa, b, sb, flag, n) { $0 > $1 }
        case .greater_equal: zipLoop(a, sa, b, sb, flag, n) { $0 >= $1 }
        case .divide, .arctan2, .logical_and, .logical_or, .logical_xor, .hypot, .copysign, .logaddexp, .logaddexp2,
             .nextafter, .heaviside:
            preconditionFailure("\(self) has no integer loop")
        }
        return []
    }

    @inlinable
    func applyBool(_ a: UnsafePointer<Bool>, _ sa: Int, _ b: UnsafePointer<Bool>, _ sb: Int,
                   _ output: UnsafeMutableRawPointer, _ n: Int) {
        let y = output.assumingMemoryBound(to: Bool.self)
        switch self {
        case .add, .maximum, .fmax, .logical_or, .bitwise_or: zipLoop(a, sa, b, sb, y, n) { $0 || $1 }
        case .multiply, .minimum, .fmin, .logical_and, .bitwise_and: zipLoop(a, sa, b, sb, y, n) { $0 && $1 }
        case .logical_xor, .bitwise_xor, .not_equal: zipLoop(a, sa, b, sb, y, n) { $0 != $1 }
        case .equal: zipLoop(a, sa, b, sb, y, n) { $0 == $1 }
        case .less: zipLoop(a, sa, b, sb, y, n) { !$0 && $1 }
        case .less_equal: zipLoop(a, sa, b, sb, y, n) { !$0 || $1 }
        case .greater: zipLoop(a, sa, b, sb, y, n) { $0 && !$1 }
        case .greater_equal: zipLoop(a, sa, b, sb, y, n) { $0 || !$1 }
        case .subtract, .divide, .floor_divide, .remainder, .power, .arctan2, .left_shift, .right_shift,
             .hypot, .copysign, .logaddexp, .logaddexp2, .nextafter, .heaviside, .fmod:
            preconditionFailure("\(self) has no bool loop")
        }
    }
}

private struct BinaryTile: ElementVisitor {
    let op: BinaryOp
    let lhs: UnsafeRawPointer
    let lhsStride: Int
    let rhs: UnsafeRawPointer
    let rhsStride: Int
    let output: UnsafeMutableRawPointer
    let count: Int
    func visit<T: NDElement>(_ type: T.Type) -> ElementwiseFlags {
        op.apply(lhs.assumingMemoryBound(to: T.self), lhsStride, rhs.assumingMemoryBound(to: T.self), rhsStride,
                 into: output, count: count)
    }
}
