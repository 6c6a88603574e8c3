import DuskSyntax

/// Errors in the statement of a line magic (`%time f(x)`), pointed at the line as typed.
///
/// The statement is parsed on its own, so its errors carry columns counted from the
/// statement's start, in a file of their own. These helpers move them onto the magic's
/// line, past the `%time ` and any options, so the caret lands under the right text.
extension Magics {
    /// Runs `body`; errors located in the separately parsed `statement` are moved onto
    /// the magic's own line.
    static func locatingErrors<T>(of statement: String, in command: MagicCommand, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch SessionError.syntax(let diagnostics) {
            throw SessionError.syntax(diagnostics.map { relocate($0, statement, command) })
        } catch SessionError.runtime(var error) {
            error.location = error.location.map { relocate($0, statement, command) }
            error.traceback = error.traceback.map { entry in
                var entry = entry
                entry.location = entry.location.map { relocate($0, statement, command) }
                return entry
            }
            throw SessionError.runtime(error)
        }
    }

    private static func relocate(_ diagnostic: Diagnostic, _ statement: String, _ command: MagicCommand) -> Diagnostic {
        var moved = diagnostic
        moved.location = diagnostic.location.map { relocate($0, statement, command) }
        return moved
    }

    /// The location on the magic's line, if `location` is in the statement's own file.
    private static func relocate(_ location: SourceLocation, _ statement: String, _ command: MagicCommand) -> SourceLocation {
        let original = command.location
        guard location.file !== original.file, location.file.name == original.file.name,
              location.line == command.bodyFirstLine else { return location }
        let lineText = original.file.line(original.line)
        let typed = lineText.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.count
        let statementStart = typed - statement.count
        guard statementStart >= 0 else { return location }
        return SourceLocation(file: original.file, line: original.line, column: statementStart + location.column,
                              length: location.length)
    }
}
