import DuskArray

/// The attributes and methods of `ndarray`.
extension NDArrayObject {
    public var attributeNames: [String] {
        ["shape", "ndim", "size", "dtype", "itemsize", "nbytes", "T", "strides", "flags", "real", "imag"]
            + NDArrayObject.methods.keys.sorted()
    }

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
        case "imag": return .object(NDArrayObject(array.zerosLike()))
        default:
            guard let method = NDArrayObject.methods[name] else { return nil }
            return .boundMethod(BoundMethod(receiver: .object(self), function: .builtin(method), name: name))
        }
    }

    /// The methods, each taking the array as `self`.
    static let methods: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        func add(_ signature: String, _ doc: String, _ body: @escaping Builtin.Body) {
            let b = Builtin(signature, doc: doc, body)
            table[b.name] = b
        }
        for reduction in ArrayReduction.allCases where reduction.isMethod {
            table[reduction.rawValue] = reduction.builtin(receiver: "self", module: nil)
        }
        add("astype(self, dtype, copy=True)", "A copy with elements cast to dtype.") { args, ctx in
            guard let dtype = try ArrayConvert.dtype(args[1]) else { throw DuskError(.typeError, "astype() needs a dtype") }
            return try ArrayShapeOps.astype(args[0], dtype, context: ctx)
        }
        add("reshape(self, *shape, order='C')", "The same data in a new shape (one dimension may be -1).") { args, ctx in
            try ArrayShapeOps.reshape(args[0], try ArrayShapeOps.shapeArguments(args.variadic), context: ctx)
        }
        add("ravel(self)", "A 1-d view (or copy) of the elements in row-major order.") { args, ctx in
            try ArrayShapeOps.ravel(args[0], context: ctx)
        }
        add("flatten(self)", "A 1-d copy of the elements in row-major order.") { args, ctx in
            .object(NDArrayObject(try ArrayConvert.ndarray(args[0], context: ctx).flattened()))
        }
        add("transpose(self, *axes)", "The axes reversed, or permuted as given.") { args, ctx in
            let axes = args.variadic.isEmpty ? nil : try ArrayShapeOps.shapeArguments(args.variadic)
            return try ArrayShapeOps.transpose(args[0], axes, context: ctx)
        }
        add("swapaxes(self, axis1, axis2)", "A view with two axes exchanged.") { args, ctx in
            try ArrayShapeOps.swapaxes(args[0], try ArrayConvert.int(args[1], "axis1"), try ArrayConvert.int(args[2], "axis2"), context: ctx)
        }
        add("squeeze(self, axis=None)", "Removes axes of length one.") { args, ctx in
            try ArrayShapeOps.squeeze(args[0], try ArrayConvert.axes(args[1]), context: ctx)
        }
        add("copy(self)", "A copy with its own data.") { args, ctx in
            .object(NDArrayObject(try ArrayConvert.ndarray(args[0], context: ctx).copy()))
        }
        add("tolist(self)", "The elements as nested lists of Python numbers.") { args, ctx in
            ArrayConvert.toList(try ArrayConvert.ndarray(args[0], context: ctx))
        }
        add("item(self, *args)", "One element as a Python number (the only one, or at a flat or full index).") { args, ctx in
            let a = try ArrayConvert.ndarray(args[0], context: ctx)
            let index = args.variadic
            let scalar: Scalar
            if index.isEmpty {
                guard a.count == 1 else { throw DuskError(.valueError, "can only convert an array of size 1 to a Python scalar") }
                scalar = try arrayCall { () throws(ArrayError) in try a.reshaped([]).item() }
            } else if index.count == 1, case .int(var flat) = index[0] {
                if flat < 0 { flat += a.count }
                guard flat >= 0 && flat < a.count else { throw DuskError(.indexError, "index \(flat) is out of bounds for size \(a.count)") }
                scalar = a.contiguous().scalars[flat]
            } else {
                let position = try (index.count == 1 ? ArrayConvert.shape(index[0]) : index.map { try ArrayConvert.int($0, "index") })
                scalar = try arrayCall { () throws(ArrayError) in try a.element(at: position) }
            }
            return ArrayConvert.pythonValue(scalar)
        }
        add("dot(self, b)", "Dot product with b.") { args, ctx in try ArrayShapeOps.dot(args[0], args[1], context: ctx) }
        add("clip(self, min=None, max=None)", "Values limited to [min, max].") { args, ctx in
            try ArrayShapeOps.clip(args[0], args[1], args[2], context: ctx)
        }
        add("round(self, decimals=0)", "Values rounded to the given number of decimals (halves to even).") { args, ctx in
            try ArrayShapeOps.round(args[0], decimals: try ArrayConvert.int(args[1], "decimals"), context: ctx)
        }
        add("fill(self, value)", "Sets every element to value, in place.") { args, ctx in
            let a = try ArrayConvert.ndarray(args[0], context: ctx)
            let operand = try ArrayConvert.requireOperand(args[1], "fill", context: ctx)
            try arrayCall { () throws(ArrayError) in try a.setSubscript([.ellipsis], value: operand) }
            return .none
        }
        add("nonzero(self)", "The indices of the non-zero elements, one array per axis.") { args, ctx in
            .tuple(try ArrayConvert.ndarray(args[0], context: ctx).nonzero().map { .object(NDArrayObject($0)) })
        }
        add("compute(self, **kwargs)", "An ndarray is already computed: returns it.") { args, _ in args[0] }
        return table
    }()
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
