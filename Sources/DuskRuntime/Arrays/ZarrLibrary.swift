import DuskArray
import DuskGraph
import DuskZarr

/// The `zarr` namespace (zarr-python 3's functions for local stores) and `da.from_zarr`.
///
/// `zarr.open(path, mode=...)` opens or creates an array or group; `zarr.open_array`,
/// `zarr.open_group`, `zarr.create_array` and `zarr.group` are the specific forms.
enum ZarrLibrary {
    static let ns = "zarr"
    static let readOnlyMessage = "store was opened in read-only mode and does not support writing"
    static let modes = ["r", "r+", "a", "w", "w-", "x"]

    static func install(_ r: inout Registry) {
        r.addNamespace(ns, doc: """
            Chunked array storage on disk, compatible with zarr-python 3 (Zarr format 3, and format 2 \
            that older tools wrote). zarr.open(path, mode='r'|'r+'|'a'|'w'|'w-', shape=, chunks=, dtype=, \
            fill_value=, zarr_format=3) gives an Array or a Group.
            """)
        r.setValue(.type(ZarrArrayObject.type), named: "Array", in: ns)
        r.setValue(.type(ZarrGroupObject.type), named: "Group", in: ns)
        r.register(in: ns, "open(store=None, *, mode='a', zarr_format=None, path=None, **kwargs)", doc: """
            Opens the array or group at store (a path), or creates one: mode 'r' reads, 'r+' reads and writes, \
            'a' opens or creates, 'w' creates (replacing), 'w-' creates unless something is there. Creating \
            with shape= makes an array (chunks=, dtype=, fill_value=, compressors=, attributes=...), else a group.
            """) { args, _ in
            try open(args[0], mode: try mode(args["mode"]), format: try format(args["zarr_format"]),
                     path: try args.optionalString(3) ?? "", keywords: args.extraKeywords, want: nil)
        }
        r.register(in: ns, "open_array(store=None, *, mode='a', zarr_format=None, path=None, **kwargs)",
                   doc: "Opens (or, with mode 'a'/'w'/'w-' and shape=, creates) the array at store.") { args, _ in
            try open(args[0], mode: try mode(args["mode"]), format: try format(args["zarr_format"]),
                     path: try args.optionalString(3) ?? "", keywords: args.extraKeywords, want: .array)
        }
        r.register(in: ns, "open_group(store=None, *, mode='a', zarr_format=None, path=None, attributes=None)",
                   doc: "Opens (or, with mode 'a'/'w'/'w-', creates) the group at store.") { args, _ in
            let keywords: [(String, Value)] = args[4].isNone ? [] : [("attributes", args[4])]
            return try open(args[0], mode: try mode(args["mode"]), format: try format(args["zarr_format"]),
                            path: try args.optionalString(3) ?? "", keywords: keywords, want: .group)
        }
        r.register(in: ns, "group(store=None, *, overwrite=False, zarr_format=None, path=None, attributes=None)",
                   doc: "Opens or creates a group (overwrite=True replaces what is there).") { args, _ in
            let keywords: [(String, Value)] = args[4].isNone ? [] : [("attributes", args[4])]
            return try open(args[0], mode: try args.bool(1) ? "w" : "a", format: try format(args[2]),
                            path: try args.optionalString(3) ?? "", keywords: keywords, want: .group)
        }
        r.register(in: ns, "create_array(store, *, name=None, shape, dtype='float64', chunks='auto', fill_value=None, "
                   + "compressors='auto', filters=None, order=None, zarr_format=3, attributes=None, overwrite=False, **kwargs)",
                   doc: "A new array at store (name= a path below it); an error if one is there unless overwrite=True.") { args, _ in
            let root = try ZarrValues.storePath(args[0])
            let format = try format(args["zarr_format"]) ?? 3
            let keywords = ZarrLibrary.keywords(args, skipping: ["store", "name", "zarr_format", "overwrite"])
            return try createArray(LocalStore(root), path: try args.optionalString(1) ?? "", format: format,
                                   keywords: keywords, overwrite: try args.bool(named: "overwrite"))
        }
        r.register(in: "dask.array", "from_zarr(url, component=None, storage_options=None, chunks=None, name=None, "
                   + "inline_array=False, **kwargs)", doc: """
            A lazy array reading a Zarr array (an Array from zarr.open, or a path) chunk by chunk: by default \
            one task per stored chunk; chunks= groups or splits them.
            """) { args, context in
            try fromZarr(args[0], component: args[1], chunks: args[3], name: args[4], context: context)
        }
    }

    /// The `**kwargs` of a call as (name, value) pairs, with the named parameters that are set
    /// and not in `skipping`.
    static func keywords(_ args: Args, skipping: Set<String>) -> [(String, Value)] {
        var result: [(String, Value)] = []
        for (i, parameter) in args.signature.parameters.enumerated()
        where parameter.kind != .variadicKeywords && parameter.kind != .variadic && !skipping.contains(parameter.name) {
            if args.given(i) { result.append((parameter.name, args[i])) }
        }
        return result + args.extraKeywords
    }

    private static func mode(_ value: Value) throws -> String {
        guard case .str(let mode) = value, modes.contains(mode) else {
            throw DuskError(.valueError, "invalid mode \(value.repr); expected one of 'r', 'r+', 'a', 'w', 'w-'")
        }
        return mode == "x" ? "w-" : mode
    }

    private static func format(_ value: Value) throws -> Int? {
        if value.isNone { return nil }
        let format = try ArrayConvert.int(value, "zarr_format")
        guard format == 2 || format == 3 else { throw DuskError(.valueError, "zarr_format must be 2 or 3, not \(format)") }
        return format
    }

    // MARK: - Opening

    enum Want { case array, group }

    /// `zarr.open` and friends: opens what is at the path, or creates an array (when `shape`
    /// is given) or a group, as `mode` allows.
    static func open(_ store: Value, mode: String, format: Int?, path: String, keywords: [(String, Value)],
                     want: Want?) throws -> Value {
        let root = try ZarrValues.storePath(store)
        let local = LocalStore(root)
        let existing = try zarrCall { () throws(ZarrError) in try ZarrNode.probe(local, path, format: format) }
        let creatingArray = want == .array || (want == nil && keywords.contains { $0.0 == "shape" })
        let display = path.isEmpty ? root : root + "/" + path
        switch mode {
        case "r", "r+":
            guard let existing else {
                if !keywords.isEmpty, keywords.contains(where: { $0.0 == "shape" }) || local.exists(path) {
                    throw DuskError(.fileNotFoundError, "no Zarr array or group at '\(display)'")
                }
                throw DuskError(.fileNotFoundError, "\(display) does not exist")
            }
            return try openExisting(local, path: path, kind: existing, readOnly: mode == "r", want: want)
        case "a":
            if let existing { return try openExisting(local, path: path, kind: existing, readOnly: false, want: want) }
        case "w-":
            if existing != nil {
                throw DuskError(.fileExistsError, "Cannot create '\(display)' with mode 'w-' because it already "
                                + "contains data. Use mode 'w' to overwrite or 'a' to append.")
            }
        default:
            break
        }
        if creatingArray {
            return try createArray(local, path: path, format: format ?? 3, keywords: keywords, overwrite: mode == "w")
        }
        var attributes = JSONObject()
        for (name, value) in keywords {
            guard name == "attributes" else {
                throw DuskError(.typeError, "open() got an unexpected keyword argument '\(name)' (a group takes attributes=)")
            }
            attributes = try ZarrLibrary.attributes(value)
        }
        let overwrite = mode == "w"
        return .object(ZarrGroupObject(try zarrCall { () throws(ZarrError) in
            try ZarrGroup.create(local, path: path, format: format ?? 3, attributes: attributes, overwrite: overwrite)
        }))
    }

    private static func openExisting(_ store: LocalStore, path: String, kind: ZarrNodeKind, readOnly: Bool,
                                     want: Want?) throws -> Value {
        switch kind {
        case .array(let format):
            if want == .group { throw DuskError(.valueError, "An array already exists in store file://\(store.path(path)) at path '\(path)'") }
            return .object(ZarrArrayObject(try zarrCall { () throws(ZarrError) in
                try ZarrArray.open(store, path: path, format: format, readOnly: readOnly)
            }))
        case .group(let format):
            if want == .array {
                throw DuskError(.valueError, "a group, not an array, is stored at file://\(store.path(path)) (open it with zarr.open_group)")
            }
            return .object(ZarrGroupObject(try zarrCall { () throws(ZarrError) in
                try ZarrGroup.open(store, path: path, format: format, readOnly: readOnly)
            }))
        }
    }

    // MARK: - Creating arrays

    /// Creates an array from zarr-python's keyword arguments (`shape`, `chunks`, `dtype`,
    /// `fill_value`, `compressors`, `attributes`...); unknown keywords are an error.
    static func createArray(_ store: LocalStore, path: String, format: Int, keywords: [(String, Value)],
                            overwrite: Bool) throws -> Value {
        var shape: [Int]?
        var chunks: [Int]?
        var dtype = DType.float64
        var fill: Scalar?
        var compressors: [ZarrCodec]?
        var filters: [ZarrCodec] = []
        var order = "C"
        var separator: Character?
        var attributes = JSONObject()
        var dimensionNames: JSONValue?
        for (name, value) in keywords where !value.isNone || name == "compressors" || name == "compressor" {
            switch name {
            case "shape": shape = try ZarrValues.sizes(value, "shape")
            case "chunks":
                if case .str("auto") = value { continue }
                if case .bool(true) = value { continue }
                chunks = try ZarrValues.sizes(value, "chunks")
            case "dtype": dtype = try ArrayConvert.dtype(value) ?? .float64
            case "fill_value": fill = try ArrayConvert.scalar(value, "fill_value")
            case "compressors", "compressor":
                if case .str("auto") = value { continue }
                compressors = try codecs(value, what: name)
            case "filters":
                filters = try codecs(value, what: name)
                guard filters.allSatisfy({ if case .transpose = $0 { true } else { false } }) else {
                    throw DuskError(.notImplementedError, "Dusk writes Zarr arrays with no filters but transpose")
                }
            case "order": order = try ZarrValues.string(value, "order")
            case "dimension_separator": separator = try ZarrValues.string(value, "dimension_separator").first
            case "chunk_key_encoding":
                let json = try ZarrValues.json(value, what: name)
                let encoding = try zarrCall { () throws(ZarrError) in try ChunkKeyEncoding.parseV3(json) }
                guard encoding.prefixed == (format == 3) else {
                    throw DuskError(.valueError, "Zarr format \(format) arrays use the '\(format == 3 ? "default" : "v2")' chunk key encoding")
                }
                separator = encoding.separator
            case "attributes": attributes = try ZarrLibrary.attributes(value)
            case "dimension_names": dimensionNames = try ZarrValues.json(value)
            case "shards":
                throw DuskError(.notImplementedError, "writing sharded Zarr arrays is not supported by Dusk yet (reading is)")
            case "serializer":
                if case .str("auto") = value { continue }
                throw DuskError(.notImplementedError, "Dusk writes Zarr arrays with the default serializer only")
            case "mode", "path", "zarr_format", "overwrite", "name", "store": continue
            default:
                throw DuskError(.typeError, "got an unexpected keyword argument '\(name)'")
            }
        }
        guard let shape else { throw DuskError(.typeError, "creating a Zarr array needs shape=") }
        let metadata = try zarrCall { () throws(ZarrError) in
            try ZarrArrayMetadata.new(format: format, shape: shape, chunks: chunks, dtype: dtype, fillValue: fill,
                                      compressors: compressors, filters: filters, order: order, separator: separator,
                                      attributes: attributes, dimensionNames: dimensionNames)
        }
        return .object(ZarrArrayObject(try zarrCall { () throws(ZarrError) in
            try ZarrArray.create(store, path: path, metadata: metadata, overwrite: overwrite)
        }))
    }

    /// `compressors=`/`filters=`: None, one codec or a list, each a v3 dict
    /// (`{'name': 'zstd', 'configuration': {'level': 3}}`) or a v2 one (`{'id': 'blosc', ...}`).
    static func codecs(_ value: Value, what: String) throws -> [ZarrCodec] {
        let json = try ZarrValues.json(value, what: what)
        let entries: [JSONValue]
        switch json {
        case .null: return []
        case .array(let items): entries = items
        default: entries = [json]
        }
        return try entries.map { entry in
            try zarrCall { () throws(ZarrError) in
                if entry.objectValue?["id"] != nil { return try ZarrCodec.parseV2Compressor(entry) }
                return try ZarrCodec.parseV3(entry)
            }
        }
    }

    static func attributes(_ value: Value) throws -> JSONObject {
        guard case .object(let object) = try ZarrValues.json(value) else {
            throw DuskError(.typeError, "attributes must be a dict, not '\(value.typeName)'")
        }
        return object
    }

    // MARK: - da.from_zarr

    static func fromZarr(_ url: Value, component: Value, chunks: Value, name: Value, context: ExecutionContext) throws -> Value {
        let array: ZarrArray
        if let object = url.asObject(ZarrArrayObject.self) {
            array = object.array
        } else {
            let root = try ZarrValues.storePath(url, "url")
            let path = component.isNone ? "" : try ZarrValues.string(component, "component")
            array = try zarrCall { () throws(ZarrError) in try ZarrArray.open(LocalStore(root), path: path, readOnly: true) }
        }
        let spec: ChunkSpec? = chunks.isNone ? nil : try ChunkArgument.spec(chunks)
        let nameText: String? = name.isNone ? nil : try ArrayConvert.nameString(name)
        let source = ZarrSource(array)
        let at = currentCallLocation(context)
        return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
            try LazyArray.fromSource(source, chunks: spec, name: nameText, at: at)
        })
    }
}
