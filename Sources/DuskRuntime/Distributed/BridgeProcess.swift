#if canImport(Glibc)
import Glibc
#endif
import DuskArray
import DuskScheduler
import DuskZarr
import Foundation
import Synchronization

/// The Python process holding Dask clients: `python3 -m dusk_bridge.server`, started on first
/// use and shared by every cluster and client of this Dusk process.
///
/// Dusk talks to it over one socket that is the child's stdin and stdout: each message is a
/// JSON header (4-byte length first) and the raw buffers the header lists. The child gets its
/// own process group, so Ctrl-C in the terminal reaches Dusk only; Dusk asks the bridge to
/// cancel instead. Its stderr (Dask's logs, a worker's crash report) goes to a log file that
/// error messages point at. Closing the socket ends it (and the clusters it started).
final class BridgeProcess: Sendable {
    /// A reply: the header's fields and the buffers, each in memory Dusk owns.
    struct Reply {
        var header: JSONObject
        var buffers: [Storage]
        var sizes: [Int]
    }

    let pid: pid_t
    let logPath: String
    private let socket: Int32
    /// Serializes requests: one is in flight at a time.
    private let exchange = Mutex(0)
    private let alive = Atomic<Bool>(true)
    /// Keys of futures Dusk dropped, told to the bridge before the next request.
    private let releases = Mutex<[JSONValue]>([])

    private static let shared = Mutex<BridgeProcess?>(nil)

    /// The bridge process, started if needed.
    static func running() throws -> BridgeProcess {
        try shared.withLock { current in
            if let current, current.isAlive { return current }
            let process = try BridgeProcess()
            current = process
            return process
        }
    }

    /// The bridge if it was started and still runs.
    static var existing: BridgeProcess? { shared.withLock { $0.flatMap { $0.isAlive ? $0 : nil } } }

    var isAlive: Bool { alive.load(ordering: .acquiring) }

    private init() throws {
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw DuskError(.osError, "cannot start the Dask bridge: socketpair failed: \(String(cString: strerror(errno)))")
        }
        let log = NSTemporaryDirectory() + "dusk-bridge-\(getpid()).log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, pair[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let python = BridgeEnvironment.python
        let arguments = [python, "-m", "dusk_bridge.server"]
        let environment = BridgeEnvironment.childEnvironment()
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, python, &actions, &attributes, &argv, &envp)
        close(pair[1])
        guard status == 0 else {
            close(pair[0])
            throw DuskError(.osError, "cannot start the Dask bridge (\(python) -m dusk_bridge.server): "
                            + String(cString: strerror(status)))
        }
        pid = child
        socket = pair[0]
        logPath = log
    }

    deinit {
        close(socket)
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }

    /// Ends the bridge and everything it started.
    static func shutDown() {
        let process = shared.withLock { current -> BridgeProcess? in defer { current = nil }; return current }
        process?.stop()
    }

    func stop() {
        guard alive.exchange(false, ordering: .acquiringAndReleasing) else { return }
        shutdown(socket, Int32(SHUT_RDWR))
        // The bridge closes its clusters when its input ends; give it a moment, then insist.
        for _ in 0..<100 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    // MARK: - Requests

    /// Sends a request and waits for its reply, passing progress events to `onEvent`. While
    /// waiting, a set `cancellation` flag sends `{"op": "cancel", "compute": token}` once.
    ///
    /// Throws the bridge's error reply as a `BridgeFailure`, or a `DuskError` when the bridge
    /// is gone.
    func request(_ op: String, _ fields: [(String, JSONValue)] = [], buffers: [BridgeBuffer] = [],
                 cancellation: (flag: CancellationFlag, token: String)? = nil,
                 onEvent: (JSONObject) -> Void = { _ in }) throws -> Reply {
        try exchange.withLock { counter in
            let released = releases.withLock { keys -> [JSONValue] in defer { keys.removeAll() }; return keys }
            if !released.isEmpty {
                // No reply: the bridge forgets the keys in order, before reading the next request.
                try send(header: JSONObject([("op", .string("release")), ("keys", .array(released))]), buffers: [])
            }
            counter += 1
            let id = counter
            var header = JSONObject([("op", .string(op)), ("id", .int(Int64(id)))] + fields)
            header["buffers"] = .array(buffers.map { .int(Int64($0.count)) })
            try send(header: header, buffers: buffers)
            var cancelSent = false
            while true {
                if let cancellation, !cancelSent, cancellation.flag.isRequested {
                    cancelSent = true
                    try send(header: JSONObject([("op", .string("cancel")), ("compute", .string(cancellation.token))]),
                             buffers: [])
                }
                guard try waitReadable(milliseconds: 50) else { continue }
                let reply = try receive()
                guard reply.header["id"]?.intValue == id else { continue }
                if reply.header["event"] != nil {
                    onEvent(reply.header)
                    continue
                }
                if reply.header["ok"]?.boolValue == true { return reply }
                throw BridgeFailure(reply.header["error"]?.objectValue ?? JSONObject(), logPath: logPath)
            }
        }
    }

    /// Notes that Dusk no longer holds a future of `key`; the bridge hears it with the next
    /// request (a future can be dropped on any thread, while another request is in flight).
    func releaseLater(_ key: JSONValue) {
        guard isAlive else { return }
        releases.withLock { $0.append(key) }
    }

    private func send(header: JSONObject, buffers: [BridgeBuffer]) throws {
        let text = Array(JSONValue.object(header).description.utf8)
        var length = UInt32(text.count).littleEndian
        try withUnsafeBytes(of: &length) { try sendAll($0.baseAddress!, 4) }
        try text.withUnsafeBytes { try sendAll($0.baseAddress!, $0.count) }
        for buffer in buffers {
            switch buffer {
            case .bytes(let bytes): try bytes.withUnsafeBytes { if $0.count > 0 { try sendAll($0.baseAddress!, $0.count) } }
            case .array(let array):
                let contiguous = array.isContiguous ? array : try arrayCall { () throws(ArrayError) in try array.copy() }
                let start = UnsafeRawPointer(contiguous.storage.base) + contiguous.offset * contiguous.dtype.itemSize
                if contiguous.nbytes > 0 { try sendAll(start, contiguous.nbytes) }
            }
        }
    }

    private func receive() throws -> Reply {
        var length: UInt32 = 0
        try withUnsafeMutableBytes(of: &length) { try receiveAll($0.baseAddress!, 4) }
        let size = Int(UInt32(littleEndian: length))
        var text = [UInt8](repeating: 0, count: size)
        try text.withUnsafeMutableBytes { try receiveAll($0.baseAddress!, size) }
        let header: JSONObject
        do {
            guard let object = try JSONValue.parse(text).objectValue else { throw bridgeGone("sent a malformed message") }
            header = object
        } catch let error as DuskError {
            throw error
        } catch {
            throw bridgeGone("sent a malformed message")
        }
        var storages: [Storage] = []
        var sizes: [Int] = []
        for entry in header["buffers"]?.arrayValue ?? [] {
            let count = entry.intValue ?? 0
            let storage = try arrayCall { () throws(ArrayError) -> Storage in
                do { return try Storage(byteCount: max(count, 1)) } catch {
                    throw .allocation(bytes: count, shape: [count], dtype: .uint8)
                }
            }
            try receiveAll(storage.base, count)
            storages.append(storage)
            sizes.append(count)
        }
        return Reply(header: header, buffers: storages, sizes: sizes)
    }

    private func waitReadable(milliseconds: Int32) throws -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 {
            if errno == EINTR { return false }
            throw bridgeGone("cannot be polled")
        }
        return ready > 0
    }

    private func sendAll(_ start: UnsafeRawPointer, _ count: Int) throws {
        var sent = 0
        while sent < count {
            let result = Glibc.send(socket, start + sent, count - sent, Int32(MSG_NOSIGNAL))
            if result < 0 {
                if errno == EINTR { continue }
                throw bridgeGone("stopped reading")
            }
            sent += result
        }
    }

    private func receiveAll(_ start: UnsafeMutableRawPointer, _ count: Int) throws {
        var received = 0
        while received < count {
            let result = recv(socket, start + received, count - received, 0)
            if result < 0 {
                if errno == EINTR { continue }
                throw bridgeGone("cannot be read")
            }
            if result == 0 { throw bridgeGone("ended") }
            received += result
        }
    }

    /// The bridge is unusable: mark it dead and say why, with the end of its log.
    private func bridgeGone(_ what: String) -> DuskError {
        alive.store(false, ordering: .releasing)
        var message = "the Dask bridge process (python -m dusk_bridge.server) \(what)"
        let tail = BridgeEnvironment.tail(ofFile: logPath, lines: 12)
        if !tail.isEmpty { message += "; the end of its log (\(logPath)):\n" + tail }
        return DuskError(.runtimeError, message)
    }
}

/// A buffer sent after a request's header.
enum BridgeBuffer {
    case bytes([UInt8])
    /// An array's elements in C order (copied first when not contiguous).
    case array(NDArray)

    var count: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .array(let array): array.nbytes
        }
    }
}

/// An error the bridge reported: its Python or Dusk exception type, message and details.
struct BridgeFailure: Error, Sendable {
    var info: JSONObject
    var logPath: String

    init(_ info: JSONObject, logPath: String) {
        self.info = info
        self.logPath = logPath
    }

    var type: String { info["type"]?.stringValue ?? "RuntimeError" }
    var message: String { info["message"]?.stringValue ?? "the Dask bridge reported an error" }
}
