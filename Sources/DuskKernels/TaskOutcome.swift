#if canImport(Glibc)
import Glibc
#endif
import DuskArray
import DuskGraph
import DuskRuntime
import DuskScheduler

/// A task's result as the library hands it to Python: an array (Python wraps its buffer), a
/// non-array value in Dusk's transfer encoding, or an error as JSON.
final class TaskOutcome {
    enum Kind: Int64 { case array = 0, value = 1, error = 2 }

    let kind: Kind
    private let array: NDArray?
    private let bytes: UnsafeMutableRawBufferPointer?

    init(array: NDArray) throws(ArrayError) {
        kind = .array
        // A view of an input would outlive the input's buffer, which Python lent for the call only.
        self.array = array.storage.isBorrowed ? try array.copy() : array
        bytes = nil
    }

    init(kind: Kind, bytes content: [UInt8]) {
        self.kind = kind
        array = nil
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, content.count), alignment: 16)
        content.withUnsafeBytes { buffer.copyMemory(from: $0) }
        bytes = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<content.count])
    }

    deinit { bytes?.deallocate() }

    /// `dusk_result_describe`'s words.
    var words: [Int64] {
        if let array {
            let item = array.dtype.itemSize
            let data = Int64(Int(bitPattern: array.storage.base) + array.offset * item)
            return [kind.rawValue, Int64(array.dtype.rawValue), Int64(array.ndim), data, Int64(array.nbytes)]
                + array.shape.map { Int64($0) } + array.strides.map { Int64($0 * item) }
        }
        let address = bytes.flatMap { $0.baseAddress }.map { Int64(Int(bitPattern: $0)) } ?? 0
        return [kind.rawValue, 0, 0, address, Int64(bytes?.count ?? 0)]
    }
}

/// The library's state and the work behind its entry points.
/// The C strings are written once, at first use, and never changed: shared freely.
enum KernelLibrary {
    nonisolated(unsafe) static let versionText = UnsafePointer<CChar>(strdup(KernelLibrarySupport.compatibility)!)

    nonisolated(unsafe) static let dtypeNames: [UnsafePointer<CChar>] = DType.allCases.map { UnsafePointer(strdup($0.name)!) }

    /// Runs a task; every failure becomes an error outcome.
    static func run(spec: UnsafePointer<UInt8>?, length: Int64, count: Int64, descriptor: UnsafePointer<Int64>?) -> TaskOutcome {
        KernelLibrarySupport.prepare()
        do {
            guard let spec, length >= 0, count >= 0 else { throw GraphError.wire("null task") }
            let program = try RemoteTaskProgram(encoded: Array(UnsafeBufferPointer(start: spec, count: Int(length))))
            let values = try inputs(count: Int(count), descriptor: descriptor)
            try FaultInjection.apply(to: program)
            let value = try program.run(values)
            if case .array(let array) = value { return try TaskOutcome(array: array) }
            return TaskOutcome(kind: .value, bytes: try KernelLibrarySupport.encode(value))
        } catch {
            return TaskOutcome(kind: .error, bytes: Array(KernelLibrarySupport.errorJSON(error).utf8))
        }
    }

    /// The inputs described by `descriptor`: per input the words kind (0 array, 1 value),
    /// dtype code, ndim, data address, byte count, then for arrays the shape and the strides
    /// in bytes. Arrays are read in place.
    static func inputs(count: Int, descriptor: UnsafePointer<Int64>?) throws -> [TaskValue] {
        var values: [TaskValue] = []
        guard count > 0 else { return values }
        guard let descriptor else { throw GraphError.wire("no input descriptor") }
        var position = 0
        for _ in 0..<count {
            let kind = descriptor[position], code = descriptor[position + 1], ndim = Int(descriptor[position + 2])
            let address = Int(descriptor[position + 3]), nbytes = Int(descriptor[position + 4])
            position += 5
            if kind == 1 {
                let pointer = UnsafeRawPointer(bitPattern: address)
                let bytes = pointer.map { Array(UnsafeRawBufferPointer(start: $0, count: nbytes)) } ?? []
                values.append(try KernelLibrarySupport.decode(bytes))
                continue
            }
            guard kind == 0, let dtype = DType(rawValue: UInt8(clamping: code)), ndim >= 0, ndim <= 64 else {
                throw GraphError.wire("bad input descriptor")
            }
            let shape = (0..<ndim).map { Int(descriptor[position + $0]) }
            let byteStrides = (0..<ndim).map { Int(descriptor[position + ndim + $0]) }
            position += 2 * ndim
            values.append(.array(try borrowedArray(address: address, nbytes: nbytes, dtype: dtype, shape: shape,
                                                   byteStrides: byteStrides)))
        }
        return values
    }

    /// An NDArray over a NumPy buffer: `address` is element `[0, ...]`; with negative strides the
    /// storage starts at the lowest element and the offset points back at `[0, ...]`.
    static func borrowedArray(address: Int, nbytes: Int, dtype: DType, shape: [Int], byteStrides: [Int]) throws -> NDArray {
        let item = dtype.itemSize
        guard shape.allSatisfy({ $0 >= 0 }), byteStrides.allSatisfy({ $0 % item == 0 }) else {
            throw GraphError.wire("array strides are not whole elements")
        }
        if shape.contains(0) { return try NDArray(uninitialized: dtype, shape: shape) }
        let strides = byteStrides.map { $0 / item }
        var low = 0, high = 0
        for (extent, stride) in zip(shape, strides) {
            let (span, overflow) = (extent - 1).multipliedReportingOverflow(by: stride)
            guard !overflow else { throw GraphError.wire("array too large") }
            if span < 0 { low += span } else { high += span }
        }
        guard let pointer = UnsafeMutableRawPointer(bitPattern: address), nbytes >= 0 else {
            throw GraphError.wire("array data does not match its description")
        }
        let storage = Storage(borrowing: pointer + low * item, byteCount: (high - low + 1) * item)
        return NDArray(dtype: dtype, shape: shape, strides: strides, offset: -low, storage: storage)
    }
}
