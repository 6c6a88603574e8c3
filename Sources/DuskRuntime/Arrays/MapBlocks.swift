import DuskArray
import DuskGraph

/// `map_blocks(func, *args, dtype=, chunks=)`: a user function applied to aligned blocks.
///
/// Lazy arrays among the arguments are blocked and broadcast together; other arguments are
/// passed as they are. Without `dtype=`, the function is tried on a one-element block of each
/// array to learn it. A function with a `block_id` parameter receives the block's index.
enum MapBlocks {
    static func call(function: Value, arrays arguments: [Value], dtype dtypeValue: Value, chunks chunksValue: Value,
                     name nameValue: Value, keywords: [(String, Value)], context: ExecutionContext) throws -> Value {
        var arrays: [LazyArray] = []
        var slots: [Int?] = []
        for argument in arguments {
            if case .object(let o as LazyArrayObject) = argument {
                slots.append(arrays.count)
                arrays.append(o.array)
            } else {
                slots.append(nil)
            }
        }
        guard !arrays.isEmpty else { throw DuskError(.valueError, "map_blocks needs at least one lazy array argument") }
        let wantsBlockID: Bool
        if case .function(let f) = function { wantsBlockID = f.code.parameters.contains { $0.name == "block_id" } } else { wantsBlockID = false }
        let keywordArguments = keywords.map { Arguments.Keyword($0.0, $0.1) }
        let interpreter = context.interpreter
        let plain = arguments
        let arraySlots = slots

        let dtype = try ArrayConvert.dtype(dtypeValue)
            ?? inferDType(function, arguments: plain, slots: slots, arrays: arrays, keywords: keywordArguments,
                          wantsBlockID: wantsBlockID, context: context)
        var outputChunks: [[Int]]?
        if !chunksValue.isNone {
            outputChunks = try blockChunks(chunksValue, arrays: arrays)
        }
        let identity = CallToken.identity(of: function)
        let layerName = nameValue.isNone ? identity.name : try ArrayConvert.nameString(nameValue)
        let token = identity.token + "|" + CallToken.token(of: Arguments(arguments, keywords: keywordArguments))
            + "|" + dtype.name

        let call = Call(function: function, arguments: plain, arraySlots: arraySlots, keywords: keywordArguments,
                        wantsBlockID: wantsBlockID, dtype: dtype)
        let at = currentCallLocation(context)
        return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
            try LazyArray.mapBlocks(arrays, functionName: layerName, token: token, dtype: dtype, chunks: outputChunks,
                                    at: at, portable: PortableMapBlocks(call: call, name: layerName, interpreter: interpreter),
                                    function: call.blockFunction(interpreter: interpreter))
        })
    }

    /// What each block's task does: call the function with the blocks in the arrays' places.
    struct Call: Sendable {
        var function: Value
        /// The call's positional arguments; those with an array slot are replaced by that block.
        var arguments: [Value]
        var arraySlots: [Int?]
        var keywords: [Arguments.Keyword]
        /// Pass `block_id=` (the block's index).
        var wantsBlockID: Bool
        var dtype: DType

        func blockFunction(interpreter: Interpreter) -> MapBlocksFunction {
            { blocks, info in
                var positional: [Value] = []
                for (i, argument) in arguments.enumerated() {
                    if let slot = arraySlots[i] { positional.append(TaskValues.value(blocks[slot])) } else { positional.append(argument) }
                }
                var keywords = keywords
                if wantsBlockID { keywords.append(.init("block_id", .tuple(info.blockIndex.map { .int($0) }))) }
                let result = try interpreter.call(function, Arguments(positional, keywords: keywords))
                var block = try ArrayConvert.ndarray(result, context: interpreter.makeContext())
                if block.dtype != dtype { block = try block.astype(dtype) }
                return .array(block)
            }
        }
    }

    /// The function's result dtype on one-element blocks; the first array's dtype if that fails.
    private static func inferDType(_ function: Value, arguments: [Value], slots: [Int?], arrays: [LazyArray],
                                   keywords: [Arguments.Keyword], wantsBlockID: Bool, context: ExecutionContext) throws -> DType {
        var positional: [Value] = []
        for (i, argument) in arguments.enumerated() {
            if let slot = slots[i] {
                let a = arrays[slot]
                positional.append(.object(NDArrayObject(try NDArray.ones(Array(repeating: 1, count: a.ndim), dtype: a.dtype))))
            } else {
                positional.append(argument)
            }
        }
        var kw = keywords
        if wantsBlockID { kw.append(.init("block_id", .tuple(Array(repeating: .int(0), count: arrays[0].ndim)))) }
        if let result = try? context.call(function, Arguments(positional, keywords: kw)),
           let block = try? ArrayConvert.ndarray(result, context: context) {
            return block.dtype
        }
        return arrays[0].dtype
    }

    /// `chunks=` for map_blocks: one size per block along each dimension (a tuple of ints is the
    /// size of every block).
    private static func blockChunks(_ value: Value, arrays: [LazyArray]) throws -> [[Int]] {
        let grid = arrays.map(\.numblocks).max { $0.count < $1.count } ?? []
        let entries: [Value]
        switch value {
        case .tuple(let items): entries = items
        case .list(let l): entries = l.items
        default: throw DuskError(.typeError, "map_blocks chunks= must be a tuple")
        }
        guard entries.count == grid.count else {
            throw DuskError(.valueError, "map_blocks chunks= needs one entry per dimension (\(grid.count))")
        }
        return try entries.enumerated().map { axis, entry in
            switch entry {
            case .tuple, .list: return try ArrayConvert.shape(entry, "chunks")
            default: return Array(repeating: try ArrayConvert.int(entry, "chunks"), count: grid[axis])
            }
        }
    }
}

extension ArrayConvert {
    static func nameString(_ value: Value) throws -> String {
        guard case .str(let s) = value else { throw DuskError(.typeError, "name must be a string") }
        return s
    }
}
