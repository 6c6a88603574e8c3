import Foundation

/// `dusk` running on a pseudo-terminal, as in a terminal emulator: readline, prompts,
/// Ctrl-C and Ctrl-D behave as they do for a user.
///
/// The child runs under `setsid -c`, which makes the terminal its controlling terminal,
/// so the Ctrl-C byte makes the terminal driver send SIGINT, as a keyboard would.
final class PseudoTerminal {
    private(set) var pid: pid_t = 0
    private var exitStatus: Int32?
    private let master: Int32
    private(set) var output = ""

    init(arguments: [String] = [], environment extra: [String: String] = [:]) throws {
        // openpty is in glibc's libc (2.34 and later) but not in Swift's Glibc module.
        typealias OpenPTY = @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>,
                                            UnsafeMutablePointer<CChar>?, UnsafeRawPointer?, UnsafeRawPointer?) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openpty")
                ?? dlopen("libutil.so.1", RTLD_NOW).flatMap({ dlsym($0, "openpty") }) else {
            throw Failure("openpty is not available")
        }
        let openpty = unsafeBitCast(symbol, to: OpenPTY.self)
        var masterDescriptor: Int32 = -1, replicaDescriptor: Int32 = -1
        // struct winsize: rows, columns, x pixels, y pixels.
        var size: [UInt16] = [30, 100, 0, 0]
        guard openpty(&masterDescriptor, &replicaDescriptor, nil, nil, &size) == 0 else {
            throw Failure("cannot open a pseudo-terminal")
        }
        master = masterDescriptor
        defer { close(replicaDescriptor) }

        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        environment["COLUMNS"] = "100"
        environment["LINES"] = "30"
        environment["DUSK_HISTORY"] = ""
        environment["INPUTRC"] = "/dev/null"
        for (key, value) in extra { environment[key] = value }

        // posix_spawn rather than Foundation's Process, so that this object alone reaps
        // the child (waitpid) and knows exactly when it has exited.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, replicaDescriptor, target) }
        posix_spawn_file_actions_addclose(&actions, masterDescriptor)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default SIGINT handling and an empty signal mask, whatever the test runner uses.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ["/usr/bin/setsid", "-c", DuskProcess.executable.path] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        let status = withCStrings(argv) { argvPointers in
            withCStrings(envp) { envPointers in
                posix_spawn(&pid, argv[0], &actions, &attributes, argvPointers, envPointers)
            }
        }
        guard status == 0 else { throw Failure("cannot start dusk: \(String(cString: strerror(status)))") }
    }

    deinit {
        if exitStatus == nil && pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types text (control characters included: "\u{3}" is Ctrl-C, "\u{4}" Ctrl-D).
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// A position in the output so far, to look for text that comes after it.
    func mark() -> Int {
        readAvailable(waitMilliseconds: 0)
        return plainOutput.utf8.count
    }

    /// Reads until the screen output (escape sequences removed) contains `text` after
    /// the `mark`, or the time runs out; returns whether it appeared.
    @discardableResult
    func waitFor(_ text: String, after mark: Int = 0, timeout: Double = 10, expected: Bool = true) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let visible = plainOutput.utf8
            let tail = String(decoding: visible.dropFirst(min(mark, visible.count)), as: UTF8.self)
            if tail.contains(text) { return true }
            readAvailable(waitMilliseconds: 50)
        }
        if expected { print("[PseudoTerminal] did not see \(text.debugDescription) in:\n\(plainOutput.debugDescription)") }
        return false
    }

    /// The output so far without terminal escape sequences and carriage returns.
    var plainOutput: String {
        let noEscapes = output.replacing(#/\u{1B}(\[[0-9;?]*[A-Za-z]|[()][A-Z0-9]|[=>])/#, with: "")
        // "\r\n" is one Character in Swift: drop the carriage returns byte by byte.
        return String(decoding: noEscapes.utf8.filter { $0 != 13 }, as: UTF8.self)
    }

    /// Waits for the process to end; returns its status, or nil on timeout.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while exitStatus == nil && Date() < deadline {
            readAvailable(waitMilliseconds: 20)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                // WIFEXITED / WEXITSTATUS, spelled out (the C macros are not imported).
                exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            }
        }
        readAvailable(waitMilliseconds: 0)
        return exitStatus
    }

    private func readAvailable(waitMilliseconds: Int32) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { output += String(decoding: buffer[0..<count], as: UTF8.self) }
    }

    /// Runs `body` with a NULL-terminated array of C strings.
    private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
