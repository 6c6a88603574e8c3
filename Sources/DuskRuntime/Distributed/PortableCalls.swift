import DuskArray
import DuskGraph
import DuskScheduler

/// A delayed call (or `delayed(value)`) as data for a Dask worker: the work's templates, their
/// plain values and functions written by `PortableEncoder` when a graph is sent.
struct PortableDelayedCall: PortableCode {
    let work: DelayedCalls.Work
    /// The function's name, for messages.
    let name: String
    let interpreter: Interpreter

    func wireEncoded() throws(GraphError) -> [UInt8] {
        var encoder = PortableEncoder(interpreter: interpreter)
        var w = TransferWriter()
        switch work {
        case .call(let callee, let positional, let keywords):
            w.write(0 as UInt8)
            try write(callee, as: "the function '\(name)'", encoder: &encoder, to: &w)
            w.write(positional.count)
            for (i, template) in positional.enumerated() {
                try write(template, as: "argument \(i + 1) of '\(name)'", encoder: &encoder, to: &w)
            }
            w.write(keywords.count)
            for (keyword, template) in keywords {
                w.write(keyword)
                try write(template, as: "the argument \(keyword)= of '\(name)'", encoder: &encoder, to: &w)
            }
        case .value(let template):
            w.write(1 as UInt8)
            try write(template, as: "the value of '\(name)'", encoder: &encoder, to: &w)
        }
        return try encoder.finish(root: w)
    }

    private func write(_ template: DelayedCalls.Template, as label: String, encoder: inout PortableEncoder,
                       to w: inout TransferWriter) throws(GraphError) {
        switch template {
        case .value(let value):
            w.write(0 as UInt8)
            try encoder.write(value, as: label, to: &w)
        case .dependency(let index):
            w.write(1 as UInt8)
            w.write(index)
        case .tuple(let items), .list(let items):
            if case .tuple = template { w.write(2 as UInt8) } else { w.write(3 as UInt8) }
            w.write(items.count)
            for item in items { try write(item, as: label, encoder: &encoder, to: &w) }
        case .dict(let pairs):
            w.write(4 as UInt8)
            w.write(pairs.count)
            for (key, value) in pairs {
                try write(key, as: label, encoder: &encoder, to: &w)
                try write(value, as: label, encoder: &encoder, to: &w)
            }
        }
    }

    /// The task function `wireEncoded()`'s bytes describe, for `interpreter`.
    static func decode(_ bytes: [UInt8], interpreter: Interpreter) throws -> TaskFunction {
        var d = try PortableDecoder(bytes, interpreter: interpreter)
        func template() throws -> DelayedCalls.Template {
            switch try d.readUInt8() {
            case 0: return .value(try d.value())
            case 1: return .dependency(try d.readInt())
            case 2: return .tuple(try (0..<(try d.readCount())).map { _ in try template() })
            case 3: return .list(try (0..<(try d.readCount())).map { _ in try template() })
            case 4: return .dict(try (0..<(try d.readCount())).map { _ in (try template(), try template()) })
            default: throw TransferError.malformed("delayed call")
            }
        }
        let work: DelayedCalls.Work
        switch try d.readUInt8() {
        case 0:
            let callee = try template()
            let positional = try (0..<(try d.readCount())).map { _ in try template() }
            let keywords = try (0..<(try d.readCount())).map { _ in (try d.readString(), try template()) }
            work = .call(callee: callee, positional: positional, keywords: keywords)
        case 1: work = .value(try template())
        default: throw TransferError.malformed("delayed call")
        }
        return work.taskFunction(interpreter: interpreter)
    }
}

/// A `map_blocks` call as data for a Dask worker: the function, the plain arguments (array
/// arguments by their slot), the keywords, `block_id`, the dtype.
struct PortableMapBlocks: PortableCode {
    let call: MapBlocks.Call
    let name: String
    let interpreter: Interpreter

    func wireEncoded() throws(GraphError) -> [UInt8] {
        var encoder = PortableEncoder(interpreter: interpreter)
        var w = TransferWriter()
        try encoder.write(call.function, as: "the function '\(name)'", to: &w)
        w.write(call.arguments.count)
        for (i, argument) in call.arguments.enumerated() {
            if let slot = call.arraySlots[i] {
                w.write(true)
                w.write(slot)
            } else {
                w.write(false)
                try encoder.write(argument, as: "argument \(i + 1) of map_blocks('\(name)')", to: &w)
            }
        }
        w.write(call.keywords.count)
        for keyword in call.keywords {
            w.write(keyword.name)
            try encoder.write(keyword.value, as: "the argument \(keyword.name)= of map_blocks('\(name)')", to: &w)
        }
        w.write(call.wantsBlockID)
        w.write(call.dtype.rawValue)
        return try encoder.finish(root: w)
    }

    static func decode(_ bytes: [UInt8], interpreter: Interpreter) throws -> MapBlocksFunction {
        var d = try PortableDecoder(bytes, interpreter: interpreter)
        let function = try d.value()
        var arguments: [Value] = []
        var slots: [Int?] = []
        for _ in 0..<(try d.readCount()) {
            if try d.readBool() {
                slots.append(try d.readInt())
                arguments.append(.none)
            } else {
                slots.append(nil)
                arguments.append(try d.value())
            }
        }
        let keywords = try (0..<(try d.readCount())).map { _ in Arguments.Keyword(try d.readString(), try d.value()) }
        let wantsBlockID = try d.readBool()
        guard let dtype = DType(rawValue: try d.readUInt8()) else { throw TransferError.malformed("dtype") }
        let call = MapBlocks.Call(function: function, arguments: arguments, arraySlots: slots, keywords: keywords,
                                  wantsBlockID: wantsBlockID, dtype: dtype)
        return call.blockFunction(interpreter: interpreter)
    }
}

/// The interpreter a Dask worker runs user functions with: one session per worker process,
/// with the built-ins and the prelude, made on first use.
enum WorkerRuntime {
    static let session = Session(output: .standard)

    /// Installs the decoders of user code sent with tasks.
    static func installDecoders() {
        PortableCodeDecoders.install(
            mapBlocks: { bytes throws(GraphError) in
                try graphError { try PortableMapBlocks.decode(bytes, interpreter: session.interpreter) }
            },
            call: { bytes throws(GraphError) in
                try graphError { try PortableDelayedCall.decode(bytes, interpreter: session.interpreter) }
            })
    }

    private static func graphError<T>(_ body: () throws -> T) throws(GraphError) -> T {
        do {
            return try body()
        } catch let error as GraphError {
            throw error
        } catch {
            let dusk = DuskError.from(error)
            throw GraphError(kind: dusk.type.name, message: "cannot rebuild user code sent from Dusk: \(dusk.message)",
                             location: dusk.location)
        }
    }
}
