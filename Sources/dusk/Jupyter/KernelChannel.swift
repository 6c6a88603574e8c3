#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The two pipes of `dusk --jupyter-protocol`: requests come in on standard input, events
/// and replies go out on standard output, one JSON object per line each way.
///
/// Standard output carries nothing else: at start the protocol takes a private copy of
/// descriptor 1 and points descriptor 1 at standard error, so stray writes (a C library,
/// a forgotten `print`) end up in the kernel's log instead of breaking the protocol. A
/// thread reads standard input and ends the process when it closes, even while a cell runs
/// (the kernel that started Dusk is gone; nobody waits for the result).
final class KernelChannel: Sendable {
    private let output: Int32
    private let writeLock = Mutex(())
    /// Request lines read and not yet taken; nil marks the end of the input.
    private let queue = Mutex<[String?]>([])
    private let available = DispatchSemaphore(value: 0)
    /// While set, only replies go out (an execute request with `silent`).
    private let muted = Atomic<Bool>(false)
    /// Set while a request is being answered.
    private let busy = Atomic<Bool>(false)

    init() {
        fflush(nil)
        var copy = dup(1)
        if copy < 0 { copy = 1 }
        _ = fcntl(copy, F_SETFD, FD_CLOEXEC)
        if copy != 1 { _ = dup2(2, 1) }
        output = copy
    }

    /// Starts reading requests on a thread of its own.
    func startReading() {
        let thread = Thread { [self] in readLoop() }
        thread.name = "dusk-jupyter-input"
        thread.start()
    }

    /// The next request line (waits for one); nil at the end of the input. The request
    /// counts as being answered until the next call.
    func nextRequest() -> String? {
        busy.store(false, ordering: .releasing)
        available.wait()
        let line = queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        busy.store(line != nil, ordering: .releasing)
        return line
    }

    /// Sends one event or reply. Safe from any thread; events other than replies are
    /// dropped while muted.
    func send(_ message: [String: JSONValue]) {
        if muted.load(ordering: .acquiring) && message["event"] != "reply" { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        guard var line = try? String(decoding: encoder.encode(JSONValue.object(message)), as: UTF8.self) else { return }
        line += "\n"
        writeLock.withLock { _ in
            line.withUTF8 { writeAll($0, to: output) }
        }
    }

    /// Sends an event with the type `event`.
    func send(event: String, _ content: [String: JSONValue]) {
        var message = content
        message["event"] = .string(event)
        send(message)
    }

    func setMuted(_ flag: Bool) { muted.store(flag, ordering: .releasing) }

    private func readLoop() {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                // The kernel closed the pipe: nothing more will be asked, and if nothing
                // is left to answer, nothing more will be read.
                let abandon = queue.withLock { queue in
                    queue.append(nil)
                    return queue.count == 1 && busy.load(ordering: .acquiring)
                }
                if abandon { _exit(0) }
                available.signal()
                return
            }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                guard !line.allSatisfy(\.isWhitespace) else { continue }
                queue.withLock { $0.append(line) }
                available.signal()
            }
        }
    }
}
