import Foundation

/// Runs the built `dusk` executable as a subprocess, the way a user or a shell would.
///
/// The executable is found next to the test bundle: `swift test` builds every product
/// into one directory (`.build/<triple>/debug/`), which also holds `DuskPackageTests.xctest`.
/// Set `DUSK_BINARY` to test another build (for example a release one).
enum DuskProcess {
    /// What a run produced.
    struct Result {
        /// The exit status, or the signal's number when `signaled`.
        var status: Int32
        var stdout: String
        var stderr: String
        /// The process ended by a signal (a crash, or the timeout's termination).
        var signaled = false
        var timedOut = false
    }

    static let executable: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let custom = environment["DUSK_BINARY"], !custom.isEmpty {
            return URL(fileURLWithPath: custom)
        }
        var candidates: [URL] = []
        let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: selfPath).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("dusk"))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("dusk"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("dusk"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return candidates[0]
    }()

    /// A scratch directory for files the tests write.
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dusk-cli-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `dusk arguments...` with `input` on standard input; history goes nowhere.
    static func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:],
                    directory: URL? = nil, timeout: Double = 30) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DUSK_HISTORY"] = ""
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr

        let collected = Collected()
        stdout.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData, error: false) }
        stderr.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData, error: true) }
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()

        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        let timedOut = process.isRunning
        if timedOut {
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        stdout.fileHandleForReading.readabilityHandler = nil
        stderr.fileHandleForReading.readabilityHandler = nil
        collected.append(stdout.fileHandleForReading.readDataToEndOfFile(), error: false)
        collected.append(stderr.fileHandleForReading.readDataToEndOfFile(), error: true)
        let (out, err) = collected.strings
        return Result(status: process.terminationStatus, stdout: out, stderr: err,
                      signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut)
    }

    /// Output gathered from the pipes' handlers, which run on other threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func append(_ data: Data, error: Bool) {
            lock.lock(); defer { lock.unlock() }
            if error { err.append(data) } else { out.append(data) }
        }
        var strings: (String, String) {
            lock.lock(); defer { lock.unlock() }
            return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }
}
