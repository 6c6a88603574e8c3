import DuskGraph

/// `chunks=` in every form Dask accepts: `1000`, `(1000, -1)`, `((5, 5), (3, 7))`, `'auto'`,
/// `'100 MiB'`, `{0: 5}`, `None` (per dimension: the whole dimension).
enum ChunkArgument {
    static func spec(_ value: Value) throws -> ChunkSpec {
        switch value {
        case .none: return .auto
        case .int, .bool: return .uniform(try ArrayConvert.int(value, "chunks"))
        case .str(let text): return try graphCall { () throws(GraphError) in try ChunkSpec(parsing: text) }
        case .tuple(let items): return .perDimension(try items.map(dimension))
        case .list(let l): return .perDimension(try l.items.map(dimension))
        case .dict(let d):
            var table: [Int: DimensionChunks] = [:]
            for (k, v) in d.entries { table[try ArrayConvert.int(k, "chunks axis")] = try dimension(v) }
            return .byAxis(table)
        default:
            if case .object = value, let n = try? ArrayConvert.int(value, "chunks") { return .uniform(n) }
            throw DuskError(.typeError, "chunks must be an int, a tuple, a dict or 'auto', not '\(value.typeName)'")
        }
    }

    private static func dimension(_ value: Value) throws -> DimensionChunks {
        switch value {
        case .none: return .whole
        case .str(let text):
            if text == "auto" { return .auto }
            return .bytes(try graphCall { () throws(GraphError) in try ByteSize.parse(text) })
        case .tuple(let items): return .explicit(try items.map { try ArrayConvert.int($0, "chunks") })
        case .list(let l): return .explicit(try l.items.map { try ArrayConvert.int($0, "chunks") })
        default: return .size(try ArrayConvert.int(value, "chunks"))
        }
    }
}
