import DuskArray

/// The attributes of `ndarray`; its methods come from the `ArrayFunction` table.
extension NDArrayObject {
    public var attributeNames: [String] { NDArrayObject.attributeNames }

    /// The names `dir()` lists for an array (and a NumPy scalar).
    static let attributeNames = ["shape", "ndim", "size", "dtype", "itemsize", "nbytes", "T", "strides", "flags", "real", "imag", "device"]
        + ArrayFunction.ndarrayMethods.keys.sorted()

    public func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "shape": return .tuple(array.shape.map { .int($0) })
        case "ndim": return .int(array.ndim)
        case "size": return .int(array.count)
        case "dtype": return .object(DTypeObject(array.dtype))
        case "itemsize": return .int(array.dtype.itemSize)
        case "nbytes": return .int(array.nbytes)
        case "T": return .object(NDArrayObject(array.T))
        case "strides": return .tuple(array.strides.map { .int($0 * array.dtype.itemSize) })
        case "flags": return .object(ArrayFlags(array))
        case "real": return .object(self)
        case "imag": return .object(NDArrayObject(try array.zerosLike()))
        case "device": return .str(Device.cpu)
        default:
            guard let method = ArrayFunction.ndarrayMethods[name] else { return nil }
            return .boundMethod(BoundMethod(receiver: .object(self), function: .builtin(method), name: name))
        }
    }
}

/// `a.flags`: the memory layout, as NumPy lists it.
final class ArrayFlags: RuntimeObject {
    let cContiguous: Bool
    let fContiguous: Bool

    init(_ array: NDArray) {
        cContiguous = array.isContiguous
        let reversed = NDArray(dtype: array.dtype, shape: array.shape.reversed(), strides: array.strides.reversed(),
                               offset: array.offset, storage: array.storage)
        fContiguous = reversed.isContiguous
    }

    var typeName: String { "flagsobj" }
    private var entries: [(String, Bool)] {
        [("C_CONTIGUOUS", cContiguous), ("F_CONTIGUOUS", fContiguous), ("WRITEABLE", true), ("ALIGNED", true)]
    }
    var repr: String { entries.map { "  \($0.0) : \($0.1 ? "True" : "False")" }.joined(separator: "\n") }
    var attributeNames: [String] { ["c_contiguous", "f_contiguous", "writeable", "aligned"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        entries.first { $0.0.lowercased() == name }.map { .bool($0.1) }
    }

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        guard case .str(let key) = index, let entry = entries.first(where: { $0.0 == key.uppercased() }) else {
            throw DuskError.keyNotFound(index)
        }
        return .bool(entry.1)
    }
}
