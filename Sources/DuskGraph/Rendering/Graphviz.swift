import Foundation

/// Graphviz's `dot`, run as a subprocess: it lays graphs out and renders them. Dusk never
/// computes a layout itself; every picture's positions come from here.
public struct Graphviz: Sendable {
    /// The `dot` executable, or nil when Graphviz is not installed.
    public var executable: String?

    public init(executable: String?) {
        self.executable = executable
    }

    /// The `dot` found on `PATH`.
    public static var system: Graphviz {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Graphviz(executable: candidate) }
        }
        return Graphviz(executable: nil)
    }

    public var isInstalled: Bool { executable != nil }

    /// How to get Graphviz, for messages.
    public static let installHint = "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; "
        + "macOS: brew install graphviz)"

    /// Runs `dot -T<format>` on a DOT source and returns what it printed.
    ///
    /// Input, output and messages go through temporary files, so no pipe can fill up while
    /// the other side waits.
    public func render(_ source: String, format: String) throws(GraphvizError) -> [UInt8] {
        guard let executable else { throw GraphvizError.notInstalled }
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("dusk-dot-" + UUID().uuidString)
        defer { try? files.removeItem(at: folder) }
        let input = folder.appendingPathComponent("graph.dot")
        let output = folder.appendingPathComponent("graph.out")
        let messages = folder.appendingPathComponent("messages.txt")
        let process = Process()
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(source.utf8).write(to: input)
            _ = files.createFile(atPath: messages.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-T" + format, input.path, "-o", output.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: messages)
            try process.run()
        } catch {
            throw GraphvizError.failed("could not run \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = try? Data(contentsOf: output) else {
            let text = (try? String(contentsOf: messages, encoding: .utf8)) ?? ""
            let message = text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw GraphvizError.failed("dot -T\(format) failed (status \(process.terminationStatus))"
                                       + (message.isEmpty ? "" : ": " + message))
        }
        return [UInt8](result)
    }

    /// Lays a graph out (`dot -Tplain`) and returns the positions.
    public func layout(_ source: String) throws(GraphvizError) -> PlainLayout {
        let text = String(decoding: try render(source, format: "plain"), as: UTF8.self)
        guard let layout = PlainLayout(parsing: text) else {
            throw GraphvizError.failed("could not read the layout dot printed")
        }
        return layout
    }
}

/// Why a Graphviz run did not give a picture.
public enum GraphvizError: Error, Sendable, CustomStringConvertible {
    /// No `dot` on `PATH`.
    case notInstalled
    /// `dot` ran and failed, or could not be started.
    case failed(String)

    public var description: String {
        switch self {
        case .notInstalled: "Graphviz's dot was not found on PATH; " + Graphviz.installHint
        case .failed(let message): message
        }
    }
}
