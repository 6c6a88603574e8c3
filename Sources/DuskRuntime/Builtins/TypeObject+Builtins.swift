/// The types of plain values, with their constructors and methods.
extension TypeObject {
    public static let noneType = TypeObject(name: "NoneType", doc: "The type of None.")
    public static let intType = TypeObject(name: "int", doc: "int(x=0) / int(x, base=10): an integer (64-bit).",
                                           constructor: NumberLibrary.intConstructor, methods: NumberLibrary.intMethods)
    public static let boolType = TypeObject(name: "bool", parent: intType, doc: "bool(x=False): True or False.",
                                            constructor: NumberLibrary.boolConstructor)
    public static let floatType = TypeObject(name: "float", doc: "float(x=0.0): a 64-bit floating-point number.",
                                             constructor: NumberLibrary.floatConstructor, methods: NumberLibrary.floatMethods)
    public static let strType = TypeObject(name: "str", doc: "str(object=''): text.",
                                           constructor: StringMethods.constructor, methods: StringMethods.all)
    public static let listType = TypeObject(name: "list", doc: "list(iterable=()): a mutable sequence.",
                                            constructor: ListMethods.constructor, methods: ListMethods.all)
    public static let tupleType = TypeObject(name: "tuple", doc: "tuple(iterable=()): an immutable sequence.",
                                             constructor: SequenceLibrary.tupleConstructor, methods: SequenceLibrary.tupleMethods)
    public static let dictType = TypeObject(name: "dict", doc: "dict(mapping_or_pairs=(), **kwargs): a mapping, insertion-ordered.",
                                            constructor: DictMethods.constructor, methods: DictMethods.all)
    public static let setType = TypeObject(name: "set", doc: "set(iterable=()): an unordered collection of unique values.",
                                           constructor: SetMethods.constructor, methods: SetMethods.all)
    public static let rangeType = TypeObject(name: "range", doc: "range(stop) / range(start, stop, step=1): an arithmetic sequence.",
                                             constructor: SequenceLibrary.rangeConstructor, methods: SequenceLibrary.rangeMethods)
    public static let sliceType = TypeObject(name: "slice", doc: "slice(stop) / slice(start, stop, step=None).",
                                             constructor: SequenceLibrary.sliceConstructor)
    public static let typeType = TypeObject(name: "type", doc: "type(object): the type of a value.",
                                            constructor: CoreLibrary.typeConstructor)
    public static let functionType = TypeObject(name: "function", doc: "A user-defined function.")
    public static let builtinFunctionType = TypeObject(name: "builtin_function_or_method", doc: "A built-in function.")
    public static let methodType = TypeObject(name: "method", doc: "A function bound to its receiver.")
    public static let moduleType = TypeObject(name: "module", doc: "A built-in namespace.")
    public static let ellipsisType = TypeObject(name: "ellipsis", doc: "The type of Ellipsis (...).")
    public static let objectType = TypeObject(name: "object", doc: "The base of every type.")

    /// The type objects bound as global names.
    static let builtinTypes: [TypeObject] = [intType, boolType, floatType, strType, listType, tupleType, dictType,
                                             setType, rangeType, sliceType, typeType, objectType]

    /// `type(value)`.
    public static func of(_ value: Value) -> TypeObject {
        switch value {
        case .none: return noneType
        case .bool: return boolType
        case .int: return intType
        case .float: return floatType
        case .str: return strType
        case .tuple: return tupleType
        case .list: return listType
        case .dict: return dictType
        case .set: return setType
        case .slice: return sliceType
        case .ellipsis: return ellipsisType
        case .range: return rangeType
        case .function: return functionType
        case .builtin: return builtinFunctionType
        case .boundMethod: return methodType
        case .module: return moduleType
        case .type: return typeType
        case .exception(let e): return e.type
        case .object(let o): return o.runtimeType
        }
    }
}
