import DuskArray
import DuskGraph

/// Runs, once per process and before the first fork, what a worker runs for every request:
/// framing a message with an integer, a string and an array, sending it over a socket pair,
/// receiving and decoding it.
///
/// A forked worker must not be the first user of this generic code: the Swift runtime
/// instantiates type metadata and witness tables on first use under a lock, and a fork
/// taken while another thread held that lock leaves the worker waiting for it forever
/// (seen in the tests, where other suites run beside a process compute). Work the parent
/// has done once is only looked up afterwards, without that lock.
enum TransportWarmUp {
    private static let done: Bool = run()

    static func once() { _ = done }

    private static func run() -> Bool {
        guard let (sending, receiving) = try? FrameSocket.pair() else { return false }
        defer {
            sending.close()
            receiving.close()
        }
        var writer = TransferWriter()
        writer.write(0 as UInt8)
        writer.write(1)
        writer.write("warm")
        guard let array = try? NDArray.zeros([4], dtype: .float64), (try? writer.write(TaskValue.array(array))) != nil,
              (try? sending.send(writer)) != nil, var reader = try? receiving.receive() ?? nil else { return false }
        _ = try? reader.readUInt8()
        _ = try? reader.readInt()
        _ = try? reader.readString()
        _ = try? reader.readValue()
        return true
    }
}
