import DuskArray
import DuskGraph
import Testing
import DuskScheduler

@Suite("Transfer format")
struct TransferFormatTests {
    @Test("arrays of every dtype round-trip", arguments: DType.allCases)
    func arrays(dtype: DType) throws {
        for shape in [[], [0], [5], [3, 4], [2, 3, 4], [2, 0, 3]] as [[Int]] {
            let array = try ArrayFixtures.patterned(dtype, shape: shape)
            var writer = TransferWriter()
            writer.write(42)
            try writer.write(array)
            var reader = try TransferReader(bytes: writer.bytes())
            #expect(try reader.readInt() == 42)
            let back = try reader.readArray()
            #expect(reader.isAtEnd)
            #expect(back.dtype == dtype)
            #expect(back.shape == shape)
            // (NDArray.isContiguous says false for some empty shapes; nothing to lay out there.)
            if back.count > 0 { #expect(back.isContiguous) }
            #expect(ArrayFixtures.bytesInOrder(back) == ArrayFixtures.bytesInOrder(array))
        }
    }

    @Test("strided views travel in C order", arguments: [DType.int8, .int16, .float32, .float64])
    func views(dtype: DType) throws {
        let base = try ArrayFixtures.patterned(dtype, shape: [4, 6])
        // The transpose, and every other column reversed.
        let transposed = NDArray(dtype: dtype, shape: [6, 4], strides: [1, 6], offset: 0, storage: base.storage)
        let stepped = NDArray(dtype: dtype, shape: [4, 3], strides: [6, -2], offset: 5, storage: base.storage)
        let broadcast = NDArray(dtype: dtype, shape: [3, 6], strides: [0, 1], offset: 6, storage: base.storage)
        for view in [transposed, stepped, broadcast] {
            var writer = TransferWriter()
            try writer.write(TaskValue.array(view))
            var reader = try TransferReader(bytes: writer.bytes())
            guard case .array(let back) = try reader.readValue() else {
                Issue.record("expected an array")
                continue
            }
            #expect(back.shape == view.shape)
            #expect(ArrayFixtures.bytesInOrder(back) == ArrayFixtures.bytesInOrder(view))
        }
    }

    @Test("plain values round-trip")
    func plainValues() throws {
        let values: [TaskValue] = [.object(-7), .object(2.5), .object(true), .object("héllo, dusk")]
        var writer = TransferWriter()
        for value in values { try writer.write(value) }
        var reader = try TransferReader(bytes: writer.bytes())
        #expect(try reader.readValue().number == -7)
        guard case .object(let double as Double) = try reader.readValue() else { throw Boom(message: "double") }
        #expect(double == 2.5)
        guard case .object(let bool as Bool) = try reader.readValue() else { throw Boom(message: "bool") }
        #expect(bool)
        guard case .object(let string as String) = try reader.readValue() else { throw Boom(message: "string") }
        #expect(string == "héllo, dusk")
        #expect(reader.isAtEnd)
    }

    @Test("a conforming type carries nested arrays once registered")
    func customType() throws {
        ProcessTransfer.register(Partial.self)
        let partial = Partial(count: 3, sums: try ArrayFixtures.patterned(.float64, shape: [2, 2]))
        var writer = TransferWriter()
        try writer.write(TaskValue.object(partial))
        var reader = try TransferReader(bytes: writer.bytes())
        guard case .object(let back as Partial) = try reader.readValue() else { throw Boom(message: "partial") }
        #expect(back.count == 3)
        #expect(ArrayFixtures.bytesInOrder(back.sums) == ArrayFixtures.bytesInOrder(partial.sums))
    }

    @Test("reduction partials (moments, arg partials) round-trip without registration")
    func reductionPartials() throws {
        let data = try ArrayFixtures.patterned(.float64, shape: [4, 3]).converted(to: .float32)
        let moments = try data.moments(axes: [0], keepdims: true)
        let partial = try ArgPartial(kind: .argmax, values: ArrayFixtures.patterned(.int16, shape: [3]),
                                 indices: ArrayFixtures.patterned(.int64, shape: [3]))
        var writer = TransferWriter()
        try writer.write(TaskValue.object(moments))
        try writer.write(TaskValue.object(partial))
        var reader = try TransferReader(bytes: writer.bytes())
        guard case .object(let movedMoments as Moments) = try reader.readValue(),
              case .object(let movedPartial as ArgPartial) = try reader.readValue() else {
            throw Boom(message: "partials did not come back")
        }
        #expect(movedMoments.resultDType == moments.resultDType)
        for (moved, original) in [(movedMoments.count, moments.count), (movedMoments.sum, moments.sum),
                                  (movedMoments.m2, moments.m2)] {
            #expect(moved.dtype == original.dtype && moved.shape == original.shape)
            #expect(ArrayFixtures.bytesInOrder(moved) == ArrayFixtures.bytesInOrder(original))
        }
        #expect(movedPartial.kind == .argmax)
        #expect(ArrayFixtures.bytesInOrder(movedPartial.values) == ArrayFixtures.bytesInOrder(partial.values))
        #expect(ArrayFixtures.bytesInOrder(movedPartial.indices) == ArrayFixtures.bytesInOrder(partial.indices))
    }

    @Test("values that cannot travel are refused with a clear error")
    func notTransferable() {
        var writer = TransferWriter()
        #expect(throws: TransferError.notTransferable(typeName: "DuskSchedulerTests.Opaque")) {
            try writer.write(TaskValue.object(Opaque()))
        }
        let message = "\(TransferError.notTransferable(typeName: "Opaque"))"
        #expect(message == "a value of type Opaque cannot be sent to another process; use scheduler='threads' or 'sync'")
    }

    @Test("truncated messages are errors, not crashes")
    func truncated() throws {
        var writer = TransferWriter()
        try writer.write(ArrayFixtures.patterned(.int32, shape: [10]))
        let bytes = writer.bytes()
        var reader = try TransferReader(bytes: Array(bytes.prefix(bytes.count - 1)))
        #expect(throws: TransferError.truncated) { try reader.readArray() }
    }
}

/// A mean's partial: a count and sums, as a reduction might keep it.
struct Partial: ProcessTransferable {
    var count: Int
    var sums: NDArray

    static var transferName: String { "test.partial" }

    func encode(to writer: inout TransferWriter) throws {
        writer.write(count)
        try writer.write(sums)
    }

    static func decode(from reader: inout TransferReader) throws -> Partial {
        Partial(count: try reader.readInt(), sums: try reader.readArray())
    }
}

struct Opaque: Sendable {}
