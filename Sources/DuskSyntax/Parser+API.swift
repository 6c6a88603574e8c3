/// The entry points other modules use. The parser helper implements these.
///
/// - `Parser.parse(_:)` parses a whole file or cell; it recovers after an error
///   (synchronizing at the next statement) so one run reports every syntax error.
/// - `Parser.isIncomplete(_:)` tells the REPL whether a cell needs more lines.
public enum ParseOutcome: Sendable {
    case success(Module)
    case failure([Diagnostic])
}
