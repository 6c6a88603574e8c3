import DuskRuntime
import DuskSyntax

/// The interpreter as the command line sees it: a `Session` with the magics installed.
final class SessionShell: ShellSession {
    let session: Session
    let magics = Magics()
    private lazy var completer = Completer(session: session)

    /// - Parameters:
    ///   - argv: the program's `argv`.
    ///   - interactive: whether REPL cells echo their values (the REPL, `-i`).
    ///   - output: where `print`, values and errors go (the Jupyter kernel's own sink).
    init(argv: [String], interactive: Bool, output: OutputSink = .standard) {
        _ = Self.addLibraries
        session = Session(argv: argv, interactive: interactive, output: output)
        magics.install(on: session)
        for diagnostic in session.preludeDiagnostics {
            StandardError.write(diagnostic.rendered() + "\n")
        }
    }

    /// The command line's own built-ins (`timeit`, `exit`), added once before the first session.
    private static let addLibraries: Void = {
        Builtins.addLibrary(TimeitLibrary.install)
        Builtins.addLibrary(ExitLibrary.install)
    }()

    func runProgram(_ source: String, name: String) -> RunOutcome {
        let succeeded = session.run(file: SourceFile(name: name, text: source))
        return outcome(succeeded)
    }

    func runCell(_ source: String, name: String) -> RunOutcome {
        magics.recordInput(source)
        return outcome(session.runCell(source, name: name).succeeded)
    }

    func needsMoreInput(_ text: String) -> Bool { Parser.isIncomplete(text) }

    func complete(line: String, cursor: Int) -> CompletionResult {
        completer.complete(line: line, cursor: cursor)
    }

    var interruptRequester: @Sendable () -> Void { { Interrupt.request() } }

    func clearInterrupt() { Interrupt.reset() }

    func setConfirmation(_ ask: (@Sendable (String) -> Bool)?) { magics.setConfirmation(ask) }

    private func outcome(_ succeeded: Bool) -> RunOutcome {
        if succeeded { return .success }
        return InterruptSignal.isPending ? .interrupted : .failure
    }
}

/// The session `dusk` runs programs and the REPL in.
func makeDefaultSession(argv: [String], interactive: Bool) -> any ShellSession {
    SessionShell(argv: argv, interactive: interactive)
}
