import DuskArray
import DuskGraph
import DuskSyntax
import DuskZarr
import Synchronization

/// A Zarr array as a Dusk value: zarr-python 3's `zarr.Array`.
///
/// Storage, not a NumPy array: indexing reads the chunks a selection touches (`z[0, 0]`,
/// `z[:]`), item assignment writes them (`z[10:20, 5] = 3`), `np.array(z)` reads it all, and
/// arithmetic raises zarr-python's `TypeError` with a hint to read it or wrap it lazily.
final class ZarrArrayObject: NDArrayConvertible {
    private let state: Mutex<ZarrArray>

    init(_ array: ZarrArray) {
        state = Mutex(array)
    }

    /// The array with its current metadata.
    var array: ZarrArray { state.withLock { $0 } }

    static let type = TypeObject(name: "zarr.Array", doc: """
        An array stored in chunks on disk (zarr-python's Array): z.shape, z.chunks, z.dtype, z.attrs, z.info.
        z[...] reads only the chunks a selection touches; z[...] = values writes them; np.array(z) reads it all;
        da.from_zarr(z) makes a lazy array reading one chunk per task.
        """)

    var typeName: String { "Array" }
    var runtimeType: TypeObject { ZarrArrayObject.type }
    var repr: String { array.repr }
    var doc: String? { ZarrArrayObject.type.doc }

    func ndarray(context: ExecutionContext) throws -> NDArray {
        let a = array
        return try zarrCall { () throws(ZarrError) in try a.readAll(options: ZarrValues.eagerIO) }
    }

    /// Replaces the metadata after a write of attributes.
    func update(_ body: (ZarrArray) throws(ZarrError) -> ZarrArray) throws {
        let current = array
        let updated = try zarrCall { () throws(ZarrError) in try body(current) }
        state.withLock { $0 = updated }
    }

    // MARK: - Attributes

    var attributeNames: [String] {
        ["shape", "chunks", "shards", "dtype", "ndim", "size", "nbytes", "nchunks", "fill_value", "attrs", "info",
         "path", "name", "basename", "read_only", "order", "store_path", "metadata"]
    }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        let a = array
        switch name {
        case "shape": return .tuple(a.shape.map { .int($0) })
        case "chunks": return .tuple(a.chunks.map { .int($0) })
        case "shards": return a.metadata.shards.map { .tuple($0.map { .int($0) }) } ?? .none
        case "dtype": return .object(DTypeObject(a.dtype))
        case "ndim": return .int(a.ndim)
        case "size": return .int(a.metadata.elementCount)
        case "nbytes": return .int(a.metadata.nbytes)
        case "nchunks": return .int(zip(a.shape, a.chunks).reduce(1) { $0 * ($1.1 == 0 ? 0 : ($1.0 + $1.1 - 1) / $1.1) })
        case "fill_value":
            return a.metadata.fillValueIsNull ? .none : .object(NumPyScalar(a.metadata.fillValue))
        case "attrs": return .object(ZarrAttributesObject(owner: .array(self)))
        case "info": return .object(ZarrInfoObject(text: a.info))
        case "path": return .str(a.path)
        case "name": return .str("/" + a.path)
        case "basename": return .str(a.path.split(separator: "/").last.map(String.init) ?? "")
        case "read_only": return .bool(a.readOnly)
        case "order": return .str(a.metadata.order)
        case "store_path": return .str(a.url)
        case "metadata": return ZarrValues.value(a.metadata.zarrFormat == 3 ? a.metadata.v3Document : (try? a.metadata.v2Document()) ?? .null)
        default: return nil
        }
    }

    // MARK: - Reading and writing

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        let a = array
        let selection = try ZarrSelection(index, shape: a.shape, context: context)
        let block = try zarrCall { () throws(ZarrError) in try a.read(selection.dimensions, options: ZarrValues.eagerIO) }
        return ArrayConvert.wrapArray(try selection.finish(block))
    }

    func setSubscript(_ index: Value, to value: Value, context: ExecutionContext) throws -> Bool {
        let a = array
        let selection = try ZarrSelection(index, shape: a.shape, context: context)
        if selection.gather != nil {
            throw DuskError(.notImplementedError, "Dusk writes Zarr arrays through integers and slices; "
                            + "assigning through a list of integers is not supported")
        }
        var values = try ArrayConvert.ndarray(value, context: context)
        if values.dtype != a.dtype { values = try values.astype(a.dtype) }
        let target = selection.resultShape
        let broadcast = try arrayCall { () throws(ArrayError) in
            try values.broadcast(to: target).reshaped(selection.dimensions.map(\.count))
        }
        try zarrCall { () throws(ZarrError) in try a.write(broadcast, at: selection.dimensions, options: ZarrValues.eagerIO) }
        return true
    }

    // MARK: - Operators

    /// zarr-python 3 arrays have no arithmetic: `z * 2` raises its `TypeError`, with a hint.
    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        if case .object(let o) = other, o is NDArrayObject || o is LazyArrayObject || o is NumPyScalar {
            return nil  // NumPy reads the Zarr array through __array__, as with zarr-python.
        }
        let (left, right) = reflected ? (other.typeName, "Array") : ("Array", other.typeName)
        let symbol = op.rawValue
        let (eager, lazy) = reflected
            ? ("\(other.repr) \(symbol) np.array(z)", "\(other.repr) \(symbol) da.from_zarr(z)")
            : ("np.array(z) \(symbol) \(other.repr)", "da.from_zarr(z) \(symbol) \(other.repr)")
        throw DuskError(.typeError, "unsupported operand type(s) for \(symbol): '\(left)' and '\(right)' "
                        + "(a Zarr array is storage, not a NumPy array: read it with \(eager), or compute lazily with \(lazy))")
    }

    func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value? {
        guard op != .not else { return nil }
        throw DuskError(.typeError, "bad operand type for unary \(op.rawValue): 'Array' (read it first: \(op.rawValue)np.array(z))")
    }
}

/// `z.info` / `g.info`: prints as zarr-python's table.
final class ZarrInfoObject: RuntimeObject {
    let text: String
    init(text: String) { self.text = text }
    var typeName: String { "ArrayInfo" }
    var repr: String { text }
}
