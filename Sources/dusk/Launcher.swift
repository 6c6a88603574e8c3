#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs what the command line asked for: a script, `-c` code, standard input, the REPL.
struct Launcher {
    let mode: LaunchMode
    /// Makes the interpreter session from `argv` and whether cells echo values.
    var makeSession: (_ argv: [String], _ interactive: Bool) -> any ShellSession = makeDefaultSession

    /// Runs and returns the process exit status.
    func run() -> Int32 {
        switch mode {
        case .repl:
            let session = prepare(argv: [""], interactive: true)
            return repl(session, showBanner: true)

        case let .script(path, arguments, thenInteractive):
            let text: String
            do {
                text = try SourceReader.contents(ofFile: path)
            } catch {
                StandardError.write("dusk: can't open file '\(path)': \(error.reason)\n")
                return 2
            }
            let session = prepare(argv: [path] + arguments, interactive: thenInteractive)
            return finish(InterruptSignal.whileRunningCode { session.runProgram(text, name: path) }, session, thenInteractive)

        case let .code(code, arguments, thenInteractive):
            let session = prepare(argv: ["-c"] + arguments, interactive: thenInteractive)
            return finish(InterruptSignal.whileRunningCode { session.runProgram(code, name: "<string>") }, session, thenInteractive)

        case let .standardInput(arguments, thenInteractive):
            let text = SourceReader.standardInputContents()
            let session = prepare(argv: ["-"] + arguments, interactive: thenInteractive)
            return finish(InterruptSignal.whileRunningCode { session.runProgram(text, name: "<stdin>") }, session, thenInteractive)

        case .jupyterProtocol:
            return JupyterKernel().run()
        }
    }

    private func prepare(argv: [String], interactive: Bool) -> any ShellSession {
        let session = makeSession(argv, interactive)
        InterruptSignal.install(onInterrupt: session.interruptRequester)
        return session
    }

    private func finish(_ outcome: RunOutcome, _ session: any ShellSession, _ thenInteractive: Bool) -> Int32 {
        if thenInteractive {
            session.clearInterrupt()
            InterruptSignal.consume()
            return repl(session, showBanner: false)
        }
        switch outcome {
        case .success: return 0
        case .failure: return 1
        case .interrupted: return 130
        }
    }

    private func repl(_ session: any ShellSession, showBanner: Bool) -> Int32 {
        let reader: any LineReader
        if isatty(0) != 0 {
            reader = ReadlineEditor(historyPath: HistoryFile.path) { line, cursor in
                session.complete(line: line, cursor: cursor)
            }
        } else {
            reader = PlainLineReader()
        }
        return REPL(session: session, reader: reader).run(showBanner: showBanner)
    }
}

/// Where the REPL keeps its history: `$DUSK_HISTORY`, else `~/.dusk_history`;
/// `DUSK_HISTORY=` (empty) turns persistence off.
enum HistoryFile {
    static var path: String? {
        if let custom = getenv("DUSK_HISTORY") {
            let value = String(cString: custom)
            return value.isEmpty ? nil : value
        }
        guard let home = getenv("HOME") else { return nil }
        return String(cString: home) + "/.dusk_history"
    }
}
