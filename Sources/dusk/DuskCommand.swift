import ArgumentParser

/// The `dusk` command line: which program to run and how.
///
/// Parsing only; `Launcher` does the work. Exit status: 0 on success, 1 when the
/// program fails, 2 on a usage error (unknown option, missing file).
struct DuskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dusk",
        abstract: "Dusk: lazy chunked arrays in a Python-flavoured language.",
        usage: """
            dusk [-i] [FILE.dsk | -] [ARGS ...]
            dusk [-i] -c CODE [ARGS ...]
            dusk jupyter install [--user | --sys-prefix] [--python PATH]
            """,
        discussion: """
            With no FILE, starts the interactive REPL (line editing, history in
            ~/.dusk_history, tab completion, IPython-style %magics). When standard
            input is not a terminal, the REPL reads it line by line without prompts,
            so it can be driven through a pipe.

            The program sees its arguments as `argv`: the script path (or '-c' / '-')
            followed by ARGS.

            EXAMPLES:
              dusk                          start the REPL
              dusk examples/00_language_tour.dsk
                                            run a script
              dusk report.dsk data.zarr 10  run a script; argv is
                                            ['report.dsk', 'data.zarr', '10']
              dusk -c 'print(ones((2, 2)).sum())'
                                            run a one-line program
              echo 'print(1 + 1)' | dusk -  run a script read from standard input
              dusk -i setup.dsk             run setup.dsk, then the REPL with its variables
              printf '1 + 1\\n' | dusk       drive the REPL through a pipe (prints 2)
              dusk jupyter install --user   make Dusk a Jupyter kernel (see
                                            'dusk jupyter install --help')

            ENVIRONMENT:
              DUSK_HISTORY     history file (default ~/.dusk_history; empty: none)
              DUSK_AUTOINDENT  0 turns off the REPL's indentation of block lines
            """,
        version: DuskVersion.description
    )

    @Option(name: .customShort("c"), help: ArgumentHelp("Run CODE as a program, then exit.", valueName: "CODE"))
    var code: String?

    @Flag(name: .customShort("i"), help: "After running FILE or CODE, open the REPL with its variables.")
    var interactive = false

    @Flag(name: .customLong("jupyter-protocol"),
          help: "Serve a Jupyter kernel: JSON requests on stdin, events on stdout (the dusk_kernel package starts this).")
    var jupyterProtocol = false

    @Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("The script to run ('-' reads it from standard input), then its arguments.", valueName: "FILE.dsk ARGS")
    )
    var scriptAndArguments: [String] = []

    /// What to run, decided from the parsed arguments.
    func launchMode() throws(UsageError) -> LaunchMode {
        if jupyterProtocol {
            guard code == nil, !interactive, scriptAndArguments.isEmpty else {
                throw UsageError("--jupyter-protocol takes no other arguments")
            }
            return .jupyterProtocol
        }
        if let code {
            return .code(code, arguments: scriptAndArguments, thenInteractive: interactive)
        }
        guard let first = scriptAndArguments.first else {
            return .repl
        }
        let rest = Array(scriptAndArguments.dropFirst())
        if first == "-" {
            return .standardInput(arguments: rest, thenInteractive: interactive)
        }
        if first.hasPrefix("-") && first != "--" {
            throw UsageError("unknown option '\(first)'")
        }
        if first == "--" {
            guard let script = rest.first else { return .repl }
            return .script(path: script, arguments: Array(rest.dropFirst()), thenInteractive: interactive)
        }
        return .script(path: first, arguments: rest, thenInteractive: interactive)
    }
}

/// What `dusk` was asked to run.
enum LaunchMode: Equatable {
    /// The REPL (interactive on a terminal, plain on a pipe).
    case repl
    /// A script file with its arguments.
    case script(path: String, arguments: [String], thenInteractive: Bool)
    /// A program given with `-c`.
    case code(String, arguments: [String], thenInteractive: Bool)
    /// A script read from standard input (`dusk -`).
    case standardInput(arguments: [String], thenInteractive: Bool)
    /// The language end of the Jupyter kernel (`--jupyter-protocol`).
    case jupyterProtocol
}

/// A command-line mistake: printed as `dusk: message`, exit status 2.
struct UsageError: Error, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { "dusk: \(message)" }
}

/// The version printed by `--version` and the REPL banner.
enum DuskVersion {
    static let number = "0.1"
    static let description = "Dusk \(number)"
    static let banner = "Dusk \(number) (lazy chunked arrays) — type help() or %quickref"
}

extension DuskCommand {
    /// Parses `arguments` (without the program name) and runs what they ask; returns the exit status.
    static func launch(_ arguments: [String]) -> Int32 {
        // `--help` and `--version` before any script name (after it they belong to the script).
        switch arguments.first {
        case "-h", "--help":
            print(helpMessage())
            return 0
        case "--version":
            print(DuskVersion.description)
            return 0
        case "jupyter":
            return JupyterCommand.launch(Array(arguments.dropFirst()))
        default:
            break
        }
        let mode: LaunchMode
        do {
            mode = try parse(arguments).launchMode()
        } catch let error as UsageError {
            StandardError.write(error.description + "\n" + "Usage: see 'dusk --help'\n")
            return 2
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                return 0
            }
            StandardError.write(fullMessage(for: error) + "\n")
            return 2
        }
        return Launcher(mode: mode).run()
    }
}
