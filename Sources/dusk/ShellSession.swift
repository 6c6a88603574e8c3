/// What the command line needs from the interpreter.
///
/// `Session` (DuskRuntime) provides it through `Session+Shell.swift`; the REPL and the
/// launcher see only this, so they can be read (and tested) without the interpreter.
protocol ShellSession: AnyObject {
    /// Runs a whole program (a script, `-c` code, standard input). Errors are reported on
    /// standard error.
    func runProgram(_ source: String, name: String) -> RunOutcome
    /// Runs one REPL cell: expression statements print their repr and set `_`; `%` lines
    /// go to the magics. Errors are reported on standard error.
    func runCell(_ source: String, name: String) -> RunOutcome
    /// Whether a cell's text needs more lines.
    func needsMoreInput(_ text: String) -> Bool
    /// Tab-completion candidates for the word that ends at `cursor` (a UTF-8 offset).
    func complete(line: String, cursor: Int) -> CompletionResult
    /// Asks running code to stop (called from the SIGINT handler: async-signal-safe only).
    var interruptRequester: @Sendable () -> Void { get }
    /// Clears a stop request left over after code finished.
    func clearInterrupt()
    /// Sets how `%reset` asks for confirmation (nil: it does not ask).
    func setConfirmation(_ ask: (@Sendable (String) -> Bool)?)
}

/// How running a program or a cell ended.
enum RunOutcome: Equatable {
    case success
    /// An error was reported.
    case failure
    /// Ctrl-C stopped it.
    case interrupted
}
