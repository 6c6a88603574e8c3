#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskArray

/// One end of a stream socket carrying length-prefixed messages (frames).
///
/// A frame is the body's length (8 bytes) then the body. Sends use `MSG_NOSIGNAL`, so a
/// peer that died gives an error instead of killing this process with SIGPIPE.
struct FrameSocket {
    let descriptor: Int32

    /// A connected pair (parent end, child end), closed on exec.
    static func pair() throws -> (FrameSocket, FrameSocket) {
        var descriptors: [Int32] = [0, 0]
        #if canImport(Glibc)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, type, 0, &descriptors) == 0 else {
            throw ProcessWorkerError.system("socketpair", errno)
        }
        return (FrameSocket(descriptor: descriptors[0]), FrameSocket(descriptor: descriptors[1]))
    }

    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    /// Sends a finished message as one frame.
    func send(_ writer: consuming TransferWriter) throws {
        var message = writer
        let length = message.count
        let segments = message.finish()
        try withUnsafeBytes(of: length) { try sendAll($0.baseAddress!, $0.count) }
        for segment in segments {
            switch segment {
            case .bytes(let bytes):
                try bytes.withUnsafeBytes { try sendAll($0.baseAddress!, $0.count) }
            case .elements(let array):
                let start = UnsafeRawPointer(array.storage.base) + array.offset * array.dtype.itemSize
                try sendAll(start, array.nbytes)
            }
        }
    }

    /// Receives one frame; nil at end of stream before a frame starts.
    func receive() throws -> TransferReader? {
        var length = 0
        let gotHeader = try withUnsafeMutableBytes(of: &length) { try receiveAll($0.baseAddress!, 8, allowEnd: true) }
        guard gotHeader else { return nil }
        guard length >= 0 else { throw TransferError.malformed("negative frame length") }
        let storage = try Storage(byteCount: Swift.max(length, 1))
        _ = try receiveAll(storage.base, length, allowEnd: false)
        return TransferReader(storage: storage, count: length)
    }

    private func sendAll(_ start: UnsafeRawPointer, _ count: Int) throws {
        var sent = 0
        while sent < count {
            let result = systemSend(descriptor, start + sent, count - sent)
            if result < 0 {
                if errno == EINTR { continue }
                throw ProcessWorkerError.system("send", errno)
            }
            sent += result
        }
    }

    /// Fills `count` bytes. With `allowEnd`, returns false on end of stream before any byte.
    private func receiveAll(_ start: UnsafeMutableRawPointer, _ count: Int, allowEnd: Bool) throws -> Bool {
        var received = 0
        while received < count {
            let result = recv(descriptor, start + received, count - received, 0)
            if result < 0 {
                if errno == EINTR { continue }
                throw ProcessWorkerError.system("recv", errno)
            }
            if result == 0 {
                if allowEnd && received == 0 { return false }
                throw ProcessWorkerError.connectionClosed
            }
            received += result
        }
        return true
    }
}

/// A worker process or its connection failed.
public enum ProcessWorkerError: Error, Sendable, CustomStringConvertible {
    case system(String, Int32)
    case connectionClosed
    /// The worker ended while running a task: exit status or signal number.
    case workerDied(pid: Int32, status: String)

    public var description: String {
        switch self {
        case .system(let call, let code):
            "\(call) failed: \(String(cString: strerror(code)))"
        case .connectionClosed:
            "a worker process closed its connection"
        case .workerDied(let pid, let status):
            "worker process \(pid) \(status)"
        }
    }
}

/// An error raised by a task in a worker process, carried back as text.
public struct RemoteTaskError: Error, Sendable, CustomStringConvertible {
    /// The error's description in the worker.
    public var message: String
    /// The error's Swift type, for debugging.
    public var typeName: String

    public init(message: String, typeName: String) {
        self.message = message
        self.typeName = typeName
    }

    public var description: String { message }
}

/// `send` without SIGPIPE on a closed peer.
private func systemSend(_ descriptor: Int32, _ start: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.send(descriptor, start, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(descriptor, start, count, 0)
    #endif
}
