import DuskSyntax
import Foundation

/// Loads `stdlib/*.dsk` (prelude first) into the built-in layer, so its functions
/// are global, documented and shadowable like native built-ins.
///
/// The folder is `$DUSK_STDLIB` if set; else `stdlib/` next to this source tree
/// (found from `#filePath`), else `../../stdlib` from the executable (a build
/// folder inside the repository).
enum Prelude {
    static func directory() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["DUSK_STDLIB"] { return env }
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { source.deleteLastPathComponent() }
        let candidates = [source.appendingPathComponent("stdlib").path] + executableRelativeCandidates()
        return candidates.first { fm.fileExists(atPath: $0 + "/prelude.dsk") }
    }

    private static func executableRelativeCandidates() -> [String] {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return [] }
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        var out: [String] = []
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            out.append(url.appendingPathComponent("stdlib").path)
        }
        return out
    }

    /// Runs the stdlib files and copies their public names into the built-ins.
    static func load(into interpreter: Interpreter) -> [Diagnostic] {
        guard let dir = directory() else { return [] }
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".dsk") && $0 != "prelude.dsk" }.sorted()
        var diagnostics: [Diagnostic] = []
        for name in ["prelude.dsk"] + others {
            guard let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8) else { continue }
            diagnostics += run(SourceFile(name: "stdlib/" + name, text: text), into: interpreter)
        }
        return diagnostics
    }

    private static func run(_ file: SourceFile, into interpreter: Interpreter) -> [Diagnostic] {
        guard case .success(let module) = Parser.parse(file) else { return Parser.parse(file).diagnostics }
        let globals = Globals()
        do {
            let compiled = try Compiler.compile(module.body, globals: globals, builtins: interpreter.builtins)
            try compiled.run(ExecutionContext(interpreter: interpreter), globals: globals)
        } catch {
            return [Session.moduleLevel(DuskError.from(error)).diagnostic]
        }
        for name in globals.names where !name.hasPrefix("_") {
            if let v = globals[name] { interpreter.builtins.set(name, v) }
        }
        return []
    }
}
