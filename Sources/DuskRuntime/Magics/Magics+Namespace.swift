/// `%who`, `%whos` and `%reset`: the user's variables.
extension Magics {
    /// The user's variable names, sorted, without `_`-prefixed ones; only those whose
    /// type name is in `types` when it is not empty.
    static func userVariables(_ session: Session, types: Set<String> = []) -> [(String, Value)] {
        session.globalNames
            .filter { !$0.hasPrefix("_") }
            .sorted()
            .compactMap { name in session.globals[name].map { (name, $0) } }
            .filter { types.isEmpty || types.contains($0.1.typeName) }
    }

    /// `%who [TYPE ...]`: names separated by a tab and a space, nine to a line (as IPython).
    static func who(_ command: MagicCommand, _ session: Session) {
        let types = Set(command.arguments.split(separator: " ").map(String.init))
        let names = userVariables(session, types: types).map(\.0)
        guard !names.isEmpty else {
            session.output.write(types.isEmpty ? "Interactive namespace is empty.\n" : "No variables match your requested type.\n")
            return
        }
        var text = ""
        for (index, name) in names.enumerated() {
            text += name + "\t "
            if index % 9 == 8 && index != names.count - 1 { text += "\n" }
        }
        session.output.write(text + "\n")
    }

    /// `%whos [TYPE ...]`: a table of names, types and values, laid out as IPython's.
    static func whos(_ command: MagicCommand, _ session: Session) {
        let types = Set(command.arguments.split(separator: " ").map(String.init))
        let variables = userVariables(session, types: types)
        guard !variables.isEmpty else {
            session.output.write(types.isEmpty ? "Interactive namespace is empty.\n" : "No variables match your requested type.\n")
            return
        }
        let gap = 3
        let nameWidth = max("Variable".count, variables.map { $0.0.count }.max() ?? 0) + gap
        let typeWidth = max("Type".count, variables.map { $0.1.typeName.count }.max() ?? 0) + gap
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var text = pad("Variable", nameWidth) + pad("Type", typeWidth) + " Data/Info\n"
        text += String(repeating: "-", count: nameWidth + typeWidth + "Data/Info".count + 1) + "\n"
        for (name, value) in variables {
            text += pad(name, nameWidth) + pad(value.typeName, typeWidth) + " " + summary(value) + "\n"
        }
        session.output.write(text)
    }

    /// One line about a value: `n=3` for containers, else `str(value)` with newlines
    /// escaped, cut in the middle past 50 characters.
    private static func summary(_ value: Value) -> String {
        switch value {
        case .list(let list): return "n=\(list.count)"
        case .tuple(let items): return "n=\(items.count)"
        case .dict(let dict): return "n=\(dict.count)"
        default: break
        }
        let text = value.str.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
        guard text.count >= 50 else { return text }
        return String(text.prefix(25)) + "<...>" + String(text.suffix(25))
    }

    /// `%reset [-f]`: deletes the user's variables, asking first unless `-f`.
    static func reset(_ command: MagicCommand, _ session: Session, _ magics: Magics) throws {
        let options = try MagicOptions(parsing: command.arguments, valued: [], flags: ["f", "s"])
        if !options.has("f") && !magics.confirm("Once deleted, variables cannot be recovered. Proceed (y/[n])? ") {
            session.output.write("Nothing done.\n")
            return
        }
        session.reset()
    }
}
