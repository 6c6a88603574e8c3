import DuskArray
import DuskGraph
import DuskScheduler

/// Dusk values inside task graphs: arrays travel as `TaskValue.array`, every other value in a
/// `DuskValueBox`, which the process scheduler can also send between processes.
enum TaskValues {
    static func taskValue(_ value: Value) -> TaskValue {
        if case .object(let o) = value, let a = o as? NDArrayObject { return .array(a.array) }
        return .object(DuskValueBox(value))
    }

    static func value(_ taskValue: TaskValue) -> Value {
        switch taskValue {
        case .array(let a): return ArrayConvert.wrap(a)
        case .object(let payload):
            if let box = payload as? DuskValueBox { return box.value }
            if let plain = payload as? Int { return .int(plain) }
            if let plain = payload as? Double { return .float(plain) }
            if let plain = payload as? Bool { return .bool(plain) }
            if let plain = payload as? String { return .str(plain) }
            return .object(OpaqueTaskValue(payload: payload))
        }
    }
}

/// A task result the runtime has no better form for (a reduction's partial sums).
final class OpaqueTaskValue: RuntimeObject {
    let payload: any Sendable
    init(payload: any Sendable) { self.payload = payload }
    var typeName: String { "task_value" }
    var repr: String { "<task value \(type(of: payload))>" }
}

/// A Dusk value as a task result. Plain values, containers of them, NumPy scalars and arrays
/// cross process boundaries; functions and other objects only within a process.
struct DuskValueBox: ProcessTransferable {
    let value: Value

    init(_ value: Value) { self.value = value }

    static var transferName: String { "dusk.value" }

    func encode(to writer: inout TransferWriter) throws { try DuskValueBox.write(value, to: &writer) }

    static func decode(from reader: inout TransferReader) throws -> DuskValueBox {
        DuskValueBox(try read(from: &reader))
    }

    static func write(_ value: Value, to w: inout TransferWriter) throws {
        switch value {
        case .none: w.write(0 as UInt8)
        case .bool(let b): w.write(1 as UInt8); w.write(b)
        case .int(let i): w.write(2 as UInt8); w.write(i)
        case .float(let d): w.write(3 as UInt8); w.write(d)
        case .str(let s): w.write(4 as UInt8); w.write(s)
        case .tuple(let items): w.write(5 as UInt8); try writeItems(items, to: &w)
        case .list(let l): w.write(6 as UInt8); try writeItems(l.items, to: &w)
        case .dict(let d):
            w.write(7 as UInt8)
            try writeItems(d.entries.flatMap { [$0.key, $0.value] }, to: &w)
        case .object(let o as NDArrayObject): w.write(8 as UInt8); try w.write(o.array)
        case .object(let o as NumPyScalar): w.write(9 as UInt8); try w.write(try NDArray(scalar: o.scalar))
        default:
            throw DuskError(.typeError, "a '\(value.typeName)' value cannot be sent to a worker process; use scheduler='threads'")
        }
    }

    private static func writeItems(_ items: [Value], to w: inout TransferWriter) throws {
        w.write(items.count)
        for item in items { try write(item, to: &w) }
    }

    static func read(from r: inout TransferReader) throws -> Value {
        switch try r.readUInt8() {
        case 0: return .none
        case 1: return .bool(try r.readBool())
        case 2: return .int(try r.readInt())
        case 3: return .float(try r.readDouble())
        case 4: return .str(try r.readString())
        case 5: return .tuple(try readItems(from: &r))
        case 6: return .list(ListRef(try readItems(from: &r)))
        case 7:
            let flat = try readItems(from: &r)
            return try Value.makeDict(stride(from: 0, to: flat.count, by: 2).map { (flat[$0], flat[$0 + 1]) })
        case 8: return .object(NDArrayObject(try r.readArray()))
        case 9: return (try r.readArray().item()).value
        default: throw DuskError(.runtimeError, "unreadable value from a worker process")
        }
    }

    private static func readItems(from r: inout TransferReader) throws -> [Value] {
        let n = try r.readInt()
        var out: [Value] = []
        for _ in 0..<n { out.append(try read(from: &r)) }
        return out
    }
}
