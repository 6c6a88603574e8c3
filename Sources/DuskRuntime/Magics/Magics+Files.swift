#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskSyntax

/// `%run FILE` and `%load FILE`.
extension Magics {
    /// `%run FILE [ARGS...]`: runs a `.dsk` file in the session's globals, so the variables
    /// it defines stay; `argv` is `[FILE, ARGS...]` while it runs.
    static func runFile(_ command: MagicCommand, _ session: Session) throws {
        let words = shellWords(command.arguments)
        guard let path = words.first else {
            throw DuskError(.usageError, "%run needs a file name, as in '%run script.dsk'", at: command.location)
        }
        let text = try readFile(expandHome(path), for: command)
        let previousArgv = session.globals["argv"]
        session.setValue(.makeList(words.map { .str($0) }), named: "argv")
        defer {
            if let previousArgv { session.setValue(previousArgv, named: "argv") } else { _ = session.globals.remove("argv") }
        }
        try runProgram(text, name: path, in: session, asCell: false, command: command)
    }

    /// `%load FILE`: shows the file's code, then runs it as a cell (values of expression
    /// statements are shown, as if it had been typed).
    static func loadFile(_ command: MagicCommand, _ session: Session) throws {
        let path = shellWords(command.arguments).first ?? ""
        guard !path.isEmpty else {
            throw DuskError(.usageError, "%load needs a file name, as in '%load script.dsk'", at: command.location)
        }
        let text = try readFile(expandHome(path), for: command)
        var shown = "# %load \(path)\n" + text
        if !shown.hasSuffix("\n") { shown += "\n" }
        session.output.write(shown)
        try runProgram(text, name: path, in: session, asCell: true, command: command)
    }

    /// Runs a file's text in the session. Text without magics runs as prepared code, so an
    /// error propagates and is reported once, where the file failed. Text with magics (and
    /// `%load` in the REPL, which shows values) runs through the session's own runner, which
    /// reports the error itself; the magic then fails with a note pointing at the file.
    private static func runProgram(_ text: String, name: String, in session: Session, asCell: Bool,
                                   command: MagicCommand) throws {
        let hasMagics = text.split(separator: "\n").contains { $0.hasPrefix("%") }
        if hasMagics || (asCell && session.interactive) {
            let succeeded = asCell
                ? session.runCell(text, name: name).succeeded
                : session.run(file: SourceFile(name: name, text: text))
            if !succeeded {
                throw DuskError(.runtimeError, "%\(command.name) stopped: '\(name)' failed (error above)", at: command.location)
            }
            return
        }
        let code = try session.prepare(text, name: name)
        try session.execute(code)
    }

    /// The text of a file, or a usage error naming the system's reason.
    private static func readFile(_ path: String, for command: MagicCommand) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw DuskError(.fileNotFoundError, "can't open file '\(path)': \(String(cString: strerror(errno)))", at: command.location)
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw DuskError(.fileNotFoundError, "can't open file '\(path)': Is a directory", at: command.location)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `~/x` with the home directory.
    private static func expandHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }

    /// Words split at spaces, with '...' and "..." quoting.
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
