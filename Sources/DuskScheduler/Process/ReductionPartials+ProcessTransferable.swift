import DuskArray

// The reduction partials the lazy layer keeps in `TaskValue.object` (mean/var/std and
// argmin/argmax), so tree reductions run on the process scheduler.

extension Moments: ProcessTransferable {
    public static var transferName: String { "dusk.moments" }

    public func encode(to writer: inout TransferWriter) throws {
        writer.write(resultDType.rawValue)
        try writer.write(count)
        try writer.write(sum)
        try writer.write(m2)
    }

    public static func decode(from reader: inout TransferReader) throws -> Moments {
        guard let dtype = DType(rawValue: try reader.readUInt8()) else {
            throw TransferError.malformed("unknown dtype in moments")
        }
        return try Moments(count: try reader.readArray(), sum: try reader.readArray(), m2: try reader.readArray(),
                       resultDType: dtype)
    }
}

extension ArgPartial: ProcessTransferable {
    public static var transferName: String { "dusk.arg-partial" }

    public func encode(to writer: inout TransferWriter) throws {
        writer.write(kind == .argmin)
        try writer.write(values)
        try writer.write(indices)
    }

    public static func decode(from reader: inout TransferReader) throws -> ArgPartial {
        let kind: Reduction = try reader.readBool() ? .argmin : .argmax
        let values = try reader.readArray()
        let indices = try reader.readArray()
        guard values.shape == indices.shape else { throw TransferError.malformed("arg partial shapes differ") }
        return try ArgPartial(kind: kind, values: values, indices: indices)
    }
}
