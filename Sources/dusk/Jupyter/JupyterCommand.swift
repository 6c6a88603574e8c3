import ArgumentParser
import Foundation

/// `dusk jupyter install`: makes Dusk a Jupyter kernel.
///
/// Installs the wrapper package `dusk_kernel` (from the repository's `python/` folder) into
/// the Python that runs Jupyter with pip, then writes the kernelspec `dusk` with that
/// Python's `jupyter kernelspec install`: absolute paths to that Python and to this `dusk`,
/// `interrupt_mode: signal`, the language info (`.dsk`, `text/x-dusk`, Python highlighting).
struct JupyterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dusk jupyter",
        abstract: "Jupyter integration.",
        subcommands: [JupyterInstall.self])

    /// Parses the arguments after `jupyter` and runs; returns the exit status.
    static func launch(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            let status = exitCode(for: error)
            if status == .success {
                print(fullMessage(for: error))
                return 0
            }
            StandardError.write(fullMessage(for: error) + "\n")
            return status.rawValue
        }
    }
}

struct JupyterInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Dusk kernel for Jupyter (JupyterLab, Notebook, VS Code, jupyter console).",
        discussion: """
            Installs the dusk_kernel package into the Python environment that runs Jupyter
            (the python3 first on PATH, or --python) with pip, and writes the kernelspec
            'dusk' (see 'jupyter kernelspec list'). Without --user or --sys-prefix the
            kernelspec goes in the system-wide Jupyter folder, as 'jupyter kernelspec
            install' does. Run it again after moving the dusk executable.
            """)

    @Flag(help: "Install for the current user only (pip --user, the user's Jupyter folder).")
    var user = false

    @Flag(name: .customLong("sys-prefix"), help: "Install the kernelspec into the Python environment's prefix (for a virtualenv or conda env).")
    var sysPrefix = false

    @Option(help: ArgumentHelp("The Python that runs Jupyter (default: python3 on PATH).", valueName: "PATH"))
    var python: String?

    func validate() throws {
        if user && sysPrefix { throw ValidationError("--user and --sys-prefix cannot be used together") }
    }

    func run() throws {
        let pythonPath = try locatePython()
        let interpreter = try capture(pythonPath, ["-c", "import sys; print(sys.executable)"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !interpreter.isEmpty else { throw InstallError("\(pythonPath) did not tell its executable path") }
        let dusk = try executablePath()
        let package = try packageDirectory()

        print("Installing the dusk_kernel package into \(interpreter) ...")
        try runChecked(interpreter, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
                       + (user ? ["--user"] : []) + [package])

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dusk-kernelspec-\(getpid())/dusk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try Self.kernelSpec(python: interpreter, dusk: dusk).write(to: folder.appendingPathComponent("kernel.json"))
        let scope = user ? ["--user"] : sysPrefix ? ["--sys-prefix"] : []
        // jupyter_client's own app (a dependency of the package just installed): `jupyter kernelspec`
        // would look for a `jupyter-kernelspec` script on PATH, which a virtualenv need not have.
        // jupyter_client 8 always replaces an existing spec and warns that its own `replace`
        // setting is deprecated even when nobody set it: that warning is silenced, nothing else.
        try runChecked(interpreter, ["-W", "ignore::DeprecationWarning", "-m", "jupyter_client.kernelspecapp",
                                     "install", folder.path, "--name", "dusk"] + scope)
        print("Done: start JupyterLab ('jupyter lab') and pick the Dusk kernel, or run 'jupyter console --kernel dusk'.")
    }

    /// `kernel.json`: how Jupyter starts the kernel and what it shows about it.
    static func kernelSpec(python: String, dusk: String) throws -> Data {
        let spec: JSONValue = [
            // As ipykernel's own kernelspec: frozen modules off, so its debugger does not warn at start.
            "argv": JSONValue([python, "-Xfrozen_modules=off", "-m", "dusk_kernel", "-f", "{connection_file}"]),
            "display_name": "Dusk",
            "language": "dusk",
            "interrupt_mode": "signal",
            "env": ["DUSK_EXECUTABLE": .string(dusk)],
            "metadata": ["language_info": .object(JupyterKernel.languageInfo)],
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(spec)
    }

    private func locatePython() throws -> String {
        if let python { return python }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw InstallError("no python3 on PATH; name the Python that runs Jupyter with --python PATH")
    }

    /// This executable's absolute path (symbolic links resolved).
    private func executablePath() throws -> String {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        }
        return path
    }

    /// The `python/` folder with the wrapper package: in this source tree, else in the
    /// repository that holds the executable's build folder.
    private func packageDirectory() throws -> String {
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { source.deleteLastPathComponent() }
        var candidates = [source.appendingPathComponent("python").path]
        var url = URL(fileURLWithPath: (try? executablePath()) ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            candidates.append(url.appendingPathComponent("python").path)
        }
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/dusk_kernel/kernel.py") }) {
            return found
        }
        throw InstallError("cannot find the dusk_kernel package (python/ in the Dusk repository); looked in "
                           + candidates.joined(separator: ", "))
    }

    /// Runs a program with this process's standard streams; throws when it fails.
    private func runChecked(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        fflush(nil)  // what this process printed comes before the child's output, also in a pipe
        do { try process.run() } catch { throw InstallError("cannot run \(program): \(error.localizedDescription)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InstallError("'\(([program] + arguments).joined(separator: " "))' failed (status \(process.terminationStatus))")
        }
    }

    /// Runs a program and returns its standard output.
    private func capture(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { throw InstallError("cannot run \(program): \(error.localizedDescription)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw InstallError("\(program) failed (status \(process.terminationStatus))") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A failure of `dusk jupyter install`, printed as `Error: message`.
struct InstallError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
