import DuskSyntax
import Synchronization

/// The IPython-style magics: `%time`, `%timeit`, `%who`, `%reset`, `%run`, `%load`,
/// `%history`, `%quickref`... for the REPL and for scripts.
///
/// A session finds magics through its `magicHandler`; `install(on:)` sets it. One
/// `Magics` value belongs to one session: it also keeps that session's input history.
///
/// ```
/// let session = Session(argv: argv, interactive: true)
/// let magics = Magics()
/// magics.install(on: session)
/// ```
public final class Magics: Sendable {
    /// A magic's implementation: the parsed command, the session, this object.
    typealias Body = @Sendable (MagicCommand, Session, Magics) throws -> Void

    private let history = Mutex<[String]>([])
    /// Asks the user a yes/no question (`%reset`); nil answers yes (pipes, scripts).
    private let confirmation: Mutex<(@Sendable (String) -> Bool)?> = Mutex(nil)

    public init() {}

    /// Makes `session` run its `%` lines and `%%` cells here.
    public func install(on session: Session) {
        session.magicHandler = { [self] command, session in try self.run(command, in: session) }
    }

    /// Runs one magic; unknown names are an error that points at `%quickref`.
    public func run(_ command: MagicCommand, in session: Session) throws {
        let table = command.isCell ? Self.cellMagics : Self.lineMagics
        guard let body = table[command.name] else {
            let prefix = command.isCell ? "%%" : "%"
            var message = "unknown magic '\(prefix)\(command.name)'; try %quickref"
            if !command.isCell, Self.cellMagics[command.name] == nil, Self.lineMagics[command.name] == nil {
                message = "unknown magic '%\(command.name)'; try %quickref"
            } else if command.isCell {
                message = "'%%\(command.name)' is a line magic; write '%\(command.name)'"
            } else {
                message = "'%\(command.name)' is a cell magic; write '%%\(command.name)' on a cell's first line"
            }
            throw DuskError(.usageError, message, at: command.location)
        }
        do {
            try body(command, session, self)
        } catch let error as MagicOptionError {
            throw DuskError(.usageError, "%\(command.name): \(error)", at: command.location)
        }
    }

    // MARK: - Input history

    /// Records a cell typed in the REPL (for `%history`).
    public func recordInput(_ cell: String) {
        history.withLock { $0.append(cell) }
    }

    /// The cells typed so far, oldest first.
    public var inputHistory: [String] { history.withLock { $0 } }

    /// Sets how `%reset` asks before deleting variables (the REPL reads an answer).
    public func setConfirmation(_ ask: (@Sendable (String) -> Bool)?) {
        confirmation.withLock { $0 = ask }
    }

    func confirm(_ question: String) -> Bool {
        guard let ask = confirmation.withLock({ $0 }) else { return true }
        return ask(question)
    }

    // MARK: - The table

    static let lineMagics: [String: Body] = [
        "time": { command, session, _ in try timeLine(command, session) },
        "timeit": { command, session, _ in try timeit(command, session) },
        "who": { command, session, _ in who(command, session) },
        "whos": { command, session, _ in whos(command, session) },
        "reset": { command, session, magics in try reset(command, session, magics) },
        "run": { command, session, _ in try runFile(command, session) },
        "load": { command, session, _ in try loadFile(command, session) },
        "history": { command, session, magics in try showHistory(command, session, magics) },
        "hist": { command, session, magics in try showHistory(command, session, magics) },
        "explain": { command, session, _ in try explain(command, session) },
        "pinfo": { command, session, _ in pinfo(command, session, withSource: false) },
        "pinfo2": { command, session, _ in pinfo(command, session, withSource: true) },
        "quickref": { _, session, _ in session.output.write(quickReference + "\n") },
        "help": { _, session, _ in session.output.write(quickReference + "\n") },
        "magic": { _, session, _ in
            session.output.write(magicList(line: Array(lineMagics.keys), cell: Array(cellMagics.keys)))
        },
    ]

    static let cellMagics: [String: Body] = [
        "time": { command, session, _ in try timeCell(command, session) },
        "timeit": { command, session, _ in try timeit(command, session) },
    ]

    /// The magic names (without `%`), for completion.
    public static var lineMagicNames: [String] { lineMagics.keys.sorted() }
    public static var cellMagicNames: [String] { cellMagics.keys.sorted() }
}

extension TypeObject {
    /// A magic used wrongly (unknown name, bad option): IPython's `UsageError`.
    static let usageError = TypeObject(name: "UsageError", parent: .exception, doc: "A magic command was used wrongly.")
}
