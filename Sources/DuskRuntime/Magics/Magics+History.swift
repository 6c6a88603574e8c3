/// `%history`: the cells typed in this session.
extension Magics {
    /// `%history [-n] [N]`: every cell (or the last N), numbered as IPython's `%history -n`
    /// numbers them: the number right-aligned in four columns, then `: ` (or `:` and a
    /// newline before a multi-line cell).
    static func showHistory(_ command: MagicCommand, _ session: Session, _ magics: Magics) throws {
        let options = try MagicOptions(parsing: command.arguments, valued: [], flags: ["n"])
        let rest = options.rest.trimmingCharacters(in: " ")
        var entries = Array(magics.inputHistory.enumerated())
        if !rest.isEmpty {
            guard let count = Int(rest), count > 0 else {
                throw DuskError(.usageError, "%history takes a number of cells to show, not '\(rest)'", at: command.location)
            }
            entries = Array(entries.suffix(count))
        }
        var text = ""
        for (index, cell) in entries {
            let number = String(index + 1)
            let padded = String(repeating: " ", count: max(0, 4 - number.count)) + number
            text += padded + ":" + (cell.contains("\n") ? "\n" : " ") + cell + "\n"
        }
        session.output.write(text)
    }
}
