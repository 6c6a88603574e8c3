#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT (Ctrl-C) and SIGWINCH handling shared by the REPL and the script runner.
///
/// The handlers only touch async-signal-safe state: they bump an atomic counter and write
/// one byte to a self-pipe, so a REPL waiting in `poll` on the terminal wakes up at once.
/// The code that runs user programs reads the counter (through the runtime's interrupt
/// flag) and stops; the REPL's line reader consumes it to abandon the current input.
enum InterruptSignal {
    /// Ctrl-C presses not yet consumed.
    fileprivate static let pending = Atomic<Int>(0)
    /// Set when the terminal was resized and readline must be told.
    fileprivate static let resized = Atomic<Bool>(false)
    /// Set while user code runs: a Ctrl-C then ends the terminal's `^C` echo with a newline,
    /// so the interrupt's report starts on a line of its own.
    fileprivate static let codeRunning = Atomic<Bool>(false)
    nonisolated(unsafe) fileprivate static var errorIsTerminal = false
    /// Called from the handler after `pending` is bumped (the runtime's interrupt flag).
    nonisolated(unsafe) fileprivate static var forward: (@Sendable () -> Void)?
    nonisolated(unsafe) fileprivate static var pipeWrite: Int32 = -1
    nonisolated(unsafe) private static var pipeRead: Int32 = -1

    /// Presses after which a program that ignores interrupts is ended anyway.
    static let forcedExitPresses = 3

    /// Installs the handlers (without `SA_RESTART`, so blocking reads see `EINTR`).
    ///
    /// - Parameter onInterrupt: called inside the signal handler; it must only do
    ///   async-signal-safe work such as storing to an atomic.
    static func install(onInterrupt: (@Sendable () -> Void)? = nil) {
        forward = onInterrupt
        errorIsTerminal = isatty(2) != 0
        if pipeRead < 0 {
            var fds: [Int32] = [-1, -1]
            if pipe(&fds) == 0 {
                for fd in fds {
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                }
                pipeRead = fds[0]
                pipeWrite = fds[1]
            }
        }
        setHandler(SIGINT, handleInterrupt)
        setHandler(SIGWINCH, handleResize)
        // A parent may have started us with SIGINT blocked (the mask is inherited).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// The read end of the self-pipe: readable after a signal arrived.
    static var wakeDescriptor: Int32 { pipeRead }

    /// Whether Ctrl-C was pressed since the last `consume()`.
    static var isPending: Bool { pending.load(ordering: .acquiring) > 0 }

    /// Clears pending presses and empties the self-pipe; returns whether there were any.
    @discardableResult
    static func consume() -> Bool {
        drainPipe()
        return pending.exchange(0, ordering: .acquiringAndReleasing) > 0
    }

    /// Runs user code, marked as such for the handler.
    static func whileRunningCode<T>(_ body: () -> T) -> T {
        codeRunning.store(true, ordering: .releasing)
        defer { codeRunning.store(false, ordering: .releasing) }
        return body()
    }

    /// Whether the terminal was resized since the last call.
    static func consumeResize() -> Bool {
        resized.exchange(false, ordering: .acquiringAndReleasing)
    }

    private static func drainPipe() {
        guard pipeRead >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipeRead, &buffer, buffer.count) > 0 {}
    }

    private static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}

private func wake() {
    var byte: UInt8 = 1
    _ = write(InterruptSignal.pipeWrite, &byte, 1)
}

private func handleInterrupt(_: Int32) {
    let presses = InterruptSignal.pending.add(1, ordering: .acquiringAndReleasing).newValue
    InterruptSignal.forward?()
    if InterruptSignal.codeRunning.load(ordering: .acquiring) && InterruptSignal.errorIsTerminal {
        let newline: StaticString = "\n"
        _ = write(2, newline.utf8Start, newline.utf8CodeUnitCount)
    }
    if presses >= InterruptSignal.forcedExitPresses {
        let message: StaticString = "\nKeyboardInterrupt (forced exit after 3 presses of Ctrl-C)\n"
        _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
        _exit(130)
    }
    wake()
}

private func handleResize(_: Int32) {
    InterruptSignal.resized.store(true, ordering: .releasing)
    wake()
}
