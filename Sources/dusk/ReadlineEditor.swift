import CReadline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replacement candidates for the word before the cursor.
struct CompletionResult {
    /// UTF-8 offset in the line where the replaced text starts.
    var start: Int
    /// Full replacements for `line[start..<cursor]`.
    var candidates: [String]
}

/// Line editing, persistent history and tab completion through GNU readline.
///
/// The only file that imports `CReadline`. Input goes through readline's callback
/// interface, driven by `poll` on the terminal and on the interrupt self-pipe, so Ctrl-C
/// abandons the line cleanly: readline's own signal handling is switched off
/// (`rl_catch_signals = 0`) and never fights the process's SIGINT handler.
final class ReadlineEditor: LineReader {
    var isInteractive: Bool { true }

    private let historyPath: String?
    private let historyLimit: Int

    /// - Parameters:
    ///   - historyPath: file for persistent history, or nil for none.
    ///   - historyLimit: entries kept in memory and in the file.
    ///   - completer: candidates for the word ending at a cursor (a UTF-8 offset).
    init(historyPath: String?, historyLimit: Int = 1000, completer: @escaping (String, Int) -> CompletionResult) {
        self.historyPath = historyPath
        self.historyLimit = historyLimit
        ReadlineState.completer = completer

        // Words break at operators, brackets and '.', so `np.si` completes `si`.
        dusk_rl_configure(
            UnsafeRawPointer(ReadlineState.name.utf8Start).assumingMemoryBound(to: CChar.self),
            UnsafeRawPointer(ReadlineState.wordBreaks.utf8Start).assumingMemoryBound(to: CChar.self),
            attemptCompletion)

        using_history()
        if let path = historyPath {
            // Create the file so that later appends work (append_history does not create).
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            if fd >= 0 { _ = Glibc.close(fd) }
            _ = read_history(path)
            // Trim now too: a session that ends through exit() skips `close()`.
            _ = history_truncate_file(path, Int32(historyLimit))
        }
        stifle_history(Int32(historyLimit))
    }

    func readLine(prompt: String, indentation: String) -> LineInput {
        dusk_flush_stdout()
        ReadlineState.completed = nil
        ReadlineState.finished = false
        InterruptSignal.consume()
        rl_callback_handler_install(prompt, lineHandler)
        if !indentation.isEmpty {
            rl_insert_text(indentation)
            rl_redisplay()
        }

        let input = dusk_rl_input_fd()
        var fds = [
            pollfd(fd: input, events: Int16(POLLIN), revents: 0),
            pollfd(fd: InterruptSignal.wakeDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while !ReadlineState.finished {
            if InterruptSignal.consume() {
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_cleanup_after_signal()
                rl_callback_handler_remove()
                print("\nKeyboardInterrupt")
                dusk_flush_stdout()
                return .interrupt
            }
            if InterruptSignal.consumeResize() { rl_resize_terminal() }
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, nfds_t(fds[1].fd >= 0 ? 2 : 1), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .endOfInput
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
            }
        }
        guard let line = ReadlineState.completed else {
            // Ctrl-D on an empty line: end the prompt's line so the shell starts clean.
            print()
            dusk_flush_stdout()
            return .endOfInput
        }
        return .line(line)
    }

    /// Adds a line to the history (not blank ones, not a repeat of the previous entry)
    /// and appends it to the history file at once, so a crash loses nothing.
    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if let last = dusk_history_last(), String(cString: last) == line { return }
        add_history(line)
        if let path = historyPath { _ = append_history(1, path) }
    }

    /// Trims the history file to the limit.
    func close() {
        if let path = historyPath { _ = history_truncate_file(path, Int32(historyLimit)) }
    }
}

/// State shared with readline's C callbacks (the REPL runs on the main thread only).
private enum ReadlineState {
    nonisolated(unsafe) static var completed: String?
    nonisolated(unsafe) static var finished = false
    nonisolated(unsafe) static var completer: ((String, Int) -> CompletionResult)?
    static let name: StaticString = "dusk"
    static let wordBreaks: StaticString = " \t\n\"\\'`@$><=;|&{(,[)]}+-*/%^~!:."

}

/// readline's callback for a finished line (nil at end of input).
private func lineHandler(_ text: UnsafeMutablePointer<CChar>?) {
    rl_callback_handler_remove()
    if let text {
        ReadlineState.completed = String(cString: text)
        free(text)
    } else {
        ReadlineState.completed = nil
    }
    ReadlineState.finished = true
}

/// readline's completion hook: asks the REPL's completer and turns its answer into
/// readline's match array (common prefix first, then the candidates, NULL-terminated).
private func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    dusk_rl_completion_settings()
    guard let completer = ReadlineState.completer, let buffer = dusk_rl_line_buffer() else { return nil }
    let lineBytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(dusk_rl_line_end())))
    let line = String(decoding: lineBytes, as: UTF8.self)
    let cursor = Int(dusk_rl_point())
    let result = completer(line, cursor)
    // Re-base the candidates onto readline's word start.
    let wordStart = Int(start)
    var candidates: [String] = []
    for candidate in result.candidates {
        if result.start == wordStart {
            candidates.append(candidate)
        } else if result.start > wordStart {
            let prefix = String(decoding: lineBytes[wordStart..<min(result.start, lineBytes.count)], as: UTF8.self)
            candidates.append(prefix + candidate)
        } else {
            let cut = wordStart - result.start
            let bytes = Array(candidate.utf8)
            guard cut <= bytes.count else { continue }
            candidates.append(String(decoding: bytes[cut...], as: UTF8.self))
        }
    }
    guard !candidates.isEmpty else { return nil }
    let common = commonPrefix(candidates)
    // readline frees this array and its strings with free(), so allocate them with malloc.
    guard let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (candidates.count + 2)) else { return nil }
    let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: candidates.count + 2)
    if candidates.count == 1 {
        array[0] = strdup(candidates[0])
        array[1] = nil
    } else {
        array[0] = strdup(common)
        for (index, candidate) in candidates.enumerated() { array[index + 1] = strdup(candidate) }
        array[candidates.count + 1] = nil
    }
    return array
}

private func commonPrefix(_ strings: [String]) -> String {
    guard let first = strings.first else { return "" }
    var prefix = Substring(first)
    for string in strings.dropFirst() {
        while !string.hasPrefix(prefix) { prefix = prefix.dropLast() }
    }
    return String(prefix)
}
