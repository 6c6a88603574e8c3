import DuskArray

/// Builds deterministic names for graph nodes, as Dask's `tokenize` does: the same operation
/// with the same parameters on the same inputs always gets the same 32-hex-digit token, so
/// identical expressions written twice merge into one layer.
///
/// The hash is a fixed-seed 128-bit mix (two 64-bit lanes), stable across runs and machines;
/// it is not cryptographic. Each value is written with a type tag and, for variable-length
/// values, its length, so different parameter lists never collide by concatenation.
public struct TokenBuilder: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    public init() {}

    /// A builder already holding `values`.
    public init(_ values: any Tokenizable...) {
        for value in values { value.tokenize(into: &self) }
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Adds one 64-bit word.
    @inline(__always)
    public mutating func combine(word: UInt64) {
        a = TokenBuilder.mix(a ^ word) &+ b
        b = TokenBuilder.mix(b &+ word &* 0xFF51_AFD7_ED55_8CCD) ^ (a >> 17)
    }

    public mutating func combine(_ value: any Tokenizable) {
        value.tokenize(into: &self)
    }

    /// Adds raw bytes (array contents), eight at a time.
    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        _ = combine(bytes: bytes, stopsOnRequest: false)
    }

    /// `combine(bytes:)`; with `stopsOnRequest`, it checks `KernelCancellation` every 8 MiB
    /// and returns false, the token unfinished, once Ctrl-C asks (hashing gigabytes takes
    /// seconds). The same token as `combine(bytes:)` when it finishes.
    mutating func combine(bytes: UnsafeRawBufferPointer, stopsOnRequest: Bool) -> Bool {
        combine(word: 0xB7 ^ UInt64(bytes.count) << 8)
        let checkEvery = 8 * KernelCancellation.slabElements
        var index = 0
        while index + 8 <= bytes.count {
            combine(word: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
            if stopsOnRequest && index % checkEvery == 0 && KernelCancellation.isRequested { return false }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        combine(word: tail)
        return true
    }

    /// The token: 32 lower-case hex digits.
    public func finalize() -> String {
        let high = TokenBuilder.mix(a ^ (b >> 7))
        let low = TokenBuilder.mix(b ^ high)
        return String(unsafeUninitializedCapacity: 32) { buffer in
            let digits: StaticString = "0123456789abcdef"
            func write(_ value: UInt64, at offset: Int) {
                for position in 0..<16 {
                    let nibble = Int(truncatingIfNeeded: value >> UInt64(60 - 4 * position)) & 0xF
                    buffer[offset + position] = digits.utf8Start[nibble]
                }
            }
            write(high, at: 0)
            write(low, at: 16)
            return 32
        }
    }

    /// `prefix-<token of values>`: a node name such as `add-3f2a9c1b...`.
    public static func name(_ prefix: String, _ values: any Tokenizable...) -> String {
        var builder = TokenBuilder()
        builder.combine(prefix)
        for value in values { value.tokenize(into: &builder) }
        return prefix + "-" + builder.finalize()
    }
}

/// A value that can feed a token.
public protocol Tokenizable {
    func tokenize(into builder: inout TokenBuilder)
}

extension Int: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        builder.combine(word: 0x11)
        builder.combine(word: UInt64(bitPattern: Int64(self)))
    }
}

extension Bool: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        builder.combine(word: self ? 0x21 : 0x20)
    }
}

extension Double: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        builder.combine(word: 0x31)
        builder.combine(word: bitPattern)
    }
}

extension String: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        var copy = self
        copy.withUTF8 { builder.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension Optional: Tokenizable where Wrapped: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        switch self {
        case .none: builder.combine(word: 0x40)
        case .some(let value):
            builder.combine(word: 0x41)
            value.tokenize(into: &builder)
        }
    }
}

extension Array: Tokenizable where Element: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        builder.combine(word: 0x51 ^ UInt64(count) << 8)
        for element in self { element.tokenize(into: &builder) }
    }
}

extension DType: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        builder.combine(word: 0x61 ^ UInt64(rawValue) << 8)
    }
}

extension Scalar: Tokenizable {
    public func tokenize(into builder: inout TokenBuilder) {
        dtype.tokenize(into: &builder)
        switch self {
        case .bool(let value): value.tokenize(into: &builder)
        case .int(let value, _): builder.combine(word: UInt64(bitPattern: value))
        case .uint(let value, _): builder.combine(word: value)
        case .float(let value, _): value.tokenize(into: &builder)
        }
    }
}

/// Combines an array's elements one at a time, without a contiguous copy.
private struct ElementTokenizer: ElementVisitor {
    let array: NDArray
    var builder: TokenBuilder
    func visit<T: NDElement>(_ type: T.Type) -> TokenBuilder {
        var builder = self.builder
        let base = array.storage.base.assumingMemoryBound(to: T.self)
        let rows = StridedRows(shape: array.shape, strides: [array.strides])
        let length = rows.rowLength, step = rows.rowStride(0)
        rows.forEachRow(offsets: [array.offset]) { offsets in
            for i in 0..<length {
                var element = base[offsets[0] + i * step]
                withUnsafeBytes(of: &element) { builder.combine(bytes: $0) }
            }
        }
        return builder
    }
}

extension NDArray: Tokenizable {
    /// Dtype, shape and every element in C order (the contents, as Dask's tokenize of a NumPy array).
    public func tokenize(into builder: inout TokenBuilder) {
        _ = tokenize(into: &builder, stopsOnRequest: false)
    }

    /// `tokenize(into:)`, returning false once Ctrl-C asks when `stopsOnRequest`
    /// (`TokenBuilder.combine(bytes:stopsOnRequest:)`).
    func tokenize(into builder: inout TokenBuilder, stopsOnRequest: Bool) -> Bool {
        dtype.tokenize(into: &builder)
        shape.tokenize(into: &builder)
        guard let data = try? contiguous() else {
            // No memory for a contiguous copy: the elements one at a time (a different, equally stable token).
            builder = dtype.dispatch(ElementTokenizer(array: self, builder: builder))
            return true
        }
        return builder.combine(bytes: UnsafeRawBufferPointer(start: data.storage.base + data.offset * dtype.itemSize,
                                                             count: data.count * dtype.itemSize),
                               stopsOnRequest: stopsOnRequest)
    }
}
